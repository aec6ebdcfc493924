/**
 * Inbound attachments as a model sees them: images as image parts when the
 * model reads images, and a line of text for everything else, so the model
 * at least knows something was sent.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ImagePart } from "ai";
import type { AgentAttachment } from "./agent.ts";

/** The formats every image-reading provider accepts (HEIC is not among them). */
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

export interface AttachmentInput {
  images: ImagePart[];
  /** One line per attachment, kept in the session in place of the bytes. */
  notes: string[];
}

export async function attachmentInput(
  attachments: AgentAttachment[],
  modelReadsImages: boolean,
): Promise<AttachmentInput> {
  const images: ImagePart[] = [];
  const notes: string[] = [];
  for (const attachment of attachments) {
    const name = basename(attachment.path);
    if (attachment.skipped) {
      notes.push(`[The sender attached ${name}, which was not passed on: ${attachment.skipped}.]`);
      continue;
    }
    const mimeType = attachment.mimeType?.toLowerCase();
    if (modelReadsImages && mimeType && IMAGE_TYPES.has(mimeType)) {
      try {
        images.push({
          type: "image",
          image: new Uint8Array(await readFile(attachment.path)),
          mediaType: mimeType,
        });
        notes.push(`[The sender attached an image: ${name}.]`);
        continue;
      } catch {
        notes.push(`[The sender attached an image, ${name}, which could not be read.]`);
        continue;
      }
    }
    notes.push(
      `[The sender attached a file you cannot see: ${describeFile(name, mimeType, attachment.bytes)}.]`,
    );
  }
  return { images, notes };
}

function describeFile(name: string, mimeType: string | undefined, bytes: number | undefined): string {
  const details = [mimeType, bytes === undefined ? undefined : formatSize(bytes)].filter(Boolean);
  return details.length > 0 ? `${name} (${details.join(", ")})` : name;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
