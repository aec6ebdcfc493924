import { useCallback, useMemo, useState } from "react";
import type { ImportReport } from "../../app/import/import-report.ts";
import { LobsterMark } from "../brand/LobsterMark.tsx";
import { useSetPrefs } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { useFocusOnChange } from "../ui/use-focus-on-change.ts";
import { GroupsStep } from "./GroupsStep.tsx";
import { ImportStep, useOpenclawOffer } from "./ImportStep.tsx";
import { ModelStep } from "./ModelStep.tsx";
import { PermissionStep } from "./PermissionStep.tsx";
import { StepActions, StepActionsSlot } from "./StepActions.tsx";
import { checkOfStep, type StepId, steps } from "./steps.ts";
import { TestMessageStep } from "./TestMessageStep.tsx";
import { WhoStep } from "./WhoStep.tsx";
import "./wizard.css";

/** The first-run assistant: one decision per step, each step checking itself and moving on. */
export function Wizard({ onDone, focusTitle }: { onDone: () => void; focusTitle: boolean }) {
  const [index, setIndex] = useState(0);
  const [actionsSlot, setActionsSlot] = useState<HTMLDivElement | null>(null);
  // After Back, a step that already passes waits for Continue instead of moving straight on again.
  const [wentBack, setWentBack] = useState(false);
  const openclaw = useOpenclawOffer();
  const shown = useMemo(() => steps.filter((item) => item.id !== "import" || openclaw), [openclaw]);
  const next = useCallback(() => {
    setWentBack(false);
    setIndex((current) => Math.min(current + 1, shown.length - 1));
  }, [shown]);
  const step = shown[index] ?? shown[0];
  const titleRef = useFocusOnChange<HTMLHeadingElement>(step?.id ?? "", focusTitle);
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
        <div className="wizard-column">
          <h1 id="wizard-title" className="wizard-title" ref={titleRef} tabIndex={-1}>
            {step.title}
          </h1>
          <StepActionsSlot.Provider value={actionsSlot}>
            <StepBody
              key={step.id}
              id={step.id}
              onNext={next}
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
            <div className="wizard-actions" ref={setActionsSlot} />
          </div>
        </div>
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
          <StepActions>
            <Button variant="primary" onClick={onNext}>
              Get started
            </Button>
          </StepActions>
        </div>
      );
    case "import":
      return openclaw ? <ImportStep report={openclaw} onNext={onNext} /> : null;
    case "who":
      return <WhoStep onNext={onNext} />;
    case "groups":
      return <GroupsStep onNext={onNext} />;
    case "model":
      return <ModelStep onNext={onNext} />;
    case "test":
      return <TestMessageStep onNext={onNext} />;
    default:
      return <DoneStep onDone={onDone} />;
  }
}

function DoneStep({ onDone }: { onDone: () => void }) {
  const setPrefs = useSetPrefs();
  return (
    <div className="wizard-body">
      <p className="wizard-text">
        The assistant is answering. Pinch lives in the menu bar: click the lobster for pairing requests and
        status.
      </p>
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
