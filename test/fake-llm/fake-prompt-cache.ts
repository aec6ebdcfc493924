/**
 * The fake provider's prompt cache, deciding hits the way the real services
 * do, so usage reports (and the benchmark's cache share) mean something:
 *
 * - Anthropic caches only at `cache_control` breakpoints. A request reads the
 *   longest earlier-written prefix that ends on a block boundary at most 20
 *   blocks before one of its breakpoints, and writes every breakpoint's prefix
 *   of at least 1,024 tokens; `input_tokens` is what was neither read nor written.
 * - OpenAI caches by itself: the longest prefix shared with an earlier
 *   request, once the prompt has 1,024 tokens, counted in 128-token steps.
 *
 * Tokens are four characters of the request's canonical JSON, blocks in order.
 */
import { createHash } from "node:crypto";
import type { FakeApi } from "./fake-llm-server.ts";

export interface PromptUsage {
  /** Every prompt token, cached or not. */
  total: number;
  cacheRead: number;
  cacheWrite: number;
}

const MIN_CACHEABLE_TOKENS = 1_024;
const OPENAI_STEP = 128;
const ANTHROPIC_LOOKBACK_BLOCKS = 20;
const REMEMBERED_OPENAI_PROMPTS = 64;

interface Block {
  text: string;
  breakpoint: boolean;
}

export class FakePromptCache {
  private readonly anthropicPrefixes = new Set<string>();
  private readonly openaiPrompts: string[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: a wire body, read field by field
  usage(api: FakeApi, body: any): PromptUsage {
    const blocks = blocksOf(api, body);
    return api === "anthropic-messages" ? this.anthropic(blocks) : this.openai(blocks);
  }

  private anthropic(blocks: Block[]): PromptUsage {
    let text = "";
    const ends = blocks.map((block) => {
      text += block.text;
      return { tokens: tokens(text.length), hash: hash(text) };
    });
    const total = tokens(text.length);
    const breakpoints = blocks.flatMap((block, index) => (block.breakpoint ? [index] : []));
    let cacheRead = 0;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= 0 && index > breakpoint - ANTHROPIC_LOOKBACK_BLOCKS; index--) {
        const end = ends[index];
        if (end && this.anthropicPrefixes.has(end.hash)) {
          cacheRead = Math.max(cacheRead, end.tokens);
          break;
        }
      }
    }
    let written = cacheRead;
    for (const breakpoint of breakpoints) {
      const end = ends[breakpoint];
      if (!end || end.tokens < MIN_CACHEABLE_TOKENS) continue;
      this.anthropicPrefixes.add(end.hash);
      written = Math.max(written, end.tokens);
    }
    return { total, cacheRead, cacheWrite: written - cacheRead };
  }

  private openai(blocks: Block[]): PromptUsage {
    const prompt = blocks.map((block) => block.text).join("");
    const total = tokens(prompt.length);
    let shared = 0;
    for (const earlier of this.openaiPrompts) shared = Math.max(shared, commonPrefix(prompt, earlier));
    this.openaiPrompts.push(prompt);
    if (this.openaiPrompts.length > REMEMBERED_OPENAI_PROMPTS) this.openaiPrompts.shift();
    // A prefix the length of the whole prompt still leaves the last tokens to compute.
    const sharedTokens = Math.min(Math.floor(shared / 4), total - 1);
    const cacheRead =
      total >= MIN_CACHEABLE_TOKENS && sharedTokens >= MIN_CACHEABLE_TOKENS
        ? Math.floor(sharedTokens / OPENAI_STEP) * OPENAI_STEP
        : 0;
    return { total, cacheRead, cacheWrite: 0 };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a wire body, read field by field
function blocksOf(api: FakeApi, body: any): Block[] {
  const blocks: Block[] = [];
  const push = (role: string, content: unknown) => {
    const parts = Array.isArray(content) ? content : [{ type: "text", text: content }];
    for (const part of parts) {
      const { cache_control, ...rest } = (part ?? {}) as { cache_control?: unknown };
      blocks.push({ text: JSON.stringify([role, rest]), breakpoint: cache_control !== undefined });
    }
  };
  if (api === "anthropic-messages") {
    for (const tool of body.tools ?? []) push("tool", [tool]);
    if (body.system !== undefined) push("system", body.system);
    for (const message of body.messages ?? []) push(message.role, message.content);
  } else if (api === "openai-completions") {
    for (const tool of body.tools ?? []) push("tool", [tool]);
    for (const message of body.messages ?? []) push(message.role, message.content);
  } else {
    for (const tool of body.tools ?? []) push("tool", [tool]);
    if (body.instructions !== undefined) push("instructions", body.instructions);
    for (const item of body.input ?? []) push(item.role ?? item.type, item.content ?? item);
  }
  return blocks;
}

function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function commonPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let index = 0;
  while (index < length && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/** The usage fields of each wire format's answer, as the real services name them. */
export function wireUsage(api: FakeApi, prompt: PromptUsage, outputTokens: number): Record<string, unknown> {
  if (api === "anthropic-messages") {
    return {
      input_tokens: prompt.total - prompt.cacheRead - prompt.cacheWrite,
      cache_creation_input_tokens: prompt.cacheWrite,
      cache_read_input_tokens: prompt.cacheRead,
      output_tokens: outputTokens,
    };
  }
  if (api === "openai-completions") {
    return {
      prompt_tokens: prompt.total,
      completion_tokens: outputTokens,
      total_tokens: prompt.total + outputTokens,
      prompt_tokens_details: { cached_tokens: prompt.cacheRead },
    };
  }
  return {
    input_tokens: prompt.total,
    input_tokens_details: { cached_tokens: prompt.cacheRead },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: prompt.total + outputTokens,
  };
}
