import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Agent } from "../../../app/agent/agent.ts";
import { serviceClient } from "../../../app/ipc/service-client.ts";
import { createNodeHostPorts } from "../../../app/services/node-host-ports.ts";
import { createPinchService, type PinchService } from "../../../app/services/pinch-service.ts";
import { imsgShimPath, SimDb } from "../../imsg-sim/sim-db.ts";

export interface ServiceFixture {
  service: PinchService;
  sim: SimDb;
  configPath: string;
  stateDir: string;
  close(): Promise<void>;
}

export const echoAgent: Agent = {
  async reply(turn) {
    return { text: `echo: ${turn.text}` };
  },
  async resetSession() {},
};

/** A real service on a fresh simulator database, with `imessage` keys merged into channels.imessage. */
export async function startService(
  imessage: Record<string, unknown> = {},
  agent: Agent = echoAgent,
  /** What the host reports about the Mac, e.g. its region. */
  facts: { region?: string } = {},
): Promise<ServiceFixture> {
  const dir = mkdtempSync(join(tmpdir(), "pinch-ipc-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  const configPath = join(dir, "pinch.json5");
  writeFileSync(
    configPath,
    JSON.stringify({ channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...imessage } } }),
  );
  const stateDir = join(dir, "state");
  const service = createPinchService({
    configPath,
    stateDir,
    agent,
    host: createNodeHostPorts({}, facts),
    watchDebounceMs: 0,
    env: { ...process.env, IMSG_SIM_POLL_MS: "10" },
  });
  await service.ready;
  await waitForReady(service);
  return {
    service,
    sim,
    configPath,
    stateDir,
    async close() {
      await service.close();
      sim.close();
    },
  };
}

/** Every enabled account watching: only then is an injected message a live one. */
export async function waitForReady(service: PinchService, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await serviceClient(service).invoke("status.get", {});
    const accounts = result.ok ? result.data.accounts : [];
    if (accounts.every((account) => account.state === "ready")) return;
    if (Date.now() > deadline) throw new Error(`accounts not ready: ${JSON.stringify(accounts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
