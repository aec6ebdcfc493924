import { describe, expect, it } from "vitest";
import { resolveAccounts } from "../../../app/config/resolve-accounts.ts";
import { resolveResponsePrefix } from "../../../app/config/response-prefix.ts";
import { type PinchConfig, PinchConfigSchema } from "../../../app/config/schema.ts";

/** The prefix of each account of `raw`, by id. */
function prefixes(raw: unknown): Record<string, string | undefined> {
  const config: PinchConfig = PinchConfigSchema.parse(raw);
  return Object.fromEntries(
    resolveAccounts(config, { homedir: "/home/u" }).map((account) => [
      account.id,
      resolveResponsePrefix(config, account),
    ]),
  );
}

const named = (name: string) => ({ list: [{ id: "main", identity: { name } }] });

describe("resolveResponsePrefix", () => {
  it("has no prefix when none is set", () => {
    expect(prefixes({ channels: { imessage: {} } })).toEqual({ default: undefined });
  });

  it("uses messages.responsePrefix for every account", () => {
    expect(
      prefixes({
        messages: { responsePrefix: "🦞" },
        channels: { imessage: { accounts: { a: {}, b: {} } } },
      }),
    ).toEqual({ a: "🦞", b: "🦞" });
  });

  it("lets the channel's prefix win over messages.responsePrefix", () => {
    expect(
      prefixes({ messages: { responsePrefix: "🦞" }, channels: { imessage: { responsePrefix: "[im]" } } }),
    ).toEqual({ default: "[im]" });
  });

  it("lets an account's prefix win over the channel's, and others inherit the channel's", () => {
    expect(
      prefixes({
        messages: { responsePrefix: "🦞" },
        channels: {
          imessage: { responsePrefix: "[im]", accounts: { work: { responsePrefix: "[work]" }, home: {} } },
        },
      }),
    ).toEqual({ work: "[work]", home: "[im]" });
  });

  it("turns an inherited prefix off with an empty one", () => {
    expect(
      prefixes({
        messages: { responsePrefix: "🦞" },
        channels: { imessage: { accounts: { quiet: { responsePrefix: "" }, loud: {} } } },
      }),
    ).toEqual({ quiet: "", loud: "🦞" });
  });

  it('expands "auto" to the default agent\'s identity name in brackets', () => {
    expect(
      prefixes({ messages: { responsePrefix: "auto" }, agents: named("Clawd"), channels: { imessage: {} } }),
    ).toEqual({ default: "[Clawd]" });
  });

  it('expands "auto" at the account level too', () => {
    expect(
      prefixes({
        agents: named(" Pinch "),
        channels: { imessage: { accounts: { bot: { responsePrefix: "auto" } } } },
      }),
    ).toEqual({ bot: "[Pinch]" });
  });

  it('uses the agent marked default for "auto"', () => {
    const config = PinchConfigSchema.parse({
      messages: { responsePrefix: "auto" },
      agents: {
        list: [
          { id: "a", identity: { name: "A" } },
          { id: "b", default: true, identity: { name: "B" } },
        ],
      },
    });
    expect(resolveResponsePrefix(config, { responsePrefix: undefined })).toBe("[B]");
    expect(resolveResponsePrefix(config, { responsePrefix: undefined }, "a")).toBe("[A]");
  });

  it('sends no prefix for "auto" when the agent has no identity name', () => {
    expect(prefixes({ messages: { responsePrefix: "auto" }, channels: { imessage: {} } })).toEqual({
      default: undefined,
    });
    expect(
      prefixes({ messages: { responsePrefix: "auto" }, agents: named("  "), channels: { imessage: {} } }),
    ).toEqual({ default: undefined });
  });

  it('keeps a prefix that only contains the word "auto"', () => {
    expect(prefixes({ messages: { responsePrefix: "[auto]" }, channels: { imessage: {} } })).toEqual({
      default: "[auto]",
    });
  });
});
