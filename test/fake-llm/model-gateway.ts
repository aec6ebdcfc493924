/**
 * An in-process gateway with the real model agent, the imsg simulator as its
 * child and a fake model server: what the agent tests drive. Logs are kept as
 * JSON lines so tests can look for (and rule out) what was written.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Agent } from "../../app/agent/agent.ts";
import { createConfiguredAgent } from "../../app/agent/configured-agent.ts";
import type { RetryPolicy } from "../../app/agent/retry-policy.ts";
import { coreContext } from "../../app/core-context.ts";
import { Gateway } from "../../app/gateway/gateway.ts";
import { createLogger } from "../../app/log/logger.ts";
import { createEnvSecretResolver } from "../../app/secrets/env-secret-resolver.ts";
import { imsgShimPath, type SentMessage, SimDb } from "../imsg-sim/sim-db.ts";
import { waitFor } from "../integration/gateway-harness.ts";

export interface ModelGateway {
  gateway: Gateway;
  sim: SimDb;
  dir: string;
  stateDir: string;
  agent: Agent;
  logs: string[];
  waitForSent: (count: number, options?: { chatId?: number; timeoutMs?: number }) => Promise<SentMessage[]>;
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/** Retries fast enough for tests; the policy itself is the production one. */
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 80 };

export async function startModelGateway(options: {
  config: Record<string, unknown>;
  seed?: (sim: SimDb) => void;
  retry?: Partial<RetryPolicy>;
  /** What `env:NAME` keys resolve from. */
  secretsEnv?: NodeJS.ProcessEnv;
}): Promise<ModelGateway> {
  const dir = mkdtempSync(join(tmpdir(), "pinch-agent-"));
  const sim = SimDb.create({ path: join(dir, "chat.db") });
  options.seed?.(sim);
  const startRowid = sim.maxRowid();
  const { channels, ...rest } = options.config as { channels?: { imessage?: Record<string, unknown> } };
  const configPath = join(dir, "pinch.json5");
  writeFileSync(
    configPath,
    JSON.stringify({
      ...rest,
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, ...channels?.imessage } },
    }),
  );
  const logs: string[] = [];
  const log = createLogger({ format: "json", level: "debug", sink: { write: (line) => logs.push(line) } });
  const stateDir = join(dir, "state");
  const agent = createConfiguredAgent(
    {
      stateDir,
      log,
      secrets: createEnvSecretResolver(options.secretsEnv ?? {}),
      retry: options.retry ?? FAST_RETRY,
    },
    // Until a model is added, the demo's echo: a switch to the model shows in the reply text.
    { echo: true },
  );
  const gateway = await Gateway.start(
    coreContext({
      configPath,
      stateDir,
      log,
      watchDebounceMs: 0,
      env: { ...process.env, IMSG_SIM_POLL_MS: "10" },
    }),
    { agent },
  );
  await gateway.whenReady();
  const sent = (chatId?: number) =>
    sim.sentMessages({ sinceRowid: startRowid, ...(chatId === undefined ? {} : { chatId }) });
  return {
    gateway,
    sim,
    dir,
    stateDir,
    agent,
    logs,
    waitForSent: async (count, filter = {}) => {
      let rows: SentMessage[] = [];
      await waitFor(
        () => {
          rows = sent(filter.chatId);
          return rows.length >= count;
        },
        filter.timeoutMs ?? 10_000,
        () => `expected ${count} sent, got ${JSON.stringify(rows.map((row) => row.text))}\n${logs.join("")}`,
      );
      return rows;
    },
    waitForLog: (pattern, timeoutMs = 10_000) =>
      waitFor(
        () => logs.some((line) => pattern.test(line)),
        timeoutMs,
        () => `no log matching ${pattern}:\n${logs.join("")}`,
      ),
    stop: async () => {
      await gateway.stop();
      await agent.close?.();
      sim.close();
    },
  };
}

/** `models` + `agents` config for one provider on the fake server. */
export function providerConfig(options: {
  baseUrl: string;
  api: "anthropic-messages" | "openai-completions" | "openai-responses";
  model?: string;
  apiKey?: string;
  stream?: boolean;
  contextWindow?: number;
  maxTokens?: number;
  input?: string[];
  fallbacks?: string[];
  providerId?: string;
}): { models: { providers: Record<string, unknown> }; agents: { defaults: Record<string, unknown> } } {
  const providerId = options.providerId ?? "fake";
  const model = options.model ?? "test-model";
  return {
    models: {
      providers: {
        [providerId]: {
          baseUrl: options.baseUrl,
          api: options.api,
          ...(options.apiKey ? { apiKey: options.apiKey } : {}),
          ...(options.stream ? { stream: true } : {}),
          models: [
            {
              id: model,
              ...(options.contextWindow ? { contextWindow: options.contextWindow } : {}),
              ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
              ...(options.input ? { input: options.input } : {}),
            },
          ],
        },
      },
    },
    agents: {
      defaults: {
        model: {
          primary: `${providerId}/${model}`,
          ...(options.fallbacks ? { fallbacks: options.fallbacks } : {}),
        },
      },
    },
  };
}
