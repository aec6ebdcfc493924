/**
 * Catch-up after the gateway was away: 10,000 messages from 20 chats arrive
 * while it is stopped; the clock runs from its restart until every one is
 * answered. imsg's `messages.after` pages the backlog in (500 rows a page,
 * the next page only once the queue has drained), so memory stays near
 * that of a live burst.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SimDb } from "../test/imsg-sim/sim-db.ts";
import { startBenchGateway, stopBenchGateway, waitForReplies } from "./bench-gateway.ts";

const CHATS = 20;
const PER_CHAT = 500;

function rssMiB(pid: number | undefined, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

export async function runCatchUpBench(record: (line: string) => void): Promise<void> {
  const first = startBenchGateway({});
  await first.ready;
  // One answered message gives the gateway a cursor to resume from.
  const before = first.sim.maxRowid();
  first.sim.injectInbound({ from: "+15555550100", text: "before the outage" });
  await waitForReplies(first.sim, before, 1);
  await stopBenchGateway(first);

  const senders = Array.from({ length: CHATS }, (_, index) => `+1555556${String(index).padStart(4, "0")}`);
  const offline = SimDb.open(join(first.dir, "chat.db"));
  const since = offline.maxRowid();
  offline.batch(() => {
    for (let index = 0; index < PER_CHAT; index++) {
      for (const from of senders) offline.injectInbound({ from, text: `missed ${index}` });
    }
  });
  offline.close();
  const began = performance.now();
  const away = startBenchGateway({ dir: first.dir });
  await away.ready;
  await waitForReplies(away.sim, since, CHATS * PER_CHAT, 300_000);
  const seconds = (performance.now() - began) / 1000;
  record(
    `catch-up of ${CHATS * PER_CHAT} messages missed while stopped: all answered ${seconds.toFixed(2)} s after the restart (${((CHATS * PER_CHAT) / seconds).toFixed(0)} msg/s)`,
  );
  record(
    `RSS during the catch-up: peak ${rssMiB(away.child.pid, "VmHWM").toFixed(1)} MiB, right after ${rssMiB(away.child.pid, "VmRSS").toFixed(1)} MiB`,
  );
  await stopBenchGateway(away);
}
