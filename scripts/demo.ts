/**
 * `npm run demo`: the headless gateway against the `imsg` simulator with the
 * built-in echo agent, plus the window served on localhost. Type a line
 * (`+15555550123 hello`, or just `hello`) to play an incoming iMessage; the
 * gateway's answers are printed as they land in the simulated chat.db.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { startRendererServer } from "../test/e2e/serve-renderer.ts";
import { imsgShimPath, SimDb } from "../test/imsg-sim/sim-db.ts";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".demo", String(Date.now()));
mkdirSync(dir, { recursive: true });
const sim = SimDb.create({ path: path.join(dir, "chat.db") });
const configPath = path.join(dir, "pinch.json5");
const defaultSender = "+15555550123";
writeFileSync(
  configPath,
  JSON.stringify(
    {
      channels: {
        imessage: {
          enabled: true,
          cliPath: imsgShimPath(),
          dbPath: sim.path,
          dmPolicy: "pairing",
          allowFrom: [defaultSender],
        },
      },
      session: { dmScope: "per-channel-peer" },
    },
    null,
    2,
  ),
);

const gateway = spawn(
  process.execPath,
  [
    path.join(root, "bin/pinch.js"),
    "gateway",
    "--config",
    configPath,
    "--state-dir",
    path.join(dir, "state"),
  ],
  { stdio: ["ignore", "inherit", "inherit"] },
);

const server = await startRendererServer();
process.stdout.write(`\nPinch demo\n  window:  ${server.url}\n  config:  ${configPath}\n`);
process.stdout.write(
  `  Type a message to send it from ${defaultSender}, or "<handle> <text>" from anyone else.\n`,
);
process.stdout.write(
  "  Strangers get a pairing code: approve it with `npx pinch pairing approve imessage CODE`",
);
process.stdout.write(` --config ${configPath} --state-dir ${path.join(dir, "state")}\n\n`);

let seen = sim.maxRowid();
const poll = setInterval(() => {
  for (const row of sim.sentMessages({ sinceRowid: seen })) {
    process.stdout.write(`  → to chat ${row.chatId}: ${row.text}\n`);
    seen = row.rowid;
  }
}, 100);

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  const text = line.trim();
  if (!text) return;
  const match = /^(\+\d{6,15}|\S+@\S+)\s+(.+)$/.exec(text);
  const from = match?.[1] ?? defaultSender;
  const body = match?.[2] ?? text;
  seen = Math.max(seen, sim.injectInbound({ from, text: body }).rowid);
  process.stdout.write(`  ← from ${from}: ${body}\n`);
});

const stop = () => {
  clearInterval(poll);
  input.close();
  gateway.kill("SIGTERM");
  void server.close();
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
gateway.on("exit", (code) => {
  stop();
  process.exit(code ?? 0);
});
