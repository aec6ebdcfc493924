import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  automationProbeScript,
  checkAutomation,
} from "../../../../app/setup/permissions/check-automation.ts";
import { checkMessagesSignedIn } from "../../../../app/setup/permissions/check-messages-signed-in.ts";
import { parseOsascriptError } from "../../../../app/setup/permissions/osascript-error.ts";
import { createFakeMacos, type FakeMacos } from "./fake-macos.ts";

let mac: FakeMacos;
beforeEach(() => {
  mac = createFakeMacos();
});
afterEach(() => rmSync(mac.binDir, { recursive: true, force: true }));

describe("Automation for Messages", () => {
  it("runs the real probe through osascript and reports a grant", async () => {
    const result = await checkAutomation({ env: mac.env });
    expect(result).toMatchObject({ status: "granted" });
    expect(mac.calls("osascript")).toEqual([["-e", automationProbeScript]]);
    expect(automationProbeScript).toBe('tell application "Messages" to get name');
  });

  it("maps -1743 to denied with the Automation pane", async () => {
    mac.answer("denied");
    const result = await checkAutomation({ env: mac.env });
    expect(result.status).toBe("denied");
    expect(result.settingsUrl).toBe(
      "x-apple.systempreferences:com.apple.preference.security?Privacy_Automation",
    );
    expect(result.fix).toContain("Automation");
  });

  it("maps -1744 to not-determined: consent is needed but was not given", async () => {
    mac.answer("needs-consent");
    expect(await checkAutomation({ env: mac.env })).toMatchObject({
      status: "not-determined",
      settingsUrl: expect.stringContaining("Privacy_Automation"),
    });
  });

  it("maps -600 to not-determined and asks to open Messages", async () => {
    mac.answer("not-running");
    const result = await checkAutomation({ env: mac.env });
    expect(result.status).toBe("not-determined");
    expect(result.reason).toContain("-600");
    expect(result.fix).toContain("Open Messages");
  });

  it("an unanswered prompt times out as not-determined instead of hanging the wizard", async () => {
    mac.answer("prompt-open");
    const started = Date.now();
    const result = await checkAutomation({ env: mac.env, timeoutMs: 1_000 });
    expect(result.status).toBe("not-determined");
    expect(result.reason).toContain("asking");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("without osascript on PATH it is not applicable", async () => {
    const result = await checkAutomation({ env: { PATH: mac.binDir.replace(/$/, "-missing") } });
    expect(result.status).toBe("not-applicable");
  });
});

describe("Messages signed in", () => {
  it("an enabled iMessage account counts as signed in", async () => {
    mac.answer("granted", "SMS\tfalse\niMessage\ttrue\n");
    expect(await checkMessagesSignedIn({ env: mac.env })).toMatchObject({ status: "granted" });
    expect(mac.calls("osascript")[0]?.join(" ")).toContain('tell application "Messages"');
  });

  it("a disabled iMessage account or none is denied with the way to sign in", async () => {
    mac.answer("granted", "iMessage\tfalse\nSMS\ttrue\n");
    expect(await checkMessagesSignedIn({ env: mac.env })).toMatchObject({ status: "denied" });
    mac.answer("granted", "");
    const none = await checkMessagesSignedIn({ env: mac.env });
    expect(none).toMatchObject({ status: "denied", reason: "Messages has no accounts." });
  });

  it("cannot tell while Automation is denied", async () => {
    mac.answer("denied");
    expect(await checkMessagesSignedIn({ env: mac.env })).toMatchObject({
      status: "not-determined",
      settingsUrl: expect.stringContaining("Privacy_Automation"),
    });
  });
});

describe("osascript's error text", () => {
  it("yields the Apple Event code and message", () => {
    expect(
      parseOsascriptError(
        "12:40: execution error: Not authorized to send Apple events to Messages. (-1743)\n",
      ),
    ).toEqual({ code: -1743, message: "Not authorized to send Apple events to Messages." });
    expect(parseOsascriptError("something else")).toEqual({ code: undefined, message: "something else" });
  });
});
