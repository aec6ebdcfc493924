import { canUse, type ImsgCapabilities } from "../imsg/imsg-capabilities.ts";
import { IMSG_TIMEOUTS } from "../imsg/imsg-timeouts.ts";
import type { RpcClient } from "../imsg/rpc-client.ts";
import type { Logger } from "../log/logger.ts";

/**
 * What a person sees around a reply besides the reply itself: the typing
 * indicator while the assistant works, and a read receipt once it answered.
 * Each is sent only when this imsg lists the method (imsg 0.14 and later on
 * macOS), and a failure is only logged: it never holds up or fails a reply.
 */
export class ChatSignals {
  private readonly options: {
    client: () => RpcClient | null;
    capabilities: () => ImsgCapabilities;
    log: Logger;
  };

  constructor(options: ChatSignals["options"]) {
    this.options = options;
  }

  /**
   * The typing indicator for work that has begun: shown once it has taken
   * `TYPING_AFTER_MS`, cleared by `done()`. Work that ends sooner sends
   * nothing, so quick answers cost imsg no extra calls.
   */
  typingWhile(chatId: number): { done(): Promise<void>; again(): Promise<void> } {
    let shown: Promise<void> | undefined;
    const timer = setTimeout(() => {
      shown = this.typing(chatId, true);
    }, TYPING_AFTER_MS);
    return {
      // A message sent clears the dots on the other side; the work is not done, so they come back.
      again: async () => {
        if (shown) await this.typing(chatId, true);
      },
      done: async () => {
        clearTimeout(timer);
        if (!shown) return;
        await shown;
        await this.typing(chatId, false);
      },
    };
  }

  private typing(chatId: number, typing: boolean): Promise<void> {
    return this.signal("typing", () => this.client()?.call("typing", { chat_id: chatId, typing }, limit));
  }

  markRead(chatId: number): Promise<void> {
    return this.signal("read", () => this.client()?.call("read", { chat_id: chatId }, limit));
  }

  private client(): RpcClient | null {
    return this.options.client();
  }

  private async signal(method: "typing" | "read", call: () => Promise<unknown> | undefined): Promise<void> {
    if (!canUse(this.options.capabilities(), method)) return;
    try {
      await call();
    } catch (error) {
      this.options.log.debug(`could not send ${method}`, { error: (error as Error).message });
    }
  }
}

const limit = { timeoutMs: IMSG_TIMEOUTS.requestMs };
/** About when a person starts to wonder whether anyone is there. */
const TYPING_AFTER_MS = 700;
