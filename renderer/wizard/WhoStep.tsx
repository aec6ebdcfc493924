import { useEffect, useId, useState } from "react";
import { dmPolicyRules, fitWildcard } from "../../app/access/policy-rules.ts";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { PolicyChoice } from "../allowlists/PolicyChoice.tsx";
import { dmPolicyOptions } from "../allowlists/policies.ts";
import { useNormalized } from "../allowlists/use-normalized.ts";
import { useAccounts, useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { FieldMessage } from "../ui/FieldMessage.tsx";
import { StepActions } from "./StepActions.tsx";
import { hasDmScope, savedOwner } from "./saved-setup.ts";

type DmPolicy = AccountView["dmPolicy"];
const ROOT = "channels.imessage";
// The choices a beginner weighs here ("No one" lives in Allowlists, unless the config already has it).
const offered: readonly DmPolicy[] = ["allowlist", "pairing", "open"];

/** The DM policy written in the config for the account, or for the channel it inherits from. */
function writtenPolicy(raw: Record<string, unknown>, accountId: string | undefined): DmPolicy | undefined {
  const channel = (raw.channels as { imessage?: Record<string, unknown> } | undefined)?.imessage;
  const accounts = channel?.accounts as Record<string, { dmPolicy?: unknown }> | undefined;
  const written = (accountId ? accounts?.[accountId]?.dmPolicy : undefined) ?? channel?.dmPolicy;
  return dmPolicyOptions.find((option) => option.value === written)?.value;
}

/**
 * The DM policy in plain words and the owner's own number or email. It starts from what the config
 * says and saves only what the user changed: Continue without a change writes nothing.
 */
export function WhoStep({ onNext }: { onNext: () => void }) {
  const accounts = useAccounts();
  const account = accounts.kind === "ready" ? accounts.data.accounts[0] : undefined;
  const view = useConfigView();
  const raw = view.kind === "ready" ? view.data.raw : undefined;
  const written = raw ? writtenPolicy(raw, account?.id) : undefined;
  const saved = raw ? savedOwner(raw) : undefined;
  const [picked, setPicked] = useState<DmPolicy | null>(null);
  const [typed, setTyped] = useState<string | null>(null);
  // Until the user picks, the policy the config spells out (an earlier setup or an import), else an allowlist.
  const policy = picked ?? written ?? "allowlist";
  const owner = typed ?? saved ?? "";
  const choices = dmPolicyOptions.filter(
    (option) => offered.includes(option.value) || option.value === written,
  );
  const edit = useConfigEdit();
  const formId = useId();
  const inputId = useId();
  const messageId = useId();
  const trimmed = owner.trim();
  const reading = useNormalized(trimmed === "" ? [] : [trimmed], account?.id ?? "default").get(trimmed);
  const base = account?.configPath ?? ROOT;
  const field = `${base}.allowFrom`;
  const unchanged = policy === written && trimmed === saved;
  // Enter pressed while the core is still reading the number: it goes through once the reading arrives.
  const [queued, setQueued] = useState(false);

  const save = async () => {
    if (unchanged) {
      onNext();
      return;
    }
    // Continue waits for the core's reading, so an unconverted number is never saved beside its E.164 form.
    const entry = reading?.normalized ?? trimmed;
    const current = account?.allowFrom ?? [];
    const allowFrom = fitWildcard(dmPolicyRules[policy].allowFrom.wildcard, [
      entry,
      ...current.filter((item) => item !== entry),
    ]);
    const edits: { keyPath: string; value: unknown }[] = [];
    if (JSON.stringify(allowFrom) !== JSON.stringify(current))
      edits.push({ keyPath: field, value: allowFrom });
    if (policy !== written) edits.push({ keyPath: `${base}.dmPolicy`, value: policy });
    if (entry !== saved) edits.push({ keyPath: "commands.ownerAllowFrom", value: [entry] });
    // One conversation per person: a shared session would leak one person's messages into another's replies.
    if (raw && !hasDmScope(raw)) edits.push({ keyPath: "session.dmScope", value: "per-channel-peer" });
    if (edits.length === 0 || (await edit.patch(field, edits))) onNext();
  };
  const submit = () => {
    if (trimmed === "" || edit.busy) return;
    if (!unchanged && reading === undefined) setQueued(true);
    else void save();
  };
  useEffect(() => {
    if (!queued || reading === undefined) return;
    setQueued(false);
    void save();
  });

  return (
    // A form, so Enter in the number field does what Continue does.
    <form
      id={formId}
      className="wizard-body"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
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
            setTyped(event.target.value);
            setQueued(false);
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
        <Button
          type="submit"
          form={formId}
          variant="primary"
          disabled={trimmed === "" || edit.busy || queued}
        >
          Continue
        </Button>
      </StepActions>
    </form>
  );
}
