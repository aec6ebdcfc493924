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
