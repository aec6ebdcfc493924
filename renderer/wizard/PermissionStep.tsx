import { useEffect, useState } from "react";
import type { SetupCheck, SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { useOpenMessages, useOpenSettings, useSetupChecks } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { RawDetails } from "../ui/ErrorNote.tsx";
import { FullDiskAccessHelp } from "./FullDiskAccessHelp.tsx";
import { ImsgSources } from "./ImsgSources.tsx";
import { type PermissionGuide, permissionGuides } from "./permission-guides.ts";
import { StepActions } from "./StepActions.tsx";
import { useAutoAdvance } from "./use-auto-advance.ts";

const POLL_MS = 1_000;
/** A check that takes longer than this is waiting on something the user must see to (a prompt). */
const SLOW_MS = 8_000;

/** The pane each step's own switch lives in; a result may name another (sign-in needs Automation). */
const stepPanes: Partial<Record<SetupCheckId, "full-disk-access" | "automation">> = {
  "full-disk-access": "full-disk-access",
  automation: "automation",
};

/**
 * One permission: what to do, a live check polled every second, and moving on once it passes.
 * Until it passes the step always offers its fix, "Check again" and a way past that says what
 * will not work, so no answer from macOS is a dead end.
 */
export function PermissionStep({
  check,
  onNext,
  onSkip,
  auto,
}: {
  check: SetupCheckId;
  onNext: () => void;
  onSkip: () => void;
  auto: boolean;
}) {
  const view = useSetupChecks([check], POLL_MS);
  const guide = permissionGuides[check];
  const result = view.kind === "ready" ? view.data.checks.find((item) => item.id === check) : undefined;
  const passed = result?.state === "granted" || result?.state === "not-applicable";
  const slow = useSlow(view.kind === "loading");
  useAutoAdvance(passed && auto, onNext);

  return (
    <div className="wizard-body">
      <p className="wizard-text">{guide.intro}</p>
      {passed ? null : <Fixes check={check} result={result} />}
      <div className="check-result" role="status" aria-live="polite" data-state={result?.state ?? view.kind}>
        {view.kind === "failed" ? (
          <>
            <p className="check-title">Pinch cannot check this by itself yet.</p>
            <p className="row-detail">{view.error.message}</p>
          </>
        ) : null}
        {view.kind === "loading" ? (
          <>
            <p className="check-title">{slow ? "Still checking…" : "Checking…"}</p>
            {slow ? <p className="row-detail">{guide.slow}</p> : null}
          </>
        ) : null}
        {result ? <CheckText result={result} guide={guide} /> : null}
      </div>
      {passed ? (
        auto ? null : (
          <StepActions>
            <Button variant="primary" onClick={onNext}>
              Continue
            </Button>
          </StepActions>
        )
      ) : (
        <StepActions>
          <Button onClick={() => view.reload()}>Check again</Button>
          <Button onClick={onSkip}>{guide.skip}</Button>
        </StepActions>
      )}
    </div>
  );
}

/** The buttons that fix what the check found: System Settings, Messages, imsg's sources. */
function Fixes({ check, result }: { check: SetupCheckId; result: SetupCheck | undefined }) {
  const openSettings = useOpenSettings();
  const openMessages = useOpenMessages();
  const [problem, setProblem] = useState("");
  const pane = result?.pane ?? stepPanes[check];
  const paneName = pane === "automation" ? "Automation" : "Full Disk Access";
  const openMessagesButton = check === "messages-signed-in";
  return (
    <>
      {openMessagesButton || pane ? (
        <div className="toolbar-row">
          {openMessagesButton ? (
            <Button
              onClick={async () => {
                const opened = await openMessages({});
                setProblem(opened.ok ? "" : opened.error.message);
              }}
            >
              Open Messages
            </Button>
          ) : null}
          {pane ? (
            <Button
              variant="primary"
              onClick={async () => {
                const opened = await openSettings({ pane });
                setProblem(opened.ok ? "" : opened.error.message);
              }}
            >
              Open System Settings → {paneName}
            </Button>
          ) : null}
        </div>
      ) : null}
      {problem ? (
        <p className="row-detail" role="alert">
          {problem}
        </p>
      ) : null}
      {check === "imsg-installed" && result ? <ImsgSources homebrew={result.homebrew === true} /> : null}
      {check === "full-disk-access" ? <FullDiskAccessHelp /> : null}
    </>
  );
}

function CheckText({ result, guide }: { result: SetupCheck; guide: PermissionGuide }) {
  if (result.state === "granted") return <p className="check-title">✓ Done</p>;
  if (result.state === "not-applicable")
    return <p className="check-title">✓ Not needed here{result.detail ? `: ${result.detail}` : ""}</p>;
  return (
    <>
      <p className="check-title">{result.state === "denied" ? guide.failed : guide.waiting}</p>
      {result.detail ? <p className="row-detail">{result.detail}</p> : null}
      {result.fix ? <p className="row-detail">{result.fix}</p> : null}
      <RawDetails text={result.raw} shown={result.detail} />
    </>
  );
}

/** True once `waiting` has held for SLOW_MS. */
function useSlow(waiting: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!waiting) return;
    const timer = window.setTimeout(() => setSlow(true), SLOW_MS);
    return () => window.clearTimeout(timer);
  }, [waiting]);
  return slow;
}
