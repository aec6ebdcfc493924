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

  typing(chatId: number, typing: boolean): Promise<void> {
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
