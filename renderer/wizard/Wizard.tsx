import { useCallback, useMemo, useState } from "react";
import type { ImportReport } from "../../app/import/import-report.ts";
import { LobsterMark } from "../brand/LobsterMark.tsx";
import { useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { ConsentStep } from "./ConsentStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { GroupsStep } from "./GroupsStep.tsx";
import { ImportStep, useOpenclawOffer } from "./ImportStep.tsx";
import { ModelStep } from "./ModelStep.tsx";
import { PermissionStep } from "./PermissionStep.tsx";
import { savedModelRef } from "./saved-setup.ts";
import { checkOfStep, type StepId, steps } from "./steps.ts";
import { TestMessageStep } from "./TestMessageStep.tsx";
import { WhoStep } from "./WhoStep.tsx";
import "./wizard.css";

/**
 * The first-run assistant: one decision per step, each step checking itself and moving on. Run again
 * from Settings, it starts from the saved answers and `onCancel` leaves it at any step, keeping only
 * what earlier steps saved.
 */
export function Wizard({ onDone, onCancel }: { onDone: () => void; onCancel?: (() => void) | undefined }) {
  const [index, setIndex] = useState(0);
  // After Back, a step that already passes waits for Continue instead of moving straight on again.
  const [wentBack, setWentBack] = useState(false);
  const openclaw = useOpenclawOffer();
  const shown = useMemo(() => steps.filter((item) => item.id !== "import" || openclaw), [openclaw]);
  const next = useCallback(() => {
    setWentBack(false);
    setIndex((current) => Math.min(current + 1, shown.length - 1));
  }, [shown]);
  const step = shown[index] ?? shown[0];
  if (!step) return null;

  return (
    <div className="wizard">
      <nav className="wizard-steps" aria-label="Setup steps">
        <LobsterMark size={40} />
        <ol>
          {shown.map((item, at) => (
            <li key={item.id} aria-current={at === index ? "step" : undefined} data-done={at < index}>
              {item.label}
            </li>
          ))}
        </ol>
      </nav>
      <main className="wizard-main" aria-labelledby="wizard-title">
        <h1 id="wizard-title" className="wizard-title">
          {step.title}
        </h1>
        <StepBody
          key={step.id}
          id={step.id}
          onNext={next}
          onDone={onDone}
          auto={!wentBack}
          openclaw={openclaw}
        />
        {(index > 0 || onCancel) && step.id !== "done" ? (
          <div className="wizard-footer toolbar-row">
            {index > 0 ? (
              <Button
                onClick={() => {
                  setWentBack(true);
                  setIndex(index - 1);
                }}
              >
                Back
              </Button>
            ) : null}
            {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
          </div>
        ) : null}
      </main>
    </div>
  );
}

function StepBody({
  id,
  onNext,
  onDone,
  auto,
  openclaw,
}: {
  id: StepId;
  onNext: () => void;
  onDone: () => void;
  auto: boolean;
  openclaw: ImportReport | undefined;
}) {
  const check = checkOfStep[id];
  if (check) return <PermissionStep check={check} onNext={onNext} auto={auto} />;
  switch (id) {
    case "welcome":
      return (
        <div className="wizard-body">
          <p className="wizard-text">
            Pinch puts an AI assistant on iMessage. This takes a few minutes: Pinch checks each step for you
            and moves on by itself.
          </p>
          <Button variant="primary" onClick={onNext}>
            Get started
          </Button>
        </div>
      );
    case "import":
      return openclaw ? <ImportStep report={openclaw} onNext={onNext} /> : null;
    case "consent":
      return <ConsentStep onNext={onNext} />;
    case "who":
      return <WhoStep onNext={onNext} />;
    case "groups":
      return <GroupsStep onNext={onNext} />;
    case "model":
      return <ModelStep onNext={onNext} />;
    case "test":
      return <TestMessageStep onNext={onNext} />;
    default:
      return <FinalStep onDone={onDone} />;
  }
}

function FinalStep({ onDone }: { onDone: () => void }) {
  const view = useConfigView();
  const hasModel = view.kind === "ready" && savedModelRef(view.data.raw) !== undefined;
  return <DoneStep hasModel={hasModel} onDone={onDone} />;
}
