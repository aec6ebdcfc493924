/**
 * Deep links into System Settings → Privacy & Security. The `com.apple.preference.security` form
 * works from macOS 10.x through 26; macOS 13+ also knows the `PrivacySecurity.extension` form,
 * which lands more reliably on the right row, so openers try it first.
 */
import type { SettingsPane } from "../../ipc/setup-schemas.ts";

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

/**
 * The only URLs the window and the menu bar may ask the host to open: System Settings panes, each
 * in every form macOS knows, preferred first; the host tries them in order.
 */
export const settingsPaneUrls = {
  "full-disk-access": settingsUrlCandidates(settingsUrl("Privacy_AllFiles")),
  automation: settingsUrlCandidates(settingsUrl("Privacy_Automation")),
  "login-items": [loginItemsSettingsUrl],
} satisfies Record<SettingsPane, readonly string[]>;
