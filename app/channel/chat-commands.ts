/**
 * Chat commands a sender can type (spec §6, §9), in the reference's forms:
 * `/new`, `/reset`, `/config show [path]`, `/config get <path>`,
 * `/config set <path>=<value>` (or `<path> <value>`), `/config unset <path>`; and Pinch's own
 * `/answer` and `/dismiss` for the messages that came while it was away, `/reminders` and `/cancel <n>`.
 * Parsing only; admission and the turn runner decide who may run them.
 */
export type ChatCommand =
  | { name: "new" }
  | { name: "config-show"; keyPath?: string }
  | { name: "config-set"; keyPath: string; value: string }
  | { name: "config-unset"; keyPath: string }
  | { name: "config-usage" }
  /** The owner's word on the messages that came while Pinch was away (away-note.ts). */
  | { name: "away-answer" }
  | { name: "away-dismiss" }
  | { name: "reminders" }
  | { name: "cancel-reminder"; number: number };

export function parseChatCommand(text: string): ChatCommand | null {
  const trimmed = text.trim();
  if (/^\/(new|reset)$/i.test(trimmed)) return { name: "new" };
  if (/^\/answer$/i.test(trimmed)) return { name: "away-answer" };
  if (/^\/dismiss$/i.test(trimmed)) return { name: "away-dismiss" };
  if (/^\/reminders$/i.test(trimmed)) return { name: "reminders" };
  const cancel = /^\/cancel\s+#?(\d{1,6})$/i.exec(trimmed);
  if (cancel) return { name: "cancel-reminder", number: Number(cancel[1]) };
  const config = /^\/config(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (!config) return null;
  const rest = (config[1] ?? "").trim();
  const verb = /^(show|get|set|unset)(?:\s+([\s\S]*))?$/i.exec(rest);
  if (!verb) return { name: "config-usage" };
  const name = (verb[1] as string).toLowerCase();
  const args = (verb[2] ?? "").trim();
  const { keyPath, after } = splitKeyPath(args);
  switch (name) {
    case "show":
      if (args === "") return { name: "config-show" };
      return after === "" ? { name: "config-show", keyPath } : { name: "config-usage" };
    case "get":
      return keyPath !== "" && after === "" ? { name: "config-show", keyPath } : { name: "config-usage" };
    case "unset":
      return keyPath !== "" && after === "" ? { name: "config-unset", keyPath } : { name: "config-usage" };
    default: {
      // `path=value` (the reference's form) or `path value`.
      const value = after.replace(/^=\s*/, "").trim();
      return keyPath !== "" && value !== ""
        ? { name: "config-set", keyPath, value }
        : { name: "config-usage" };
    }
  }
}

/**
 * The key path at the start of `args`, up to the first space or `=` outside brackets and quotes
 * (`groups["a=b"]` is one path), and what follows it, trimmed.
 */
function splitKeyPath(args: string): { keyPath: string; after: string } {
  let depth = 0;
  let quote: string | undefined;
  let index = 0;
  for (; index < args.length; index += 1) {
    const char = args[index] as string;
    if (quote !== undefined) {
      if (char === "\\") index += 1;
      else if (char === quote) quote = undefined;
    } else if (depth > 0 && (char === '"' || char === "'")) {
      quote = char;
    } else if (char === "[") {
      depth += 1;
    } else if (char === "]") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && (char === "=" || /\s/.test(char))) {
      break;
    }
  }
  return { keyPath: args.slice(0, index), after: args.slice(index).trim() };
}
