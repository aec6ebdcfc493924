/**
 * What the window refuses on top of the core's own validation. The core accepts a config with a
 * broken mention pattern (it skips the pattern) or an allowlist entry it cannot read (it never
 * matches); a person editing in the window should instead see the mistake next to the field and
 * have nothing saved. Only problems the edit introduces are refused, so an old mistake elsewhere
 * never blocks an unrelated change.
 */
import { normalizeHandle } from "../access/handles.ts";
import { dmPolicyRules, groupPolicyRules } from "../access/policy-rules.ts";
import type { ConfigError } from "../config/config-errors.ts";
import { applyEdits, type ConfigEdit } from "../config/edit-config-tree.ts";
import { formatKeyPath, type KeyPathSegment, parseKeyPath } from "../config/key-path.ts";
import { resolveAccounts } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import { validateConfig } from "../config/validate-config.ts";

/** Longer than any useful per-chat instruction; it is sent with every turn of that chat. */
export const MAX_SYSTEM_PROMPT_CHARS = 4_000;

/** The first problem the edits would introduce, or null when the window may save them. */
export function findEditProblem(
  raw: Record<string, unknown>,
  edits: readonly ConfigEdit[],
): ConfigError | null {
  const applied = applyEdits(raw, edits);
  if (!applied.ok) return applied.problem;
  const keyPath = edits[0]?.keyPath ?? "";
  const after = validateConfig(applied.next);
  if (!after.ok) return pickForPath(after.errors, keyPath);
  const before = validateConfig(raw);
  const known = new Set(before.ok ? [...before.warnings, ...windowIssues(before.config)].map(issueKey) : []);
  const introduced = [...after.warnings, ...windowIssues(after.config)].filter(
    (issue) => !issue.advisory && !known.has(issueKey(issue)),
  );
  return introduced.length === 0 ? null : pickForPath(introduced, keyPath);
}

function issueKey(issue: ConfigError): string {
  return `${issue.path}\n${issue.message}`;
}

/** Prefer the issue about the edited key, so the window can show it next to that field. */
function pickForPath(issues: ConfigError[], keyPath: string): ConfigError {
  return issues.find((issue) => issue.path.startsWith(keyPath)) ?? (issues[0] as ConfigError);
}

function windowIssues(config: PinchConfig): ConfigError[] {
  const issues: ConfigError[] = [];
  for (const account of resolveAccounts(config)) {
    const lists = [
      {
        key: "allowFrom",
        entries: account.allowFrom,
        wildcardOk: dmPolicyRules[account.dmPolicy].allowFrom.wildcard !== "refused",
      },
      {
        key: "groupAllowFrom",
        entries: account.groupAllowFrom ?? [],
        wildcardOk: groupPolicyRules[account.groupPolicy].groupAllowFrom.wildcard !== "refused",
      },
    ];
    for (const list of lists) {
      list.entries.forEach((entry, index) => {
        const path = pathUnder(account.configPath, list.key, index);
        // An entry that reads as nothing is already a config warning (allowlist-warnings.ts).
        if (!list.wildcardOk && normalizeHandle(entry, account.region).kind === "wildcard")
          issues.push({
            path,
            message: `"*" would let everyone in, which an allowlist is meant to prevent; choose the "open" policy instead, or list people one by one`,
          });
      });
    }
    for (const [chat, group] of Object.entries(account.groups)) {
      if ((group.systemPrompt?.length ?? 0) > MAX_SYSTEM_PROMPT_CHARS)
        issues.push({
          path: pathUnder(account.configPath, "groups", chat, "systemPrompt"),
          message: `is ${group.systemPrompt?.length} characters long; keep it under ${MAX_SYSTEM_PROMPT_CHARS}`,
        });
    }
  }
  return issues;
}

function pathUnder(base: string, ...segments: KeyPathSegment[]): string {
  const parsed = parseKeyPath(base);
  return formatKeyPath([...(parsed.ok ? parsed.segments : [base]), ...segments]);
}
