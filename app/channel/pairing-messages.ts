import type { UnpairedResponse } from "../config/schema.ts";

/**
 * What an unknown sender reads. The code is useless without the owner, so it
 * is safe to send; the sender's own id is included so they can tell the owner
 * who they are.
 */
export function pairingReplyText(
  style: Exclude<UnpairedResponse, "silent">,
  code: string,
  senderId: string,
): string {
  const lines = [
    `Pairing code: ${code}`,
    `Your ID: ${senderId}`,
    "The owner of this assistant has to approve this code before I can reply.",
  ];
  if (style === "branded") {
    lines.unshift(
      "Hi! This number has a personal assistant (Pinch) that only answers people its owner knows.",
    );
  }
  return lines.join("\n");
}

export const APPROVED_NOTICE = "You're approved: this assistant will answer your messages from now on.";
