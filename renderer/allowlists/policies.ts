import type { AccountView } from "../../app/ipc/contract.ts";
import type { PolicyOption } from "./PolicyChoice.tsx";

export const dmPolicyOptions: readonly PolicyOption<AccountView["dmPolicy"]>[] = [
  {
    value: "allowlist",
    label: "Only people on my list",
    detail: "Anyone else is ignored. The safest choice for your own Apple ID.",
  },
  {
    value: "pairing",
    label: "People on my list, and people I approve",
    detail: "A stranger gets a code; you approve them in Pairing. Best for a dedicated bot Apple ID.",
  },
  { value: "open", label: "Everyone", detail: "Anyone who texts gets an answer." },
  { value: "disabled", label: "No one", detail: "The assistant does not answer direct messages." },
];

export const groupPolicyOptions: readonly PolicyOption<AccountView["groupPolicy"]>[] = [
  { value: "disabled", label: "Off", detail: "The assistant stays quiet in group chats." },
  {
    value: "allowlist",
    label: "Chosen groups and people",
    detail: "Only in the groups you allow, and only for the people on the group list.",
  },
  { value: "open", label: "Every group", detail: "Any group the Mac is in, anyone in it." },
];
