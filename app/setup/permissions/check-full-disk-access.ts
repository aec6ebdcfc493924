import { open } from "node:fs/promises";
import type { PermissionResult } from "./permission-result.ts";
import { settingsUrl } from "./settings-links.ts";

/**
 * Full Disk Access, as macOS enforces it: Messages' database opens only for a process that has it.
 * Opening and reading one page is the test, exactly what imsg will do; a stat would pass without it.
 */
export async function checkFullDiskAccess(dbPath: string): Promise<PermissionResult> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dbPath, "r");
    await handle.read(Buffer.alloc(16), 0, 16, 0);
    return { status: "granted", reason: `Pinch can read ${dbPath}.` };
  } catch (error) {
    return describeOpenFailure(dbPath, (error as NodeJS.ErrnoException).code);
  } finally {
    await handle?.close();
  }
}

function describeOpenFailure(dbPath: string, code: string | undefined): PermissionResult {
  switch (code) {
    case "EPERM":
    case "EACCES":
      return {
        status: "denied",
        reason: `macOS refused to open ${dbPath} (${code}).`,
        fix: "Turn on Pinch in System Settings → Privacy & Security → Full Disk Access, then quit and reopen Pinch.",
        settingsUrl: settingsUrl("Privacy_AllFiles"),
      };
    case "ENOENT":
    case "ENOTDIR":
      // Without the database there is nothing macOS could refuse: Messages was never set up here.
      return {
        status: "not-determined",
        reason: `${dbPath} does not exist: Messages has not been set up on this Mac.`,
        fix: "Open Messages, sign in with your Apple Account and turn on iMessage, then check again.",
      };
    case "EISDIR":
      return {
        status: "not-determined",
        reason: `${dbPath} is a folder, not the Messages database.`,
        fix: "Point channels.imessage.dbPath at chat.db (usually ~/Library/Messages/chat.db).",
      };
    default:
      return {
        status: "not-determined",
        reason: `Could not open ${dbPath} (${code ?? "unknown error"}).`,
        fix: "Check channels.imessage.dbPath, then check again.",
      };
  }
}
