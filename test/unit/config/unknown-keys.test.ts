import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnknownConfigKeys, findUnknownKeys } from "../../../app/config/unknown-keys.ts";

describe("finding the keys a config's schema does not know", () => {
  it("finds none in a config of known keys", () => {
    expect(
      findUnknownConfigKeys({
        channels: { imessage: { dmPolicy: "pairing", allowFrom: ["+15555550123"], textChunkLimit: 1200 } },
        messages: { responsePrefix: "🦞", groupChat: { mentionPatterns: ["@claw"] } },
        session: { dmScope: "main" },
      }),
    ).toEqual([]);
  });

  it("names an unknown key at the top level and inside known sections", () => {
    expect(
      findUnknownConfigKeys({
        gateway: { port: 18789 },
        channels: { telegram: { botToken: "x" }, imessage: { textChunkLimt: 1200 } },
      }),
    ).toEqual(["gateway", "channels.telegram", "channels.imessage.textChunkLimt"]);
  });

  it("names only the outermost key of an unknown section", () => {
    expect(findUnknownConfigKeys({ gateway: { auth: { token: "x" } } })).toEqual(["gateway"]);
  });

  it("looks inside each entry of groups, dms, accounts and providers", () => {
    expect(
      findUnknownConfigKeys({
        channels: {
          imessage: {
            groups: { "42": { requireMention: true, tools: { deny: ["exec"] } } },
            dms: { "me@example.com": { historyLimit: 5, historyLimt: 6 } },
            accounts: { bot: { dbPath: "/Users/bot/chat.db", heartbeat: {} } },
          },
        },
        models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", headers: {} } } },
      }),
    ).toEqual([
      "channels.imessage.groups.42.tools",
      'channels.imessage.dms["me@example.com"].historyLimt',
      "channels.imessage.accounts.bot.heartbeat",
      "models.providers.ollama.headers",
    ]);
  });

  it("looks inside each element of a list", () => {
    expect(
      findUnknownConfigKeys({
        agents: {
          list: [{ id: "main" }, { id: "work", workspace: "~/w", identity: { name: "W", avatar: "x" } }],
        },
      }),
    ).toEqual(["agents.list[1].workspace", "agents.list[1].identity.avatar"]);
  });

  it("follows the branch of a union that accepts the value", () => {
    expect(findUnknownConfigKeys({ agents: { defaults: { model: "anthropic/claude" } } })).toEqual([]);
    expect(
      findUnknownConfigKeys({
        agents: { defaults: { model: { primary: "anthropic/claude", fallbacks: [], fallback: "x/y" } } },
      }),
    ).toEqual(["agents.defaults.model.fallback"]);
  });

  it("says nothing about a value no branch of a union accepts: that is a validation error", () => {
    expect(findUnknownConfigKeys({ agents: { defaults: { model: { primary: 42, extra: true } } } })).toEqual(
      [],
    );
  });

  it("sees through optional, default, pipe and transform to the shape the file holds", () => {
    const schema = z.object({
      a: z.object({ known: z.number() }).optional(),
      b: z.object({ known: z.number() }).default({ known: 1 }),
      c: z
        .object({ known: z.string() })
        .transform((value) => value.known)
        .pipe(z.string()),
      d: z.array(z.union([z.string(), z.object({ known: z.boolean() })])).nullable(),
    });
    expect(
      findUnknownKeys(schema, {
        a: { known: 1, other: 1 },
        b: { other: 2 },
        c: { known: "x", other: 3 },
        d: ["x", { known: true, other: 4 }],
      }),
    ).toEqual(["a.other", "b.other", "c.other", "d[1].other"]);
  });

  it("treats the extra keys of an object with a typed catchall as known", () => {
    const schema = z.object({ fixed: z.number() }).catchall(z.object({ known: z.number() }));
    expect(findUnknownKeys(schema, { fixed: 1, extra: { known: 2, other: 3 } })).toEqual(["extra.other"]);
  });
});
