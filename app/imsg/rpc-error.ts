/**
 * Failures of one `imsg rpc` call, as values the supervisor and the user can
 * act on. `kind` says what went wrong with the transport; `permission` says
 * which macOS permission the text points at, when it points at one.
 */
export type RpcFailureKind =
  | "rpc-error"
  | "timeout"
  | "closed"
  | "spawn"
  | "invalid-result"
  | "invalid-params";
/** imsg's -32002 (protocol 1): the database cannot be opened now; the child lives on. */
const DATABASE_UNAVAILABLE = -32002;

export type PermissionProblem = "full-disk-access" | "automation" | "database-missing";

export class RpcFailure extends Error {
  readonly kind: RpcFailureKind;
  readonly method: string;
  readonly code: number | undefined;
  /** imsg's `data` for the error: a string detail, or an object (-32001 and -32004 carry a delivery disposition). */
  readonly data: unknown;

  constructor(kind: RpcFailureKind, method: string, message: string, code?: number, data?: unknown) {
    super(`imsg ${method}: ${message}`);
    this.name = "RpcFailure";
    this.kind = kind;
    this.method = method;
    this.code = code;
    this.data = data;
  }

  get permission(): PermissionProblem | undefined {
    const named = classifyPermissionText(this.message);
    // Protocol 1 says "database unavailable" (-32002) for every reason it cannot open chat.db.
    return named ?? (this.code === DATABASE_UNAVAILABLE ? "full-disk-access" : undefined);
  }
}

/**
 * imsg ≥ 0.8.2 answers every request with -32603 and a permission message when
 * Full Disk Access is missing; older versions print the same kind of text on
 * stdout. AppleEvents error -1743 means Automation was denied (over SSH macOS
 * may attribute it to sshd-keygen-wrapper); -600 means Messages is not running.
 */
export function classifyPermissionText(text: string): PermissionProblem | undefined {
  const lower = text.toLowerCase();
  if (lower.includes("-1743") || lower.includes("not authorized to send apple events")) return "automation";
  // imsg wraps every failed open in the same Full Disk Access banner; SQLite's own words
  // before it tell a refused read (code 23) from a file that is not there (code 14).
  if (
    lower.includes("authorization denied") ||
    lower.includes("operation not permitted") ||
    lower.includes("permission denied") ||
    lower.includes("eperm") ||
    lower.includes("eacces")
  ) {
    return "full-disk-access";
  }
  if (
    lower.includes("unable to open database") ||
    lower.includes("database does not exist") ||
    lower.includes("no such file") ||
    lower.includes("enoent")
  ) {
    return "database-missing";
  }
  if (lower.includes("full disk access")) return "full-disk-access";
  return undefined;
}
