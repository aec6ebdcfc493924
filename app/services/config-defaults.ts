import { GROUP_DEFAULTS, IMESSAGE_DEFAULTS } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { ConfigDefaults } from "../ipc/view-schemas.ts";

/**
 * The defaults the window shows for unset keys, taken from the core's own;
 * the group history default is the config's `messages.groupChat.historyLimit` when set, the region
 * the Mac's when the host knows it.
 */
export function configDefaults(config?: PinchConfig, defaultRegion?: string): ConfigDefaults {
  return {
    ...IMESSAGE_DEFAULTS,
    region: defaultRegion ?? IMESSAGE_DEFAULTS.region,
    allowFrom: [...IMESSAGE_DEFAULTS.allowFrom],
    historyLimit: config?.messages?.groupChat?.historyLimit ?? IMESSAGE_DEFAULTS.historyLimit,
    requireMention: GROUP_DEFAULTS.requireMention,
  };
}
