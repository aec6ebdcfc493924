import { useState } from "react";
import type { IpcError } from "../../app/ipc/ipc-result.ts";
import { useDiagnostics } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { ErrorNote } from "../ui/ErrorNote.tsx";

/** Copies a redacted report (states and recent log, no handles or keys) for a bug report. */
export function CopyDiagnostics() {
  const diagnostics = useDiagnostics();
  const [note, setNote] = useState("");
  const [fallback, setFallback] = useState<string | null>(null);
  const [failure, setFailure] = useState<IpcError | undefined>();

  const copy = async () => {
    const result = await diagnostics({});
    setFailure(result.ok ? undefined : result.error);
    if (!result.ok) {
      setNote("");
      return;
    }
    try {
      await navigator.clipboard.writeText(result.data.text);
      setNote("Copied. Phone numbers, emails and keys are left out.");
      setFallback(null);
    } catch {
      setNote("Could not reach the clipboard: select the text below and copy it.");
      setFallback(result.data.text);
    }
  };

  return (
    <section aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title" className="group-title">
        Diagnostics
      </h2>
      <div className="group row">
        <p className="row-main row-detail">A redacted report of every account's state and the recent log.</p>
        <Button onClick={() => void copy()}>Copy diagnostics</Button>
      </div>
      <p className="field-ok" role="status">
        {note}
      </p>
      {failure ? <ErrorNote error={failure} actions={{ retry: () => void copy() }} /> : null}
      {fallback ? (
        <textarea className="textarea mono" aria-label="Diagnostics" readOnly value={fallback} rows={8} />
      ) : null}
    </section>
  );
}
