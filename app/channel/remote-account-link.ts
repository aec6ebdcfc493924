/**
 * What the channel needs to know about an account whose `imsg` runs on
 * another Mac or user: where its files live (`remoteHost`, from the config or
 * detected from a simple wrapper) and the wrapper's ssh settings, reused for
 * scp and for explaining why the link went down.
 */
import path from "node:path";
import type { Agent } from "../agent/agent.ts";
import { withReply } from "../agent/with-reply.ts";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { probeSshLink } from "../ssh/probe-ssh-link.ts";
import { readSshWrapper, type WrapperLink } from "../ssh/read-ssh-wrapper.ts";
import type { SshFailure } from "../ssh/ssh-failure.ts";
import { DEFAULT_SSH_PORT } from "../ssh/ssh-target.ts";
import { type NotFetched, RemoteAttachmentFetcher, resetAttachmentCache } from "./remote-attachments.ts";

export class RemoteAccountLink {
  readonly remoteHost: string;
  private readonly wrapper: WrapperLink | null;
  private readonly cacheDir: string;
  private readonly log: Logger;
  private readonly cacheReady: Promise<void>;

  private constructor(remoteHost: string, wrapper: WrapperLink | null, cacheDir: string, log: Logger) {
    this.remoteHost = remoteHost;
    this.wrapper = wrapper;
    this.cacheDir = cacheDir;
    this.log = log;
    this.cacheReady = resetAttachmentCache(cacheDir).catch((error: Error) =>
      log.warn("could not empty the remote attachment cache", { dir: cacheDir, error: error.message }),
    );
  }

  /** Null for a local account. `stateDir` is the account's own state folder. */
  static for(
    account: ResolvedAccount,
    command: string,
    stateDir: string,
    log: Logger,
  ): RemoteAccountLink | null {
    const wrapper = readSshWrapper(command);
    const remoteHost = account.remoteHost ?? wrapper?.remoteHost;
    if (!remoteHost) return null;
    return new RemoteAccountLink(
      remoteHost,
      wrapper?.link ?? null,
      path.join(stateDir, "remote-attachments"),
      log,
    );
  }

  /**
   * The message with its attachments copied here, and the account as the
   * turn should see it: the copies' folder is its only attachment root.
   * `cleanup` deletes the copies once the turn is over.
   */
  async localize(
    message: Message,
    account: ResolvedAccount,
  ): Promise<{
    message: Message;
    account: ResolvedAccount;
    explain: (agent: Agent) => Agent;
    cleanup: () => Promise<void>;
  }> {
    await this.cacheReady;
    const fetcher = new RemoteAttachmentFetcher({
      remoteHost: this.remoteHost,
      roots: account.remoteAttachmentRoots,
      mediaMaxMb: account.mediaMaxMb,
      cacheDir: this.cacheDir,
      link: this.wrapper ?? {
        identityFile: undefined,
        knownHostsFile: undefined,
        port: DEFAULT_SSH_PORT,
        connectTimeoutSeconds: undefined,
      },
    });
    const local = await fetcher.localize(message);
    for (const failure of local.failures) {
      this.log.warn("a remote attachment was not fetched", {
        rowid: message.id,
        detail: `${failure.remotePath}: ${failure.reason}`,
      });
    }
    return {
      message: local.message,
      account: { ...account, attachmentRoots: [local.dir] },
      explain: (agent) => explainNotFetched(agent, local.failures),
      cleanup: local.cleanup,
    };
  }

  /** Why ssh to the Mac fails now, when the wrapper's settings can be read; null when it connects. */
  diagnose(): Promise<SshFailure | null> {
    return this.wrapper ? probeSshLink(this.wrapper) : Promise.resolve(null);
  }
}

/**
 * The agent as the turn should use it: an attachment left on the remote Mac
 * shows its remote path and the real reason, not the local placeholder.
 */
function explainNotFetched(agent: Agent, failures: NotFetched[]): Agent {
  if (failures.length === 0) return agent;
  const byPlaceholder = new Map(failures.map((failure) => [failure.placeholder, failure]));
  const reply: Agent["reply"] = (turn, signal) =>
    agent.reply(
      {
        ...turn,
        attachments: turn.attachments.map((attachment) => {
          const failure = byPlaceholder.get(attachment.path);
          return failure ? { ...attachment, path: failure.remotePath, skipped: failure.reason } : attachment;
        }),
      },
      signal,
    );
  return withReply(agent, reply);
}
