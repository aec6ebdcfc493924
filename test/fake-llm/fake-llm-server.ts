/**
 * A model provider on 127.0.0.1 for the tests and the benchmark: it speaks the
 * Anthropic Messages, OpenAI Chat Completions and OpenAI Responses wire
 * formats, streaming (SSE) or not, records every request as it arrived, and
 * answers whatever a test scripts: text, an HTTP error, silence, a reply
 * with no text in it, or a tool call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakePromptCache, type PromptUsage, wireUsage } from "./fake-prompt-cache.ts";
import { type FakeToolCall, toolCallBody, toolCallStream } from "./fake-tool-calls.ts";
import { type DeltaTiming, type Pacing, tokenPieces, writePaced } from "./paced-stream.ts";

export type FakeApi = "anthropic-messages" | "openai-completions" | "openai-responses";

export interface RecordedRequest {
  api: FakeApi;
  path: string;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: a wire body, asserted field by field in tests
  body: any;
  /** The `model` field of the body. */
  model: string;
  stream: boolean;
}

export type FakeBehavior =
  | ({ kind: "reply"; text: string; delayMs?: number } & Pacing)
  | { kind: "error"; status: number; message?: string; headers?: Record<string, string> }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: "hang" }
  /** A well-formed answer without any text. */
  | { kind: "empty" }
  /** The model asks for a tool (`name`, `input`); the next request carries the result back. */
  | FakeToolCall;

export type Responder = (request: RecordedRequest) => FakeBehavior;

export interface ProviderTiming {
  /** performance.now() of this process when the request had been read, and when the answer was written. */
  receivedAt: number;
  answeredAt: number;
  /** A streamed answer's text deltas, as they were written. */
  deltas?: DeltaTiming[];
}

const paths: Record<string, FakeApi> = {
  "/v1/messages": "anthropic-messages",
  "/v1/chat/completions": "openai-completions",
  "/v1/responses": "openai-responses",
};

export class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  readonly timings: ProviderTiming[] = [];
  /** The prompt side of each answered request's usage, in order (see fake-prompt-cache.ts). */
  readonly usages: PromptUsage[] = [];
  private readonly promptCache = new FakePromptCache();
  private readonly server: Server;
  private readonly queue: FakeBehavior[] = [];
  private responder: Responder;
  private port = 0;

  private constructor(responder: Responder) {
    this.responder = responder;
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.keepAliveTimeout = 30_000;
  }

  /** Starts on a free port of 127.0.0.1. The default answer echoes the last line of the newest user message. */
  static async start(responder?: Responder): Promise<FakeLlmServer> {
    const fake = new FakeLlmServer(
      responder ??
        ((request) => ({ kind: "reply", text: `reply: ${lastUserText(request).split("\n").at(-1)}` })),
    );
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The `baseUrl` of a provider pointing here (every API lives under `/v1`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Behaviours used, in order, for the next requests; then the responder answers again. */
  script(...behaviors: FakeBehavior[]): void {
    this.queue.push(...behaviors);
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const receivedAt = performance.now();
    const api = paths[(request.url ?? "").split("?")[0] ?? ""];
    if (request.method !== "POST" || !api) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}` } }));
      return;
    }
    let body: RecordedRequest["body"];
    try {
      body = JSON.parse(raw);
    } catch {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "body is not JSON" } }));
      return;
    }
    const recorded: RecordedRequest = {
      api,
      path: request.url ?? "",
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      ),
      body,
      model: String(body?.model ?? ""),
      stream: body?.stream === true,
    };
    this.requests.push(recorded);
    const behavior = this.queue.shift() ?? this.responder(recorded);
    if (behavior.kind === "hang") return;
    if (behavior.kind === "error") {
      response.writeHead(behavior.status, { "content-type": "application/json", ...behavior.headers });
      response.end(errorBody(api, behavior.status, behavior.message ?? `fake error ${behavior.status}`));
      this.timings.push({ receivedAt, answeredAt: performance.now() });
      return;
    }
    if (behavior.kind === "tool-call") {
      this.answerToolCall(response, recorded, behavior);
      this.timings.push({ receivedAt, answeredAt: performance.now() });
      return;
    }
    const text = behavior.kind === "reply" ? behavior.text : "";
    const prompt = this.promptCache.usage(api, body);
    this.usages.push(prompt);
    const usage = wireUsage(api, prompt, Math.ceil(text.length / 4));
    if (behavior.kind === "reply" && behavior.delayMs) await sleep(behavior.delayMs);
    if (response.destroyed) return;
    if (recorded.stream) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const paced =
        behavior.kind === "reply" &&
        (behavior.tokensPerSecond !== undefined || behavior.cutAfterChars !== undefined);
      if (paced) {
        const events = streamEvents(api, recorded.model, text, usage, tokenPieces);
        const deltas = await writePaced(response, events, behavior);
        this.timings.push({ receivedAt, answeredAt: performance.now(), deltas });
        return;
      }
      for (const event of streamEvents(api, recorded.model, text, usage)) response.write(event);
      response.end();
    } else {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(completeBody(api, recorded.model, text, usage)));
    }
    this.timings.push({ receivedAt, answeredAt: performance.now() });
  }

  private answerToolCall(response: ServerResponse, recorded: RecordedRequest, call: FakeToolCall): void {
    if (recorded.stream) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const event of toolCallStream(recorded.api, recorded.model, call)) response.write(event);
      response.end();
    } else {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(toolCallBody(recorded.api, recorded.model, call)));
    }
  }
}

/** A URL on which nothing listens: a port taken from the OS, then released. */
export async function closedPortBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

/** The text of the newest user message of a recorded request, whatever its API. */
export function lastUserText(request: RecordedRequest): string {
  const messages: { role: string; content: unknown }[] =
    request.api === "openai-responses" ? request.body.input : request.body.messages;
  const user = [...(messages ?? [])].reverse().find((message) => message.role === "user");
  return contentText(user?.content);
}

/** Joins the text parts of a message's content (a string, or parts of any of the three APIs). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((part) => part && typeof part.text === "string")
    .map((part) => part.text as string)
    .join("\n");
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36)}`;

function errorBody(api: FakeApi, status: number, message: string): string {
  if (api === "anthropic-messages") {
    const type = status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error";
    return JSON.stringify({ type: "error", error: { type, message } });
  }
  return JSON.stringify({
    error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null },
  });
}

function completeBody(api: FakeApi, model: string, text: string, usage: Record<string, unknown>): unknown {
  if (api === "anthropic-messages") {
    return {
      id: nextId("msg"),
      type: "message",
      role: "assistant",
      model,
      content: text ? [{ type: "text", text }] : [],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage,
    };
  }
  if (api === "openai-completions") {
    return {
      id: nextId("chatcmpl"),
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage,
    };
  }
  return {
    id: nextId("resp"),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model,
    status: "completed",
    output: text
      ? [
          {
            type: "message",
            id: nextId("msg"),
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text, annotations: [] }],
          },
        ]
      : [],
    usage,
  };
}

/** One server-sent event, as every API's stream frames it. */
export function sse(event: string | null, data: unknown): string {
  return `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

/** The text goes out in a few deltas, as a real stream would send it. */
function pieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const result: string[] = [];
  for (let index = 0; index < text.length; index += size) result.push(text.slice(index, index + size));
  return result;
}

function streamEvents(
  api: FakeApi,
  model: string,
  text: string,
  usage: Record<string, unknown>,
  split: (text: string) => string[] = pieces,
): string[] {
  const outputTokens = Math.ceil(text.length / 4);
  if (api === "anthropic-messages") {
    const id = nextId("msg");
    return [
      sse("message_start", {
        type: "message_start",
        message: {
          id,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      }),
      ...(text
        ? [
            sse("content_block_start", {
              type: "content_block_start",
              index: 0,
              content_block: { type: "text", text: "" },
            }),
            ...split(text).map((delta) =>
              sse("content_block_delta", {
                type: "content_block_delta",
                index: 0,
                delta: { type: "text_delta", text: delta },
              }),
            ),
            sse("content_block_stop", { type: "content_block_stop", index: 0 }),
          ]
        : []),
      sse("message_delta", {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }),
      sse("message_stop", { type: "message_stop" }),
    ];
  }
  if (api === "openai-completions") {
    const id = nextId("chatcmpl");
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: unknown, finish: string | null) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    return [
      sse(null, chunk({ role: "assistant", content: "" }, null)),
      ...split(text).map((delta) => sse(null, chunk({ content: delta }, null))),
      sse(null, chunk({}, "stop")),
      sse(null, {
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [],
        usage,
      }),
      sse(null, "[DONE]"),
    ];
  }
  const id = nextId("resp");
  const itemId = nextId("msg");
  const createdAt = Math.floor(Date.now() / 1000);
  return [
    sse("response.created", {
      type: "response.created",
      sequence_number: 0,
      response: { id, object: "response", created_at: createdAt, model, status: "in_progress", output: [] },
    }),
    ...(text
      ? [
          sse("response.output_item.added", {
            type: "response.output_item.added",
            output_index: 0,
            item: { type: "message", id: itemId, role: "assistant", status: "in_progress", content: [] },
          }),
          ...split(text).map((delta) =>
            sse("response.output_text.delta", {
              type: "response.output_text.delta",
              item_id: itemId,
              output_index: 0,
              content_index: 0,
              delta,
            }),
          ),
          sse("response.output_item.done", {
            type: "response.output_item.done",
            output_index: 0,
            item: {
              type: "message",
              id: itemId,
              role: "assistant",
              status: "completed",
              content: [{ type: "output_text", text, annotations: [] }],
            },
          }),
        ]
      : []),
    sse("response.completed", {
      type: "response.completed",
      response: { id, object: "response", created_at: createdAt, model, status: "completed", usage },
    }),
  ];
}

export interface Conversation {
  system: string;
  messages: { role: "user" | "assistant"; text: string; images: number }[];
}

/** A recorded request reduced to what the tests compare, the same way for all three APIs. */
export function conversationOf(request: RecordedRequest): Conversation {
  const body = request.body;
  const raw: { role: string; content: unknown }[] =
    request.api === "openai-responses" ? body.input : body.messages;
  const systemParts: string[] = [];
  if (request.api === "anthropic-messages" && body.system) systemParts.push(contentText(body.system));
  if (request.api === "openai-responses" && typeof body.instructions === "string")
    systemParts.push(body.instructions);
  const messages: Conversation["messages"] = [];
  for (const message of raw ?? []) {
    if (message.role === "system" || message.role === "developer") {
      systemParts.push(contentText(message.content));
      continue;
    }
    const parts = Array.isArray(message.content) ? message.content : [];
    messages.push({
      role: message.role === "assistant" ? "assistant" : "user",
      text: contentText(message.content),
      images: parts.filter((part) => ["image", "image_url", "input_image"].includes(part?.type)).length,
    });
  }
  return { system: systemParts.join("\n"), messages };
}
