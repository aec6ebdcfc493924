import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_BIN_DIR_ENV, resolveCliPath } from "../../../app/imsg/resolve-cli-path.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(folder: string, name: string): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, "#!/bin/sh\necho 0.14.0\n");
  chmodSync(file, 0o755);
  return file;
}

describe("an imsg bundled with the app", () => {
  const resources = path.join(dir, "Pinch.app", "Contents", "Resources", "bin");
  const bundled = executable(resources, "imsg");
  const onPath = executable(path.join(dir, "path-bin"), "imsg");
  const withBundle = { PATH: path.join(dir, "path-bin"), [BUNDLED_BIN_DIR_ENV]: resources };

  it("is what an account without a cliPath runs, ahead of PATH and Homebrew", () => {
    expect(resolveCliPath("imsg", withBundle)).toBe(bundled);
  });

  it("gives way to an explicit cliPath", () => {
    expect(resolveCliPath(onPath, withBundle)).toBe(onPath);
  });

  it("is not used for another program name", () => {
    const other = executable(path.join(dir, "path-bin"), "imsg-wrapper");
    executable(resources, "imsg-wrapper");
    expect(resolveCliPath("imsg-wrapper", withBundle)).toBe(other);
  });

  it("leaves the PATH imsg in use when the app carries none", () => {
    expect(resolveCliPath("imsg", { PATH: path.join(dir, "path-bin") })).toBe(onPath);
    const empty = path.join(dir, "empty-resources");
    mkdirSync(empty);
    expect(resolveCliPath("imsg", { ...withBundle, [BUNDLED_BIN_DIR_ENV]: empty })).toBe(onPath);
  });
});
