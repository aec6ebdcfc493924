import type { ConfigError } from "./config-errors.ts";
import type { ResolvedAccount } from "./resolve-accounts.ts";
import type { DmScope, PinchConfig } from "./schema.ts";

/**
 * One conversation per DM sender unless the config says otherwise. The
 * reference's default, `main`, shares the owner's conversation with every
 * person the assistant answers: after one pairing, a stranger's turn carried
 * what the owner had told it. A config that asks for `main` gets it, with a
 * warning once more than one person can write.
 */
export const DEFAULT_DM_SCOPE: DmScope = "per-channel-peer";

export function dmScopeOf(config: PinchConfig): DmScope {
  return config.session?.dmScope ?? DEFAULT_DM_SCOPE;
}

/** Whether more than one person can reach this account's DMs: anyone, or those listed plus `approved`. */
export function admitsSeveralDmSenders(account: ResolvedAccount, approved: number): boolean {
  if (account.dmPolicy === "disabled") return false;
  if (account.dmPolicy === "open" || account.allowFrom.includes("*")) return true;
  return account.allowFrom.length + approved > 1;
}

/** `session.dmScope: "main"` written out while several people can write: their turns share one conversation. */
export function sharedSessionWarnings(config: PinchConfig, accounts: ResolvedAccount[]): ConfigError[] {
  if (dmScopeOf(config) !== "main") return [];
  // Under pairing anyone may be approved later: the config alone cannot rule a second sender out.
  const exposed = accounts.filter(
    (account) => account.enabled && (account.dmPolicy === "pairing" || admitsSeveralDmSenders(account, 0)),
  );
  if (exposed.length === 0) return [];
  return [
    {
      path: "session.dmScope",
      advisory: true,
      message: `"main" gives every DM sender one shared conversation, so people can see what others told the assistant (accounts: ${exposed.map((account) => account.id).join(", ")}); set it to "per-channel-peer"`,
    },
  ];
}
