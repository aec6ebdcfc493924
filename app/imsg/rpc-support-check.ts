import type { RpcSupport } from "./rpc-support-probe.ts";

/**
 * When a supervisor asks whether its imsg can run `rpc` at all: alongside the
 * first child at start, so a working imsg starts no later, and before each
 * later start once a child died before its handshake or the answer was "too
 * old", so a too-old imsg is asked again instead of being restarted.
 */
export class RpcSupportCheck {
  private readonly ask: () => Promise<RpcSupport>;
  private dueBeforeLaunch = false;
  private asking = false;
  private atStart: Promise<RpcSupport> | null = null;

  constructor(ask: () => Promise<RpcSupport>) {
    this.ask = ask;
  }

  /** A question is being asked before a launch: another launch waits for its answer. */
  get busy(): boolean {
    return this.asking;
  }

  /** The answer asked for at start, while it is still coming. */
  get pendingStartAnswer(): Promise<RpcSupport> | null {
    return this.atStart;
  }

  /** Asks alongside the first child; `onAnswer` hears the answer. */
  beginStart(onAnswer: (support: RpcSupport) => void): void {
    const pending = this.ask();
    this.atStart = pending;
    void pending.then((support) => {
      if (this.atStart === pending) this.atStart = null;
      onAnswer(support);
    });
  }

  /** The answer before a launch when one is due, else null. */
  async beforeLaunch(): Promise<RpcSupport | null> {
    if (!this.dueBeforeLaunch) return null;
    this.asking = true;
    try {
      return await this.ask();
    } finally {
      this.asking = false;
    }
  }

  /** A child finished its handshake: this imsg runs rpc. */
  handshakeDone(): void {
    this.dueBeforeLaunch = false;
  }

  /** A child died before its handshake, or the answer was "too old": ask before the next launch. */
  askBeforeNextLaunch(): void {
    this.dueBeforeLaunch = true;
  }
}
