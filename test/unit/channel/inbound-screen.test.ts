import { describe, expect, it } from "vitest";
import { parseChatCommand } from "../../../app/channel/chat-commands.ts";
import { EchoMemory } from "../../../app/channel/echo-memory.ts";
import { SelfChatTwins, screenInbound } from "../../../app/channel/inbound-screen.ts";
import { LoopGuard } from "../../../app/channel/loop-guard.ts";
import type { Message } from "../../../app/imsg/protocol.ts";

const me = "+15550100000";
let rowid = 1;
function message(overrides: Partial<Message> = {}): Message {
  rowid++;
  return {
    id: rowid,
    chat_id: 5,
    guid: `guid-${rowid}`,
    sender: "+15555550123",
    is_from_me: false,
    text: "hello",
    created_at: new Date().toISOString(),
    destination_caller_id: me,
    ...overrides,
  };
}

function context(overrides: Partial<Parameters<typeof screenInbound>[1]> = {}) {
  return {
    region: "US",
    includeAttachments: false,
    echoMemory: new EchoMemory(),
    selfChatTwins: new SelfChatTwins(),
    maxAgeMs: 15 * 60_000,
    now: Date.now(),
    ...overrides,
  };
}

describe("inbound screening", () => {
  it("drops our own messages outside a self-chat", () => {
    expect(screenInbound(message({ is_from_me: true }), context())).toMatchObject({ reason: "from-me" });
  });

  it("drops an echo of a text we are sending, even with is_from_me wrong", () => {
    const echoMemory = new EchoMemory();
    echoMemory.rememberSend(["chat:5"], "echo: hi");
    expect(screenInbound(message({ text: "echo:  hi" }), context({ echoMemory }))).toMatchObject({
      reason: "echo",
    });
  });

  it("drops a row whose id we sent ourselves", () => {
    const echoMemory = new EchoMemory();
    const row = message();
    echoMemory.confirmSend(echoMemory.rememberSend(["chat:5"], "echo: x"), [row.guid]);
    expect(screenInbound(row, context({ echoMemory }))).toMatchObject({ reason: "echo" });
  });

  it("answers a person who repeats our words once our row is known, noting the resemblance", () => {
    const echoMemory = new EchoMemory();
    echoMemory.confirmSend(echoMemory.rememberSend(["chat:5"], "echo: hi"), [1, "sent-guid"]);
    expect(screenInbound(message({ text: "echo: hi" }), context({ echoMemory }))).toEqual({
      action: "process",
      selfChat: false,
      resemblesOwnSend: true,
    });
  });

  it("drops the received twin of our reply in a self-chat", () => {
    const echoMemory = new EchoMemory();
    echoMemory.confirmSend(echoMemory.rememberSend(["chat:5"], "echo: note"), [1, "sent-guid"]);
    const twin = message({ sender: me, is_from_me: false, text: "echo: note" });
    expect(screenInbound(twin, context({ echoMemory }))).toMatchObject({ reason: "echo" });
  });

  it("answers the first copy of a self-chat message and drops its twin", () => {
    const ctx = context();
    const sent = message({ sender: me, is_from_me: true, text: "note" });
    const twin = message({ sender: me, is_from_me: false, text: "note" });
    expect(screenInbound(sent, ctx)).toEqual({ action: "process", selfChat: true, resemblesOwnSend: false });
    expect(screenInbound(twin, ctx)).toMatchObject({ reason: "self-chat-twin" });
  });

  it("drops a backlog row older than the live window, saying so", () => {
    const old = message({ created_at: new Date(Date.now() - 60 * 60_000).toISOString() });
    expect(screenInbound(old, context())).toMatchObject({ reason: "stale", detail: "60 min old" });
  });

  it("drops attachment-only messages, written as U+FFFC by Messages, unless attachments are included", () => {
    const photo = message({ text: "\uFFFC", attachments: [{ filename: "~/a.jpg" }] });
    expect(screenInbound(photo, context())).toMatchObject({ reason: "attachments-not-included" });
    expect(screenInbound(photo, context({ includeAttachments: true })).action).toBe("process");
  });

  it("drops a row of several placeholders and whitespace like one of a single placeholder", () => {
    const album = message({
      text: "\uFFFC \uFFFC\n",
      attachments: [{ filename: "~/a.jpg" }, { filename: "~/b.jpg" }],
    });
    expect(screenInbound(album, context())).toMatchObject({ reason: "attachments-not-included" });
  });

  it("answers the words of a captioned photo with attachments off", () => {
    const captioned = message({ text: "look \uFFFC", attachments: [{ filename: "~/a.jpg" }] });
    expect(screenInbound(captioned, context()).action).toBe("process");
  });

  it("drops a row with neither words nor files as empty", () => {
    expect(screenInbound(message({ text: "\uFFFC " }), context())).toMatchObject({ reason: "empty" });
  });
});

describe("chat commands", () => {
  it("parses /new, /reset and /config", () => {
    expect(parseChatCommand("/new")).toEqual({ name: "new" });
    expect(parseChatCommand(" /RESET ")).toEqual({ name: "new" });
    expect(parseChatCommand("/config set channels.imessage.textChunkLimit 500")).toEqual({
      name: "config-set",
      keyPath: "channels.imessage.textChunkLimit",
      value: "500",
    });
    expect(parseChatCommand("/config unset messages.responsePrefix")).toEqual({
      name: "config-unset",
      keyPath: "messages.responsePrefix",
    });
    expect(parseChatCommand("/config")).toEqual({ name: "config-usage" });
    expect(parseChatCommand("new")).toBeNull();
  });
});

describe("loop guard", () => {
  const reflected = { responsePrefix: "🦞", resemblesOwnSend: true };
  const typed = { responsePrefix: "🦞", resemblesOwnSend: false };

  it("refuses our own words with our prefix, and mutes the chat after repeats", () => {
    let now = 0;
    const guard = new LoopGuard(() => now);
    expect(guard.check(1, "hello", typed)).toEqual({ ok: true });
    expect(guard.check(1, "🦞 echo: hi", reflected)).toMatchObject({ ok: false, muted: false });
    guard.check(1, "🦞 echo: again", reflected);
    expect(guard.check(1, "🦞 echo: and again", reflected)).toMatchObject({ ok: false, muted: true });
    expect(guard.check(1, "plain text", typed)).toMatchObject({ ok: false, muted: true });
    now += 11 * 60_000;
    expect(guard.check(1, "plain text", typed)).toEqual({ ok: true });
  });

  it("answers people who type the prefix, however often", () => {
    const guard = new LoopGuard();
    for (let index = 0; index < 5; index++) {
      expect(guard.check(1, "I love 🦞 rolls", typed)).toEqual({ ok: true });
    }
    expect(guard.check(1, "🦞 rolls!", typed)).toEqual({ ok: true });
  });

  it("answers our own words repeated back when no prefix is set", () => {
    expect(
      new LoopGuard().check(1, "echo: hi", { responsePrefix: undefined, resemblesOwnSend: true }),
    ).toEqual({ ok: true });
  });

  it("refuses leaked reply directives on any row", () => {
    expect(
      new LoopGuard().check(1, "[[reply_to: 42]] sure", {
        responsePrefix: undefined,
        resemblesOwnSend: false,
      }),
    ).toMatchObject({ ok: false });
  });

  it("mutes only for markup in rows that resemble our own sends, never for what one member types", () => {
    const guard = new LoopGuard();
    for (let index = 0; index < 5; index++)
      expect(guard.check(1, "<think>", typed)).toEqual({
        ok: false,
        muted: false,
        reason: "inbound text carries assistant markup",
      });
    expect(guard.check(1, "pinch, what's up?", typed)).toEqual({ ok: true });
    guard.check(1, "<think>x</think> echo: hi", reflected);
    guard.check(1, "<think>x</think> echo: hi", reflected);
    expect(guard.check(1, "<think>x</think> echo: hi", reflected)).toMatchObject({ muted: true });
  });
});
