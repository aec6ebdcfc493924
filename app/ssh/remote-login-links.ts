/** System Settings → General → Sharing, where Remote Login (sshd) is turned on: macOS 13+ first, then the older pane's name. */
export const SHARING_SETTINGS_LINKS = [
  "x-apple.systempreferences:com.apple.Sharing-Settings.extension",
  "x-apple.systempreferences:com.apple.preferences.sharing?Services_RemoteLogin",
] as const;
