/**
 * `npm run demo`: the gateway core against the `imsg` simulator with the configured agent (the
 * built-in echo agent until a model is set up in the window, keys kept in memory for the run),
 * served to the window over the WebSocket bridge, exactly as the browser tests run it. Open the
 * printed URL for the window. Type a line (`+15555550123 hello`, or just `hello`) to play an
 * incoming iMessage; the gateway's answers are printed as they land in the simulated chat.db.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createConfiguredAgent } from "../app/agent/configured-agent.ts";
import { pausedGate } from "../app/channel/turn-hooks.ts";
import { startWsBridge } from "../app/ipc/ws-bridge.ts";
import { silentLogger } from "../app/log/logger.ts";
import { createNodeHostPorts } from "../app/services/node-host-ports.ts";
import { createPinchService } from "../app/services/pinch-service.ts";
import { harnessRendererDir, startRendererServer } from "../test/e2e/serve-renderer.ts";
import { imsgShimPath, SimDb } from "../test/imsg-sim/sim-db.ts";

const root = path.resolve(import.meta.dirname, "..");
if (!existsSync(path.join(harnessRendererDir, "index.html")) || process.argv.includes("--build")) {
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--mode", "harness"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}

const dir = path.join(root, ".demo", String(Date.now()));
mkdirSync(dir, { recursive: true });
const sim = SimDb.create({ path: path.join(dir, "chat.db") });
const configPath = path.join(dir, "pinch.json5");
const stateDir = path.join(dir, "state");
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

// The window is the first-run wizard until it is finished once; `--wizard` shows it.
const host = createNodeHostPorts({ firstRunDone: !process.argv.includes("--wizard") });
const service = createPinchService({
  configPath,
  stateDir,
  agent: createConfiguredAgent({ stateDir, log: silentLogger, secrets: host.secrets }, { echo: true }),
  gates: [pausedGate(() => host.getPrefs().pauseReplies)],
  host,
  logSink: { write: (line: string) => process.stderr.write(line) },
});
await service.ready;
const bridge = await startWsBridge(service);
const server = await startRendererServer(harnessRendererDir);
const windowUrl = `${server.url}#bridge=${encodeURIComponent(bridge.connectUrl)}`;
process.stdout.write(`\nPinch demo\n  window:  ${windowUrl}\n  config:  ${configPath}\n`);
process.stdout.write(
  `  Type a message to send it from ${defaultSender}, or "<handle> <text>" from anyone else.\n`,
);
process.stdout.write("  Strangers get a pairing code: approve them in the window's Pairing section.\n\n");

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

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(poll);
  input.close();
  await bridge.close();
  await server.close();
  await service.close();
  sim.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
