import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import type { AgentAttachment } from "../agent/agent.ts";
import type { Attachment } from "../imsg/protocol.ts";

/**
 * Which inbound attachments reach the agent (spec §7). A path must resolve,
 * after symlinks, under an allowed root (`*` matches one path segment), and
 * stay within `mediaMaxMb`; anything else is passed as a note, never as a file.
 */
export interface AttachmentPolicy {
  roots: string[];
  mediaMaxMb: number;
}

export async function resolveLocalAttachments(
  attachments: Attachment[],
  policy: AttachmentPolicy,
): Promise<AgentAttachment[]> {
  return Promise.all(attachments.map((attachment) => resolveOne(attachment, policy)));
}

async function resolveOne(attachment: Attachment, policy: AttachmentPolicy): Promise<AgentAttachment> {
  const named = attachment.original_path ?? attachment.path ?? attachment.filename;
  const mimeType = attachment.mime_type;
  const base = mimeType ? { mimeType } : {};
  if (!named) return { path: attachment.transfer_name ?? "(unnamed)", ...base, skipped: "no file path" };
  const expanded = named.startsWith("~/") ? path.join(homedir(), named.slice(2)) : named;
  let real: string;
  try {
    real = await realpath(expanded);
  } catch {
    return { path: expanded, ...base, skipped: "file is missing (not downloaded yet?)" };
  }
  if (!isUnderRoots(real, await realRoots(policy.roots))) {
    return { path: expanded, ...base, skipped: "outside the allowed attachment folders" };
  }
  const info = await stat(real);
  const limit = policy.mediaMaxMb * 1024 * 1024;
  if (info.size > limit) {
    return {
      path: real,
      ...base,
      bytes: info.size,
      skipped: `larger than mediaMaxMb (${policy.mediaMaxMb} MB)`,
    };
  }
  return { path: real, ...base, bytes: info.size };
}

/** Roots without wildcards are resolved too, so a root behind a symlink still matches its real files. */
export async function realRoots(roots: string[]): Promise<string[]> {
  return Promise.all(
    roots.map(async (root) => (root.includes("*") ? root : await realpath(root).catch(() => root))),
  );
}

export function isUnderRoots(filePath: string, roots: string[]): boolean {
  const normalized = path.posix.normalize(filePath);
  if (!path.posix.isAbsolute(normalized) || normalized.split("/").includes("..")) return false;
  const parts = normalized.split("/").filter(Boolean);
  return roots.some((root) => {
    const rootParts = path.posix.normalize(root).split("/").filter(Boolean);
    if (parts.length <= rootParts.length) return false;
    return rootParts.every((segment, index) => segment === "*" || segment === parts[index]);
  });
}
