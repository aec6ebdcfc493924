/**
 * Two accounts that leave `dbPath` to imsg's default read the default
 * database of the user their imsg runs as: through the same imsg (by any
 * symlink) that is one database, and every message would be answered twice.
 * `pinch gateway` refuses such a config at start and as a live edit.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { imsgShimPath } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, startGateway } from "./gateway-harness.ts";

const open = { dmPolicy: "open", allowFrom: ["*"] };

function startWith(imessage: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), "pinch-shared-db-"));
  const configPath = join(dir, "pinch.json5");
  writeFileSync(configPath, JSON.stringify({ channels: { imessage } }));
  const result = spawnSync(
    process.execPath,
    [PINCH_BIN, "gateway", "--config", configPath, "--state-dir", join(dir, "state")],
    { encoding: "utf8", timeout: 30_000 },
  );
  return { code: result.status, out: result.stdout + result.stderr };
}

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

describe("two accounts on one default database", () => {
  it("are refused at start when both run the same imsg without dbPath, naming both and the fix", () => {
    const result = startWith({ cliPath: imsgShimPath(), accounts: { personal: open, work: open } });
    expect(result.code).toBe(2);
    expect(result.out).toContain("channels.imessage.accounts.work.dbPath");
    expect(result.out).toContain(
      `accounts "personal" and "work" both read the default Messages database of the user ${imsgShimPath()} runs imsg as, so every message would be answered twice`,
    );
    expect(result.out).toContain("give each account its own Messages database with dbPath");
  });

  it("are refused when one reaches the same imsg through a symlink", () => {
    const link = join(mkdtempSync(join(tmpdir(), "pinch-shared-db-")), "imsg");
    symlinkSync(imsgShimPath(), link);
    const result = startWith({
      accounts: { personal: { ...open, cliPath: imsgShimPath() }, bot: { ...open, cliPath: link } },
    });
    expect(result.code).toBe(2);
    expect(result.out).toContain(
      `accounts "personal" and "bot" both read the default Messages database of the user ${link} (${imsgShimPath()}) runs imsg as`,
    );
  });

  it("are refused as a live edit, and the running account keeps answering", async () => {
    gateway = await startGateway({ imessage: open });
    const link = join(gateway.dir, "imsg-link");
    symlinkSync(imsgShimPath(), link);
    gateway.editConfig((config) => {
      config.channels.imessage = {
        ...open,
        accounts: { default: { cliPath: imsgShimPath() }, second: { cliPath: link } },
      };
    });
    await gateway.waitForLog(/config change refused.*both read the default Messages database/);
    gateway.sim.injectInbound({ from: "+15550100001", text: "still one answer?" });
    const sent = await gateway.waitForSent(1);
    expect(sent.map((row) => row.text)).toEqual(["echo: still one answer?"]);
    expect(gateway.logs()).not.toMatch(/account=second/);
  });
});
