import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkImsgInstalled } from "../../../../app/setup/permissions/check-imsg-installed.ts";
import { checkImsgRpc } from "../../../../app/setup/permissions/check-imsg-rpc.ts";
import { compareVersions, parseVersion } from "../../../../app/setup/permissions/imsg-version.ts";
import { imsgShimPath, LEGACY_IMSG_ENV, SimDb } from "../../../imsg-sim/sim-db.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-imsg-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe("imsg present and recent enough", () => {
  it("the simulator's imsg 0.15.4 passes", async () => {
    const result = await checkImsgInstalled(imsgShimPath());
    expect(result).toMatchObject({ status: "granted", reason: expect.stringContaining("imsg 0.15.4") });
  });

  it("an imsg before protocol 1 that has rpc (0.9.0) passes too", async () => {
    const result = await checkImsgInstalled(imsgShimPath(), { env: { ...process.env, ...LEGACY_IMSG_ENV } });
    expect(result).toMatchObject({ status: "granted", reason: expect.stringContaining("imsg 0.9.0") });
  });

  it("an imsg older than the minimum is denied with the upgrade command", async () => {
    const result = await checkImsgInstalled(imsgShimPath(), {
      env: { ...process.env, IMSG_VERSION: "0.7.1" },
    });
    expect(result.status).toBe("denied");
    expect(result.reason).toContain("0.7.1");
    expect(result.fix).toContain("brew upgrade imsg");
  });

  it("a missing imsg is denied with the install command", async () => {
    const result = await checkImsgInstalled(path.join(dir, "no-such-imsg"));
    expect(result).toMatchObject({
      status: "denied",
      fix: expect.stringContaining("brew install openclaw/tap/imsg"),
    });
  });

  it("an imsg whose --version fails is denied with its error", async () => {
    const broken = script("broken-imsg", 'echo "dyld: Library not loaded" >&2; exit 6');
    const result = await checkImsgInstalled(broken);
    expect(result.status).toBe("denied");
    expect(result.reason).toContain("dyld: Library not loaded");
  });

  it("a version line with words around it is read", () => {
    expect(parseVersion("imsg version 1.2.3 (abc)")).toEqual([1, 2, 3]);
    expect(parseVersion("v0.10")).toEqual([0, 10, 0]);
    expect(parseVersion("no digits")).toBeUndefined();
    expect(compareVersions([0, 10, 0], [0, 8, 2])).toBe(1);
    expect(compareVersions([0, 8, 2], [0, 8, 2])).toBe(0);
  });
});

describe("imsg reachable through the account's cliPath", () => {
  it("imsg rpc answering chats.list is granted", async () => {
    const db = SimDb.create();
    db.dm("+15550100001");
    const result = await checkImsgRpc({ cliPath: imsgShimPath(), dbPath: db.path });
    expect(result.status).toBe("granted");
    db.close();
  });

  it("a database imsg may not read is denied as Full Disk Access, as imsg words it", async () => {
    const db = SimDb.create();
    // The simulator answers as imsg does when macOS refuses the read (SQLite code 23).
    const result = await checkImsgRpc(
      { cliPath: imsgShimPath(), dbPath: db.path },
      { env: { ...process.env, IMSG_SIM_DB_UNREADABLE: "1" } },
    );
    expect(result).toMatchObject({
      status: "denied",
      settingsUrl: expect.stringContaining("Privacy_AllFiles"),
    });
    db.close();
  });

  it("a database that is not there is not yet determined, with the sign-in fix", async () => {
    const result = await checkImsgRpc({ cliPath: imsgShimPath(), dbPath: path.join(dir, "absent.db") });
    expect(result).toMatchObject({ status: "not-determined", fix: expect.stringContaining("sign in") });
  });

  it("a wrapper that loses stdio is denied, not left waiting", async () => {
    const mute = script("mute-imsg", "cat > /dev/null");
    const result = await checkImsgRpc({ cliPath: mute }, { timeoutMs: 1_500 });
    expect(result.status).toBe("denied");
    expect(result.reason).toContain("chats.list");
  });

  it("an old imsg printing the permission text on stdout is recognised", async () => {
    const old = script(
      "old-imsg",
      'echo "Error: unable to open database: authorization denied. Grant Full Disk Access."; exit 1',
    );
    const result = await checkImsgRpc({ cliPath: old });
    expect(result).toMatchObject({
      status: "denied",
      settingsUrl: expect.stringContaining("Privacy_AllFiles"),
    });
  });
});
