import type { ImsgView } from "../../app/ipc/view-schemas.ts";

/** What an account's imsg is, in words: "imsg 0.15.4 · protocol 1 · bridge off", then what else it said. */
export function ImsgFacts({ imsg }: { imsg: ImsgView }) {
  const more = moreFacts(imsg);
  return (
    <>
      <p className="account-detail">{buildLine(imsg)}</p>
      {more ? <p className="account-detail">{more}</p> : null}
      {imsg.update ? <UpdateNote update={imsg.update} /> : null}
    </>
  );
}

function buildLine(imsg: ImsgView): string {
  const name = imsg.version ? `imsg ${imsg.version} · ` : "imsg ";
  const protocol = imsg.protocol > 0 ? `protocol ${imsg.protocol}` : "before protocol 1";
  return `${name}${protocol} · bridge ${imsg.bridgeReady ? "on" : "off"}`;
}

/** Engine, database and features, where the build reports them (a build before protocol 1 does not). */
function moreFacts(imsg: ImsgView): string | undefined {
  const facts = [
    imsg.engineCommit ? `engine ${imsg.engineCommit.slice(0, 7)}` : undefined,
    imsg.databaseReady === undefined ? undefined : `database ${imsg.databaseReady ? "ready" : "not ready"}`,
    imsg.protocol === 0
      ? undefined
      : imsg.features.length > 0
        ? `features: ${imsg.features.join(", ")}`
        : "no optional features",
  ].filter((fact) => fact !== undefined);
  return facts.length > 0 ? facts.join(" · ") : undefined;
}

function UpdateNote({ update }: { update: NonNullable<ImsgView["update"]> }) {
  return (
    <div className="imsg-update" role="note" aria-label="Update imsg">
      <p className="imsg-update-title">Update imsg</p>
      <p className="account-detail">{update.why}.</p>
      <p className="account-detail">
        In Terminal on the Mac that runs imsg: <code className="command">{update.upgrade}</code>, then quit
        and reopen Pinch. To install it fresh: <code className="command">{update.install}</code>.
      </p>
    </div>
  );
}
