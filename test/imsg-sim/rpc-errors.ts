/**
 * JSON-RPC errors as imsg reports them: `message` is the fixed JSON-RPC
 * phrase ("Invalid params", "Internal error", …) and the detail a person or
 * a gateway needs (which param, the Full Disk Access banner, the AppleScript
 * failure) travels in `data` as a string. imsg's own server codes (protocol 1)
 * carry an object in `data` instead: a delivery disposition or a database path.
 */
export type ErrorData = string | Record<string, unknown>;

export class RpcFailure extends Error {
  readonly code: number;
  readonly phrase: string;
  readonly data: ErrorData | undefined;

  constructor(code: number, phrase: string, data?: ErrorData) {
    super(
      data === undefined ? phrase : `${phrase}: ${typeof data === "string" ? data : JSON.stringify(data)}`,
    );
    this.code = code;
    this.phrase = phrase;
    this.data = data;
  }

  /** The text a command line prints for this failure. */
  get detail(): string | undefined {
    if (this.data === undefined || typeof this.data === "string") return this.data;
    return typeof this.data.detail === "string" ? this.data.detail : JSON.stringify(this.data);
  }

  toJson(): { code: number; message: string; data?: ErrorData } {
    return this.data === undefined
      ? { code: this.code, message: this.phrase }
      : { code: this.code, message: this.phrase, data: this.data };
  }
}

export const parseError = (detail: string) => new RpcFailure(-32700, "Parse error", detail);
export const invalidRequest = (detail: string) => new RpcFailure(-32600, "Invalid Request", detail);
export const methodNotFound = (method: string) => new RpcFailure(-32601, "Method not found", method);
export const invalidParams = (detail: string) => new RpcFailure(-32602, "Invalid params", detail);
export const internalError = (detail: string) => new RpcFailure(-32603, "Internal error", detail);
export const serverBusy = (detail: string) => new RpcFailure(-32000, "Server busy", detail);

/** Protocol 1: the database cannot be opened now; the child lives on and every request retries the open. */
export function databaseUnavailable(path: string, detail: string): RpcFailure {
  return new RpcFailure(-32002, "Database unavailable", { path, detail, retryable: true });
}

/** Protocol 1: a bridge-only method while no bridge runs. */
export function bridgeUnavailable(): RpcFailure {
  return new RpcFailure(-32003, "Bridge unavailable", {
    detail: BRIDGE_NOT_STARTED,
    retryable: true,
  });
}

export const BRIDGE_NOT_STARTED =
  "The bridge is not started. Run imsg launch explicitly before using bridge methods.";

export type Disposition = "not_started" | "may_have_completed" | "still_in_flight";

/** What the transport knows about a failed mutation; imsg sends it as `data`, field for field. */
export interface DeliveryFailure {
  disposition: Disposition;
  transport: "applescript" | "bridge_v2";
  operation: string;
  detail: string;
}

function deliveryData(failure: DeliveryFailure): Record<string, unknown> {
  return {
    retry_safe: failure.disposition === "not_started",
    disposition: failure.disposition,
    transport: failure.transport,
    operation: failure.operation,
    detail: failure.detail,
  };
}

/** -32603 when the transport proved nothing was dispatched, -32001 when the outcome is unknown. */
export function deliveryFailure(failure: DeliveryFailure): RpcFailure {
  return failure.disposition === "not_started"
    ? new RpcFailure(-32603, "Delivery failed before dispatch", deliveryData(failure))
    : new RpcFailure(-32001, "Delivery outcome unknown", deliveryData(failure));
}

/** Every mutation after a `still_in_flight` failure, until the child restarts. */
export function mutationLaneBlocked(poison: DeliveryFailure): RpcFailure {
  return new RpcFailure(-32004, "Mutation lane blocked", {
    ...deliveryData(poison),
    detail: `A prior ${poison.operation} remains in flight. Restart the RPC child before sending another mutation.`,
  });
}

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
