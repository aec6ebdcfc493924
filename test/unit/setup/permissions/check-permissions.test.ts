import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkPermissions,
  PermissionReportSchema,
  settingsUrlCandidates,
} from "../../../../app/setup/permissions/index.ts";
import { imsgShimPath, SimDb } from "../../../imsg-sim/sim-db.ts";
import { createFakeMacos, type FakeMacos } from "./fake-macos.ts";

let mac: FakeMacos;
let home: string;
beforeEach(() => {
  mac = createFakeMacos();
  home = mkdtempSync(path.join(os.tmpdir(), "pinch-home-"));
});
afterEach(() => {
  rmSync(mac.binDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe("checkPermissions", () => {
  it("a working local setup reports every check granted", async () => {
    const db = SimDb.create();
    mac.installBrew();
    const report = await checkPermissions({
      accounts: [{ id: "default", cliPath: imsgShimPath(), dbPath: db.path }],
      env: mac.env,
      home,
    });
    expect(PermissionReportSchema.parse(report)).toEqual(report);
    expect(report.fullDiskAccess?.status).toBe("granted");
    expect(report.automation?.status).toBe("granted");
    expect(report.messagesSignedIn?.status).toBe("granted");
    expect(report.homebrew?.status).toBe("granted");
    expect(report.accounts).toEqual([
      {
        accountId: "default",
        imsgInstalled: expect.objectContaining({ status: "granted" }),
        imsgReachable: expect.objectContaining({ status: "granted" }),
      },
    ]);
    db.close();
  });

  it("without accounts it checks the user's own Messages database", async () => {
    const report = await checkPermissions({ accounts: [], env: mac.env, home, only: ["fullDiskAccess"] });
    expect(report.fullDiskAccess?.reason).toContain(path.join(home, "Library", "Messages", "chat.db"));
    expect(report.fullDiskAccess?.status).toBe("not-determined");
    mkdirSync(path.join(home, "Library", "Messages"), { recursive: true });
    writeFileSync(path.join(home, "Library", "Messages", "chat.db"), "SQLite format 3\0");
    const again = await checkPermissions({ accounts: [], env: mac.env, home, only: ["fullDiskAccess"] });
    expect(again.fullDiskAccess?.status).toBe("granted");
  });

  it("`only` runs just the named checks: no osascript while polling Full Disk Access", async () => {
    const report = await checkPermissions({ accounts: [], env: mac.env, home, only: ["fullDiskAccess"] });
    expect(Object.keys(report).sort()).toEqual(["accounts", "fullDiskAccess"]);
    expect(report.accounts).toEqual([{ accountId: "default" }]);
    expect(mac.calls("osascript")).toEqual([]);
  });

  it("Automation denied is reported with its pane, and the account query cannot tell", async () => {
    mac.answer("denied");
    const report = await checkPermissions({
      accounts: [{ id: "default", cliPath: imsgShimPath() }],
      env: mac.env,
      home,
      only: ["automation", "messagesSignedIn"],
    });
    expect(report.automation).toMatchObject({
      status: "denied",
      settingsUrl: expect.stringContaining("Automation"),
    });
    expect(report.messagesSignedIn?.status).toBe("not-determined");
  });

  it("the worst of several local databases is reported", async () => {
    const good = SimDb.create();
    const report = await checkPermissions({
      accounts: [
        { id: "a", cliPath: imsgShimPath(), dbPath: good.path },
        { id: "b", cliPath: imsgShimPath(), dbPath: path.join(home, "missing.db") },
      ],
      env: mac.env,
      home,
      only: ["fullDiskAccess", "imsgReachable"],
    });
    expect(report.fullDiskAccess?.status).toBe("not-determined");
    expect(report.accounts.map((account) => account.imsgReachable?.status)).toEqual([
      "granted",
      "not-determined",
    ]);
    good.close();
  });

  it("an account on another Mac makes the local Mac checks not applicable", async () => {
    const wrapper = path.join(home, "imsg-remote");
    writeFileSync(wrapper, '#!/bin/sh\nexec ssh -T bot@mac-mini.local imsg "$@"\n');
    chmodSync(wrapper, 0o755);
    const report = await checkPermissions({
      accounts: [{ id: "bot", cliPath: wrapper }],
      env: mac.env,
      home,
      only: ["fullDiskAccess", "automation", "messagesSignedIn"],
    });
    expect(report.fullDiskAccess?.status).toBe("not-applicable");
    expect(report.automation?.status).toBe("not-applicable");
    expect(report.messagesSignedIn?.status).toBe("not-applicable");
    expect(mac.calls("osascript")).toEqual([]);
  });

  it("openers try the macOS 13+ link form first", () => {
    expect(
      settingsUrlCandidates("x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles"),
    ).toEqual([
      "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?Privacy_AllFiles",
      "x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles",
    ]);
  });
});
