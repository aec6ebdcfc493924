import { describe, expect, it } from "vitest";
import type { AgentTurn } from "../../../app/agent/agent.ts";
import { buildMessages, buildTurnInput } from "../../../app/agent/conversation.ts";
import type { ResolvedModel } from "../../../app/agent/model-config.ts";
import { buildSystemPrompt, DEFAULT_SYSTEM_PROMPT } from "../../../app/agent/system-prompt.ts";

const turn: AgentTurn = {
  agentId: "main",
  sessionKey: "agent:main:imessage:group:3",
  accountId: "default",
  isGroup: true,
  chatId: 3,
  chatName: "Crew",
  sender: "+15555550123",
  senderName: "Alice",
  text: "@pinch hi \uFFFC",
  attachments: [],
  context: [
    { sender: "+15555550999", text: "earlier", at: "2026-11-25T12:00:00Z", fromMe: false },
    { sender: "me", text: "my own note", at: "2026-11-25T12:00:01Z", fromMe: true },
  ],
  extraSystemPrompt: "Only in English.",
};

const model: ResolvedModel = {
  ref: "x/y",
  providerId: "x",
  modelId: "y",
  api: "openai-completions",
  baseUrl: "http://127.0.0.1:1/v1",
  apiKeyRef: undefined,
  contextWindow: 10_000,
  maxTokens: 100,
  images: false,
  stream: false,
};

describe("system prompt", () => {
  it("is the agent's own, then how groups are labelled, then the group's prompt", () => {
    const prompt = buildSystemPrompt(
      { agents: { list: [{ id: "main", systemPrompt: "Be Pinchy." }] } },
      turn,
    );
    const parts = prompt.split("\n\n");
    expect(parts[0]).toBe("Be Pinchy.");
    expect(parts[1]).toMatch(/^This is an iMessage group chat named "Crew"/);
    expect(parts[2]).toBe("Only in English.");
    expect(
      buildSystemPrompt({}, { ...turn, isGroup: false, extraSystemPrompt: undefined } as AgentTurn),
    ).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(DEFAULT_SYSTEM_PROMPT).toMatch(/iMessage/);
    expect(DEFAULT_SYSTEM_PROMPT).toMatch(/plain text/);
    expect(DEFAULT_SYSTEM_PROMPT).toMatch(/brief/);
  });
});

describe("turn input", () => {
  it("labels the speaker by name and handle and keeps group context with the message it was sent with", () => {
    const input = buildTurnInput(turn, [], { images: [], notes: ["[note]"] }, "t");
    expect(input.stored).toEqual({
      role: "user",
      text: input.sentText,
      said: "@pinch hi",
      sender: "+15555550123",
      context: ["+15555550999\0earlier", "me\0my own note"],
      at: "t",
    });
    expect(input.sentText).toBe(
      [
        "Recent messages in this group, oldest first (context only, not addressed to you):",
        "[+15555550999] earlier",
        "[you] my own note",
        "",
        "[Alice (+15555550123)] @pinch hi",
        "[note]",
      ].join("\n"),
    );
  });

  it("ignores DM seed history once the session has messages", () => {
    const dm = { ...turn, isGroup: false, text: "hello" };
    const history = [
      { role: "user" as const, text: "old", at: "t" },
      { role: "assistant" as const, text: "reply", at: "t" },
    ];
    const input = buildTurnInput(dm, history, { images: [], notes: [] }, "t");
    expect(input.sentText).toBe("hello");
    expect(buildMessages(model, "sys", history, input, [])).toEqual([
      { role: "user", content: "old" },
      { role: "assistant", content: "reply" },
      { role: "user", content: "hello" },
    ]);
  });
});

describe("what a message is", () => {
  const dm: AgentTurn = {
    ...turn,
    isGroup: false,
    sessionKey: "agent:main:main",
    context: [],
    text: "yes, do it",
  };

  it("an inline reply says which message it answers, and who wrote it", () => {
    const input = buildTurnInput(
      { ...dm, replyTo: { sender: "+15555550999", senderName: "Sam", text: "Shall I book the table?" } },
      [],
      { images: [], notes: [] },
      "2026-12-04T10:00:00Z",
    );
    expect(input.sentText).toBe('(replying to Sam (+15555550999): "Shall I book the table?")\nyes, do it');
  });

  it("a voice memo's transcript is marked as one", () => {
    const input = buildTurnInput(
      { ...dm, text: "call me back when you can", voiceMemo: true },
      [],
      { images: [], notes: [] },
      "2026-12-04T10:00:00Z",
    );
    expect(input.sentText).toBe("(voice memo, as Apple transcribed it) call me back when you can");
  });
});
