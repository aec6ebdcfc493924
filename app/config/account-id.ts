/**
 * The one rule for an account id. An id names the account's folder in the
 * state directory (`imessage/<id>`), so it must never carry a path: it is
 * checked wherever an id comes in (the config's accounts map, the CLI's
 * `--account`, every IPC call) and once more where it becomes a path.
 */
import { z } from "zod";

const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

const ACCOUNT_ID_RULE = "use 1 to 40 letters, digits, - or _ (no spaces)";

export function isAccountId(id: string): boolean {
  return ACCOUNT_ID_PATTERN.test(id);
}

export const AccountIdSchema = z
  .string()
  .regex(ACCOUNT_ID_PATTERN, { error: `not a valid account id; ${ACCOUNT_ID_RULE}` });

/** Why `id` is refused, naming it, for messages that have no key path to point at. */
export function accountIdProblem(id: string): string | undefined {
  return isAccountId(id) ? undefined : `${JSON.stringify(id)} is not a valid account id; ${ACCOUNT_ID_RULE}`;
}
