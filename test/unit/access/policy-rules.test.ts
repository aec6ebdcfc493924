import { describe, expect, it } from "vitest";
import { dmPolicyRules, fitWildcard, groupPolicyRules } from "../../../app/access/policy-rules.ts";

describe("policy rules", () => {
  it("the window offers DM policies from the safest to the widest, then off", () => {
    expect(Object.keys(dmPolicyRules)).toEqual(["allowlist", "pairing", "open", "disabled"]);
  });

  it("the window offers group policies from off to every group", () => {
    expect(Object.keys(groupPolicyRules)).toEqual(["disabled", "allowlist", "open"]);
  });

  it("only the open DM policy needs everyone's wildcard on allowFrom", () => {
    const needing = Object.entries(dmPolicyRules).filter(
      ([, rule]) => rule.allowFrom.wildcard === "required",
    );
    expect(needing.map(([policy]) => policy)).toEqual(["open"]);
  });

  it("only the pairing DM policy turns no sender away, because a stranger is sent a code", () => {
    const silent = Object.entries(dmPolicyRules).filter(([, rule]) => rule.refusedFix === null);
    expect(silent.map(([policy]) => policy)).toEqual(["pairing"]);
  });

  it("a list fitted to a policy that needs the wildcard ends with exactly one", () => {
    expect(fitWildcard("required", ["*", "+15550100001"])).toEqual(["+15550100001", "*"]);
  });

  it("a list fitted to a policy that refuses the wildcard loses it", () => {
    expect(fitWildcard("refused", ["+15550100001", "*"])).toEqual(["+15550100001"]);
  });

  it("a list fitted to a policy that allows the wildcard is left as it is", () => {
    expect(fitWildcard("allowed", ["*", "+15550100001"])).toEqual(["*", "+15550100001"]);
  });
});
