import { type ResolvedAccount, type ResolveOptions, resolveAccounts } from "../config/resolve-accounts.ts";
import type { ImessageAccountConfig, PinchConfig } from "../config/schema.ts";
import type { Accounts, AccountView, ConfigDefaults } from "../ipc/view-schemas.ts";
import { configDefaults } from "./config-defaults.ts";

/** The keys the Accounts view lists per account, with where each value comes from. */
const SHOWN_KEYS = [
  "cliPath",
  "dbPath",
  "dmPolicy",
  "allowFrom",
  "groupPolicy",
  "groupAllowFrom",
  "region",
  "service",
  "historyLimit",
  "textChunkLimit",
  "chunkMode",
  "includeAttachments",
  "mediaMaxMb",
  "responsePrefix",
] as const satisfies readonly (keyof ImessageAccountConfig)[];

/** Every account of the config as the window shows it: resolved values plus inherits/overridden. */
export function buildAccountViews(config: PinchConfig, options: ResolveOptions = {}): Accounts {
  const channel = config.channels?.imessage ?? {};
  const ownEntries = channel.accounts ?? {};
  const multi = Object.keys(ownEntries).length > 0;
  const resolved = config.channels?.imessage ? resolveAccounts(config, options) : [];
  const defaults = configDefaults(config, options.defaultRegion);
  return {
    multi,
    accounts: resolved.map((account) =>
      toView(account, multi ? (ownEntries[account.id] ?? {}) : channel, channel, multi, defaults),
    ),
    defaults,
  };
}

function toView(
  account: ResolvedAccount,
  own: ImessageAccountConfig,
  root: ImessageAccountConfig,
  multi: boolean,
  defaults: ConfigDefaults,
): AccountView {
  const settings = SHOWN_KEYS.map((key) => {
    if (own[key] !== undefined) return { key, value: own[key], source: "overridden" as const };
    if (multi && root[key] !== undefined) return { key, value: root[key], source: "inherited" as const };
    const fallback = (defaults as Record<string, unknown>)[key];
    return { key, value: fallback ?? null, source: "default" as const };
  });
  return {
    id: account.id,
    ...(account.name === undefined ? {} : { name: account.name }),
    enabled: account.enabled,
    isDefault: account.isDefault,
    configPath: account.configPath,
    region: account.region,
    dmPolicy: account.dmPolicy,
    allowFrom: account.allowFrom,
    groupPolicy: account.groupPolicy,
    groupAllowFrom: account.groupAllowFrom ?? null,
    groups: account.groups,
    settings,
  };
}
