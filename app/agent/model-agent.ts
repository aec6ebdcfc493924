/**
 * The agent that asks a real model. Per turn: load the session, build the
 * system prompt and the conversation, ask the primary model (retrying what is
 * worth retrying), then each fallback; keep the exchange in the session. When
 * every model fails it gives up (`AgentGaveUp`): the channel answers with the
 * failure reply, and the owner sees the real error in the log and `status()`.
 */
import { createHash } from "node:crypto";
import type { LanguageModel, ModelMessage } from "ai";
import type { PinchConfig } from "../config/schema.ts";
import { explainFailure } from "../errors/failure-explanation.ts";
import type { Logger } from "../log/logger.ts";
import { describeSecretRef, type SecretResolver } from "../secrets/secret-resolver.ts";
import type { TokenUsage } from "../usage/token-usage.ts";
import { UsageMeter } from "../usage/usage-meter.ts";
import type { Agent, AgentReply, AgentTurn, AnswerStream } from "./agent.ts";
import type { AgentStatus } from "./agent-status.ts";
import { type AttachmentInput, attachmentInput } from "./attachment-parts.ts";
import { buildMessages, buildTurnInput, type TurnInput } from "./conversation.ts";
import { AgentGaveUp } from "./failure-reply.ts";
import { callModel, sleep } from "./model-call.ts";
import { type ModelChain, type ResolvedModel, resolveModelChain } from "./model-config.ts";
import { providerName } from "./model-presets.ts";
import { createLanguageModel } from "./provider-factory.ts";
import {
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  EmptyReplyError,
  type ModelFailure,
  type RetryPolicy,
  retryDelay,
} from "./retry-policy.ts";
import { SessionStore } from "./session-store.ts";
import { buildSystemPrompt } from "./system-prompt.ts";

const DEFAULT_TIMEOUT_MS = 120_000;

export interface ModelAgentOptions {
  stateDir: string;
  log: Logger;
  secrets: SecretResolver;
  retry?: Partial<RetryPolicy>;
  sessions?: { maxMessages?: number; maxSessions?: number };
  onStatus?: (status: AgentStatus) => void;
}

export class ModelAgent implements Agent {
  readonly sessions: SessionStore;
  readonly usage: UsageMeter;
  private readonly log: Logger;
  private readonly secrets: SecretResolver;
  private readonly retry: RetryPolicy;
  private config: PinchConfig = {};
  private readonly chains = new Map<string, ModelChain>();
  private readonly models = new Map<string, LanguageModel>();
  /** Every key resolved so far, masked in anything this agent reports. */
  private readonly knownSecrets = new Set<string>();
  private current: AgentStatus = { state: "idle" };
  private readonly onStatus: ((status: AgentStatus) => void) | undefined;

  constructor(options: ModelAgentOptions) {
    this.log = options.log.child({ component: "agent" });
    this.secrets = options.secrets;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onStatus = options.onStatus;
    this.sessions = new SessionStore(options.stateDir, {
      ...options.sessions,
      onError: (message, error) => this.log.warn(message, { error: error.message }),
    });
    this.usage = new UsageMeter(options.stateDir, (error) =>
      this.log.warn("could not keep the token usage", { error: error.message }),
    );
  }

  applyConfig(config: PinchConfig): void {
    this.config = config;
    this.chains.clear();
    this.models.clear();
  }

  /** Whether the agent has any model configured (else the echo agent answers). */
  chain(agentId: string): ModelChain {
    let chain = this.chains.get(agentId);
    if (!chain) {
      chain = resolveModelChain(this.config, agentId);
      this.chains.set(agentId, chain);
    }
    return chain;
  }

  status(): AgentStatus {
    return this.current;
  }

  /** Listeners hear of a change of state or a new error; a success like the last one is not news. */
  private setStatus(next: AgentStatus): void {
    const news =
      next.state !== this.current.state ||
      next.lastError !== this.current.lastError ||
      next.budgetReached !== this.current.budgetReached;
    this.current = next;
    if (news) this.onStatus?.(next);
  }

  /** A note the next turn reads (a tapback), kept like a message of the person's, asking for no answer. */
  async note(sessionKey: string, text: string): Promise<void> {
    await this.sessions.append(sessionKey, [
      { role: "user", text, said: text, at: new Date().toISOString() },
    ]);
  }

  async resetSession(sessionKey: string): Promise<void> {
    await this.sessions.reset(sessionKey);
  }

  async close(): Promise<void> {
    await Promise.all([this.sessions.flush(), this.usage.flush()]);
  }

  async reply(turn: AgentTurn, signal: AbortSignal, stream?: AnswerStream): Promise<AgentReply> {
    const chain = this.chain(turn.agentId);
    if (chain.kind !== "models") {
      const message =
        chain.kind === "none" ? `agent "${turn.agentId}" has no model configured` : chain.problems.join("; ");
      return this.giveUp(turn, [{ model: undefined, message }]);
    }
    this.refuseOverBudget(turn);
    const history = await this.sessions.load(turn.sessionKey);
    const system = buildSystemPrompt(this.config, turn);
    const at = new Date().toISOString();
    // The turn as an image-reading model and as a text-only one sees it; each built once, when needed.
    const inputs = new Map<boolean, Promise<{ input: TurnInput; images: AttachmentInput["images"] }>>();
    const inputFor = (images: boolean) => {
      let built = inputs.get(images);
      if (!built) {
        built = attachmentInput(turn.attachments, images).then((attachments) => ({
          input: buildTurnInput(turn, history, attachments, at),
          images: attachments.images,
        }));
        inputs.set(images, built);
      }
      return built;
    };
    const failures: { model: string | undefined; message: string }[] = [];
    for (const model of chain.models) {
      const { input, images } = await inputFor(model.images);
      const messages = buildMessages(model, system, history, input, images);
      const outcome = await this.ask(model, system, messages, turn, signal, stream);
      if (outcome.ok) {
        this.usage.record(turn, model.ref, outcome.usage);
        await this.sessions.append(turn.sessionKey, [
          input.stored,
          { role: "assistant", text: outcome.text, at: new Date().toISOString() },
        ]);
        const { budgetReached: _over, ...current } = this.current;
        this.setStatus({
          ...current,
          state: "ok",
          lastSuccess: { at: new Date().toISOString(), model: model.ref },
        });
        return { text: outcome.text };
      }
      if (signal.aborted) throw signal.reason ?? new Error("the turn was cancelled");
      failures.push({ model: model.ref, message: outcome.message });
      // Part of this answer is in the chat: another model's would start over beside it.
      if (outcome.partSent) break;
    }
    return this.giveUp(turn, failures);
  }

  /** Throws `BudgetReached` when the turn's account used today's tokens; says so once in the log and the status. */
  private refuseOverBudget(turn: AgentTurn): void {
    const overBudget = this.usage.overBudget(this.config, turn);
    if (!overBudget) return;
    if (this.current.budgetReached?.accountId !== turn.accountId) {
      this.log.warn("daily token budget reached; senders get the failure reply until midnight", {
        account: turn.accountId,
        budget: overBudget.budget,
      });
      const at = new Date().toISOString();
      this.setStatus({
        ...this.current,
        budgetReached: { at, accountId: turn.accountId, budget: overBudget.budget },
      });
    }
    throw overBudget;
  }

  /** One model, with retries. */
  private async ask(
    model: ResolvedModel,
    system: string,
    messages: ModelMessage[],
    turn: AgentTurn,
    signal: AbortSignal,
    stream: AnswerStream | undefined,
  ): Promise<
    { ok: true; text: string; usage: TokenUsage } | { ok: false; message: string; partSent?: true }
  > {
    let languageModel: LanguageModel;
    try {
      languageModel = await this.languageModel(model);
    } catch (error) {
      const message = this.scrub((error as Error).message);
      this.log.warn("model not usable", { model: model.ref, error: message });
      return { ok: false, message };
    }
    const timeoutMs = (this.config.agents?.defaults?.timeoutSeconds ?? DEFAULT_TIMEOUT_MS / 1000) * 1000;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let failure: ModelFailure;
      try {
        const { text, usage } = await callModel({
          model,
          languageModel,
          system,
          messages,
          signal,
          timeoutMs,
          sessionKey: turn.sessionKey,
          ...(turn.tools ? { tools: turn.tools } : {}),
          onToolRefused: (tool) =>
            this.log.warn("refused a tool call the turn did not offer", { session: turn.sessionKey, tool }),
          ...(stream ? { onText: (delta: string) => stream.write(delta) } : {}),
        });
        if (!text.trim()) throw new EmptyReplyError();
        this.log.debug("model answered", {
          model: model.ref,
          session: turn.sessionKey,
          ms: Math.round(performance.now() - started),
        });
        return { ok: true, text, usage };
      } catch (error) {
        if (signal.aborted) return { ok: false, message: "the turn was cancelled" };
        failure = classifyFailure(error);
      }
      const message = this.scrub(failure.message);
      const partSent = stream !== undefined && !stream.restart();
      const delay = partSent ? null : retryDelay(failure, attempt, this.retry);
      this.log.warn("model request failed", {
        model: model.ref,
        session: turn.sessionKey,
        attempt,
        kind: failure.kind,
        status: failure.status,
        error: message,
        retryInMs: delay ?? undefined,
      });
      if (delay === null)
        return {
          ok: false,
          message: `${failure.kind}${failure.status ? ` ${failure.status}` : ""}: ${message}`,
          ...(partSent ? { partSent: true as const } : {}),
        };
      await sleep(delay, signal);
      if (signal.aborted) return { ok: false, message: "the turn was cancelled" };
    }
  }

  private giveUp(turn: AgentTurn, failures: { model: string | undefined; message: string }[]): never {
    const summary = failures
      .map((failure) => (failure.model ? `${failure.model}: ${failure.message}` : failure.message))
      .join("; ");
    const last = failures.at(-1);
    this.log.error("no model could answer; sent the failure reply", {
      session: turn.sessionKey,
      error: summary,
    });
    const provider = last?.model ? providerName(last.model.slice(0, last.model.indexOf("/"))) : undefined;
    const explained = explainFailure(summary, provider ? { provider } : {});
    this.setStatus({
      ...this.current,
      state: "failing",
      lastError: {
        at: new Date().toISOString(),
        ...(last?.model ? { model: last.model } : {}),
        message: explained.message,
        detail: summary,
        ...(explained.action ? { action: explained.action } : {}),
      },
    });
    throw new AgentGaveUp(summary);
  }

  private async languageModel(model: ResolvedModel): Promise<LanguageModel> {
    let apiKey = "";
    if (model.apiKeyRef !== undefined) {
      try {
        apiKey = await this.secrets.resolve(model.apiKeyRef);
      } catch (error) {
        throw new Error(
          `no API key for ${model.providerId} (${describeSecretRef(model.apiKeyRef)}): ${(error as Error).message}`,
        );
      }
      if (apiKey.length >= 4) this.knownSecrets.add(apiKey);
    }
    const cacheKey = [
      model.ref,
      model.api,
      model.baseUrl ?? "",
      createHash("sha256").update(apiKey).digest("hex"),
    ].join("\0");
    let languageModel = this.models.get(cacheKey);
    if (!languageModel) {
      languageModel = createLanguageModel(model, apiKey);
      this.models.set(cacheKey, languageModel);
    }
    return languageModel;
  }

  /** A provider may quote the key it refused; it never reaches a log or the status. */
  private scrub(text: string): string {
    let result = text;
    for (const secret of this.knownSecrets) result = result.split(secret).join("[redacted]");
    return result;
  }
}
