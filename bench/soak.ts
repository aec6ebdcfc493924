/**
 * `npm run bench:soak`: many messages through the real `pinch gateway`, the
 * `imsg` simulator and the echo agent, with the gateway killed (SIGKILL) and
 * restarted every `--crash-every` messages while messages keep arriving.
 *
 * Reports what a user would notice: messages never answered (lost), answered
 * twice (duplicated), answered out of order within a chat, the latency from
 * the row landing in chat.db to the reply row landing, and the gateway's RSS
 * at each crash point (one process per stretch between crashes).
 *
 *   npm run bench:soak -- [--messages 100000] [--crash-every 5000] [--chats 20] [--rate 200]
 *                         [--node-arg=--trace-gc] [--log-tail]
 *
 * The rate matters for "lost": rows written while the gateway is down are
 * replayed on restart only up to the spec's bound (the newest 500 rows, §8),
 * and older ones are skipped with a warning. At 200 msg/s the second or so of
 * a restart stays well inside that bound; the report counts skip warnings.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { imsgShimPath, SimDb } from "../test/imsg-sim/sim-db.ts";
import { percentile } from "./percentile.ts";

const { values: flags } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    "crash-every": { type: "string", default: "5000" },
    chats: { type: "string", default: "20" },
    rate: { type: "string", default: "200" },
    /** Print the end of the last gateway's log (with NODE_OPTIONS=--trace-gc: its last collections). */
    "log-tail": { type: "boolean", default: false },
    /** Node flags for the gateway, e.g. --node-arg=--trace-gc or --node-arg=--max-semi-space-size=2. */
    "node-arg": { type: "string", multiple: true, default: [] },
  },
});
const total = Number(flags.messages);
const crashEvery = Number(flags["crash-every"]);
const chatCount = Number(flags.chats);
/** Messages per second written into chat.db; steady, as people write, not one giant transaction. */
const rate = Number(flags.rate);
let replaySkips = 0;
/** Warnings and errors of every gateway life, by message: what went wrong, and how often. */
const complaints = new Map<string, number>();
const TICK_MS = 20;

const dir = mkdtempSync(join(tmpdir(), "pinch-soak-"));
// A long run must not pick up a dist/ rebuilt halfway through it: run a private copy of the
// bundle, started through a copy of bin/pinch.js as users start it (with the gateway's V8 flags).
const root = join(import.meta.dirname, "..");
const bundle = join(root, "dist", "cli");
if (!existsSync(join(bundle, "pinch.mjs")))
  throw new Error(`${bundle}/pinch.mjs is missing: run npm run build first`);
cpSync(bundle, join(dir, "dist", "cli"), { recursive: true });
cpSync(join(root, "bin", "pinch.js"), join(dir, "bin", "pinch.js"));
const pinch = join(dir, "bin", "pinch.js");
const sim = SimDb.create({ path: join(dir, "chat.db") });
const configPath = join(dir, "pinch.json5");
const stateDir = join(dir, "state");
writeFileSync(
  configPath,
  JSON.stringify({
    channels: {
      imessage: { cliPath: imsgShimPath(), dbPath: sim.path, dmPolicy: "open", allowFrom: ["*"] },
    },
    session: { dmScope: "per-channel-peer" },
  }),
);

interface Life {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
  tail: () => string;
}

const restartTimes: number[] = [];
/** Every gateway's log, one after the other, kept for a look after the run. */
const logPath = join(dir, "gateway.log");
let lives = 0;

function launch(): Life {
  const launchedAt = performance.now();
  appendFileSync(logPath, `--- gateway ${++lives}, ${new Date().toISOString()}\n`);
  const child = spawn(
    process.execPath,
    [
      ...(flags["node-arg"] ?? []),
      pinch,
      "gateway",
      // The echo agent answers every sender; without it only the owner would be.
      "--echo",
      "--config",
      configPath,
      "--state-dir",
      stateDir,
      "--debounce-ms",
      "0",
    ],
    { env: { ...process.env, IMSG_SIM_POLL_MS: "10" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  // The log is on stderr; Node's own tracing (--trace-gc) writes to stdout.
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    appendFileSync(logPath, text);
    replaySkips += text.match(/more rows arrived while stopped than are replayed/g)?.length ?? 0;
    for (const match of text.matchAll(/ (WARN|ERROR) +(.+?)(?: [a-z_]+=|$)/gm)) {
      const key = `${match[1]} ${match[2]}`;
      complaints.set(key, (complaints.get(key) ?? 0) + 1);
    }
    // Keep the tail only in memory: the log of a long run would be the biggest thing in this process.
    output = (output + text).slice(-20_000);
    if (/\bready\b/.test(output)) resolveReady();
  });
  void ready.then(() => restartTimes.push(performance.now() - launchedAt));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    if (signal === null && code !== 0) process.stderr.write(`the gateway exited (${code}):\n${output}\n`);
  });
  return { child, ready, exited, tail: () => output };
}

function rssMiB(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const senders = Array.from({ length: chatCount }, (_, index) => `+1555557${String(index).padStart(4, "0")}`);
/** Injection time (ms since epoch) of message n, whose text is `s<n>` and whose reply is `echo: s<n>`. */
const injectedAt = new Float64Array(total);
const chatOf = new Int32Array(total);
const replies = new Uint8Array(total);
const latencies: number[] = [];
const lastAnsweredInChat = new Map<number, number>();
let outOfOrder = 0;
let unexpected = 0;
let readSince = sim.maxRowid();

/** Reads the reply rows that landed since the last look. */
function collectReplies(): void {
  for (const row of sim.sentMessages({ sinceRowid: readSince })) {
    readSince = row.rowid;
    const match = /^echo: s(\d+)$/.exec(row.text);
    const n = match ? Number(match[1]) : -1;
    if (n < 0 || n >= total) {
      unexpected++;
      continue;
    }
    replies[n] = (replies[n] ?? 0) + 1;
    if (replies[n] === 1) latencies.push(row.date.getTime() - (injectedAt[n] as number));
    const chat = chatOf[n] as number;
    if ((lastAnsweredInChat.get(chat) ?? -1) > n) outOfOrder++;
    lastAnsweredInChat.set(chat, n);
  }
}

const answered = () => latencies.length;

const began = performance.now();
let life = launch();
await life.ready;
const rssAtStart = rssMiB(life.child.pid);
const rssAtCrash: number[] = [];
let crashes = 0;
let injected = 0;
/** `--crash-every 0`: one gateway for the whole run, its RSS read every 5,000 messages instead. */
const checkpointEvery = crashEvery > 0 ? crashEvery : 5_000;
let nextCheckpoint = checkpointEvery;
let lastReport = performance.now();
let ticks = 0;
const writingStart = performance.now();

while (injected < total) {
  const tickStart = performance.now();
  // Paced by the clock, not by ticks: a tick delayed by a busy machine writes what is due.
  const due = Math.min(total, Math.floor(((performance.now() - writingStart) * rate) / 1000));
  const count = Math.max(0, due - injected);
  sim.batch(() => {
    for (let k = 0; k < count; k++) {
      const n = injected + k;
      const from = senders[n % chatCount] as string;
      const now = new Date();
      const { chatId } = sim.injectInbound({ from, text: `s${n}`, date: now });
      injectedAt[n] = now.getTime();
      chatOf[n] = chatId;
    }
  });
  injected += count;
  // Reading the reply rows costs the machine the gateway runs on too: look every 10 ticks.
  if (++ticks % 10 === 0) collectReplies();
  if (injected >= nextCheckpoint) {
    nextCheckpoint += checkpointEvery;
    rssAtCrash.push(rssMiB(life.child.pid));
  }
  if (crashEvery > 0 && injected >= crashes * crashEvery + crashEvery) {
    life.child.kill("SIGKILL");
    await life.exited;
    crashes++;
    life = launch();
    // Messages keep arriving while the gateway starts again, as they would.
    void life.ready;
  }
  if (performance.now() - lastReport > 10_000) {
    lastReport = performance.now();
    process.stdout.write(`… ${injected} written, ${answered()} answered, ${crashes} crashes\n`);
  }
  await sleep(Math.max(0, TICK_MS - (performance.now() - tickStart)));
}

const writtenIn = (performance.now() - writingStart) / 1000;
// Wait for the last replies: until everything is answered or nothing moves for 60 s.
let lastProgress = performance.now();
let lastCount = answered();
while (answered() < total && performance.now() - lastProgress < 60_000) {
  await sleep(100);
  collectReplies();
  if (answered() !== lastCount) {
    lastCount = answered();
    lastProgress = performance.now();
  }
}
// Anything sent twice shows up late, if at all: give it a moment.
await sleep(2_000);
collectReplies();
const rssAtEnd = rssMiB(life.child.pid);
const seconds = (performance.now() - began) / 1000;
life.child.kill("SIGTERM");
await life.exited;

let lost = 0;
let duplicated = 0;
for (let n = 0; n < total; n++) {
  const times = replies[n] as number;
  if (times === 0) lost++;
  if (times > 1) duplicated += times - 1;
}
const sorted = [...latencies].sort((a, b) => a - b);
const firstStretch = rssAtCrash[0] ?? rssAtEnd;
const lastStretch = rssAtCrash.at(-1) ?? rssAtEnd;
const lines = [
  `messages: ${total} from ${chatCount} chats, written over ${writtenIn.toFixed(0)} s (${(total / writtenIn).toFixed(0)} msg/s; asked for ${rate}); ${crashEvery > 0 ? `gateway killed (SIGKILL) every ${crashEvery}` : "no crashes"}: ${crashes} crashes`,
  `lost: ${lost}`,
  `duplicated: ${duplicated}`,
  `answered out of order within a chat: ${outOfOrder}`,
  `unexpected reply rows: ${unexpected}`,
  `restarts that skipped rows beyond the replay bound: ${replaySkips}`,
  `latency, row written → reply row written: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms`,
  `RSS: ${rssAtStart.toFixed(1)} MiB after the first start; at the checkpoints (every ${checkpointEvery}) ${firstStretch.toFixed(1)} MiB (first) … ${lastStretch.toFixed(1)} MiB (last), max ${Math.max(...rssAtCrash, rssAtEnd).toFixed(1)} MiB; ${rssAtEnd.toFixed(1)} MiB at the end`,
  `RSS growth, last checkpoint − first checkpoint: ${(lastStretch - firstStretch).toFixed(1)} MiB`,
  `start to ready: slowest ${Math.max(...restartTimes).toFixed(0)} ms of ${restartTimes.length} starts`,
  `wall time: ${seconds.toFixed(0)} s; every gateway's log: ${logPath}`,
  ...[...complaints].map(([message, count]) => `log: ${count} × ${message}`),
];
process.stdout.write(`\n${lines.join("\n")}\n`);
if (flags["log-tail"] && lost === 0 && duplicated === 0) {
  process.stdout.write(`\nlast gateway log lines:\n${life.tail().slice(-3_000)}\n`);
}
if (lost > 0 || duplicated > 0) {
  process.stdout.write(`\nlast gateway log lines:\n${life.tail().slice(-3_000)}\n`);
  process.exitCode = 1;
}
