import { useEffect, useState } from "react";
import { useTestMessage } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";
import { useAutoAdvance } from "./use-auto-advance.ts";

const POLL_MS = 1_000;

/** Waits for the assistant to answer a direct message sent after this step opened. */
export function TestMessageStep({ onNext }: { onNext: () => void }) {
  const check = useTestMessage();
  const [since] = useState(() => Date.now());
  const [answered, setAnswered] = useState<string | undefined>();
  useEffect(() => {
    if (answered) return;
    const timer = window.setInterval(() => {
      void check({ since }).then((result) => {
        if (result.ok && result.data.answered) setAnswered(result.data.sender ?? "you");
      });
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [answered, check, since]);
  useAutoAdvance(answered !== undefined, onNext);

  return (
    <div className="wizard-body">
      <p className="wizard-text">
        From your iPhone, send a message to this Mac's Apple ID, for example “hello”. The assistant should
        answer within a few seconds.
      </p>
      <div
        className="check-result"
        role="status"
        aria-live="polite"
        data-state={answered ? "granted" : "not-determined"}
      >
        <p className="check-title">
          {answered ? `✓ The assistant answered ${answered}` : "Waiting for your message…"}
        </p>
      </div>
      <StepActions>
        <Button onClick={onNext}>Skip</Button>
      </StepActions>
    </div>
  );
}
