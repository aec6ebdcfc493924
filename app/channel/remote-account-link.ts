/**
 * What the channel needs to know about an account whose `imsg` runs on
 * another Mac or user: where its files live (`remoteHost`, from the config or
 * detected from a simple wrapper) and the wrapper's ssh settings, reused for
 * scp and for explaining why the link went down.
 */
import path from "node:path";
import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { probeSshLink } from "../ssh/probe-ssh-link.ts";
import { readSshWrapper, type WrapperLink } from "../ssh/read-ssh-wrapper.ts";
import { DEFAULT_SSH_PORT } from "../ssh/ssh-target.ts";
import {
  type LocalizedMessage,
  RemoteAttachmentFetcher,
  type RemoteLinkOptions,
  resetAttachmentCache,
} from "./remote-attachments.ts";
import type { RemoteUploadTarget } from "./remote-upload.ts";

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
   * The message with its attachments copied here, in a folder that holds
   * this message's copies only; `cleanup` deletes them once the turn is over.
   */
  async localize(message: Message, account: ResolvedAccount): Promise<LocalizedMessage> {
    await this.cacheReady;
    const fetcher = new RemoteAttachmentFetcher({
      remoteHost: this.remoteHost,
      roots: account.remoteAttachmentRoots,
      mediaMaxMb: account.mediaMaxMb,
      cacheDir: this.cacheDir,
      link: this.sshLink,
    });
    return fetcher.localize(message);
  }

  /** Where a reply's files are copied for this account's imsg. */
  get uploadTarget(): RemoteUploadTarget {
    return { remoteHost: this.remoteHost, link: this.sshLink };
  }

  /** The wrapper's ssh settings, else the user's own ssh configuration. */
  private get sshLink(): RemoteLinkOptions {
    return (
      this.wrapper ?? {
        identityFile: undefined,
        knownHostsFile: undefined,
        port: DEFAULT_SSH_PORT,
        connectTimeoutSeconds: undefined,
      }
    );
  }

  /**
   * Asked when imsg keeps failing to start over ssh: logs why the link is
   * down, and says to stop for good when the host key changed (it may be an
   * interception) instead of retrying.
   */
  private async checkLinkDown(): Promise<{ stop: false } | { stop: true; reason: string }> {
    const failure = this.wrapper ? await probeSshLink(this.wrapper) : null;
    if (!failure) return { stop: false };
    if (failure.kind !== "host-key-changed") {
      this.log.warn("imsg over SSH cannot connect", { reason: failure.message, fix: failure.fix });
      return { stop: false };
    }
    this.log.error("stopping this account: the SSH host key changed", {
      reason: failure.message,
      fix: failure.fix,
    });
    return { stop: true, reason: `${failure.message}. ${failure.fix}` };
  }

  /**
   * Called while imsg keeps failing to start: asks why, and stops the
   * account for good (through `stop`) when the host key changed.
   */
  onBackoff(stop: (reason: string) => Promise<void>): void {
    void this.checkLinkDown()
      .then((verdict) => (verdict.stop ? stop(verdict.reason) : undefined))
      .catch((error: Error) => this.log.warn("could not check the SSH link", { error: error.message }));
  }
}
