import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BurstHolder,
  continuesBurst,
  type HeldMessage,
  mayJoinBurst,
} from "../../../app/channel/burst-holder.ts";
import type { TurnAdmission } from "../../../app/channel/turn-runner.ts";
import type { Message } from "../../../app/imsg/protocol.ts";

const T0 = Date.parse("2026-01-05T10:00:00.000Z");

function row(
  id: number,
  text: string,
  options: { sender?: string; atMs?: number; chat?: number } = {},
): Message {
  return {
    id,
    chat_id: options.chat ?? 1,
    guid: `g${id}`,
    sender: options.sender ?? "+15555550123",
    is_from_me: false,
    text,
    created_at: new Date(T0 + (options.atMs ?? 0)).toISOString(),
  };
}

const turn: TurnAdmission = { kind: "turn", isGroup: false, sessionKey: "s", owner: false, command: null };
const held = (message: Message): HeldMessage => ({
  message,
  admission: turn,
  keys: [],
  row: { resemblesOwnSend: false },
});

describe("which messages may wait for the rest of a burst", () => {
  it("lets a plain text turn wait, but not a command, a file or an empty row", () => {
    expect(mayJoinBurst(row(1, "hi"), turn)).toBe(true);
    expect(mayJoinBurst(row(1, "/new"), { ...turn, command: { name: "new" } })).toBe(false);
    const withFile = { ...row(1, "look"), attachments: [{ filename: "a.jpg" }] } as unknown as Message;
    expect(mayJoinBurst(withFile, turn)).toBe(false);
    expect(mayJoinBurst(row(1, "  "), turn)).toBe(false);
  });

  it("joins rows of one sender in one chat written within the window, by the rows' own times", () => {
    expect(continuesBurst(row(1, "a"), row(2, "b", { atMs: 1_000 }), 1_500)).toBe(true);
    expect(continuesBurst(row(1, "a"), row(2, "b", { atMs: 2_000 }), 1_500)).toBe(false);
    expect(continuesBurst(row(1, "a"), row(2, "b", { sender: "+15555550999" }), 1_500)).toBe(false);
    expect(continuesBurst(row(1, "a"), row(2, "b", { chat: 2 }), 1_500)).toBe(false);
  });
});

describe("holding bursts", () => {
  let released: { key: string; texts: (string | undefined)[] }[];
  let holder: BurstHolder;
  beforeEach(() => {
    vi.useFakeTimers();
    released = [];
    holder = new BurstHolder((key, items) =>
      released.push({ key, texts: items.map((item) => item.message.text) }),
    );
  });
  afterEach(() => vi.useRealTimers());

  it("releases a burst once its sender has been quiet for the window", () => {
    holder.hold("s", held(row(1, "a")), 1_000);
    vi.advanceTimersByTime(900);
    holder.hold("s", held(row(2, "b", { atMs: 900 })), 1_000);
    vi.advanceTimersByTime(900);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(released).toEqual([{ key: "s", texts: ["a", "b"] }]);
  });

  it("releases the held burst first when another sender writes in the same queue", () => {
    holder.hold("s", held(row(1, "a")), 1_000);
    holder.hold("s", held(row(2, "b", { sender: "+15555550999" })), 1_000);
    expect(released).toEqual([{ key: "s", texts: ["a"] }]);
    holder.flushAll();
    expect(released).toEqual([
      { key: "s", texts: ["a"] },
      { key: "s", texts: ["b"] },
    ]);
  });

  it("keeps queues apart", () => {
    holder.hold("s1", held(row(1, "a")), 1_000);
    holder.hold("s2", held(row(2, "b", { chat: 2 })), 1_000);
    holder.flush("s1");
    expect(released).toEqual([{ key: "s1", texts: ["a"] }]);
  });
});
