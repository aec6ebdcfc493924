/**
 * Messages writes U+FFFC (OBJECT REPLACEMENT CHARACTER) into a row's text
 * where an attachment sits: a photo, sticker or voice note alone arrives as
 * "\uFFFC", a captioned one as "look \uFFFC". The placeholder is not
 * something anyone wrote.
 */
const OBJECT_REPLACEMENT = /\uFFFC/g;

/** What a person wrote in a row: its text without the attachment placeholders, trimmed. */
export function saidText(text: string | undefined): string {
  return (text ?? "").replace(OBJECT_REPLACEMENT, "").trim();
}
