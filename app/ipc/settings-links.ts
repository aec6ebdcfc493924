/**
 * The only URLs the window may ask the host to open: System Settings panes. Each pane has the
 * macOS 13+ form first and the older one second; the host tries them in order.
 */
export const settingsPaneUrls = {
  "full-disk-access": [
    "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?Privacy_AllFiles",
    "x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles",
  ],
  automation: [
    "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?Privacy_Automation",
    "x-apple.systempreferences:com.apple.preference.security?Privacy_Automation",
  ],
  "login-items": ["x-apple.systempreferences:com.apple.LoginItems-Settings.extension"],
} as const;

export type SettingsPane = keyof typeof settingsPaneUrls;
