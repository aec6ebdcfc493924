import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("node_modules/app-builder-lib/scheme.json", root), "utf8"));
const config = yaml.load(readFileSync(new URL("electron-builder.yml", root), "utf8")) as Record<string, any>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("electron-builder.yml", () => {
  it("validates against electron-builder's own configuration schema", () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema check catches a wrong value", () => {
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: "yes" } })).toBe(false);
  });

  it("builds a hardened, menu-bar-only app with Automation allowed", () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.extendInfo.NSAppleEventsUsageDescription).toBeTruthy();
    for (const plist of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const text = readFileSync(new URL(plist, root), "utf8");
      expect(text).toContain("com.apple.security.cs.allow-jit");
      expect(text).toContain("com.apple.security.automation.apple-events");
    }
  });

  it("sets the Electron fuses that close Node-style entry points", () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});

function pngSize(file: URL): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe("electron-builder.yml for the signed dmg", () => {
  it("builds a dmg and a zip for Apple silicon and Intel", () => {
    const targets = config.mac.target as { target: string; arch: string[] }[];
    expect(targets.map((entry) => entry.target).sort()).toEqual(["dmg", "zip"]);
    for (const entry of targets) expect([...entry.arch].sort()).toEqual(["arm64", "x64"]);
  });

  it("has a reverse-DNS appId and notarizes with credentials from the environment only", () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.mac.notarize).toBe(true);
    const text = readFileSync(new URL("electron-builder.yml", root), "utf8");
    for (const key of ["cscLink", "cscKeyPassword", "identity", "appleId", "password", "teamId"]) {
      expect(config.mac[key], key).toBeUndefined();
      expect(config[key], key).toBeUndefined();
    }
    // No certificate, no "Developer ID Application: Name (TEAMID)" identity, no Apple ID address.
    expect(text).not.toMatch(/-----BEGIN|Developer ID|@icloud\.com|@me\.com|@gmail\.com/);
  });

  it("writes Info.plist keys as a mapping, not as a list", () => {
    expect(Array.isArray(config.mac.extendInfo)).toBe(false);
    expect(config.mac.extendInfo).toMatchObject({ LSUIElement: true, NSUserNotificationAlertStyle: "alert" });
  });

  it("bundles an optional imsg under Resources/bin, where the app looks for it", () => {
    expect(config.mac.extraResources).toEqual([{ from: "build/imsg", to: "bin", filter: ["**/*"] }]);
    const main = readFileSync(new URL("main/main.ts", root), "utf8");
    expect(main).toContain('path.join(process.resourcesPath, "bin")');
  });

  it("ships the tray template at 1x and 2x and a dmg background of the window's size", () => {
    expect(config.files).toContain("resources/trayTemplate*.png");
    expect(pngSize(new URL("resources/trayTemplate.png", root))).toEqual({ width: 18, height: 18 });
    expect(pngSize(new URL("resources/trayTemplate@2x.png", root))).toEqual({ width: 36, height: 36 });
    for (const variant of ["attention", "paused"]) {
      expect(pngSize(new URL(`resources/trayTemplate-${variant}.png`, root))).toEqual({
        width: 18,
        height: 18,
      });
      expect(pngSize(new URL(`resources/trayTemplate-${variant}@2x.png`, root))).toEqual({
        width: 36,
        height: 36,
      });
    }
    expect(pngSize(new URL(config.dmg.background, root))).toEqual({
      width: config.dmg.window.width,
      height: config.dmg.window.height,
    });
    expect(config.dmg.contents).toContainEqual(
      expect.objectContaining({ type: "link", path: "/Applications" }),
    );
  });

  it("the entitlements are well-formed plists that grant nothing beyond JIT and Apple Events", () => {
    for (const plist of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const text = readFileSync(new URL(plist, root), "utf8");
      const keys = [...text.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]).sort();
      expect(keys).toEqual(["com.apple.security.automation.apple-events", "com.apple.security.cs.allow-jit"]);
      expect(text.match(/<key>/g)).toHaveLength(2);
    }
  });
});
