import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_BIN_DIR_ENV, resolveCliPath } from "../../../app/imsg/resolve-cli-path.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-bundled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A name no Homebrew folder has, so the search order is what decides.
const name = "imsg-pinch-bundled-test";

function executable(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, "#!/bin/sh\necho 0.9.0\n");
  chmodSync(file, 0o755);
  return file;
}

describe("an imsg bundled with the app", () => {
  const resources = path.join(dir, "Pinch.app", "Contents", "Resources");
  const bundled = executable(path.join(resources, "bin"));
  const onPath = executable(path.join(dir, "path-bin"));

  it("is found under the resources folder when nothing else has imsg", () => {
    const env = { PATH: "/nonexistent", [BUNDLED_BIN_DIR_ENV]: path.join(resources, "bin") };
    expect(resolveCliPath(name, env)).toBe(bundled);
  });

  it("loses to an imsg the user installed", () => {
    const env = { PATH: path.join(dir, "path-bin"), [BUNDLED_BIN_DIR_ENV]: path.join(resources, "bin") };
    expect(resolveCliPath(name, env)).toBe(onPath);
  });

  it("is not looked for outside the app", () => {
    expect(resolveCliPath(name, { PATH: "/nonexistent" })).toBeNull();
  });
});
