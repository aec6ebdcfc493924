import type { DmPolicy } from "../config/schema.ts";

/**
 * Who may talk to the assistant in a direct chat (spec §4). Pure: the caller
 * says whether the sender is on `allowFrom` and whether pairing approved them.
 */
export type DmDecision =
  | { admit: true; via: "allowFrom" | "pairing" | "open" }
  | { admit: false; reason: "dm-disabled" | "not-on-allowlist" }
  | { admit: false; reason: "needs-pairing" };

export function resolveDmAccess(input: {
  policy: DmPolicy;
  allowFromHasWildcard: boolean;
  onAllowFrom: boolean;
  approvedByPairing: boolean;
}): DmDecision {
  switch (input.policy) {
    case "disabled":
      return { admit: false, reason: "dm-disabled" };
    case "open":
      // `open` without "*" behaves as a plain allowlist; pairing approvals never widen it.
      if (input.allowFromHasWildcard) return { admit: true, via: "open" };
      return input.onAllowFrom
        ? { admit: true, via: "allowFrom" }
        : { admit: false, reason: "not-on-allowlist" };
    case "allowlist":
    case "pairing":
      if (input.onAllowFrom) return { admit: true, via: "allowFrom" };
      if (input.approvedByPairing) return { admit: true, via: "pairing" };
      return input.policy === "pairing"
        ? { admit: false, reason: "needs-pairing" }
        : { admit: false, reason: "not-on-allowlist" };
  }
}
