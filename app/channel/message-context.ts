import type { AgentTurn } from "../agent/agent.ts";
import type { Message } from "../imsg/protocol.ts";

/** Apple's voice memo: a CAF audio attachment; the row's text is Apple's own transcript of it. */
export function isVoiceMemo(message: Message): boolean {
  return (message.attachments ?? []).some(
    (attachment) =>
      attachment.uti === "com.apple.coreaudio-format" ||
      attachment.mime_type === "audio/x-caf" ||
      /\.caf$/i.test(attachment.transfer_name ?? attachment.filename ?? ""),
  );
}

/** What an inline reply answers, when imsg read it from the database (imsg 0.14 and later). */
export function replyContext(message: Message): AgentTurn["replyTo"] {
  if (!message.reply_to_text) return undefined;
  return {
    sender: message.reply_to_sender || "someone",
    text: message.reply_to_text,
  };
}
