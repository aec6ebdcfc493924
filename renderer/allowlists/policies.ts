import { dmPolicyRules, groupPolicyRules, type PolicyRule } from "../../app/access/policy-rules.ts";
import type { PolicyOption } from "./PolicyChoice.tsx";

/** A policy table's choices, in the table's order, as radio buttons. */
function optionsOf<T extends string>(rules: Record<T, PolicyRule>): PolicyOption<T>[] {
  return (Object.keys(rules) as T[]).map((value) => ({
    value,
    label: rules[value].label,
    detail: rules[value].detail,
  }));
}

export const dmPolicyOptions = optionsOf(dmPolicyRules);
export const groupPolicyOptions = optionsOf(groupPolicyRules);
