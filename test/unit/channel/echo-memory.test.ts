import { describe, expect, it } from "vitest";
import { EchoMemory } from "../../../app/channel/echo-memory.ts";

const chat = ["chat:5", "handle:+15555550123"];
const person = { ours: false };
const ownRow = { ours: true };

function memoryAt(start = 0) {
  const clock = { now: start };
  return { clock, memory: new EchoMemory(() => clock.now) };
}

describe("echo memory", () => {
  it("knows a sent row by the id and guid imsg answered with", () => {
    const { memory } = memoryAt();
    memory.confirmSend(memory.rememberSend(chat, "echo: hi"), [41, "GUID-41"]);
    expect(memory.isEcho(chat, "echo: hi", ["GUID-41", 41], ownRow)).toBe(true);
    expect(memory.isEcho(chat, "something else", [undefined, 41], person)).toBe(true);
  });

  it("answers someone who writes the words of a send whose row is known", () => {
    const { memory } = memoryAt();
    memory.confirmSend(memory.rememberSend(chat, "echo: hi"), [41, "GUID-41"]);
    expect(memory.isEcho(chat, "echo: hi", ["GUID-42", 42], person)).toBe(false);
    expect(memory.isEcho(chat, "echo:  hi ", ["GUID-43", 43], person)).toBe(false);
  });

  it("takes the first row with a send's words for its echo while imsg has not answered yet", () => {
    const { memory } = memoryAt();
    const sent = memory.rememberSend(chat, "ok");
    expect(memory.isEcho(chat, "ok", ["GUID-41", 41], person)).toBe(true);
    memory.confirmSend(sent, [41, "GUID-41"]);
    expect(memory.isEcho(chat, "ok", ["GUID-41", 41], ownRow)).toBe(true);
    expect(memory.isEcho(chat, "ok", ["GUID-42", 42], person)).toBe(false);
  });

  it("with an imsg that answers without ids, takes the send's own row for the echo and answers the person after it", () => {
    const { memory } = memoryAt();
    memory.confirmSend(memory.rememberSend(chat, "thanks"), [undefined, undefined]);
    expect(memory.isEcho(chat, "thanks", ["GUID-41", 41], ownRow)).toBe(true);
    expect(memory.isEcho(chat, "thanks", ["GUID-42", 42], person)).toBe(false);
  });

  it("matches each send of the same words once", () => {
    const { memory } = memoryAt();
    memory.rememberSend(chat, "ok");
    memory.rememberSend(chat, "ok");
    expect(memory.isEcho(chat, "ok", [1], person)).toBe(true);
    expect(memory.isEcho(chat, "ok", [2], person)).toBe(true);
    expect(memory.isEcho(chat, "ok", [3], person)).toBe(false);
  });

  it("still drops a self-chat's received twin of a known send: our own address wrote it", () => {
    const { memory } = memoryAt();
    memory.confirmSend(memory.rememberSend(chat, "echo: note"), [41, "GUID-41"]);
    expect(memory.isEcho(chat, "echo: note", ["GUID-42", 42], ownRow)).toBe(true);
  });

  it("matches words under any of the chat's keys, and not in another chat", () => {
    const { memory } = memoryAt();
    memory.rememberSend(chat, "hello there");
    expect(memory.isEcho(["chat:9", "handle:+15555550123"], "hello there", [7], person)).toBe(true);
    memory.rememberSend(chat, "hello again");
    expect(memory.isEcho(["chat:9"], "hello again", [8], person)).toBe(false);
  });

  it("matches someone else's row to an unconfirmed send for 30 s, and our own rows for 10 minutes", () => {
    const { clock, memory } = memoryAt();
    memory.rememberSend(chat, "late");
    memory.confirmSend(memory.rememberSend(chat, "known"), [41]);
    clock.now += 30_001;
    expect(memory.isEcho(chat, "late", [50], person)).toBe(false);
    // A self-chat twin Messages writes minutes after the send is still our own reply.
    expect(memory.isEcho(chat, "late", [51], ownRow)).toBe(true);
    expect(memory.isEcho(chat, "known", [52], ownRow)).toBe(true);
    expect(memory.sentRecently(chat, "known")).toBe(true);
    expect(memory.isEcho(chat, "x", [41], person)).toBe(true);
    clock.now += 10 * 60_000;
    expect(memory.isEcho(chat, "x", [41], person)).toBe(false);
    expect(memory.isEcho(chat, "known", [53], ownRow)).toBe(false);
    expect(memory.sentRecently(chat, "known")).toBe(false);
  });

  it("says whether words were sent to the chat recently, whoever wrote the row", () => {
    const { memory } = memoryAt();
    memory.confirmSend(memory.rememberSend(chat, "🦞 echo: hi"), [41]);
    expect(memory.sentRecently(chat, "🦞 echo:  hi")).toBe(true);
    expect(memory.sentRecently(chat, "I love 🦞 rolls")).toBe(false);
    expect(memory.sentRecently(chat, undefined)).toBe(false);
  });

  it("keeps answering correctly across sweeps of many sends", () => {
    const { clock, memory } = memoryAt();
    for (let index = 0; index < 2_500; index++) {
      memory.confirmSend(memory.rememberSend([`chat:${index}`], `reply ${index}`), [index]);
      clock.now += 300;
    }
    expect(memory.sentRecently(["chat:0"], "reply 0")).toBe(false);
    expect(memory.sentRecently(["chat:1600"], "reply 1600")).toBe(true);
    expect(memory.sentRecently(["chat:2499"], "reply 2499")).toBe(true);
    expect(memory.isEcho(["chat:2499"], "reply 2499", [2499], person)).toBe(true);
  });
});
