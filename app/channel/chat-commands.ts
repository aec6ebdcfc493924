/**
 * Chat commands a sender can type (spec §6, §9). Parsing only; the turn
 * runner decides who may run them.
 */
export type ChatCommand =
  | { name: "new" }
  | { name: "config-set"; keyPath: string; value: string }
  | { name: "config-unset"; keyPath: string }
  | { name: "config-usage" };

export function parseChatCommand(text: string): ChatCommand | null {
  const trimmed = text.trim();
  if (/^\/(new|reset)$/i.test(trimmed)) return { name: "new" };
  const config = /^\/config(?:\s+(.*))?$/is.exec(trimmed);
  if (!config) return null;
  const rest = (config[1] ?? "").trim();
  const set = /^set\s+(\S+)\s+([\s\S]+)$/i.exec(rest);
  if (set) return { name: "config-set", keyPath: set[1] as string, value: (set[2] as string).trim() };
  const unset = /^unset\s+(\S+)$/i.exec(rest);
  if (unset) return { name: "config-unset", keyPath: unset[1] as string };
  return { name: "config-usage" };
}
