import { readFileSync, writeFileSync } from "node:fs";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import { editConfigFile } from "../../../app/config/config-file.ts";
import { GROUP_DEFAULTS, IMESSAGE_DEFAULTS } from "../../../app/config/resolve-accounts.ts";
import type { PinchConfig } from "../../../app/config/schema.ts";
import { ConfigViewSchema } from "../../../app/ipc/view-schemas.ts";
import { type ServiceFixture, startService } from "./service-fixture.ts";

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function fileOf(current: ServiceFixture): PinchConfig {
  return JSON5.parse(readFileSync(current.configPath, "utf8"));
}

describe("the window's config edits", () => {
  it("stores a string as the string it is", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("config.set", {
      keyPath: "messages.responsePrefix",
      value: "true",
    });
    expect(result).toEqual({ ok: true, data: { changed: true } });
    expect(fileOf(fixture).messages?.responsePrefix).toBe("true");
  });

  it("reads a value sent as typed text the way /config set does", async () => {
    fixture = await startService();
    await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.textChunkLimit",
      value: "1200",
      asText: true,
    });
    expect(fileOf(fixture).channels?.imessage?.textChunkLimit).toBe(1200);
  });

  it("refuses a key the schema does not know, naming it as the field, and saves nothing", async () => {
    fixture = await startService();
    const before = readFileSync(fixture.configPath, "utf8");
    const result = await fixture.service.invoke("config.set", {
      keyPath: "channels.imessage.textChunkLimt",
      value: 1200,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid-config", field: "channels.imessage.textChunkLimt" },
    });
    expect(readFileSync(fixture.configPath, "utf8")).toBe(before);
  });

  it("saves an edit while an old unknown key elsewhere stays in the file", async () => {
    fixture = await startService();
    const config = fileOf(fixture);
    writeFileSync(fixture.configPath, JSON.stringify({ ...config, gateway: { port: 18789 } }));
    const result = await fixture.service.invoke("config.set", {
      keyPath: "messages.responsePrefix",
      value: "x",
    });
    expect(result.ok).toBe(true);
    expect(fileOf(fixture)).toMatchObject({ gateway: { port: 18789 }, messages: { responsePrefix: "x" } });
  });

  it("keeps both of two patches sent at the same moment", async () => {
    fixture = await startService();
    const [first, second] = await Promise.all([
      fixture.service.invoke("config.patch", {
        edits: [{ keyPath: "messages.responsePrefix", value: "🦞" }],
      }),
      fixture.service.invoke("config.patch", {
        edits: [{ keyPath: "channels.imessage.textChunkLimit", value: 1200 }],
      }),
    ]);
    expect([first?.ok, second?.ok]).toEqual([true, true]);
    expect(fileOf(fixture)).toMatchObject({
      messages: { responsePrefix: "🦞" },
      channels: { imessage: { textChunkLimit: 1200 } },
    });
  });

  it("keeps a patch and a /config set that land at the same moment", async () => {
    fixture = await startService();
    const [patched, set] = await Promise.all([
      fixture.service.invoke("config.patch", {
        edits: [{ keyPath: "messages.responsePrefix", value: "🦞" }],
      }),
      editConfigFile(fixture.configPath, [
        { kind: "set", keyPath: "channels.imessage.historyLimit", value: 10 },
      ]),
    ]);
    expect([patched.ok, set.ok]).toEqual([true, true]);
    expect(fileOf(fixture)).toMatchObject({
      messages: { responsePrefix: "🦞" },
      channels: { imessage: { historyLimit: 10 } },
    });
  });
});

describe("the window's config view", () => {
  it("carries the core's defaults for unset keys", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("config.get", {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(ConfigViewSchema.parse(result.data).defaults).toEqual({
      ...IMESSAGE_DEFAULTS,
      requireMention: GROUP_DEFAULTS.requireMention,
    });
  });

  it("warns about a key the schema does not know", async () => {
    fixture = await startService({ textChunkLimt: 1200 });
    const result = await fixture.service.invoke("config.get", {});
    expect(result).toMatchObject({
      ok: true,
      data: { errors: [], warnings: [{ path: "channels.imessage.textChunkLimt" }] },
    });
  });
});
