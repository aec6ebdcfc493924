import { describe, expect, it } from "vitest";
import { parseChatCommand } from "../../../app/channel/chat-commands.ts";

describe("chat commands", () => {
  it("reads /config set in the reference's path=value form", () => {
    expect(parseChatCommand("/config set a.b=2000")).toEqual({
      name: "config-set",
      keyPath: "a.b",
      value: "2000",
    });
    expect(parseChatCommand('/config set channels.imessage.responsePrefix="[bot]"')).toEqual({
      name: "config-set",
      keyPath: "channels.imessage.responsePrefix",
      value: '"[bot]"',
    });
    expect(parseChatCommand("/config set a.b = 2000")).toMatchObject({ keyPath: "a.b", value: "2000" });
  });

  it("still reads /config set with the value after a space", () => {
    expect(parseChatCommand("/config set channels.imessage.textChunkLimit 500")).toEqual({
      name: "config-set",
      keyPath: "channels.imessage.textChunkLimit",
      value: "500",
    });
  });

  it("keeps an = or a space inside a quoted bracket as part of the key path", () => {
    expect(parseChatCommand('/config set channels.imessage.groups["*"].requireMention=false')).toEqual({
      name: "config-set",
      keyPath: 'channels.imessage.groups["*"].requireMention',
      value: "false",
    });
    expect(parseChatCommand('/config set dms["a b=c"].historyLimit 3')).toMatchObject({
      keyPath: 'dms["a b=c"].historyLimit',
      value: "3",
    });
  });

  it("reads /config show, with or without a path, and /config get with one", () => {
    expect(parseChatCommand("/config show")).toEqual({ name: "config-show" });
    expect(parseChatCommand("/config show channels.imessage")).toEqual({
      name: "config-show",
      keyPath: "channels.imessage",
    });
    expect(parseChatCommand("/CONFIG GET messages.responsePrefix")).toEqual({
      name: "config-show",
      keyPath: "messages.responsePrefix",
    });
  });

  it("answers a /config it cannot read with the usage", () => {
    for (const text of [
      "/config",
      "/config get",
      "/config set a.b",
      "/config set a.b=",
      "/config unset",
      "/config unset a b",
      "/config show a b",
      "/config frobnicate",
    ]) {
      expect(parseChatCommand(text), text).toEqual({ name: "config-usage" });
    }
  });

  it("reads /new, /reset and /config unset, and nothing that is not a command", () => {
    expect(parseChatCommand("/new")).toEqual({ name: "new" });
    expect(parseChatCommand(" /RESET ")).toEqual({ name: "new" });
    expect(parseChatCommand("/config unset messages.responsePrefix")).toEqual({
      name: "config-unset",
      keyPath: "messages.responsePrefix",
    });
    expect(parseChatCommand("please /reset")).toBeNull();
    expect(parseChatCommand("/configure")).toBeNull();
  });

  it("reads the owner's /answer and /dismiss for the messages from while Pinch was away, alone on the line", () => {
    expect(parseChatCommand("/answer")).toEqual({ name: "away-answer" });
    expect(parseChatCommand(" /Dismiss ")).toEqual({ name: "away-dismiss" });
    expect(parseChatCommand("/answer everyone")).toBeNull();
    expect(parseChatCommand("I will /answer later")).toBeNull();
  });
});
