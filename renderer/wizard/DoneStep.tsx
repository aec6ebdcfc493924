import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { useSetPrefs } from "../bridge/hooks.ts";
import { usePrefSwitch } from "../settings/use-pref-switch.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { SkippedChecks } from "./SkippedChecks.tsx";
import { StepActions } from "./StepActions.tsx";

/**
 * The end of setup: what the assistant does now (nothing for others while there is no model), and
 * the offer to start at login that Apple's guidance asks a menu-bar app to make rather than assume.
 */
export function DoneStep({
  hasModel,
  onDone,
  skipped,
}: {
  hasModel: boolean;
  onDone: () => void;
  skipped: readonly SetupCheckId[];
}) {
  const setPrefs = useSetPrefs();
  const login = usePrefSwitch("startAtLogin");
  return (
    <div className="wizard-body">
      {hasModel ? (
        <p className="wizard-text">
          The assistant is answering. Pinch lives in the menu bar: click the lobster for pairing requests and
          status.
        </p>
      ) : (
        <p className="wizard-text">
          No model is set up yet, so the assistant answers nobody but you, and tells you to set one up. Choose
          a model in Settings to get real answers. Pinch lives in the menu bar: click the lobster for pairing
          requests and status.
        </p>
      )}
      <SkippedChecks skipped={skipped} />
      <label className="toolbar-row">
        <input
          type="checkbox"
          checked={login.checked}
          disabled={!login.ready}
          onChange={(event) => void login.set(event.target.checked)}
        />
        Start Pinch when I log in
      </label>
      {login.error ? <ErrorNote error={login.error} /> : null}
      <StepActions>
        <Button
          variant="primary"
          onClick={async () => {
            await setPrefs({ firstRunDone: true });
            onDone();
          }}
        >
          Open Pinch
        </Button>
      </StepActions>
    </div>
  );
}
