import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { isAllowedExternalUrl } from "../../../main/external-urls.ts";
import { mainWindowWebPreferences } from "../../../main/web-preferences.ts";

const root = new URL("../../../", import.meta.url);

describe("the window's isolation", () => {
  it("runs the page sandboxed and isolated, without Node.js anywhere", () => {
    expect(mainWindowWebPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // No preload or other key sneaks in here: main-window.ts adds the preload path itself.
    expect(Object.keys(mainWindowWebPreferences)).not.toContain("preload");
    expect(Object.keys(mainWindowWebPreferences)).not.toContain("enableRemoteModule");
  });

  it("the page's Content-Security-Policy allows no inline script and no remote origin", () => {
    const html = readFileSync(new URL("renderer/index.html", root), "utf8");
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    const directives = Object.fromEntries(
      policy
        .split(";")
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*\.|data: .*script/);
    // The browser harness reaches the core over loopback only.
    for (const source of directives["connect-src"] ?? [])
      expect(source).toMatch(/^('self'|ws:\/\/127\.0\.0\.1:\*)$/);
  });

  it("the packaged app closes Node-style entry points with Electron's fuses", () => {
    const config = yaml.load(readFileSync(new URL("electron-builder.yml", root), "utf8")) as {
      electronFuses: Record<string, boolean>;
    };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe("the external URL allow-list", () => {
  it("opens System Settings panes and the imsg project, nothing else", () => {
    expect(
      isAllowedExternalUrl("x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles"),
    ).toBe(true);
    expect(isAllowedExternalUrl("https://github.com/steipete/imsg/releases")).toBe(true);
    expect(isAllowedExternalUrl("https://github.com/steipete/imsg")).toBe(true);
    expect(isAllowedExternalUrl("https://github.com/openclaw/imsg/releases")).toBe(true);
    for (const refused of [
      "https://github.com/steipete/imsgx",
      "https://github.com/steipete/imsg/../../evil/repo",
      "http://github.com/steipete/imsg",
      "https://user:pw@github.com/steipete/imsg",
      "https://github.com:8443/steipete/imsg",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "smb://server/share",
      "not a url",
    ]) {
      expect(isAllowedExternalUrl(refused), refused).toBe(false);
    }
  });
});
