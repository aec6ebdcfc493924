/**
 * A copy of the OpenClaw state directory fixture (test/fixtures/openclaw-home)
 * in a temporary HOME. Its config names a Mac's files; `onSimulator` points
 * each account's `cliPath` and `dbPath` at the imsg simulator and the
 * Anthropic provider at the fake model server, and changes nothing else.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { imsgShimPath, SimDb } from "../imsg-sim/sim-db.ts";

export const OPENCLAW_FIXTURE = fileURLToPath(new URL("../fixtures/openclaw-home", import.meta.url));

export interface OpenclawHome {
  home: string;
  /** `<home>/.openclaw`, OpenClaw's default state directory. */
  dir: string;
  configFile: string;
  readConfig(): Record<string, any>;
}

export function copyOpenclawHome(): OpenclawHome {
  const home = mkdtempSync(path.join(tmpdir(), "pinch-openclaw-"));
  cpSync(OPENCLAW_FIXTURE, home, { recursive: true });
  const dir = path.join(home, ".openclaw");
  const configFile = path.join(dir, "openclaw.json");
  return {
    home,
    dir,
    configFile,
    readConfig: () => JSON.parse(readFileSync(configFile, "utf8")) as Record<string, any>,
  };
}

/** One simulated Messages database per account of the fixture. */
export interface SimulatedMacs {
  personal: SimDb;
  bot: SimDb;
}

export function onSimulator(home: OpenclawHome, options: { modelBaseUrl?: string } = {}): SimulatedMacs {
  const macs = {
    personal: SimDb.create({ path: path.join(home.home, "personal-chat.db") }),
    bot: SimDb.create({ path: path.join(home.home, "bot-chat.db") }),
  };
  const config = home.readConfig();
  for (const [id, sim] of Object.entries(macs)) {
    Object.assign(config.channels.imessage.accounts[id], { cliPath: imsgShimPath(), dbPath: sim.path });
  }
  if (options.modelBaseUrl) config.models.providers.anthropic.baseUrl = options.modelBaseUrl;
  writeFileSync(home.configFile, JSON.stringify(config, null, 2));
  return macs;
}
