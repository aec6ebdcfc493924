import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";
import { useNow } from "../ui/use-now.ts";
import { MODEL_TEST_SECONDS, type ModelTestState } from "./use-model-test.ts";

/** What the hello came to: waiting (with the time left and Cancel), the reply, or the failure in words. */
export function ModelTestStatus({
  state,
  idleText,
  onCancel,
  onRetry,
  onChangeKey,
}: {
  state: ModelTestState;
  idleText: string;
  onCancel: () => void;
  onRetry: () => void;
  onChangeKey: () => void;
}) {
  const tone = state.kind === "answered" ? "granted" : state.kind === "failed" ? "denied" : "not-determined";
  return (
    <div className="check-result" role="status" aria-live="polite" data-state={tone}>
      {state.kind === "waiting" ? (
        <Waiting startedAt={state.startedAt} onCancel={onCancel} />
      ) : (
        <p className="check-title">
          {state.kind === "answered"
            ? "✓ The model answered"
            : state.kind === "cancelled"
              ? "Test cancelled."
              : state.kind === "failed"
                ? "The model did not answer"
                : idleText}
        </p>
      )}
      {state.kind === "answered" ? <p className="row-detail">“{state.reply}”</p> : null}
      {state.kind === "failed" ? (
        <ErrorNote error={state.error} actions={{ retry: onRetry, "change-key": onChangeKey }} />
      ) : null}
    </div>
  );
}

function Waiting({ startedAt, onCancel }: { startedAt: number; onCancel: () => void }) {
  const now = useNow(1000);
  const waited = Math.max(0, Math.floor((now - startedAt) / 1000));
  return (
    <div className="toolbar-row">
      <p className="check-title">
        Asking the model to say hello… {waited} s (Pinch stops waiting after {MODEL_TEST_SECONDS} s)
      </p>
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}
