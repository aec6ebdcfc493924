import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../app/config/validate-config.ts";

function sessionWarnings(config: Record<string, unknown>): string[] {
  const result = validateConfig(config, { homedir: "/Users/someone" });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.warnings.filter((warning) => warning.path === "session.dmScope").map((w) => w.message);
}

describe("a DM conversation shared among senders", () => {
  it("is named when dmScope is main and several people can write", () => {
    for (const imessage of [
      { dmPolicy: "pairing" },
      { dmPolicy: "open", allowFrom: ["*"] },
      { dmPolicy: "allowlist", allowFrom: ["+15555550123", "+15555550124"] },
    ]) {
      expect(
        sessionWarnings({ channels: { imessage }, session: { dmScope: "main" } }),
        imessage.dmPolicy,
      ).toEqual([expect.stringContaining('"main" gives every DM sender one shared conversation')]);
    }
  });

  it("is not named for one listed sender, per-sender sessions, or dmScope left unset", () => {
    const one = { dmPolicy: "allowlist", allowFrom: ["+15555550123"] };
    expect(sessionWarnings({ channels: { imessage: one }, session: { dmScope: "main" } })).toEqual([]);
    const open = { dmPolicy: "open", allowFrom: ["*"] };
    expect(
      sessionWarnings({ channels: { imessage: open }, session: { dmScope: "per-channel-peer" } }),
    ).toEqual([]);
    expect(sessionWarnings({ channels: { imessage: open } })).toEqual([]);
  });
});
