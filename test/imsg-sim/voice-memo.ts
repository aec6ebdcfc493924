/**
 * Voice memos: Messages stores an audio message as a CAF attachment on a row
 * with `is_audio_message = 1`, and Apple's transcript in the attachment's
 * `user_info` property list under `audio-transcription`. imsg 0.15 reports
 * that transcript as the message's text. We write the plist in XML form (a
 * valid property list, and readable without a binary-plist parser).
 */

export const VOICE_MEMO_UTI = "com.apple.coreaudio-format";
export const VOICE_MEMO_MIME_TYPE = "audio/x-caf";
const TRANSCRIPT_KEY = "audio-transcription";

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function unescapeXml(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

export function transcriptUserInfo(transcript: string): Buffer {
  return Buffer.from(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0"><dict>',
      `<key>${TRANSCRIPT_KEY}</key><string>${escapeXml(transcript)}</string>`,
      "</dict></plist>",
    ].join("\n"),
    "utf8",
  );
}

/** The transcript in a `user_info` blob, if it holds a non-empty one. */
export function transcriptFrom(userInfo: Uint8Array | null | undefined): string | undefined {
  if (!userInfo || userInfo.length === 0) return undefined;
  const xml = Buffer.from(userInfo).toString("utf8");
  const match = new RegExp(`<key>${TRANSCRIPT_KEY}</key>\\s*<string>([\\s\\S]*?)</string>`).exec(xml);
  const transcript = match?.[1] === undefined ? "" : unescapeXml(match[1]);
  return transcript === "" ? undefined : transcript;
}
