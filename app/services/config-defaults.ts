import { GROUP_DEFAULTS, IMESSAGE_DEFAULTS } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { ConfigDefaults } from "../ipc/view-schemas.ts";

/**
 * The defaults the window shows for unset keys, taken from the core's own;
 * the group history default is the config's `messages.groupChat.historyLimit` when set.
 */
export function configDefaults(config?: PinchConfig): ConfigDefaults {
  return {
    ...IMESSAGE_DEFAULTS,
    allowFrom: [...IMESSAGE_DEFAULTS.allowFrom],
    historyLimit: config?.messages?.groupChat?.historyLimit ?? IMESSAGE_DEFAULTS.historyLimit,
    requireMention: GROUP_DEFAULTS.requireMention,
  };
}
