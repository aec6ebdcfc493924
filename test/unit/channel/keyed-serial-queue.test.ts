import { describe, expect, it } from "vitest";
import { KeyedSerialQueue } from "../../../app/channel/keyed-serial-queue.ts";

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

describe("KeyedSerialQueue", () => {
  it("runs one key's tasks one at a time, in the order they were pushed", async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    let active = 0;
    for (let index = 0; index < 600; index++) {
      queue.push("chat", async () => {
        active++;
        expect(active).toBe(1);
        if (index % 50 === 0) await tick();
        log.push(`m${index}`);
        active--;
      });
    }
    await queue.idle();
    expect(log).toEqual(Array.from({ length: 600 }, (_, index) => `m${index}`));
  });

  it("runs different keys concurrently", async () => {
    const queue = new KeyedSerialQueue();
    let active = 0;
    let most = 0;
    for (const key of ["a", "b", "c"]) {
      queue.push(key, async () => {
        active++;
        most = Math.max(most, active);
        await tick(10);
        active--;
      });
    }
    await queue.idle();
    expect(most).toBe(3);
  });

  it("starts a task only after the pushing code has finished its step", async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    queue.push("chat", async () => {
      log.push("task");
    });
    log.push("after push");
    await queue.idle();
    expect(log).toEqual(["after push", "task"]);
  });

  it("keeps going after a task fails, and counts what is still queued", async () => {
    const queue = new KeyedSerialQueue();
    const log: number[] = [];
    queue.push("chat", async () => {
      throw new Error("boom");
    });
    queue.push("chat", async () => {
      log.push(2);
    });
    expect(queue.size).toBe(2);
    await queue.idle();
    expect(log).toEqual([2]);
    expect(queue.size).toBe(0);
  });

  it("accepts new tasks for a key while it is draining", async () => {
    const queue = new KeyedSerialQueue();
    const log: number[] = [];
    queue.push("chat", async () => {
      log.push(1);
      queue.push("chat", async () => {
        log.push(3);
      });
    });
    queue.push("chat", async () => {
      log.push(2);
    });
    await queue.idle();
    expect(log).toEqual([1, 2, 3]);
  });
});
