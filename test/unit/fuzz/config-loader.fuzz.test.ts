import fc from "fast-check";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { describeConfigError } from "../../../app/config/config-errors.ts";
import { type ConfigLoadResult, parseConfigText } from "../../../app/config/config-file.ts";
import { resolveAccounts } from "../../../app/config/resolve-accounts.ts";
import { textFrom } from "./fuzz-arbitraries.ts";

const FILE = "/fuzz/pinch.json5";

/** A load either succeeds with an object or fails with errors a user can read; nothing throws. */
function expectWellFormed(result: ConfigLoadResult): void {
  if (result.ok) {
    expect(typeof result.config).toBe("object");
    expect(() => resolveAccounts(result.config, { homedir: "/Users/fuzz" })).not.toThrow();
    for (const warning of result.warnings) expect(describeConfigError(warning)).toEqual(expect.any(String));
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.path).toBe("string");
    expect(describeConfigError(error).length).toBeGreaterThan(0);
  }
}

/** Values of every type, valid ones among them, for each key the gateway reads. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("pairing", "allowlist", "open", "disabled", "imessage", "sms", "auto", "length", "newline"),
  fc.constantFrom("*", "+15555550123", "chat_id:42", "bob@example.com", "~/x", "/abs", "-oProxyCommand=x"),
  fc.array(fc.constantFrom("*", "+15555550123", "chat_id:7", "x", "", 15555550123), { maxLength: 3 }),
  fc.integer({ min: -5, max: 5000 }),
);

const accountKeys = [
  "enabled",
  "cliPath",
  "dbPath",
  "remoteHost",
  "service",
  "region",
  "dmPolicy",
  "allowFrom",
  "groupPolicy",
  "groupAllowFrom",
  "groups",
  "historyLimit",
  "dmHistoryLimit",
  "dms",
  "includeAttachments",
  "attachmentRoots",
  "remoteAttachmentRoots",
  "mediaMaxMb",
  "textChunkLimit",
  "chunkMode",
  "configWrites",
  "unpairedResponse",
  "name",
] as const;

const accountConfig = fc.dictionary(fc.constantFrom(...accountKeys), anyValue, { maxKeys: 6 });

const config = fc.record(
  {
    channels: fc.record(
      {
        imessage: fc.tuple(
          accountConfig,
          fc.option(fc.dictionary(fc.constantFrom("default", "work", "bot", "__proto__"), accountConfig), {
            nil: undefined,
          }),
          fc.option(fc.constantFrom("default", "work", "nope"), { nil: undefined }),
        ),
      },
      { requiredKeys: [] },
    ),
    messages: fc.record(
      { responsePrefix: anyValue, groupChat: fc.record({ mentionPatterns: anyValue }) },
      { requiredKeys: [] },
    ),
    session: fc.record({ dmScope: anyValue }, { requiredKeys: [] }),
    commands: fc.record({ config: anyValue, ownerAllowFrom: anyValue }, { requiredKeys: [] }),
    agents: fc.record({ list: anyValue }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Values the schema accepts, so that most generated configs are valid. */
const validAccount = fc.record(
  {
    enabled: fc.boolean(),
    cliPath: fc.constantFrom("imsg", "/opt/homebrew/bin/imsg", "~/bin/imsg-bot"),
    service: fc.constantFrom("imessage", "sms", "auto"),
    region: fc.constantFrom("US", "GB", "fr"),
    dmPolicy: fc.constantFrom("pairing", "disabled"),
    groupPolicy: fc.constantFrom("open", "allowlist", "disabled"),
    groupAllowFrom: fc.array(fc.constantFrom("+15555550123", "chat_id:7", "*", "a@b.co"), { maxLength: 3 }),
    groups: fc.dictionary(
      fc.constantFrom("*", "1", "42"),
      fc.record(
        { requireMention: fc.boolean(), systemPrompt: fc.string({ maxLength: 20 }) },
        { requiredKeys: [] },
      ),
      { maxKeys: 2 },
    ),
    historyLimit: fc.nat({ max: 100 }),
    textChunkLimit: fc.integer({ min: 1, max: 8000 }),
    chunkMode: fc.constantFrom("length", "newline"),
    includeAttachments: fc.boolean(),
    name: fc.string({ maxLength: 10 }),
    futureKey: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

const validConfig = fc
  .tuple(validAccount, fc.dictionary(fc.constantFrom("work", "bot"), validAccount, { maxKeys: 2 }))
  // Each account reads its own database: two on one database are refused, however generated.
  .map(([root, generatedAccounts]) => {
    const accounts = Object.fromEntries(
      Object.entries(generatedAccounts).map(([id, account]) => [
        id,
        { ...account, dbPath: `/Users/${id}/Library/Messages/chat.db` },
      ]),
    );
    // With two accounts on their own databases, chat ids at the root are refused: they go under an account.
    const shared = Object.keys(accounts).length > 1 ? withoutChatIds(root) : root;
    return { channels: { imessage: Object.keys(accounts).length > 0 ? { ...shared, accounts } : root } };
  });

function withoutChatIds<T extends { groups?: Record<string, unknown>; groupAllowFrom?: string[] }>(
  root: T,
): T {
  return {
    ...root,
    ...(root.groups
      ? { groups: Object.fromEntries(Object.entries(root.groups).filter(([key]) => key === "*")) }
      : {}),
    ...(root.groupAllowFrom
      ? { groupAllowFrom: root.groupAllowFrom.filter((entry) => !entry.startsWith("chat_id:")) }
      : {}),
  };
}

/** The generator keeps `accounts` and `defaultAccount` beside the root keys; the file has them inside. */
function toObject(generated: {
  channels?: { imessage?: [Record<string, unknown>, unknown, unknown] };
}): unknown {
  const imessage = generated.channels?.imessage;
  if (!imessage) return generated;
  const [root, accounts, defaultAccount] = imessage;
  return {
    ...generated,
    channels: {
      imessage: {
        ...root,
        ...(accounts === undefined ? {} : { accounts }),
        ...(defaultAccount === undefined ? {} : { defaultAccount }),
      },
    },
  };
}

describe("config loader, fuzzed", () => {
  it("never throws on arbitrary text", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      textFrom([
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        '"',
        "'",
        "//",
        "/*",
        "*/",
        "\n",
        "channels",
        "imessage",
        "+1",
        "0x",
        "Infinity",
        "NaN",
      ]),
    );
    fc.assert(
      fc.property(text, (input) => expectWellFormed(parseConfigText(input, FILE))),
      { numRuns: 500 },
    );
  });

  it("never throws on configs of the right shape with values of any type", () => {
    fc.assert(
      fc.property(config, fc.boolean(), (generated, asJson5) => {
        const object = toObject(generated);
        const text = asJson5 ? JSON5.stringify(object, null, 2) : JSON.stringify(object);
        expectWellFormed(parseConfigText(text, FILE));
      }),
      { numRuns: 400 },
    );
  });

  it("reads back a valid config it was given, the same way every time", () => {
    fc.assert(
      fc.property(validConfig, (generated) => {
        const first = parseConfigText(JSON.stringify(generated), FILE);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const again = parseConfigText(JSON5.stringify(first.raw), FILE);
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.config).toEqual(first.config);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on a valid file damaged anywhere (a torn write, a stray keystroke)", () => {
    const valid = JSON5.stringify(
      {
        channels: {
          imessage: {
            enabled: true,
            cliPath: "/opt/homebrew/bin/imsg",
            dmPolicy: "allowlist",
            allowFrom: ["+15555550123", "chat_id:4"],
            groups: { "*": { requireMention: true } },
            accounts: { work: { dbPath: "/Users/w/Library/Messages/chat.db", textChunkLimit: 2000 } },
          },
        },
        session: { dmScope: "per-channel-peer" },
      },
      null,
      2,
    );
    const damage = fc.array(
      fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 3 }), fc.string({ maxLength: 2 })),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(damage, (edits) => {
        let text = valid;
        for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
        expectWellFormed(parseConfigText(text, FILE));
      }),
      { numRuns: 500 },
    );
  });
});
