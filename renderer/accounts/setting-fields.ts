import { dmPolicyRules, groupPolicyRules } from "../../app/access/policy-rules.ts";

export type Choice = { value: string; label: string };

/** How the Accounts screen shows one setting: its words, its editor, and whether it is a path. */
export type SettingField =
  | { label: string; kind: "text" | "number"; hint?: string; advanced?: boolean }
  | { label: string; kind: "choice"; choices: readonly Choice[] }
  | { label: string; kind: "toggle" }
  | { label: string; kind: "list" };

const choicesOf = (rules: Record<string, { label: string }>): Choice[] =>
  Object.entries(rules).map(([value, rule]) => ({ value, label: rule.label }));

/** Every setting the core lists for an account (account-views.ts), in words. */
export const SETTING_FIELDS: Readonly<Record<string, SettingField>> = {
  dmPolicy: { label: "Who can message", kind: "choice", choices: choicesOf(dmPolicyRules) },
  allowFrom: { label: "People who may message the assistant", kind: "list" },
  groupPolicy: { label: "Group chats", kind: "choice", choices: choicesOf(groupPolicyRules) },
  groupAllowFrom: { label: "People the assistant answers in groups", kind: "list" },
  region: {
    label: "Country for phone numbers",
    kind: "text",
    hint: "A two-letter code like US, GB or DE: numbers typed without a country code are read as from there.",
  },
  service: {
    label: "Send as",
    kind: "choice",
    choices: [
      { value: "auto", label: "iMessage, else SMS" },
      { value: "imessage", label: "iMessage only" },
      { value: "sms", label: "SMS only" },
    ],
  },
  historyLimit: { label: "Earlier group messages the assistant reads", kind: "number" },
  textChunkLimit: { label: "Longest message, in characters", kind: "number" },
  chunkMode: {
    label: "Split long replies",
    kind: "choice",
    choices: [
      { value: "length", label: "At the length limit" },
      { value: "newline", label: "At paragraph breaks first" },
    ],
  },
  includeAttachments: { label: "Read photos and files", kind: "toggle" },
  mediaMaxMb: { label: "Largest file, in MB", kind: "number" },
  responsePrefix: { label: "Reply prefix", kind: "text" },
  dbPath: {
    label: "Messages database",
    kind: "text",
    advanced: true,
    hint: "Another macOS user's chat.db, for a bot Apple ID on this Mac. Unset: this user's Messages.",
  },
  cliPath: {
    label: "imsg program",
    kind: "text",
    advanced: true,
    hint: "The imsg this account runs, or an SSH wrapper script for another Mac.",
  },
};

export function fieldOf(key: string): SettingField {
  return SETTING_FIELDS[key] ?? { label: key, kind: "text" };
}

/** A value as the person reads it: a choice by its words, a switch as On/Off, unset as such. */
export function showValue(field: SettingField, value: unknown): string {
  if (value === null || value === undefined || value === "") return "Not set";
  if (field.kind === "choice")
    return field.choices.find((choice) => choice.value === value)?.label ?? String(value);
  if (field.kind === "toggle") return value === true ? "On" : "Off";
  return typeof value === "string" ? value : JSON.stringify(value);
}
