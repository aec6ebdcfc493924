/**
 * Deep links into System Settings → Privacy & Security. The `com.apple.preference.security` form
 * works from macOS 10.x through 26; macOS 13+ also knows the `PrivacySecurity.extension` form,
 * which lands more reliably on the right row, so openers try it first.
 */
export type PrivacyPane = "Privacy_AllFiles" | "Privacy_Automation";

export function settingsUrl(pane: PrivacyPane): string {
  return `x-apple.systempreferences:com.apple.preference.security?${pane}`;
}

/** Every form of the link, preferred first: an opener tries them in order until one opens. */
export function settingsUrlCandidates(url: string): string[] {
  const match = /^x-apple\.systempreferences:com\.apple\.preference\.security\?(Privacy_\w+)$/.exec(url);
  if (!match) return [url];
  return [`x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?${match[1]}`, url];
}

/** General → Login Items, for a login item that macOS holds for approval. */
export const loginItemsSettingsUrl = "x-apple.systempreferences:com.apple.LoginItems-Settings.extension";
