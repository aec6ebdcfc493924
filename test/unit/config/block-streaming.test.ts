import { describe, expect, it } from "vitest";
import { BLOCK_STREAMING_DEFAULTS } from "../../../app/config/block-streaming.ts";
import { resolveAccounts } from "../../../app/config/resolve-accounts.ts";
import { findUnknownConfigKeys } from "../../../app/config/unknown-keys.ts";
import { validateConfig } from "../../../app/config/validate-config.ts";

function blockStreaming(imessage: Record<string, unknown>) {
  const result = validateConfig({ channels: { imessage } });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return resolveAccounts(result.config).map((account) => [account.id, account.blockStreaming]);
}

describe("block streaming settings", () => {
  it("are on by default with the documented part sizes", () => {
    expect(blockStreaming({})).toEqual([["default", BLOCK_STREAMING_DEFAULTS]]);
  });

  it("take an account's own keys over the channel's, flat spelling over nested", () => {
    expect(
      blockStreaming({
        blockStreaming: false,
        blockStreamingCoalesce: { minChars: 50, idleMs: 400 },
        accounts: {
          work: { dbPath: "/a.db", streaming: { block: { enabled: true, coalesce: { maxChars: 900 } } } },
          home: { dbPath: "/b.db", blockStreaming: true, streaming: { block: { enabled: false } } },
          quiet: { dbPath: "/c.db" },
        },
      }),
    ).toEqual([
      ["work", { enabled: true, minChars: 200, maxChars: 900, idleMs: 2500 }],
      ["home", { enabled: true, minChars: 50, maxChars: 1500, idleMs: 400 }],
      ["quiet", { enabled: false, minChars: 50, maxChars: 1500, idleMs: 400 }],
    ]);
  });

  it("never lets a part be longer than textChunkLimit", () => {
    expect(blockStreaming({ textChunkLimit: 300, blockStreamingCoalesce: { minChars: 500 } })).toEqual([
      ["default", { enabled: true, minChars: 300, maxChars: 300, idleMs: 2500 }],
    ]);
  });

  it("are known keys, flat and nested, while the reference's other streaming keys are left aside", () => {
    expect(
      findUnknownConfigKeys({
        channels: {
          imessage: {
            blockStreaming: true,
            blockStreamingCoalesce: { minChars: 1, maxChars: 2, idleMs: 3 },
            streaming: { block: { enabled: true, coalesce: { idleMs: 3 } }, mode: "partial" },
          },
        },
      }),
    ).toEqual(["channels.imessage.streaming.mode"]);
  });
});
