/**
 * The assistant's per-account settings, read from the config: an account's
 * own value wins whole over the channel's, as for every iMessage key.
 */
import type { PinchConfig } from "../config/schema.ts";
import type { QuietHours } from "./quiet-hours.ts";

export interface AssistantSettings {
  quietHours: QuietHours | undefined;
  catchUp: { excludeChats: string[] };
}

export function assistantSettings(config: PinchConfig, accountId: string): AssistantSettings {
  const channel = config.channels?.imessage;
  const own = channel?.accounts?.[accountId];
  const quietHours = own?.quietHours ?? channel?.quietHours;
  const catchUp = own?.catchUp ?? channel?.catchUp;
  return {
    quietHours: quietHours ? { start: quietHours.start, end: quietHours.end } : undefined,
    catchUp: { excludeChats: [...(catchUp?.excludeChats ?? [])] },
  };
}
