/**
 * Allowlist entries that read as nothing. Such an entry matches no sender and
 * no chat, so the gateway runs without it; but a dead line in `allowFrom` is
 * almost always a person the owner meant to let in, so it is a warning in the
 * log at start, in `pinch doctor` and in the window.
 */
import { normalizeHandle } from "../access/handles.ts";
import type { ConfigError } from "./config-errors.ts";
import { formatKeyPath, type KeyPathSegment } from "./key-path.ts";
import { resolveAccounts } from "./resolve-accounts.ts";
import type { PinchConfig } from "./schema.ts";

const LIST_KEYS = ["allowFrom", "groupAllowFrom"] as const;

/** One warning per unreadable entry, at the key path where it is written (the channel root or an account). */
export function unreadableAllowListWarnings(config: PinchConfig): ConfigError[] {
  const channel = config.channels?.imessage;
  if (channel === undefined) return [];
  const root: KeyPathSegment[] = ["channels", "imessage"];
  const warnings = new Map<string, ConfigError>();
  for (const account of resolveAccounts(config)) {
    const own = channel.accounts?.[account.id];
    for (const key of LIST_KEYS) {
      // The account's own list wins whole over the root's, as in resolveAccounts.
      const ownList = own?.[key];
      const base = ownList === undefined ? root : [...root, "accounts", account.id];
      (ownList ?? channel[key] ?? []).forEach((entry, index) => {
        const handle = normalizeHandle(entry, account.region);
        if (handle.kind !== "invalid") return;
        const path = formatKeyPath([...base, key, index]);
        // A root entry is read once per inheriting account; the first reading stands for all.
        if (!warnings.has(path)) warnings.set(path, { path, message: `admits no one: ${handle.reason}` });
      });
    }
  }
  return [...warnings.values()];
}
