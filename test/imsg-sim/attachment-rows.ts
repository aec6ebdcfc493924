/**
 * Attachment rows, as Messages writes them for a message: the file's name,
 * type and size, and (for a voice memo) Apple's transcript in `user_info`.
 */
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { extname } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { statement } from "./statement-cache.ts";
import { transcriptUserInfo } from "./voice-memo.ts";

export interface AttachmentInput {
  /** Stored in `attachment.filename`; `~` is expanded by readers, as imsg does. */
  path: string;
  transferName?: string;
  uti?: string;
  mimeType?: string;
  totalBytes?: number;
  isSticker?: boolean;
  /** Apple's transcript of a voice memo, kept in the attachment's `user_info`. */
  transcript?: string;
}

export function insertAttachment(
  db: DatabaseSync,
  attachment: AttachmentInput,
  nanos: bigint,
  outgoing: boolean,
): number {
  const guessed = guessFileType(attachment.path);
  const guid = randomUUID().toUpperCase();
  const inserted = statement(
    db,
    `INSERT INTO attachment (guid, created_date, start_date, filename, uti, mime_type, transfer_state, is_outgoing,
                             transfer_name, total_bytes, is_sticker, original_guid, user_info)
     VALUES (?, ?, 0, ?, ?, ?, 5, ?, ?, ?, ?, ?, ?)`,
  ).run(
    guid,
    nanos / 1_000_000_000n,
    attachment.path,
    attachment.uti ?? guessed.uti,
    attachment.mimeType ?? guessed.mimeType,
    outgoing ? 1 : 0,
    attachment.transferName ?? attachment.path.split("/").pop() ?? "",
    attachment.totalBytes ?? fileSize(attachment.path),
    attachment.isSticker ? 1 : 0,
    guid,
    attachment.transcript === undefined ? null : transcriptUserInfo(attachment.transcript),
  );
  return Number(inserted.lastInsertRowid);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const FILE_TYPES: Record<string, { uti: string; mimeType: string }> = {
  ".jpg": { uti: "public.jpeg", mimeType: "image/jpeg" },
  ".jpeg": { uti: "public.jpeg", mimeType: "image/jpeg" },
  ".png": { uti: "public.png", mimeType: "image/png" },
  ".heic": { uti: "public.heic", mimeType: "image/heic" },
  ".gif": { uti: "com.compuserve.gif", mimeType: "image/gif" },
  ".pdf": { uti: "com.adobe.pdf", mimeType: "application/pdf" },
  ".txt": { uti: "public.plain-text", mimeType: "text/plain" },
  ".caf": { uti: "com.apple.coreaudio-format", mimeType: "audio/x-caf" },
  ".m4a": { uti: "public.mpeg-4-audio", mimeType: "audio/mp4" },
  ".mov": { uti: "com.apple.quicktime-movie", mimeType: "video/quicktime" },
  ".mp4": { uti: "public.mpeg-4", mimeType: "video/mp4" },
};

function guessFileType(path: string): { uti: string; mimeType: string } {
  return (
    FILE_TYPES[extname(path).toLowerCase()] ?? { uti: "public.data", mimeType: "application/octet-stream" }
  );
}
