/**
 * Which tools a turn offers the model, built for that turn. The owner (the
 * self-chat, or `commands.ownerAllowFrom`) gets all of them; another sender
 * only a tool the config opens to them (`agents.defaults.tools.<name>.allowFrom`),
 * and never `catch_up`, which reads other people's chats. A tool not offered
 * is not in the request at all; a call of it anyway is refused by the agent.
 * Every call is logged (its text only with verbose logging) and bounded in time.
 */
import type { Tool, ToolSet } from "ai";
import { matchesAllowList } from "../access/handles.ts";
import type { AgentTurn } from "../agent/agent.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import type { Chat, Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { assistantSettings } from "./assistant-settings.ts";
import { catchUpTool } from "./catch-up-tool.ts";
import type { ReminderStore } from "./reminder-store.ts";
import { remindTool, scheduleMessageTool } from "./reminder-tools.ts";

/** A tool that takes longer (imsg stuck, a disk full) fails, and the model says so. */
const TOOL_TIMEOUT_MS = 20_000;

export type AssistantToolName = "remind" | "schedule_message" | "catch_up";

export interface AssistantToolParts {
  store: ReminderStore;
  chats: () => Promise<Chat[]>;
  history: (chatId: number, limit: number) => Promise<Message[]>;
  settings: () => { account: ResolvedAccount; config: PinchConfig };
  log: Logger;
  now?: () => Date;
}

/** The tool names `turn`'s sender may use. */
export function allowedTools(
  turn: AgentTurn,
  account: ResolvedAccount,
  config: PinchConfig,
): AssistantToolName[] {
  if (turn.owner) return ["remind", "schedule_message", "catch_up"];
  const opened = config.agents?.defaults?.tools ?? {};
  const names: AssistantToolName[] = [];
  for (const name of ["remind", "schedule_message"] as const) {
    const allowFrom = opened[name]?.allowFrom ?? [];
    if (matchesAllowList(allowFrom, { sender: turn.sender, chatId: turn.chatId }, account.region))
      names.push(name);
  }
  return names;
}

export function toolsForTurn(turn: AgentTurn, parts: AssistantToolParts): ToolSet | undefined {
  const { account, config } = parts.settings();
  const names = allowedTools(turn, account, config);
  if (names.length === 0) return undefined;
  const now = parts.now ?? (() => new Date());
  const settings = () => assistantSettings(parts.settings().config, account.id);
  const reminders = {
    store: parts.store,
    chatId: turn.chatId,
    chats: parts.chats,
    quietHours: () => settings().quietHours,
    now,
  };
  const all: Record<AssistantToolName, () => Tool> = {
    remind: () => remindTool(reminders),
    schedule_message: () => scheduleMessageTool(reminders),
    catch_up: () =>
      catchUpTool({
        chats: parts.chats,
        history: parts.history,
        excluded: () => settings().catchUp.excludeChats,
        log: parts.log,
        now,
      }),
  };
  return Object.fromEntries(names.map((name) => [name, logged(name, all[name](), turn, parts.log)]));
}

/** The tool, its calls logged and bounded in time; a failure becomes an answer the model can relay. */
function logged(name: AssistantToolName, inner: Tool, turn: AgentTurn, log: Logger): Tool {
  const execute = inner.execute;
  if (!execute) return inner;
  return {
    ...inner,
    execute: async (input, options) => {
      log.info("tool call", { tool: name, session: turn.sessionKey });
      // What the model asked for holds message text: only with verbose logging (debug), and under `text`,
      // which the log file masks unless verbose logging is on there too.
      log.debug("tool input", { tool: name, session: turn.sessionKey, text: JSON.stringify(input) });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} took longer than ${TOOL_TIMEOUT_MS / 1000} s`)),
          TOOL_TIMEOUT_MS,
        );
      });
      try {
        const result = await Promise.race([execute(input, options), timeout]);
        log.info("tool answered", {
          tool: name,
          session: turn.sessionKey,
          ok: (result as { ok?: boolean })?.ok !== false,
        });
        return result;
      } catch (error) {
        const message = (error as Error).message;
        log.warn("tool failed", { tool: name, session: turn.sessionKey, error: message });
        return { ok: false, error: `${name} failed: ${message}` };
      } finally {
        clearTimeout(timer);
      }
    },
  } as Tool;
}
