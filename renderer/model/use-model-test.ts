import { useCallback, useEffect, useRef, useState } from "react";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import { useModelSetup } from "../bridge/hooks.ts";

/** How long the window lets a hello take; it says so while it waits and offers Cancel. */
export const MODEL_TEST_SECONDS = 20;

export type ModelTestState =
  | { kind: "idle" }
  | { kind: "waiting"; startedAt: number }
  | { kind: "answered"; reply: string }
  | { kind: "failed"; error: IpcError }
  | { kind: "cancelled" };

/** The live hello of the saved model: run, cancel, and what came of it. */
export function useModelTest() {
  const { test, cancelTest } = useModelSetup();
  const [state, setState] = useState<ModelTestState>({ kind: "idle" });
  // A cancelled test still answers later; only the newest run may set the state.
  const runRef = useRef(0);
  useEffect(
    () => () => {
      runRef.current += 1;
    },
    [],
  );

  const run = useCallback(async (): Promise<ModelTestState> => {
    const runId = ++runRef.current;
    setState({ kind: "waiting", startedAt: Date.now() });
    const answer = await test({ timeoutSeconds: MODEL_TEST_SECONDS });
    if (runId !== runRef.current) return { kind: "cancelled" };
    const next: ModelTestState = answer.ok
      ? { kind: "answered", reply: answer.data.reply }
      : answer.error.code === "cancelled"
        ? { kind: "cancelled" }
        : { kind: "failed", error: answer.error };
    setState(next);
    return next;
  }, [test]);

  const cancel = useCallback(() => {
    runRef.current += 1;
    setState({ kind: "cancelled" });
    void cancelTest({});
  }, [cancelTest]);

  const reset = useCallback(() => setState({ kind: "idle" }), []);
  return { state, run, cancel, reset };
}
