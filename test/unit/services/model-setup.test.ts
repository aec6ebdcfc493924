import { afterEach, describe, expect, it } from "vitest";
import { FakeLlmServer } from "../../fake-llm/fake-llm-server.ts";
import { type ServiceFixture, startService } from "./service-fixture.ts";

let fixture: ServiceFixture | undefined;
let provider: FakeLlmServer | undefined;
afterEach(async () => {
  await fixture?.close();
  await provider?.close();
  fixture = undefined;
  provider = undefined;
});

describe("the model step", () => {
  it("refuses a hosted provider without a key, naming the field", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("model.save", { preset: "openai", modelId: "gpt-5-mini" });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-args", field: "apiKey" } });
  });

  it("stores the key with the host, names it in the config, and says hello through the provider", async () => {
    fixture = await startService();
    provider = await FakeLlmServer.start(() => ({ kind: "reply", text: "Hello there!" }));
    const saved = await fixture.service.invoke("model.save", {
      preset: "custom",
      modelId: "tiny",
      baseUrl: provider.baseUrl,
      apiKey: "sk-unit-test-000000",
    });
    expect(saved).toEqual({ ok: true, data: { ref: "custom/tiny" } });
    const config = await fixture.service.invoke("config.get", {});
    expect(JSON.stringify(config)).toContain('"apiKey":"keychain:custom-api-key"');
    expect(JSON.stringify(config)).not.toContain("sk-unit-test");
    const hello = await fixture.service.invoke("model.test", {});
    expect(hello).toEqual({ ok: true, data: { ref: "custom/tiny", reply: "Hello there!" } });
    expect(provider.requests[0]?.headers.authorization).toBe("Bearer sk-unit-test-000000");
  });

  it("reports a refused key as a sentence naming the provider, with the provider's words as detail", async () => {
    fixture = await startService();
    provider = await FakeLlmServer.start(() => ({
      kind: "error",
      status: 401,
      message: "invalid x-api-key",
    }));
    await fixture.service.invoke("model.save", {
      preset: "ollama",
      modelId: "llama3.2",
      baseUrl: provider.baseUrl,
    });
    const hello = await fixture.service.invoke("model.test", {});
    expect(hello).toMatchObject({
      ok: false,
      error: {
        code: "model-failed",
        message: "The key was refused by Ollama on this Mac. Paste a new key.",
        field: "apiKey",
        action: "change-key",
      },
    });
    if (!hello.ok)
      expect(hello.error.detail).toContain("ollama/llama3.2 did not answer: HTTP 401: invalid x-api-key");
  });

  it("keeps the key out of a provider's error that repeats it", async () => {
    fixture = await startService();
    // Not key-shaped on purpose: the key itself is masked, not only what looks like one.
    const key = "plain-looking-credential-4711";
    provider = await FakeLlmServer.start((request) => ({
      kind: "error",
      status: 401,
      message: `Incorrect API key provided: ${request.headers.authorization?.replace(/^Bearer /, "")}; sent ${request.headers.authorization}`,
    }));
    await fixture.service.invoke("model.save", {
      preset: "custom",
      modelId: "tiny",
      baseUrl: provider.baseUrl,
      apiKey: key,
    });
    const hello = await fixture.service.invoke("model.test", {});
    expect(hello).toMatchObject({ ok: false, error: { code: "model-failed" } });
    expect(JSON.stringify(hello)).not.toContain(key);
    if (!hello.ok) expect(hello.error.detail).toContain("Incorrect API key provided: [redacted]");
  });

  it("a test stops after the time the window gave it and says so", async () => {
    fixture = await startService();
    provider = await FakeLlmServer.start(() => ({ kind: "hang" }));
    await fixture.service.invoke("model.save", {
      preset: "custom",
      modelId: "slow",
      baseUrl: provider.baseUrl,
    });
    const hello = await fixture.service.invoke("model.test", { timeoutSeconds: 1 });
    expect(hello).toMatchObject({
      ok: false,
      error: { code: "model-failed", message: "The model didn't answer within 1 s.", action: "retry" },
    });
  });

  it("a waiting test ends as cancelled when the window cancels it", async () => {
    fixture = await startService();
    provider = await FakeLlmServer.start(() => ({ kind: "hang" }));
    await fixture.service.invoke("model.save", {
      preset: "custom",
      modelId: "slow",
      baseUrl: provider.baseUrl,
    });
    const hello = fixture.service.invoke("model.test", {});
    await expect.poll(() => provider?.requests.length).toBe(1);
    expect(await fixture.service.invoke("model.cancelTest", {})).toEqual({
      ok: true,
      data: { cancelled: 1 },
    });
    expect(await hello).toMatchObject({
      ok: false,
      error: { code: "cancelled", message: "The test was cancelled." },
    });
  });

  it("refuses a server address that is not an http(s) URL, and saves nothing", async () => {
    fixture = await startService();
    const result = await fixture.service.invoke("model.save", {
      preset: "custom",
      modelId: "x",
      baseUrl: "ftp://host",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid-config", field: "models.providers.custom.baseUrl" },
    });
    const config = await fixture.service.invoke("config.get", {});
    expect(JSON.stringify(config)).not.toContain("providers");
  });
});
