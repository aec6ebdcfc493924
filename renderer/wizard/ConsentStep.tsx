import { useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";
import { providerLabel } from "./saved-setup.ts";

/** What answering from the user's own Apple ID means, said once before they choose who is answered. */
export function ConsentStep({ onNext }: { onNext: () => void }) {
  const view = useConfigView();
  const provider = view.kind === "ready" ? providerLabel(view.data.raw) : undefined;
  return (
    <div className="wizard-body">
      <ul className="consent-list">
        <li>
          <strong>It answers as you.</strong> Replies go out from your own Apple ID: people see them as
          messages from your phone number or email, in the same conversations.
        </li>
        <li>
          <strong>Strangers may hear from you.</strong> If you let people ask for access, someone who is not
          on your list gets a message with a pairing code, sent from your number.
        </li>
        <li>
          <strong>Messages leave this Mac.</strong> The text of each message the assistant answers (and its
          pictures and files) is sent to {provider ?? "the model provider you choose"}, which writes the
          reply.
        </li>
      </ul>
      <p className="wizard-text">You choose who it answers next, and can pause it from the menu bar.</p>
      <StepActions>
        <Button variant="primary" onClick={onNext}>
          I understand
        </Button>
      </StepActions>
    </div>
  );
}
