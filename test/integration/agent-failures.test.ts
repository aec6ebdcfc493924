/**
 * When providers fail: retries with backoff (and `retry-after`), fallbacks,
 * and the one friendly line a sender gets when nothing answers, while the log
 * and the status carry the real error. Real gateway, simulator, fake provider.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FAILURE_REPLY } from "../../app/agent/failure-reply.ts";
import {
  closedPortBaseUrl,
  conversationOf,
  FakeLlmServer,
  type RecordedRequest,
} from "../fake-llm/fake-llm-server.ts";
import { type ModelGateway, providerConfig, startModelGateway } from "../fake-llm/model-gateway.ts";

const friend = "+15555550123";
const openDms = { dmPolicy: "open", allowFrom: ["*"] };

let fake: FakeLlmServer;
let backup: FakeLlmServer;
let running: ModelGateway | undefined;
beforeEach(async () => {
  fake = await FakeLlmServer.start();
  backup = await FakeLlmServer.start((request) => ({ kind: "reply", text: `backup ${request.model}` }));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await fake.close();
  await backup.close();
});

/** The primary on `fake` (Anthropic Messages), an OpenAI-compatible fallback on `backup`. */
function withFallback(primaryBaseUrl: string, extra: Record<string, unknown> = {}) {
  const primary = providerConfig({ baseUrl: primaryBaseUrl, api: "anthropic-messages", model: "main-model" });
  const providers: Record<string, unknown> = {
    ...primary.models.providers,
    local: { baseUrl: backup.baseUrl, api: "openai-completions", models: [{ id: "spare" }] },
  };
  return {
    channels: { imessage: openDms },
    models: { providers },
    agents: { defaults: { model: { primary: "fake/main-model", fallbacks: ["local/spare"] }, ...extra } },
  };
}

async function start(config: Record<string, unknown>): Promise<ModelGateway> {
  running = await startModelGateway({ config });
  return running;
}

function errorLines(gw: ModelGateway): { level: string; msg: string; error?: string; kind?: string }[] {
  return gw.logs
    .map((line) => JSON.parse(line))
    .filter((line) => line.component === "agent" && line.level !== "debug");
}

describe("provider failures", () => {
  it("waits out a 429's retry-after, then answers from the same model", async () => {
    fake.script({ kind: "error", status: 429, headers: { "retry-after": "1" } });
    const gw = await start(withFallback(fake.baseUrl));
    const began = Date.now();
    gw.sim.injectInbound({ from: friend, text: "busy?" });
    expect((await gw.waitForSent(1))[0]?.text).toBe("reply: busy?");
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
    expect(backup.requests).toHaveLength(0);
    expect(errorLines(gw)).toMatchObject([
      { level: "warn", msg: "model request failed", kind: "rate-limit" },
    ]);
  });

  it("retries a 500 three times, then the fallback provider answers", async () => {
    fake.script(
      { kind: "error", status: 500 },
      { kind: "error", status: 502 },
      { kind: "error", status: 503 },
    );
    const gw = await start(withFallback(fake.baseUrl));
    gw.sim.injectInbound({ from: friend, text: "anyone?" });
    expect((await gw.waitForSent(1))[0]?.text).toBe("backup spare");
    expect(fake.requests).toHaveLength(3);
    expect(backup.requests.map((request) => request.model)).toEqual(["spare"]);
    expect(gw.gateway.agentStatus()).toMatchObject({ state: "ok", lastSuccess: { model: "local/spare" } });
    // The session keeps the exchange whichever model answered.
    gw.sim.injectInbound({ from: friend, text: "still there?" });
    await gw.waitForSent(2);
    expect(fake.requests.at(-1)?.body.messages.map((message: { role: string }) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
    ]);
  });

  it("describes an image in text to a fallback that cannot read images", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-image-"));
    const photo = join(dir, "cat.jpg");
    writeFileSync(photo, Buffer.from("ffd8ffe000104a464946", "hex"));
    fake.script({ kind: "error", status: 400, message: "image too small" });
    const config = withFallback(fake.baseUrl);
    const gw = await start({
      ...config,
      channels: { imessage: { ...openDms, includeAttachments: true, attachmentRoots: [dir] } },
      models: {
        providers: {
          ...config.models.providers,
          fake: {
            ...(config.models.providers.fake as object),
            models: [{ id: "main-model", input: ["text", "image"] }],
          },
        },
      },
    });
    gw.sim.injectInbound({ from: friend, text: "what is this?", attachments: [photo] });
    expect((await gw.waitForSent(1))[0]?.text).toBe("backup spare");
    expect(conversationOf(fake.requests[0] as RecordedRequest).messages[0]).toEqual({
      role: "user",
      text: "what is this?\n[The sender attached an image: cat.jpg.]",
      images: 1,
    });
    expect(conversationOf(backup.requests[0] as RecordedRequest).messages[0]).toEqual({
      role: "user",
      text: "what is this?\n[The sender attached a file you cannot see: cat.jpg (image/jpeg, 10 B).]",
      images: 0,
    });
  });

  it("sends the configured friendly reply when the provider refuses connections, and logs the real error", async () => {
    const refused = await closedPortBaseUrl();
    const gw = await start({
      channels: { imessage: openDms },
      ...providerConfig({ baseUrl: refused, api: "openai-responses" }),
      agents: {
        defaults: { model: "fake/test-model", failureReply: "I'm offline for a bit, sorry!" },
      },
    });
    gw.sim.injectInbound({ from: friend, text: "hello?" });
    const sent = await gw.waitForSent(1);
    expect(sent.map((row) => row.text)).toEqual(["I'm offline for a bit, sorry!"]);
    const lines = errorLines(gw);
    expect(lines.filter((line) => line.kind === "network")).toHaveLength(3);
    const final = lines.find((line) => line.level === "error");
    expect(final?.msg).toBe("no model could answer; sent the failure reply");
    expect(final?.error).toMatch(/^fake\/test-model: network: Cannot connect to API/);
    expect(gw.gateway.agentStatus()).toMatchObject({
      state: "failing",
      lastError: {
        model: "fake/test-model",
        message: expect.stringMatching(
          /^Nothing answered at 127\.0\.0\.1:\d+\. Check that the server is running/,
        ),
        detail: expect.stringMatching(/Cannot connect to API/),
        action: "retry",
      },
    });
  });

  it("times out a hung provider, retries, then falls back", async () => {
    fake.script({ kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    const gw = await start(withFallback(fake.baseUrl, { timeoutSeconds: 0.4 }));
    const began = Date.now();
    gw.sim.injectInbound({ from: friend, text: "wake up" });
    expect((await gw.waitForSent(1))[0]?.text).toBe("backup spare");
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_200);
    expect(fake.requests).toHaveLength(3);
    expect(errorLines(gw).filter((line) => line.kind === "timeout")).toHaveLength(3);
  });

  it("treats an empty reply as a failure: the default friendly line, never an empty message", async () => {
    fake.script({ kind: "empty" });
    const gw = await start({
      channels: { imessage: openDms },
      ...providerConfig({ baseUrl: fake.baseUrl, api: "anthropic-messages" }),
    });
    gw.sim.injectInbound({ from: friend, text: "say nothing" });
    expect((await gw.waitForSent(1)).map((row) => row.text)).toEqual([DEFAULT_FAILURE_REPLY]);
    expect(errorLines(gw).map((line) => line.kind ?? line.msg)).toEqual([
      "empty",
      "no model could answer; sent the failure reply",
    ]);
    // Nothing was kept: the next turn starts from a clean session.
    gw.sim.injectInbound({ from: friend, text: "now talk" });
    expect((await gw.waitForSent(2))[1]?.text).toBe("reply: now talk");
    expect(fake.requests[1]?.body.messages).toHaveLength(1);
  });

  it("does not retry a refused key, masks the key if the provider quotes it, and falls back", async () => {
    const key = "fk-test-0123456789abcdef";
    fake.script({ kind: "error", status: 401, message: `invalid x-api-key ${key}` });
    const primary = providerConfig({
      baseUrl: fake.baseUrl,
      api: "anthropic-messages",
      apiKey: "env:FAKE_API_KEY",
    });
    running = await startModelGateway({
      config: {
        channels: { imessage: openDms },
        models: {
          providers: {
            ...primary.models.providers,
            local: { baseUrl: backup.baseUrl, api: "openai-completions", models: [{ id: "spare" }] },
          },
        },
        agents: { defaults: { model: { primary: "fake/test-model", fallbacks: ["local/spare"] } } },
      },
      secretsEnv: { FAKE_API_KEY: key },
    });
    running.sim.injectInbound({ from: friend, text: "hi" });
    expect((await running.waitForSent(1))[0]?.text).toBe("backup spare");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers["x-api-key"]).toBe(key);
    expect(running.logs.join("")).not.toContain(key);
    expect(running.logs.join("")).toContain("invalid x-api-key [redacted]");
  });
});
