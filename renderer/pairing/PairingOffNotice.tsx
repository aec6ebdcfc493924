import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";

/** With "only my list", strangers get no code: this screen would stay empty without saying why. */
export function PairingOffNotice({ account, onSaved }: { account: AccountView; onSaved: () => void }) {
  const edit = useConfigEdit(onSaved);
  const field = `dmPolicy-${account.id}`;
  const headingId = `pairing-off-${account.id}`;
  return (
    <section className="group pairing-off" aria-labelledby={headingId}>
      <h2 id={headingId} className="pairing-off-title">
        Pairing is off
      </h2>
      <p className="pairing-off-text">
        Only people on your list can message the assistant; anyone else gets no answer and no code. Turn on
        pairing to let a stranger ask with a code, which you approve here.
      </p>
      <div className="row-actions">
        <Button
          variant="primary"
          disabled={edit.busy}
          onClick={() =>
            void edit.save(field, { keyPath: `${account.configPath}.dmPolicy`, value: "pairing" })
          }
        >
          Turn on pairing
        </Button>
      </div>
      <p className="field-error" role="alert">
        {edit.errorFor(field) ?? ""}
      </p>
    </section>
  );
}
