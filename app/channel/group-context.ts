import type { ContextMessage } from "../agent/agent.ts";

/**
 * Recent messages of each group, mentioned or not, so an agent that is
 * addressed sees what was said before (`historyLimit`; 0 disables).
 */
export class GroupContext {
  private readonly byChat = new Map<number, ContextMessage[]>();

  add(chatId: number, message: ContextMessage, limit: number): void {
    if (limit <= 0) return;
    const list = this.byChat.get(chatId) ?? [];
    list.push(message);
    if (list.length > limit) list.splice(0, list.length - limit);
    this.byChat.set(chatId, list);
  }

  recent(chatId: number, limit: number): ContextMessage[] {
    if (limit <= 0) return [];
    return (this.byChat.get(chatId) ?? []).slice(-limit);
  }
}
