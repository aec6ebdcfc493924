import type { FailureAction } from "../../app/errors/failure-explanation.ts";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import { useOpenSettings } from "../bridge/hooks.ts";
import { Button } from "./Button.tsx";

/** A failure as the core words it: the sentence, a button for what can be done, the raw text under "Details". */
export interface ErrorNoteProps {
  id?: string;
  error: Pick<IpcError, "message" | "detail" | "action">;
  /** What the screen does for the actions only it can do (focus its key field, run again, pick a file). */
  actions?: Partial<Record<FailureAction, () => void>>;
}

const labels: Record<FailureAction, string> = {
  "open-full-disk-access": "Open System Settings",
  "open-automation": "Open System Settings",
  "change-key": "Change key",
  retry: "Try again",
  "choose-imsg": "Choose imsg…",
};

export function ErrorNote({ id, error, actions = {} }: ErrorNoteProps) {
  const openSettings = useOpenSettings();
  const action = error.action;
  const run =
    action === "open-full-disk-access"
      ? () => void openSettings({ pane: "full-disk-access" })
      : action === "open-automation"
        ? () => void openSettings({ pane: "automation" })
        : action
          ? actions[action]
          : undefined;
  return (
    <div id={id} className="error-note" role="alert">
      <p className="field-error">{error.message}</p>
      {action && run ? (
        <Button className="error-note-action" onClick={run}>
          {labels[action]}
        </Button>
      ) : null}
      <RawDetails text={error.detail} shown={error.message} />
    </div>
  );
}

/** The machine text behind a worded failure, folded under "Details" (nothing when it adds nothing). */
export function RawDetails({ text, shown }: { text: string | undefined; shown?: string | undefined }) {
  if (!text || text === shown) return null;
  return (
    <details className="error-note-details">
      <summary>Details</summary>
      <pre className="error-note-raw">{text}</pre>
    </details>
  );
}
