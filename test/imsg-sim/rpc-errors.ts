/**
 * JSON-RPC errors as imsg reports them: `message` is the fixed JSON-RPC
 * phrase ("Invalid params", "Internal error", …) and the detail a person or
 * a gateway needs (which param, the Full Disk Access banner, the AppleScript
 * failure) travels in `data` as a string.
 */
export class RpcFailure extends Error {
  readonly code: number;
  readonly phrase: string;
  readonly detail: string | undefined;

  constructor(code: number, phrase: string, detail?: string) {
    super(detail === undefined ? phrase : `${phrase}: ${detail}`);
    this.code = code;
    this.phrase = phrase;
    this.detail = detail;
  }

  toJson(): { code: number; message: string; data?: string } {
    return this.detail === undefined
      ? { code: this.code, message: this.phrase }
      : { code: this.code, message: this.phrase, data: this.detail };
  }
}

export const parseError = (detail: string) => new RpcFailure(-32700, "Parse error", detail);
export const invalidRequest = (detail: string) => new RpcFailure(-32600, "Invalid Request", detail);
export const methodNotFound = (method: string) => new RpcFailure(-32601, "Method not found", method);
export const invalidParams = (detail: string) => new RpcFailure(-32602, "Invalid params", detail);
export const internalError = (detail: string) => new RpcFailure(-32603, "Internal error", detail);

/** What Foundation's JSON parser says about a line that is not JSON. */
export const NOT_JSON_DETAIL = "The data couldn’t be read because it isn’t in the correct format.";

/** SQLite's own words when macOS refuses the read (no Full Disk Access) and when the file is absent. */
export const SQLITE_AUTHORIZATION_DENIED = "authorization denied (code: 23)";
export const SQLITE_CANNOT_OPEN = "unable to open database file (code: 14)";

/**
 * imsg wraps a failed open in a permission banner whatever the SQLite cause.
 * The two key sentences are kept word for word because gateways look for them.
 */
export function permissionBanner(dbPath: string, sqliteError: string): string {
  return [
    sqliteError,
    "",
    "⚠️  Permission Error: Cannot access Messages database",
    "",
    `The Messages database at ${dbPath} requires Full Disk Access permission.`,
    "",
    "To fix:",
    "1. Open System Settings → Privacy & Security → Full Disk Access",
    "2. Add the app that starts imsg (your terminal, or the gateway app) and enable it",
    "3. Quit and reopen that app, then try again",
  ].join("\n");
}

/**
 * Messages' answer when Automation is denied: NSAppleScript reports -1743, imsg
 * retries through osascript and passes its stderr on, prefixed "AppleScript failed: ".
 */
export const AUTOMATION_DENIED_DETAIL =
  "AppleScript failed: 1027:1062: execution error: Not authorized to send Apple events to Messages. (-1743)";

export function appleScriptFailure(detail: string): RpcFailure {
  return internalError(`AppleScript failed: ${detail}`);
}
