import { GROUP_DEFAULTS, IMESSAGE_DEFAULTS } from "../config/resolve-accounts.ts";
import type { ConfigDefaults } from "../ipc/view-schemas.ts";

/** The defaults the window shows for unset keys, taken from the core's own. */
export function configDefaults(): ConfigDefaults {
  return {
    ...IMESSAGE_DEFAULTS,
    allowFrom: [...IMESSAGE_DEFAULTS.allowFrom],
    requireMention: GROUP_DEFAULTS.requireMention,
  };
}
