import { describe, expect, it } from "vitest";
import { CHAT_REFUSAL, findChatEditProblem } from "../../../app/config/chat-editable-keys.ts";

const raw = {
  channels: {
    imessage: { accounts: { work: { dbPath: "/tmp/chat.db" } }, groups: { "42": { requireMention: true } } },
  },
};

function problem(keyPath: string, kind: "set" | "unset" = "set"): string | undefined {
  const edit = kind === "set" ? { kind, keyPath, value: 1 } : { kind, keyPath };
  const found = findChatEditProblem(raw, [edit]);
  return found === null ? undefined : `${found.path}: ${found.message}`;
}

describe("keys chat may change", () => {
  it("accepts the reply-shaping keys, at the root and on an existing account or group", () => {
    for (const keyPath of [
      "channels.imessage.textChunkLimit",
      "channels.imessage.accounts.work.responsePrefix",
      "channels.imessage.groups.42.requireMention",
      'channels.imessage.groups["42"].systemPrompt',
      "channels.imessage.groups[42].requireMention",
      "messages.groupChat.mentionPatterns",
      "messages.inbound.debounceMs",
    ])
      expect(problem(keyPath), keyPath).toBeUndefined();
    expect(problem("messages.responsePrefix", "unset")).toBeUndefined();
  });

  it("refuses who may talk, what runs, where it connects and which secret is sent", () => {
    for (const keyPath of [
      "commands.ownerAllowFrom",
      "commands.config",
      "channels.imessage.allowFrom",
      "channels.imessage.groupAllowFrom",
      "channels.imessage.dmPolicy",
      "channels.imessage.accounts.work.groupPolicy",
      "channels.imessage.cliPath",
      "channels.imessage.dbPath",
      "channels.imessage.remoteHost",
      "channels.imessage.enabled",
      "channels.imessage.accounts",
      "channels.imessage.groups.42",
      "models.providers.openai.baseUrl",
      "models.providers.openai.apiKey",
      "models",
      "channels",
    ])
      expect(problem(keyPath), keyPath).toBe(`${keyPath}: ${CHAT_REFUSAL}`);
    expect(problem("commands.ownerAllowFrom", "unset")).toBe(`commands.ownerAllowFrom: ${CHAT_REFUSAL}`);
  });

  it("never adds an account or lists a new group", () => {
    expect(problem("channels.imessage.accounts.evil.textChunkLimit")).toBe(
      "channels.imessage.accounts.evil: does not exist; add it in the Pinch window or the config file first",
    );
    expect(problem("channels.imessage.groups.77.requireMention")).toMatch(
      /^channels\.imessage\.groups\.77: does not exist/,
    );
  });
});
