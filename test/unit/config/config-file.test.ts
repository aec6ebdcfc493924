import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import {
  createConfigFile,
  editConfigFile,
  loadConfigFile,
  parseConfigText,
} from "../../../app/config/config-file.ts";
import type { PinchConfig } from "../../../app/config/schema.ts";

/** One key set through the transaction, as `/config set` and the window do. */
const setConfigValue = (filePath: string, keyPath: string, value: unknown) =>
  editConfigFile(filePath, [{ kind: "set", keyPath, value }]);

const CHILD = fileURLToPath(new URL("./write-config-child.ts", import.meta.url));

function configFile(content?: Record<string, unknown>): string {
  const filePath = join(mkdtempSync(join(tmpdir(), "pinch-config-")), "pinch.json5");
  if (content !== undefined) writeFileSync(filePath, JSON.stringify(content));
  return filePath;
}

function read(filePath: string): PinchConfig {
  return JSON5.parse(readFileSync(filePath, "utf8"));
}

describe("a config edit", () => {
  it("stores a string as given, never reading it as a number or a boolean", async () => {
    const filePath = configFile({});
    await setConfigValue(filePath, "messages.responsePrefix", "true");
    await setConfigValue(filePath, "channels.imessage.cliPath", "44");
    expect(read(filePath)).toEqual({
      messages: { responsePrefix: "true" },
      channels: { imessage: { cliPath: "44" } },
    });
  });

  it("keeps the keys it does not know", async () => {
    const filePath = configFile({
      gateway: { port: 18789 },
      channels: { imessage: { markdown: { tables: "off" } } },
    });
    await setConfigValue(filePath, "channels.imessage.textChunkLimit", 1200);
    expect(read(filePath)).toEqual({
      gateway: { port: 18789 },
      channels: { imessage: { markdown: { tables: "off" }, textChunkLimit: 1200 } },
    });
  });

  it("refuses to write a key the schema does not know, naming its key path, and writes nothing", async () => {
    const filePath = configFile({ channels: { imessage: {} } });
    const before = readFileSync(filePath, "utf8");
    const result = await setConfigValue(filePath, "channels.imessage.textChunkLimt", 1200);
    expect(result).toMatchObject({ ok: false, errors: [{ path: "channels.imessage.textChunkLimt" }] });
    expect(!result.ok && result.errors[0]?.message).toContain("unknown key");
    expect(readFileSync(filePath, "utf8")).toBe(before);
  });

  it("is not blocked by an old unknown key elsewhere in the file", async () => {
    const filePath = configFile({ gatway: { port: 18789 } });
    const result = await setConfigValue(filePath, "messages.responsePrefix", "🦞");
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(result.ok && result.warnings.map((warning) => warning.path)).toEqual(["gatway"]);
  });

  it("applies a list of edits together, or none of them when one makes the config invalid", async () => {
    const filePath = configFile({});
    const before = readFileSync(filePath, "utf8");
    const result = await editConfigFile(filePath, [
      { kind: "set", keyPath: "messages.responsePrefix", value: "x" },
      { kind: "set", keyPath: "channels.imessage.textChunkLimit", value: 0 },
    ]);
    expect(result).toMatchObject({ ok: false, errors: [{ path: "channels.imessage.textChunkLimit" }] });
    expect(readFileSync(filePath, "utf8")).toBe(before);
  });

  it("works out the edits from the raw object it read", async () => {
    const filePath = configFile({ channels: { imessage: { allowFrom: ["+15555550123"] } } });
    const result = await editConfigFile(filePath, (raw) => {
      const current = (raw as { channels: { imessage: { allowFrom: string[] } } }).channels.imessage
        .allowFrom;
      return [{ kind: "set", keyPath: "channels.imessage.allowFrom", value: [...current, "me@example.com"] }];
    });
    expect(result.ok).toBe(true);
    expect(read(filePath).channels?.imessage?.allowFrom).toEqual(["+15555550123", "me@example.com"]);
  });

  it("passes on what a plan throws and leaves the file untouched", async () => {
    const filePath = configFile({ messages: { responsePrefix: "a" } });
    const before = readFileSync(filePath, "utf8");
    const refusal = new Error("not now");
    await expect(
      editConfigFile(filePath, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(readFileSync(filePath, "utf8")).toBe(before);
    expect((await setConfigValue(filePath, "messages.responsePrefix", "b")).ok).toBe(true);
  });

  it("gives the caller's check the raw object the edits apply to, and refuses what it finds", async () => {
    const filePath = configFile({ messages: { responsePrefix: "a" } });
    const seen: unknown[] = [];
    const result = await editConfigFile(filePath, [{ kind: "unset", keyPath: "messages.responsePrefix" }], {
      check: (raw, edits) => {
        seen.push(raw, edits);
        return { path: "messages.responsePrefix", message: "keep it" };
      },
    });
    expect(seen).toEqual([
      { messages: { responsePrefix: "a" } },
      [{ kind: "unset", keyPath: "messages.responsePrefix" }],
    ]);
    expect(result).toEqual({ ok: false, errors: [{ path: "messages.responsePrefix", message: "keep it" }] });
    expect(read(filePath)).toEqual({ messages: { responsePrefix: "a" } });
  });

  it("writes the file readable by its owner only", async () => {
    const filePath = configFile();
    await setConfigValue(filePath, "messages.responsePrefix", "x");
    expect(statSync(filePath).mode & 0o777).toBe(0o600);
  });

  it("reports nothing changed when it removes a key that is absent", async () => {
    const filePath = configFile({});
    const result = await editConfigFile(filePath, [{ kind: "unset", keyPath: "messages.responsePrefix" }]);
    expect(result).toMatchObject({ ok: true, changed: false });
  });
});

describe("creating the config file", () => {
  it("writes {} when there is no file", async () => {
    const filePath = configFile();
    expect(await createConfigFile(filePath)).toMatchObject({ ok: true, changed: true });
    expect(readFileSync(filePath, "utf8")).toBe("{}\n");
  });

  it("leaves an existing file as it is", async () => {
    const filePath = configFile({ messages: { responsePrefix: "x" } });
    const before = readFileSync(filePath, "utf8");
    expect(await createConfigFile(filePath)).toMatchObject({ ok: true, changed: false });
    expect(readFileSync(filePath, "utf8")).toBe(before);
  });
});

describe("concurrent config writers", () => {
  const groupKeys = (filePath: string) => Object.keys(read(filePath).channels?.imessage?.groups ?? {}).sort();
  const expectedKeys = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

  it("keeps every edit of two writers in one process started at the same moment", async () => {
    const filePath = configFile({ channels: { imessage: {} } });
    const writer = (prefix: string) =>
      Promise.all(
        expectedKeys(prefix, 10).map((key) =>
          setConfigValue(filePath, `channels.imessage.groups["${key}"]`, { requireMention: true }),
        ),
      );
    await Promise.all([writer("a"), writer("b")]);
    expect(groupKeys(filePath)).toEqual([...expectedKeys("a", 10), ...expectedKeys("b", 10)].sort());
  });

  it("keeps every edit when another process writes the same file at the same moment", async () => {
    const filePath = configFile({ channels: { imessage: {} } });
    const count = 40;
    const child = spawn(process.execPath, [CHILD, filePath, "there", String(count)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = once(child, "exit");
    await once(child.stdout, "data");
    for (const key of expectedKeys("here", count)) {
      const result = await setConfigValue(filePath, `channels.imessage.groups["${key}"]`, {
        requireMention: true,
      });
      expect(result.ok).toBe(true);
    }
    expect(await exited).toEqual([0, null]);
    expect(groupKeys(filePath)).toEqual(
      [...expectedKeys("here", count), ...expectedKeys("there", count)].sort(),
    );
    expect((await loadConfigFile(filePath)).ok).toBe(true);
  });
});

describe("the config size cap", () => {
  it("refuses text over 1 MiB from the editor or watcher too, and reads one just under it", () => {
    const over = parseConfigText(`{ "padding": "${"x".repeat(1024 * 1024)}" }`, "/tmp/pinch.json5");
    expect(over).toMatchObject({ ok: false, errors: [{ path: "" }] });
    if (!over.ok) expect(over.errors[0]?.message).toContain("larger than the 1 MiB a config may be");
    expect(parseConfigText(`{ "padding": "${"x".repeat(1000 * 1000)}" }`, "/tmp/pinch.json5").ok).toBe(true);
  });

  it("says a missing file is missing, with every default applied", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-missing-"));
    const loaded = await loadConfigFile(join(dir, "pinch.json5"));
    expect(loaded).toMatchObject({ ok: true, missing: true });
  });
});
