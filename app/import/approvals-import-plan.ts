/**
 * Which of OpenClaw's approved senders go into which of Pinch's pairing
 * stores. The reference names an account's approvals by its account id (in
 * lower case in its database) or, for the default account, by none; Pinch's
 * account is found by that id, else the default account takes them.
 * Approvals name senders: a phone number or an email address, compared as
 * the gateway compares a sender, so an entry written `imessage:+1 (555) …`
 * approves the same person as `+1555…`.
 */
import { handleKey, normalizeHandle } from "../access/handles.ts";
import { isAccountId } from "../config/account-id.ts";
import { DEFAULT_ACCOUNT_ID, type ResolvedAccount } from "../config/resolve-accounts.ts";
import type { AccountApprovals } from "./import-report.ts";
import type { OpenclawApprovals } from "./openclaw-approvals.ts";

export interface ApprovalImport extends AccountApprovals {
  /** What the pairing store is given: the sender as shown and the key the gateway looks up. */
  entries: { sender: string; key: string }[];
}

export function planApprovalsImport(input: {
  approvals: readonly OpenclawApprovals[];
  accounts: readonly ResolvedAccount[];
  defaultAccountId: string | undefined;
  /** The keys an account's pairing store approves already. */
  approvedKeys: (accountId: string) => ReadonlySet<string>;
  storePath: (accountId: string) => string;
}): ApprovalImport[] {
  const byAccount = new Map<string, ApprovalImport>();
  // Keys met so far per account: an entry written twice (`+1 555…`, `imessage:+1555…`) counts once.
  const seen = new Map<string, Set<string>>();
  for (const group of input.approvals) {
    const target = targetAccount(group.account, input.accounts, input.defaultAccountId);
    // An id no Pinch account could have would name a folder outside the state directory.
    if (!isAccountId(target.id)) continue;
    let plan = byAccount.get(target.id);
    if (!plan) {
      plan = {
        account: target.id,
        path: input.storePath(target.id),
        add: [],
        already: 0,
        skipped: [],
        entries: [],
        ...(target.note ? { note: target.note } : {}),
      };
      byAccount.set(target.id, plan);
    }
    const approved = input.approvedKeys(target.id);
    const region = input.accounts.find((account) => account.id === target.id)?.region;
    const keys = seen.get(target.id) ?? new Set<string>();
    seen.set(target.id, keys);
    for (const entry of group.entries) addEntry(plan, entry, { region, approved, seen: keys });
  }
  return [...byAccount.values()];
}

function addEntry(
  plan: ApprovalImport,
  entry: string,
  {
    region,
    approved,
    seen,
  }: { region: string | undefined; approved: ReadonlySet<string>; seen: Set<string> },
): void {
  const handle = normalizeHandle(entry, region);
  if (handle.kind === "wildcard") return;
  if (handle.kind !== "phone" && handle.kind !== "email") {
    const reason =
      handle.kind === "invalid"
        ? handle.reason
        : "an approval names a sender; a chat belongs in allowFrom or groupAllowFrom";
    plan.skipped.push({ entry, reason });
    return;
  }
  const key = handleKey(entry, region);
  if (key === null || seen.has(key)) return;
  seen.add(key);
  if (approved.has(key)) {
    plan.already += 1;
    return;
  }
  const sender = handle.kind === "phone" ? handle.e164 : handle.address;
  plan.entries.push({ sender, key });
  plan.add.push(sender);
}

function targetAccount(
  openclawAccount: string | undefined,
  accounts: readonly ResolvedAccount[],
  defaultAccountId: string | undefined,
): { id: string; note?: string } {
  const wanted = openclawAccount?.toLowerCase();
  const match = accounts.find((account) => account.id.toLowerCase() === wanted);
  if (match) return { id: match.id };
  if (wanted === undefined || wanted === DEFAULT_ACCOUNT_ID)
    return { id: defaultAccountId ?? DEFAULT_ACCOUNT_ID };
  return {
    id: openclawAccount ?? DEFAULT_ACCOUNT_ID,
    note: `OpenClaw's account "${openclawAccount}" is not in Pinch's config; its approvals apply once an account of that id is added`,
  };
}
