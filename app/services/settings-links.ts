import {
  loginItemsSettingsUrl,
  settingsUrl,
  settingsUrlCandidates,
} from "../setup/permissions/settings-links.ts";

/**
 * The only URLs the window may ask the host to open: System Settings panes, each in every form
 * macOS knows, preferred first; the host tries them in order.
 */
export const settingsPaneUrls = {
  "full-disk-access": settingsUrlCandidates(settingsUrl("Privacy_AllFiles")),
  automation: settingsUrlCandidates(settingsUrl("Privacy_Automation")),
  "login-items": [loginItemsSettingsUrl],
} as const;

export type SettingsPane = keyof typeof settingsPaneUrls;
