/**
 * The fake provider's tool calls: a scripted answer that asks for a tool, in
 * the wire format of each API (streamed or whole), and a reader for the tool
 * results the next request carries back.
 */
import { type FakeApi, lastUserText, type RecordedRequest, sse } from "./fake-llm-server.ts";

export interface FakeToolCall {
  kind: "tool-call";
  name: string;
  input: Record<string, unknown>;
}

/** A tool result as a request carried it, the same way for all three APIs. */
export interface CarriedToolResult {
  callId: string;
  output: string;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_tool${(++counter).toString(36)}`;

const usage = { input_tokens: 10, output_tokens: 5 };

export function toolCallBody(api: FakeApi, model: string, call: FakeToolCall): unknown {
  const args = JSON.stringify(call.input);
  if (api === "anthropic-messages") {
    return {
      id: nextId("msg"),
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "tool_use", id: nextId("toolu"), name: call.name, input: call.input }],
      stop_reason: "tool_use",
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
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: nextId("call"), type: "function", function: { name: call.name, arguments: args } },
            ],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    };
  }
  return {
    id: nextId("resp"),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model,
    status: "completed",
    output: [responsesItem(call, args)],
    usage: { ...usage, total_tokens: 15 },
  };
}

export function toolCallStream(api: FakeApi, model: string, call: FakeToolCall): string[] {
  const args = JSON.stringify(call.input);
  const halves = [args.slice(0, Math.ceil(args.length / 2)), args.slice(Math.ceil(args.length / 2))];
  if (api === "anthropic-messages") {
    const message = { id: nextId("msg"), type: "message", role: "assistant", model, content: [] };
    return [
      sse("message_start", {
        type: "message_start",
        message: { ...message, stop_reason: null, stop_sequence: null, usage },
      }),
      sse("content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: nextId("toolu"), name: call.name, input: {} },
      }),
      ...halves.map((partial_json) =>
        sse("content_block_delta", {
          type: "content_block_delta",
          index: 0,
          delta: { type: "input_json_delta", partial_json },
        }),
      ),
      sse("content_block_stop", { type: "content_block_stop", index: 0 }),
      sse("message_delta", {
        type: "message_delta",
        delta: { stop_reason: "tool_use", stop_sequence: null },
        usage: { output_tokens: 5 },
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
    const callId = nextId("call");
    return [
      sse(
        null,
        chunk(
          {
            role: "assistant",
            content: null,
            tool_calls: [
              { index: 0, id: callId, type: "function", function: { name: call.name, arguments: "" } },
            ],
          },
          null,
        ),
      ),
      ...halves.map((part) =>
        sse(null, chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] }, null)),
      ),
      sse(null, chunk({}, "tool_calls")),
      sse(null, "[DONE]"),
    ];
  }
  const id = nextId("resp");
  const item = responsesItem(call, args);
  const createdAt = Math.floor(Date.now() / 1000);
  return [
    sse("response.created", {
      type: "response.created",
      sequence_number: 0,
      response: { id, object: "response", created_at: createdAt, model, status: "in_progress", output: [] },
    }),
    sse("response.output_item.added", {
      type: "response.output_item.added",
      output_index: 0,
      item: { ...item, arguments: "", status: "in_progress" },
    }),
    ...halves.map((delta) =>
      sse("response.function_call_arguments.delta", {
        type: "response.function_call_arguments.delta",
        item_id: item.id,
        output_index: 0,
        delta,
      }),
    ),
    sse("response.output_item.done", { type: "response.output_item.done", output_index: 0, item }),
    sse("response.completed", {
      type: "response.completed",
      response: {
        id,
        object: "response",
        created_at: createdAt,
        model,
        status: "completed",
        usage: { ...usage, total_tokens: 15 },
      },
    }),
  ];
}

function responsesItem(call: FakeToolCall, args: string) {
  return {
    type: "function_call",
    id: nextId("fc"),
    call_id: nextId("call"),
    name: call.name,
    arguments: args,
    status: "completed",
  };
}

/** The tools a request offered the model, by name, whatever its API. */
export function offeredTools(request: RecordedRequest): string[] {
  const tools: { name?: string; function?: { name?: string } }[] = request.body.tools ?? [];
  return tools.map((tool) => tool.name ?? tool.function?.name ?? "").filter(Boolean);
}

/** The tool results a request carries back to the model, whatever its API. */
export function carriedToolResults(request: RecordedRequest): CarriedToolResult[] {
  const body = request.body;
  const results: CarriedToolResult[] = [];
  if (request.api === "openai-responses") {
    for (const item of body.input ?? []) {
      if (item.type === "function_call_output")
        results.push({ callId: item.call_id, output: text(item.output) });
    }
    return results;
  }
  for (const message of body.messages ?? []) {
    if (request.api === "openai-completions" && message.role === "tool")
      results.push({ callId: message.tool_call_id, output: text(message.content) });
    if (request.api === "anthropic-messages" && Array.isArray(message.content)) {
      for (const part of message.content)
        if (part.type === "tool_result")
          results.push({ callId: part.tool_use_id, output: text(part.content) });
    }
  }
  return results;
}

/**
 * A model's second step after a tool: it passes on the tool's `confirmation` (or `error`) word for
 * word, as the tools ask; with no tool result, the last user text echoed like the default answer.
 */
export function relayToolResult(request: RecordedRequest): { kind: "reply"; text: string } {
  const output = carriedToolResults(request).at(-1)?.output;
  if (output === undefined)
    return { kind: "reply", text: `reply: ${lastUserText(request).split("\n").at(-1)}` };
  const field = (name: string) => new RegExp(`"${name}":"((?:[^"\\\\]|\\\\.)*)"`).exec(output)?.[1];
  const said = field("confirmation") ?? field("error");
  return { kind: "reply", text: said === undefined ? output : JSON.parse(`"${said}"`) };
}

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part) => (typeof part?.text === "string" ? part.text : JSON.stringify(part)))
      .join("");
  return JSON.stringify(content);
}
