import { describe, expect, it } from "vitest";
import { parseKeyPath } from "../../../app/config/key-path.ts";
import { IGNORED_REFERENCE_KEYS, isIgnoredReferenceKey } from "../../../app/config/reference-keys.ts";
import { findUnknownConfigKeys } from "../../../app/config/unknown-keys.ts";

/** A config that sets exactly `key` (with `*` filled in), for walking it through the schema. */
function configSetting(key: string): Record<string, unknown> {
  const segments = key.split(".").map((part) => (part === "*" ? "x" : part));
  const root: Record<string, unknown> = {};
  let node = root;
  for (const [index, part] of segments.entries()) {
    const last = index === segments.length - 1;
    // `agents.list.*` is a list; its element is the object the next key lives in.
    if (part === "list" && segments[index - 1] === "agents" && !last) {
      const element: Record<string, unknown> = { id: "main" };
      node[part] = [element];
      node = element;
      continue;
    }
    if (part === "x" && segments[index - 1] === "list") continue;
    const next: Record<string, unknown> = {};
    node[part] = last ? true : next;
    node = next;
  }
  return root;
}

describe("the reference keys Pinch ignores", () => {
  it("holds no key the schema supports: each key is supported or ignored, never both", () => {
    for (const key of IGNORED_REFERENCE_KEYS) {
      const unread = findUnknownConfigKeys(configSetting(key));
      expect(unread, key).toHaveLength(1);
    }
  });

  it("matches an account's or a group's key whatever its id", () => {
    const parsed = parseKeyPath('channels.imessage.accounts.bot.groups["42"].tools');
    expect(parsed.ok && isIgnoredReferenceKey(parsed.segments)).toBe(true);
    expect(isIgnoredReferenceKey(["channels", "imessage", "accounts", "bot", "sendTransport"])).toBe(true);
    expect(isIgnoredReferenceKey(["agents", "list", 2, "workspace"])).toBe(true);
  });

  it("does not match a misspelt key, a key below an ignored one, or a supported one", () => {
    expect(isIgnoredReferenceKey(["channels", "imessage", "sendTransprt"])).toBe(false);
    expect(isIgnoredReferenceKey(["channels", "imessage", "actions", "reactions"])).toBe(false);
    expect(isIgnoredReferenceKey(["channels", "imessage", "dmPolicy"])).toBe(false);
  });
});
