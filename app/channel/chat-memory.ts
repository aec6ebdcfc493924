import { EchoMemory } from "./echo-memory.ts";
import { GroupContext } from "./group-context.ts";
import { SelfChatTwins } from "./inbound-screen.ts";
import { LoopGuard } from "./loop-guard.ts";

/**
 * What one account remembers about its chats between messages, in memory
 * only: what it sent (so echoes are not answered), self-chat twins, the recent
 * messages of each group, loop strikes, and which DM sessions were already
 * seeded with history in this process. One owner for all of it, handed whole
 * to the parts that read it.
 */
/** Enough to place a tapback on anything the assistant said in the last day or two of a busy account. */
const SENT_KEPT = 2_000;

export class ChatMemory {
  readonly echoes = new EchoMemory();
  readonly selfChatTwins = new SelfChatTwins();
  readonly groups = new GroupContext();
  readonly loops = new LoopGuard();
  private readonly seeded = new Set<string>();
  /** The assistant's own sent messages by guid, newest last, so a tapback on one can say which. */
  private readonly sent = new Map<string, string>();

  /** True the first time a DM session is seen in this process: its history should be loaded once. */
  takeSeed(sessionKey: string): boolean {
    if (this.seeded.has(sessionKey)) return false;
    this.seeded.add(sessionKey);
    return true;
  }

  rememberSent(guid: string, text: string): void {
    this.sent.delete(guid);
    this.sent.set(guid, text);
    if (this.sent.size > SENT_KEPT) {
      const oldest = this.sent.keys().next().value;
      if (oldest !== undefined) this.sent.delete(oldest);
    }
  }

  /** The text of one of the assistant's sent messages, when it is still remembered. */
  ownMessage(guid: string): string | undefined {
    return this.sent.get(guid);
  }

  /** A session just reset (`/new`) starts empty: it is not seeded from history again. */
  markSeeded(sessionKey: string): void {
    this.seeded.add(sessionKey);
  }
}
