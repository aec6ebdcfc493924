import { useEffect, useState } from "react";
import type { ImportReport } from "../../app/import/import-report.ts";
import { useOpenclawImport } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";

/**
 * Shown when OpenClaw's state directory exists: what an import brings over (config keys and
 * approved senders), with Import and Skip. Imported senders are answered without a new code.
 */
export function ImportStep({ report, onNext }: { report: ImportReport; onNext: () => void }) {
  const { apply } = useOpenclawImport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<ImportReport | undefined>();
  const senders = report.approvals.reduce((sum, account) => sum + account.add.length, 0);
  const refused = report.config.errors;

  const importNow = async () => {
    setBusy(true);
    const result = await apply({});
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    if (result.data.config.errors.length > 0) return setError(result.data.config.errors.join("; "));
    setDone(result.data);
  };

  return (
    <div className="wizard-body">
      <p className="wizard-text">
        Pinch found OpenClaw in {report.from}. It can bring over its iMessage settings and the people you
        approved, so they are answered without a new pairing code.
      </p>
      <section className="import-summary" aria-label="What will be imported">
        <p>
          {report.config.set.length} setting{report.config.set.length === 1 ? "" : "s"} into{" "}
          {report.configPath}
        </p>
        <ul>
          {report.approvals.map((account) => (
            <li key={account.account}>
              {account.account}: {account.add.length > 0 ? account.add.join(", ") : "no new senders"}
            </li>
          ))}
        </ul>
        {report.config.set.some((item) => item.keyPath.endsWith("apiKey")) ? (
          <p>Model keys are not copied: enter them in the Model step.</p>
        ) : null}
        {report.config.leftOut.length > 0 ? (
          <p>Left out, not supported by Pinch: {report.config.leftOut.join(", ")}</p>
        ) : null}
      </section>
      {refused.length > 0 || error ? (
        <p className="field-error" role="alert">
          {error ?? `Pinch would refuse the imported config: ${refused.join("; ")}`}
        </p>
      ) : null}
      {done ? (
        <div className="check-result" role="status" data-state="granted">
          <p className="check-title">
            ✓ Imported {done.config.set.length} settings and {senders} approved sender
            {senders === 1 ? "" : "s"}
          </p>
        </div>
      ) : null}
      <StepActions>
        {done ? (
          <Button variant="primary" onClick={onNext}>
            Continue
          </Button>
        ) : (
          <>
            <Button variant="primary" disabled={busy || refused.length > 0} onClick={() => void importNow()}>
              Import
            </Button>
            <Button onClick={onNext}>Skip</Button>
          </>
        )}
      </StepActions>
    </div>
  );
}

/** OpenClaw's import report when its state directory exists, asked once when the wizard opens. */
export function useOpenclawOffer(): ImportReport | undefined {
  const { preview } = useOpenclawImport();
  const [report, setReport] = useState<ImportReport | undefined>();
  useEffect(() => {
    void preview({}).then((result) => {
      if (result.ok && result.data.found) setReport(result.data.report);
    });
  }, [preview]);
  return report;
}
