import { describe, expect, it } from "vitest";
import { formatCheck } from "../../../app/cli/doctor-check.ts";
import { describeImsgBuild } from "../../../app/cli/doctor-imsg-checks.ts";
import { type ImsgCapabilities, LEGACY_CAPABILITIES } from "../../../app/imsg/imsg-capabilities.ts";

const current: ImsgCapabilities = {
  protocol: 1,
  version: "0.15.4",
  engineCommit: "9c1e2f7",
  databaseReady: true,
  bridgeReady: false,
  methods: ["chats.list", "messages.after", "message.send_status", "send"],
  features: ["attachments", "watch.overflow@1"],
};

const doctorLines = (capabilities: ImsgCapabilities, printedVersion?: string) =>
  describeImsgBuild((name) => `default: ${name}`, capabilities, printedVersion)
    .map(formatCheck)
    .join("");

describe("pinch doctor's imsg lines", () => {
  it("a protocol 1 build shows its version, engine commit, database, bridge and features, with no warning", () => {
    expect(doctorLines(current, "0.15.4")).toBe(
      [
        "✓ default: rpc: imsg 0.15.4 answers, protocol 1",
        "  engine commit: 9c1e2f7",
        "  database: opens",
        "  bridge: off",
        "  features: attachments, watch.overflow@1",
        "",
      ].join("\n"),
    );
  });

  it("a build from before protocol 1 is named by what --version printed and warned about, with the upgrade and the tap", () => {
    const checks = describeImsgBuild((name) => `default: ${name}`, LEGACY_CAPABILITIES, "0.9.0");
    expect(checks.map(formatCheck).join("")).toBe(
      [
        "✓ default: rpc: imsg 0.9.0 answers, before protocol 1",
        "  engine commit: not reported",
        "  database: opens",
        "  bridge: off",
        "  features: none",
        "! default: imsg version: imsg 0.9.0 is older than 0.14.0 (before protocol 1), so Pinch runs with less: no catch-up paging, no delivery status, no typed delivery errors",
        "  fix: brew upgrade imsg (for a fresh install: brew install openclaw/tap/imsg)",
        "",
      ].join("\n"),
    );
    // A warning: doctor still exits 0.
    expect(checks.every((check) => check.ok || check.warning)).toBe(true);
  });

  it("a protocol 1 build that calls itself older than 0.14.0 is warned about too", () => {
    const lines = doctorLines({ ...current, version: "0.13.2" });
    expect(lines).toContain("✓ default: rpc: imsg 0.13.2 answers, protocol 1\n");
    expect(lines).toContain(
      "! default: imsg version: imsg 0.13.2 is older than 0.14.0, so Pinch runs with less",
    );
  });

  it("the bridge shows as on when imsg says it runs", () => {
    expect(doctorLines({ ...current, bridgeReady: true })).toContain("  bridge: on\n");
  });
});
