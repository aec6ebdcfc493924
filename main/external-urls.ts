// Which URLs the app may hand to the operating system. Pure, and free of Electron, so it can be
// unit-tested; main/security.ts applies it.

/** macOS System Settings deep links, e.g. the Full Disk Access and Automation panes. */
const systemSettingsProtocol = "x-apple.systempreferences:";

/** Web pages the app links to: the imsg project (install instructions, releases, issues), under its current and its former owner. */
const allowedWebPrefixes = ["https://github.com/openclaw/imsg", "https://github.com/steipete/imsg"];

export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol === systemSettingsProtocol) return true;
  if (url.protocol !== "https:" || url.username || url.password || url.port) return false;
  // Compare the normalised form, so "https://github.com/steipete/imsg/../../evil" cannot pass.
  const normalised = `${url.origin}${url.pathname}`;
  return allowedWebPrefixes.some((prefix) => normalised === prefix || normalised.startsWith(`${prefix}/`));
}
