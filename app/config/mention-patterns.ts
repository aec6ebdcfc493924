/**
 * Mention patterns decide whether a group message addresses the assistant:
 * iMessage carries no mention metadata, so the text is matched against
 * regexes. Patterns are strings in the config; this module owns where they
 * come from and how they are compiled (case-insensitively; an invalid one is
 * skipped with a warning rather than refusing the whole config).
 */
import { formatKeyPath } from "./key-path.ts";
import { escapeRegex, mentionPatternOfWord } from "./mention-words.ts";
import { findAgent, resolveDefaultAgentId } from "./resolve-agent.ts";
import type { PinchConfig } from "./schema.ts";

/**
 * The agent's `groupChat.mentionPatterns`, else `messages.groupChat.mentionPatterns`,
 * else patterns derived from the agent's identity name and emoji. A list that
 * is set wins even when empty: `[]` is a deliberate "nothing counts as a mention".
 */
export function resolveMentionPatterns(config: PinchConfig, agentId?: string): string[] {
  const agent = findAgent(config, agentId ?? resolveDefaultAgentId(config));
  const own = agent?.groupChat?.mentionPatterns ?? config.messages?.groupChat?.mentionPatterns;
  if (own !== undefined) return [...own];
  return mentionPatternsFromIdentity(agent?.identity ?? {});
}

/** The name as a mention word (`"Claw Bot"` → `\b@?Claw\s+Bot\b`); an emoji matches literally. */
export function mentionPatternsFromIdentity(identity: { name?: string; emoji?: string }): string[] {
  const patterns: string[] = [];
  const name = identity.name?.trim();
  if (name) patterns.push(mentionPatternOfWord(name));
  const emoji = identity.emoji?.trim();
  if (emoji) patterns.push(escapeRegex(emoji));
  return patterns;
}

export type InvalidMentionPattern = { path: string; pattern: string; reason: string };

/** Every configured pattern that does not compile, with its key path, for warnings and the UI. */
export function findInvalidMentionPatterns(config: PinchConfig): InvalidMentionPattern[] {
  const sources: Array<{ path: PropertyKey[]; patterns: readonly string[] | undefined }> = [
    {
      path: ["messages", "groupChat", "mentionPatterns"],
      patterns: config.messages?.groupChat?.mentionPatterns,
    },
    ...(config.agents?.list ?? []).map((agent, index) => ({
      path: ["agents", "list", index, "groupChat", "mentionPatterns"],
      patterns: agent.groupChat?.mentionPatterns,
    })),
  ];
  const invalid: InvalidMentionPattern[] = [];
  for (const source of sources) {
    (source.patterns ?? []).forEach((pattern, index) => {
      const reason = regexError(pattern);
      if (reason !== undefined)
        invalid.push({ path: formatKeyPath([...source.path, index]), pattern, reason });
    });
  }
  return invalid;
}

export type CompiledMentionPatterns = {
  regexes: RegExp[];
  invalid: Array<{ pattern: string; reason: string }>;
};

/** Compiles case-insensitively; invalid patterns are returned separately so the caller can warn once. */
export function compileMentionPatterns(patterns: readonly string[]): CompiledMentionPatterns {
  const compiled: CompiledMentionPatterns = { regexes: [], invalid: [] };
  for (const pattern of patterns) {
    try {
      compiled.regexes.push(new RegExp(pattern, "i"));
    } catch (error) {
      compiled.invalid.push({ pattern, reason: (error as Error).message });
    }
  }
  return compiled;
}

/**
 * How a channel tells whether a message mentions the assistant, from the
 * config of the moment; null when no usable pattern is left (the mention gate
 * then cannot be enforced). Each invalid pattern is passed to `onInvalid`.
 */
export function mentionMatcher(
  config: PinchConfig,
  onInvalid: (invalid: { pattern: string; reason: string }) => void,
): ((text: string) => boolean) | null {
  const compiled = compileMentionPatterns(resolveMentionPatterns(config, resolveDefaultAgentId(config)));
  for (const invalid of compiled.invalid) onInvalid(invalid);
  return compiled.regexes.length === 0 ? null : (text) => compiled.regexes.some((regex) => regex.test(text));
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "i");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
