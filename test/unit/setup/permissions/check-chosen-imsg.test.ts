import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkChosenImsg } from "../../../../app/setup/permissions/check-chosen-imsg.ts";
import { imsgShimPath } from "../../../imsg-sim/sim-db.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-chosen-imsg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(name: string, script: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe("an imsg file the user chose", () => {
  it("is taken when it runs as an imsg with rpc", async () => {
    const result = await checkChosenImsg(imsgShimPath());
    expect(result.status).toBe("granted");
    expect(result.reason).toContain(imsgShimPath());
  });

  it("is refused when it prints no version", async () => {
    const result = await checkChosenImsg(program("not-imsg", "echo hello"));
    expect(result.status).not.toBe("granted");
    expect(result.reason).toContain("printed no version number");
  });

  it("is refused when it is an imsg from before rpc", async () => {
    const old = program(
      "old-imsg",
      [
        'if [ "$1" = "--version" ]; then echo 0.15.0; exit 0; fi',
        'echo "imsg 0.15.0"',
        'echo "Usage: imsg <command>"',
        'echo "  chats    list chats"',
      ].join("\n"),
    );
    const result = await checkChosenImsg(old);
    expect(result.status).toBe("denied");
    expect(result.reason).toContain("has no rpc mode");
  });

  it("is refused when it cannot run", async () => {
    const file = path.join(dir, "not-executable");
    writeFileSync(file, "data");
    expect((await checkChosenImsg(file)).status).toBe("denied");
  });
});
