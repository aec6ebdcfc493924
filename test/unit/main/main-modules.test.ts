import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applicationMenuTemplate } from "../../../main/app-menu-template.ts";
import { rotateLogFile } from "../../../main/log-rotation.ts";

const root = new URL("../../../", import.meta.url);

describe("the application menu", () => {
  it("keeps the standard Edit roles, so copy and paste work in the window's fields", () => {
    const edit = applicationMenuTemplate.find((menu) => menu.label === "Edit");
    const roles = edit?.submenu.flatMap((item) => ("role" in item ? [item.role] : []));
    expect(roles).toEqual([
      "undo",
      "redo",
      "cut",
      "copy",
      "paste",
      "pasteAndMatchStyle",
      "delete",
      "selectAll",
    ]);
  });
});

describe("log rotation", () => {
  it("shifts main.log to main.1.log, older ones up, and drops the oldest beyond the limit", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pinch-logs-"));
    const file = path.join(dir, "main.log");
    for (let round = 1; round <= 5; round++) {
      writeFileSync(file, `round ${round}\n`);
      rotateLogFile(file, 3);
    }
    expect(readdirSync(dir).sort()).toEqual(["main.1.log", "main.2.log", "main.3.log"]);
    expect(readFileSync(path.join(dir, "main.1.log"), "utf8")).toBe("round 5\n");
    expect(readFileSync(path.join(dir, "main.3.log"), "utf8")).toBe("round 3\n");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the preload bundle", () => {
  // test/build-bundles.setup.ts builds dist/ before the tests run.
  const bundle = new URL("dist/main/preload.cjs", root);

  it("is CommonJS that requires only electron, with the channel lists inlined and no zod", () => {
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, "utf8");
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(["electron"]));
    expect(code).not.toMatch(/\bimport\s|\bexport\s/);
    expect(code).not.toMatch(/zod|ZodError/i);
    expect(code).toContain('"status.get"');
    expect(code).toContain("exposeInMainWorld");
    expect(code.length).toBeLessThan(20_000);
  });
});
