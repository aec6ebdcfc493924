import { useState } from "react";
import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { useInstallImsg, useOpenSettings, useSetupChecks } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";
import { useAutoAdvance } from "./use-auto-advance.ts";

const POLL_MS = 1_000;

interface Guide {
  intro: string;
  pane?: "full-disk-access" | "automation";
  waiting: string;
  /** What a failed check is called here: a missing program is not a refused permission. */
  failed: string;
}

const guides: Record<SetupCheckId, Guide> = {
  "messages-signed-in": {
    intro: "Open Messages on this Mac and sign in with the Apple ID the assistant should answer for.",
    waiting: "Waiting for Messages to be signed in…",
    failed: "Messages is not signed in yet",
  },
  "imsg-installed": {
    intro:
      "Pinch talks to Messages through a small program, imsg. Pinch can install it with Homebrew in Terminal.",
    waiting: "Waiting for imsg…",
    failed: "imsg is not installed yet",
  },
  "full-disk-access": {
    intro:
      "Messages keeps its history in a protected folder. In System Settings → Privacy & Security → Full Disk Access, turn on Pinch.",
    pane: "full-disk-access",
    waiting: "Waiting for Full Disk Access…",
    failed: "Not allowed yet",
  },
  automation: {
    intro:
      "To send replies, Pinch asks Messages to send them. When macOS asks whether Pinch may control Messages, click OK.",
    pane: "automation",
    waiting: "Waiting for permission to control Messages…",
    failed: "Not allowed yet",
  },
};

/** One permission: what to do, a live check polled every second, and moving on once it passes. */
export function PermissionStep({
  check,
  onNext,
  auto,
}: {
  check: SetupCheckId;
  onNext: () => void;
  auto: boolean;
}) {
  const view = useSetupChecks([check], POLL_MS);
  const openSettings = useOpenSettings();
  const guide = guides[check];
  const result = view.kind === "ready" ? view.data.checks.find((item) => item.id === check) : undefined;
  const passed = result?.state === "granted" || result?.state === "not-applicable";
  useAutoAdvance(passed && auto, onNext);

  return (
    <div className="wizard-body">
      <p className="wizard-text">{guide.intro}</p>
      {check === "imsg-installed" && result?.state === "denied" ? <InstallImsg /> : null}
      {guide.pane ? (
        <Button onClick={() => void openSettings({ pane: guide.pane ?? "full-disk-access" })}>
          Open System Settings
        </Button>
      ) : null}
      <div className="check-result" role="status" aria-live="polite" data-state={result?.state ?? view.kind}>
        {view.kind === "failed" ? (
          <>
            <p className="check-title">Pinch cannot check this by itself yet.</p>
            <p className="row-detail">{view.error.message}</p>
          </>
        ) : null}
        {view.kind === "loading" ? <p className="check-title">Checking…</p> : null}
        {result ? (
          <CheckText state={result.state} detail={result.detail} fix={result.fix} guide={guide} />
        ) : null}
      </div>
      {view.kind === "failed" || (passed && !auto) ? (
        <StepActions>
          <Button variant="primary" onClick={onNext}>
            Continue
          </Button>
        </StepActions>
      ) : null}
    </div>
  );
}

function CheckText({
  state,
  detail,
  fix,
  guide,
}: {
  state: string;
  detail?: string | undefined;
  fix?: string | undefined;
  guide: Guide;
}) {
  if (state === "granted") return <p className="check-title">✓ Done</p>;
  if (state === "not-applicable")
    return <p className="check-title">✓ Not needed here{detail ? `: ${detail}` : ""}</p>;
  return (
    <>
      <p className="check-title">{state === "denied" ? guide.failed : guide.waiting}</p>
      {detail ? <p className="row-detail">{detail}</p> : null}
      {fix ? <p className="row-detail">{fix}</p> : null}
    </>
  );
}

function InstallImsg() {
  const install = useInstallImsg();
  const [note, setNote] = useState("");
  return (
    <div className="toolbar-row">
      <Button
        onClick={async () => {
          const result = await install({});
          setNote(
            result.ok
              ? `Terminal is running ${result.data.command}. Pinch checks again by itself.`
              : result.error.message,
          );
        }}
      >
        Install with Homebrew
      </Button>
      <span className="row-detail" role="status">
        {note}
      </span>
    </div>
  );
}
