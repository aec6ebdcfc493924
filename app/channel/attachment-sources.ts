import type { ResolvedAccount } from "../config/resolve-accounts.ts";
import type { Message } from "../imsg/protocol.ts";
import type { Logger } from "../log/logger.ts";
import { resolveLocalAttachments } from "./attachment-policy.ts";
import type { RemoteAccountLink } from "./remote-account-link.ts";
import type { AttachmentSource } from "./turn-hooks.ts";

/**
 * Where a turn's attachments come from (spec §7): none unless the account
 * includes them; files on this Mac checked against `attachmentRoots`; or, for
 * an account on another Mac, copies fetched with scp into a private folder
 * that is deleted after the turn. A file left on the remote Mac reaches the
 * agent as a note with its remote path and the reason.
 */
export function attachmentSourceFor(
  account: () => ResolvedAccount,
  remote: RemoteAccountLink | null,
  log: Logger,
): AttachmentSource {
  return {
    async resolve(message: Message) {
      const current = account();
      const rows = message.attachments ?? [];
      if (!current.includeAttachments || rows.length === 0) return { attachments: [] };
      if (!remote) {
        const policy = { roots: current.attachmentRoots, mediaMaxMb: current.mediaMaxMb };
        return { attachments: await resolveLocalAttachments(rows, policy) };
      }
      const local = await remote.localize(message, current);
      for (const failure of local.failures) {
        log.warn("a remote attachment was not fetched", {
          rowid: message.id,
          detail: `${failure.remotePath}: ${failure.reason}`,
        });
      }
      const byPlaceholder = new Map(local.failures.map((failure) => [failure.placeholder, failure]));
      const resolved = await resolveLocalAttachments(local.message.attachments ?? [], {
        roots: [local.dir],
        mediaMaxMb: current.mediaMaxMb,
      });
      return {
        attachments: resolved.map((attachment) => {
          const failure = byPlaceholder.get(attachment.path);
          return failure ? { ...attachment, path: failure.remotePath, skipped: failure.reason } : attachment;
        }),
        release: local.cleanup,
      };
    },
  };
}
