import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkFullDiskAccess } from "../../../../app/setup/permissions/check-full-disk-access.ts";
import type { PermissionResult } from "../../../../app/setup/permissions/permission-result.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-fda-"));
// Another user must be able to reach the files below (see checkAsUnprivilegedUser).
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nodeBinary = fileURLToPath(new URL("../../../../node_modules/node/bin/node", import.meta.url));
const checkModule = fileURLToPath(
  new URL("../../../../app/setup/permissions/check-full-disk-access.ts", import.meta.url),
);
const nobody = 65534;

/**
 * macOS answers a read without Full Disk Access with EPERM; elsewhere the same refusal is a file
 * mode. Root reads any mode, so as root the real check runs in a child that has dropped to `nobody`.
 */
function checkAsUnprivilegedUser(dbPath: string): PermissionResult {
  if (process.getuid?.() !== 0) throw new Error("only needed as root");
  const script = `import(${JSON.stringify(checkModule)}).then(async (m) => process.stdout.write(JSON.stringify(await m.checkFullDiskAccess(${JSON.stringify(dbPath)}))))`;
  const child = spawnSync(nodeBinary, ["--input-type=module", "-e", script], {
    uid: nobody,
    gid: nobody,
    encoding: "utf8",
    cwd: dir,
    env: { PATH: process.env.PATH ?? "" },
  });
  if (child.status !== 0) throw new Error(`check as nobody failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as PermissionResult;
}

async function checkUnreadable(dbPath: string): Promise<PermissionResult> {
  return process.getuid?.() === 0 ? checkAsUnprivilegedUser(dbPath) : checkFullDiskAccess(dbPath);
}

describe("Full Disk Access", () => {
  it("a database the app can open and read is granted", async () => {
    const dbPath = path.join(dir, "readable.db");
    writeFileSync(dbPath, "SQLite format 3\0");
    expect(await checkFullDiskAccess(dbPath)).toMatchObject({ status: "granted" });
  });

  it("a database the OS refuses to open is denied, with the Full Disk Access pane", async () => {
    const dbPath = path.join(dir, "refused.db");
    writeFileSync(dbPath, "SQLite format 3\0");
    chmodSync(dbPath, 0o000);
    const result = await checkUnreadable(dbPath);
    expect(result.status).toBe("denied");
    expect(result.reason).toMatch(/EACCES|EPERM/);
    expect(result.settingsUrl).toBe(
      "x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles",
    );
    expect(result.fix).toContain("Full Disk Access");
  });

  it("a folder the OS refuses to enter is denied too (as ~/Library/Messages is without the grant)", async () => {
    const messages = path.join(dir, "Messages");
    mkdirSync(messages);
    writeFileSync(path.join(messages, "chat.db"), "SQLite format 3\0");
    chmodSync(messages, 0o000);
    expect((await checkUnreadable(path.join(messages, "chat.db"))).status).toBe("denied");
  });

  it("a missing database is not-determined: Messages was never set up", async () => {
    const result = await checkFullDiskAccess(path.join(dir, "absent", "chat.db"));
    expect(result.status).toBe("not-determined");
    expect(result.reason).toContain("does not exist");
    expect(result.fix).toContain("Open Messages");
  });

  it("a folder given as dbPath is not-determined with a fix for the config", async () => {
    const result = await checkFullDiskAccess(dir);
    expect(result.status).toBe("not-determined");
    expect(result.fix).toContain("dbPath");
  });
});
