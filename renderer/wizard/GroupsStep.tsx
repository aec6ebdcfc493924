import { useState } from "react";
import type { AccountView } from "../../app/ipc/view-schemas.ts";
import { PolicyChoice } from "../allowlists/PolicyChoice.tsx";
import { groupPolicyOptions } from "../allowlists/policies.ts";
import { useAccounts, useConfigEdit, useConfigView } from "../bridge/hooks.ts";
import { Button } from "../ui/Button.tsx";
import { StepActions } from "./StepActions.tsx";
import { writtenAccount } from "./saved-setup.ts";

type GroupPolicy = AccountView["groupPolicy"];
type Edit = { keyPath: string; value?: unknown };

/**
 * Off, chosen groups, or every group; answering only when mentioned is the default. It starts from
 * the policy the config has and writes nothing when Continue follows no change.
 */
export function GroupsStep({ onNext }: { onNext: () => void }) {
  const accounts = useAccounts();
  const account = accounts.kind === "ready" ? accounts.data.accounts[0] : undefined;
  const base = account?.configPath ?? "channels.imessage";
  const view = useConfigView();
  const own = view.kind === "ready" ? writtenAccount(view.data.raw, base) : {};
  const written = groupPolicyOptions.find((option) => option.value === own.groupPolicy)?.value;
  const star = ((own.groups as Record<string, Record<string, unknown>> | undefined)?.["*"] ?? {}) as {
    enabled?: unknown;
    requireMention?: unknown;
  };
  const writtenMention = star.requireMention !== false;
  const [picked, setPicked] = useState<GroupPolicy | null>(null);
  const [toggled, setToggled] = useState<boolean | null>(null);
  const policy = picked ?? written ?? "allowlist";
  const mentionOnly = toggled ?? writtenMention;
  const edit = useConfigEdit();
  const field = `${base}.groupPolicy`;

  const planned = (): Edit[] => {
    if (policy === written && (policy !== "open" || mentionOnly === writtenMention)) return [];
    // An edit without a value removes its key.
    const edits: Edit[] = [{ keyPath: field, value: policy }];
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
    const now: Record<string, unknown> = {
      [field]: own.groupPolicy,
      [`${base}.groups["*"].enabled`]: star.enabled,
      [`${base}.groups["*"].requireMention`]: star.requireMention,
    };
    return edits.filter((item) => now[item.keyPath] !== item.value);
  };

  const save = async () => {
    const edits = planned();
    if (edits.length === 0 || (await edit.patch(field, edits))) onNext();
  };

  return (
    <div className="wizard-body">
      <PolicyChoice
        legend="Where the assistant answers in group chats"
        options={groupPolicyOptions}
        value={policy}
        error={edit.errorFor(field)}
        onChoose={setPicked}
      />
      <label className="toolbar-row">
        <input
          type="checkbox"
          checked={mentionOnly}
          disabled={policy !== "open"}
          onChange={(event) => setToggled(event.target.checked)}
        />
        Answer in groups only when someone mentions the assistant (recommended)
      </label>
      {policy === "allowlist" ? (
        <p className="row-detail">
          You choose the groups in Allowlists; each one answers only when mentioned until you change it.
        </p>
      ) : null}
      <StepActions>
        <Button variant="primary" disabled={edit.busy} onClick={() => void save()}>
          Continue
        </Button>
      </StepActions>
    </div>
  );
}
