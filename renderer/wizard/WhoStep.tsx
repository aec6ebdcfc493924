import { useId, useState } from "react";
import { dmPolicyRules, fitWildcard } from "../../app/access/policy-rules.ts";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { PolicyChoice } from "../allowlists/PolicyChoice.tsx";
import { dmPolicyOptions } from "../allowlists/policies.ts";
import { useNormalized } from "../allowlists/use-normalized.ts";
import { useAccounts, useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { StepActions } from "./StepActions.tsx";

const ROOT = "channels.imessage";
// Only the two policies a beginner should choose between here; the others are in Allowlists.
const choices = dmPolicyOptions.filter(
  (option) => option.value === "allowlist" || option.value === "pairing",
);

/** The DM policy written in the config for the account, or for the channel it inherits from. */
function writtenPolicy(raw: Record<string, unknown>, accountId: string | undefined): unknown {
  const channel = (raw.channels as { imessage?: Record<string, unknown> } | undefined)?.imessage;
  const accounts = channel?.accounts as Record<string, { dmPolicy?: unknown }> | undefined;
  return (accountId ? accounts?.[accountId]?.dmPolicy : undefined) ?? channel?.dmPolicy;
}

/** The DM policy in plain words and the owner's own number or email, saved together. */
export function WhoStep({ onNext }: { onNext: () => void }) {
  const accounts = useAccounts();
  const account = accounts.kind === "ready" ? accounts.data.accounts[0] : undefined;
  const view = useConfigView();
  // Until the user picks, a policy the config spells out (one an import brought over), else an allowlist.
  const [picked, setPicked] = useState<AccountView["dmPolicy"] | null>(null);
  const written = view.kind === "ready" ? writtenPolicy(view.data.raw, account?.id) : undefined;
  const configured = choices.find((choice) => choice.value === written)?.value;
  const policy = picked ?? configured ?? "allowlist";
  const [owner, setOwner] = useState("");
  const edit = useConfigEdit();
  const formId = useId();
  const inputId = useId();
  const messageId = useId();
  const trimmed = owner.trim();
  const reading = useNormalized(trimmed === "" ? [] : [trimmed], account?.id ?? "default").get(trimmed);
  const base = account?.configPath ?? ROOT;
  const field = `${base}.allowFrom`;

  const save = async () => {
    const entry = reading?.normalized ?? trimmed;
    const others = (account?.allowFrom ?? []).filter((item) => item !== entry);
    const allowFrom = fitWildcard(dmPolicyRules[policy].allowFrom.wildcard, [entry, ...others]);
    const saved = await edit.patch(field, [
      { keyPath: `${base}.allowFrom`, value: allowFrom },
      { keyPath: `${base}.dmPolicy`, value: policy },
      { keyPath: "commands.ownerAllowFrom", value: [entry] },
      // One conversation per person: a shared session would leak one person's messages into another's replies.
      { keyPath: "session.dmScope", value: "per-channel-peer" },
    ]);
    if (saved) onNext();
  };

  return (
    // A form, so Enter in the number field does what Continue does.
    <form
      id={formId}
      className="wizard-body"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed !== "" && !edit.busy) void save();
      }}
    >
      <PolicyChoice
        legend="Who the assistant answers in direct messages"
        options={choices}
        value={policy}
        error={undefined}
        onChoose={setPicked}
      />
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          Your own phone number or email
        </label>
        <input
          id={inputId}
          className="input"
          value={owner}
          placeholder="+1 555 555 0123"
          aria-invalid={reading?.kind === "invalid" || edit.errorFor(field) !== undefined}
          aria-describedby={messageId}
          onChange={(event) => {
            setOwner(event.target.value);
            edit.clearError(field);
          }}
        />
        <FieldMessage
          id={messageId}
          error={edit.errorFor(field)}
          hint={
            reading?.kind === "invalid"
              ? reading.reason
              : reading?.normalized
                ? `Saved as ${reading.normalized}`
                : "So the assistant always answers you."
          }
        />
      </div>
      <StepActions>
        {/* Drawn in the wizard's footer, outside the form: `form` keeps it the form's submit button. */}
        <Button type="submit" form={formId} variant="primary" disabled={trimmed === "" || edit.busy}>
          Continue
        </Button>
      </StepActions>
    </form>
  );
}
