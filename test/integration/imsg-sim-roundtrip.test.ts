import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ChatsListResult, WatchSubscribeResult } from "../../app/imsg/imsg-methods.ts";
import { IncomingFrameSchema, MessageNotificationParams } from "../../app/imsg/protocol.ts";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";

describe("imsg simulator as a child process", () => {
  it("round-trips chats.list and a watch notification for an injected row", async () => {
    const db = SimDb.create();
    const alice = db.dm("+15550100001");
    db.injectInbound({ from: "+15550100001", chat: alice, text: "first" });

    const child = spawn(imsgShimPath(), ["rpc", "--db", db.path], { stdio: ["pipe", "pipe", "inherit"] });
    type Frame = Record<string, unknown>;
    const waiting = new Set<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }>();
    createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      const frame = IncomingFrameSchema.parse(JSON.parse(line)) as Frame;
      for (const waiter of waiting) {
        if (!waiter.match(frame)) continue;
        waiting.delete(waiter);
        waiter.resolve(frame);
      }
    });
    const next = (match: (frame: Frame) => boolean) =>
      new Promise<Frame>((resolve) => {
        waiting.add({ match, resolve });
      });
    const request = (id: number, method: string, params: unknown) => {
      const answer = next((frame) => frame.id === id);
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      return answer;
    };

    const listed = ChatsListResult.parse((await request(1, "chats.list", { limit: 5 })).result);
    expect(listed.chats).toEqual([
      expect.objectContaining({ id: alice.id, identifier: "+15550100001", is_group: false }),
    ]);

    const { subscription } = WatchSubscribeResult.parse(
      (await request(2, "watch.subscribe", { chat_id: alice.id, debounce_ms: 0 })).result,
    );
    const notified = next((frame) => frame.method === "message");
    const injected = db.injectInbound({ from: "+15550100001", chat: alice, text: "second" });
    const params = MessageNotificationParams.parse((await notified).params);
    expect(params).toMatchObject({
      subscription,
      message: {
        id: injected.rowid,
        guid: injected.guid,
        chat_id: alice.id,
        text: "second",
        is_from_me: false,
      },
    });

    child.stdin.end();
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    db.close();
  });
});
