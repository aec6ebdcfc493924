import { dmPolicyRules, groupPolicyRules, type PolicyRule } from "../../app/access/policy-rules.ts";
import type { PolicyOption } from "./PolicyChoice.tsx";

/** A policy table's choices, in the table's order, as radio buttons. */
function optionsOf<T extends string>(
  rules: Record<T, PolicyRule>,
  warnings: Partial<Record<T, string>>,
): PolicyOption<T>[] {
  return (Object.keys(rules) as T[]).map((value) => {
    const warning = warnings[value];
    return {
      value,
      label: rules[value].label,
      detail: rules[value].detail,
      ...(warning ? { warning } : {}),
    };
  });
}

// The choices that let people the user never chose talk to the assistant, from the user's own Apple ID.
export const dmPolicyOptions = optionsOf(dmPolicyRules, {
  open: "Anyone who has your number or email can make the assistant answer them from your Apple ID, and what they write goes to your model provider.",
});
export const groupPolicyOptions = optionsOf(groupPolicyRules, {
  open: "Anyone who adds you to a group can make the assistant answer there from your Apple ID, and what the group writes goes to your model provider.",
});
