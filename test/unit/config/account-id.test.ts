import { describe, expect, it } from "vitest";
import { AccountIdSchema, accountIdProblem, isAccountId } from "../../../app/config/account-id.ts";
import { describeConfigError } from "../../../app/config/config-errors.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

describe("the account id rule", () => {
  it("accepts letters, digits, - and _, up to 40 of them", () => {
    for (const id of ["default", "work-mac", "bot_2", "A", "x".repeat(40)])
      expect(isAccountId(id), id).toBe(true);
  });

  it("refuses anything that could be a path, and empty or long ids", () => {
    for (const id of ["", "../../x", "..", ".", "a/b", "a\\b", "work mac", "x".repeat(41), "~", "a.b", "é"])
      expect(isAccountId(id), id).toBe(false);
    expect(AccountIdSchema.safeParse("../x").success).toBe(false);
    expect(accountIdProblem("../x")).toBe(
      '"../x" is not a valid account id; use 1 to 40 letters, digits, - or _ (no spaces)',
    );
  });

  it("refuses a config whose accounts map has a bad key, naming that key", () => {
    const result = validateConfig({ channels: { imessage: { accounts: { "../../x": {}, work: {} } } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(describeConfigError)).toEqual([
      'channels.imessage.accounts["../../x"]: not a valid account id; use 1 to 40 letters, digits, - or _ (no spaces), got "../../x"',
    ]);
  });
});
