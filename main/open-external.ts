import { shell } from "electron";
import { isAllowedExternalUrl } from "./external-urls.ts";

/** Opens a URL outside the app if the allow-list has it; false when refused or when nothing opened it. */
export async function openAllowedExternal(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    console.warn(
      `Refused to open ${url}: only System Settings links and the imsg project pages are allowed.`,
    );
    return false;
  }
  try {
    await shell.openExternal(url);
    return true;
  } catch {
    return false;
  }
}

/** Opens a file with its default app; shell.openPath answers with an error text, empty on success. */
export async function openPathOrThrow(file: string): Promise<void> {
  const problem = await shell.openPath(file);
  if (problem) throw new Error(`Could not open ${file}: ${problem}`);
}
