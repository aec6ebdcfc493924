import { useState } from "react";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { PolicyChoice } from "../allowlists/PolicyChoice.tsx";
import { groupPolicyOptions } from "../allowlists/policies.ts";
import { useAccounts, useConfigEdit } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";

/** Off, chosen groups, or every group; answering only when mentioned is the default. */
export function GroupsStep({ onNext }: { onNext: () => void }) {
  const accounts = useAccounts();
  const account = accounts.kind === "ready" ? accounts.data.accounts[0] : undefined;
  const base = account?.configPath ?? "channels.imessage";
  const [policy, setPolicy] = useState<AccountView["groupPolicy"]>("allowlist");
  const [mentionOnly, setMentionOnly] = useState(true);
  const edit = useConfigEdit();
  const field = `${base}.groupPolicy`;

  const save = async () => {
    // An edit without a value removes its key.
    const edits: { keyPath: string; value?: unknown }[] = [{ keyPath: field, value: policy }];
    // Under "open" every group uses the "*" entry (switched on again after Back from "allowlist").
    // Under "allowlist" no group is answered until it is allowed in Allowlists: a groups map that
    // lists nothing would let every group through, so "*" is written switched off, and each group
    // allowed later inherits its mention rule (on).
    if (policy === "open") {
      edits.push(
        { keyPath: `${base}.groups["*"].requireMention`, value: mentionOnly },
        { keyPath: `${base}.groups["*"].enabled` },
      );
    }
    if (policy === "allowlist") {
      edits.push(
        { keyPath: `${base}.groups["*"].enabled`, value: false },
        { keyPath: `${base}.groups["*"].requireMention`, value: true },
      );
    }
    if (await edit.patch(field, edits)) onNext();
  };

  return (
    <div className="wizard-body">
      <PolicyChoice
        legend="Where the assistant answers in group chats"
        options={groupPolicyOptions}
        value={policy}
        error={edit.errorFor(field)}
        onChoose={setPolicy}
      />
      <label className="toolbar-row">
        <input
          type="checkbox"
          checked={mentionOnly}
          disabled={policy !== "open"}
          onChange={(event) => setMentionOnly(event.target.checked)}
        />
        Answer in groups only when someone mentions the assistant (recommended)
      </label>
      {policy === "allowlist" ? (
        <p className="row-detail">
          You choose the groups in Allowlists; each one answers only when mentioned until you change it.
        </p>
      ) : null}
      <StepActions>
        <Button variant="primary" onClick={() => void save()}>
          Continue
        </Button>
      </StepActions>
    </div>
  );
}
