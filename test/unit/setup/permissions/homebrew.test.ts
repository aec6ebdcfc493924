import { existsSync, readFileSync, rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { imsgInstallCommand } from "../../../../app/imsg/imsg-install.ts";
import {
  checkHomebrew,
  findHomebrew,
  openImsgInstallInTerminal,
} from "../../../../app/setup/permissions/homebrew.ts";
import { createFakeMacos, type FakeMacos } from "./fake-macos.ts";

const systemBrew = ["/opt/homebrew/bin/brew", "/usr/local/bin/brew"].some((file) => existsSync(file));

let mac: FakeMacos;
beforeEach(() => {
  mac = createFakeMacos();
});
afterEach(() => rmSync(mac.binDir, { recursive: true, force: true }));

describe("Homebrew and the imsg install helper", () => {
  it("the install command is the tap formula", () => {
    expect(imsgInstallCommand).toBe("brew install openclaw/tap/imsg");
  });

  it.skipIf(systemBrew)("without brew the check is denied and the helper refuses", async () => {
    expect(findHomebrew(mac.env)).toBeUndefined();
    expect(checkHomebrew(mac.env).status).toBe("denied");
    const opened = await openImsgInstallInTerminal({ env: mac.env, scriptDir: mac.binDir });
    expect(opened.ok).toBe(false);
    expect(mac.calls("open")).toEqual([]);
  });

  it.skipIf(systemBrew)("with brew, Terminal opens a script that runs brew install for imsg", async () => {
    const brew = mac.installBrew();
    expect(checkHomebrew(mac.env)).toMatchObject({
      status: "granted",
      reason: expect.stringContaining(brew),
    });
    const opened = await openImsgInstallInTerminal({ env: mac.env, scriptDir: mac.binDir });
    if (!opened.ok) throw new Error(opened.message);
    expect(mac.calls("open")).toEqual([["-a", "Terminal", opened.scriptPath]]);
    expect(opened.scriptPath).toMatch(/\.command$/);
    expect(readFileSync(opened.scriptPath, "utf8")).toContain(`'${brew}' install openclaw/tap/imsg`);
  });

  it.skipIf(systemBrew)("the script Terminal runs really calls brew", async () => {
    mac.installBrew();
    const opened = await openImsgInstallInTerminal({ env: mac.env, scriptDir: mac.binDir });
    if (!opened.ok) throw new Error(opened.message);
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync(opened.scriptPath, { env: mac.env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(mac.calls("brew")).toEqual([["install", "openclaw/tap/imsg"]]);
  });
});
