import { useEffect, useState } from "react";
import { dmPolicyRules, fitWildcard } from "../../app/access/policy-rules.ts";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { useAccounts, useConfigEdit, useOwnAddresses, useTestMessage } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";
import { useAutoAdvance } from "./use-auto-advance.ts";

const POLL_MS = 1_000;
// A reply takes a few seconds; after this long something is in the way, and the step says what to look at.
const HINT_AFTER_MS = 30_000;

interface Unlisted {
  accountId: string;
  sender: string;
}

/**
 * Waits for the assistant to answer a direct message sent after this step opened. A message from a
 * sender not on the list (an iPhone often sends from its Apple ID email) is named, with a way to add it.
 */
export function TestMessageStep({ onNext }: { onNext: () => void }) {
  const accounts = useAccounts();
  const account = accounts.kind === "ready" ? accounts.data.accounts[0] : undefined;
  const check = useTestMessage();
  const [since] = useState(() => Date.now());
  const [answered, setAnswered] = useState<string | undefined>();
  const [unlisted, setUnlisted] = useState<Unlisted | undefined>();
  const [waitingSince, setWaitingSince] = useState(since);
  const [now, setNow] = useState(since);
  useEffect(() => {
    if (answered) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      void check({ since }).then((result) => {
        if (!result.ok) return;
        if (result.data.answered) setAnswered(result.data.sender ?? "you");
        else setUnlisted(result.data.unlisted);
      });
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [answered, check, since]);
  useAutoAdvance(answered !== undefined, onNext);
  const slow = !answered && now - waitingSince >= HINT_AFTER_MS;

  return (
    <div className="wizard-body">
      {account ? <AddressToText accountId={account.id} /> : null}
      <div
        className="check-result"
        role="status"
        aria-live="polite"
        data-state={answered ? "granted" : "not-determined"}
      >
        <p className="check-title">
          {answered ? `✓ The assistant answered ${answered}` : "Waiting for your message…"}
        </p>
      </div>
      {!answered && unlisted && account ? <UnlistedSender account={account} unlisted={unlisted} /> : null}
      {slow ? (
        <div className="check-result" data-state="denied">
          <p className="check-title">No answer yet. Things to check:</p>
          <ul className="consent-list">
            <li>You sent the message to the address above, from your iPhone or another device.</li>
            <li>
              The number or email you sent from is on your list (Who it answers): an iPhone often sends from
              its Apple ID email rather than its number.
            </li>
            <li>Messages on this Mac is open and signed in, and shows your message.</li>
            <li>Replies are not paused in the menu bar.</li>
          </ul>
        </div>
      ) : null}
      <StepActions>
        <Button onClick={onNext}>Skip</Button>
        {slow ? (
          <Button variant="primary" onClick={() => setWaitingSince(Date.now())}>
            Check again
          </Button>
        ) : null}
      </StepActions>
    </div>
  );
}

/** The address(es) this Mac receives at, as its recent messages show them; in words on a Mac without any. */
function AddressToText({ accountId }: { accountId: string }) {
  const found = useOwnAddresses(accountId);
  const addresses = found.kind === "ready" ? found.data.addresses : [];
  return addresses.length > 0 ? (
    <p className="wizard-text">
      From your iPhone, send a message such as “hello” to{" "}
      {addresses.map((address, at) => (
        <span key={address}>
          {at > 0 ? " or " : ""}
          <strong>{address}</strong>
        </span>
      ))}
      . The assistant should answer within a few seconds.
    </p>
  ) : (
    <p className="wizard-text">
      From your iPhone, send a message such as “hello” to your own phone number or Apple ID email (the one
      Messages on this Mac is signed in with). The assistant should answer within a few seconds.
    </p>
  );
}

/** A message came from a handle not on the list: say so, and add it through the usual config write. */
function UnlistedSender({ account, unlisted }: { account: AccountView; unlisted: Unlisted }) {
  const edit = useConfigEdit();
  const field = `${account.configPath}.allowFrom`;
  const [added, setAdded] = useState<string | undefined>();
  const listed = added === unlisted.sender || account.allowFrom.includes(unlisted.sender);
  const add = async () => {
    const allowFrom = fitWildcard(dmPolicyRules[account.dmPolicy].allowFrom.wildcard, [
      ...account.allowFrom,
      unlisted.sender,
    ]);
    if (await edit.save(field, { keyPath: field, value: allowFrom })) setAdded(unlisted.sender);
  };
  return (
    <div className="check-result" data-state={listed ? "granted" : "denied"}>
      {listed ? (
        <p className="check-title">Added {unlisted.sender}. Send another message; this one gets an answer.</p>
      ) : (
        <>
          <p className="check-title">
            A message came from {unlisted.sender}, which is not on your list, so the assistant did not answer.
          </p>
          <p className="row-detail">If that is you, add it and send another message.</p>
          {edit.errorFor(field) ? (
            <p className="field-error" role="alert">
              {edit.errorFor(field)}
            </p>
          ) : null}
          <Button variant="primary" disabled={edit.busy} onClick={() => void add()}>
            Add it
          </Button>
        </>
      )}
    </div>
  );
}
