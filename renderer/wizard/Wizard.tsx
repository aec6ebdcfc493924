import { useCallback, useMemo, useState } from "react";
import type { ImportReport } from "../../app/import/import-report.ts";
import type { SetupCheckId } from "../../app/ipc/setup-schemas.ts";
import { LobsterMark } from "../brand/LobsterMark.tsx";
import { useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { useFocusOnChange } from "../ui/use-focus-on-change.ts";
import { ConsentStep } from "./ConsentStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { GroupsStep } from "./GroupsStep.tsx";
import { ImportStep, useOpenclawOffer } from "./ImportStep.tsx";
import { ModelStep } from "./ModelStep.tsx";
import { PermissionStep } from "./PermissionStep.tsx";
import { StepActions, StepActionsSlot } from "./StepActions.tsx";
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
export function Wizard({
  onDone,
  onCancel,
  focusTitle,
}: {
  onDone: () => void;
  onCancel?: (() => void) | undefined;
  focusTitle: boolean;
}) {
  const [index, setIndex] = useState(0);
  const [actionsSlot, setActionsSlot] = useState<HTMLDivElement | null>(null);
  // After Back, a step that already passes waits for Continue instead of moving straight on again.
  const [wentBack, setWentBack] = useState(false);
  // Permission steps the user went past without passing: the step list and Done say what won't work.
  const [skipped, setSkipped] = useState<readonly SetupCheckId[]>([]);
  const openclaw = useOpenclawOffer();
  const shown = useMemo(() => steps.filter((item) => item.id !== "import" || openclaw), [openclaw]);
  const next = useCallback(() => {
    setWentBack(false);
    setIndex((current) => Math.min(current + 1, shown.length - 1));
  }, [shown]);
  const step = shown[index] ?? shown[0];
  const check = step ? checkOfStep[step.id] : undefined;
  // Stable between renders: a step's auto-advance timer restarts whenever onNext changes.
  const passed = useCallback(() => {
    // A step passed after all (say, after Back) is no longer skipped.
    if (check) setSkipped((current) => current.filter((id) => id !== check));
    next();
  }, [check, next]);
  const titleRef = useFocusOnChange<HTMLHeadingElement>(step?.id ?? "", focusTitle);
  if (!step) return null;
  const skip = () => {
    if (check) setSkipped((current) => [...current.filter((id) => id !== check), check]);
    next();
  };

  return (
    <div className="wizard">
      <nav className="wizard-steps" aria-label="Setup steps">
        <LobsterMark size={40} />
        <ol>
          {shown.map((item, at) => (
            <li key={item.id} aria-current={at === index ? "step" : undefined} data-done={at < index}>
              {item.label}
              {skippedOf(item.id, skipped) ? <span className="step-skipped"> (skipped)</span> : null}
            </li>
          ))}
        </ol>
      </nav>
      <main className="wizard-main" aria-labelledby="wizard-title">
        <div className="wizard-column">
          <h1 id="wizard-title" className="wizard-title" ref={titleRef} tabIndex={-1}>
            {step.title}
          </h1>
          <StepActionsSlot.Provider value={actionsSlot}>
            <StepBody
              key={step.id}
              id={step.id}
              onNext={passed}
              onSkip={skip}
              skipped={skipped}
              onDone={onDone}
              auto={!wentBack}
              openclaw={openclaw}
            />
          </StepActionsSlot.Provider>
          <div className="wizard-footer">
            {index > 0 && step.id !== "done" ? (
              <Button
                onClick={() => {
                  setWentBack(true);
                  setIndex(index - 1);
                }}
              >
                Back
              </Button>
            ) : null}
            {onCancel && step.id !== "done" ? <Button onClick={onCancel}>Cancel</Button> : null}
            <div className="wizard-actions" ref={setActionsSlot} />
          </div>
        </div>
      </main>
    </div>
  );
}

function skippedOf(id: StepId, skipped: readonly SetupCheckId[]): boolean {
  const check = checkOfStep[id];
  return check !== undefined && skipped.includes(check);
}

function StepBody({
  id,
  onNext,
  onSkip,
  skipped,
  onDone,
  auto,
  openclaw,
}: {
  id: StepId;
  onNext: () => void;
  onSkip: () => void;
  skipped: readonly SetupCheckId[];
  onDone: () => void;
  auto: boolean;
  openclaw: ImportReport | undefined;
}) {
  const check = checkOfStep[id];
  if (check) return <PermissionStep check={check} onNext={onNext} onSkip={onSkip} auto={auto} />;
  switch (id) {
    case "welcome":
      return (
        <div className="wizard-body">
          <p className="wizard-text">
            Pinch puts an AI assistant on iMessage. This takes a few minutes: Pinch checks each step for you
            and moves on by itself.
          </p>
          <StepActions>
            <Button variant="primary" onClick={onNext}>
              Get started
            </Button>
          </StepActions>
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
      return <FinalStep onDone={onDone} skipped={skipped} />;
  }
}

function FinalStep({ onDone, skipped }: { onDone: () => void; skipped: readonly SetupCheckId[] }) {
  const view = useConfigView();
  const hasModel = view.kind === "ready" && savedModelRef(view.data.raw) !== undefined;
  return <DoneStep hasModel={hasModel} onDone={onDone} skipped={skipped} />;
}
