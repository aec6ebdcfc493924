/**
 * Keys the reference implementation (OpenClaw) documents that Pinch reads
 * past: a file copied from the reference validates, and each of these is
 * named at start, in `pinch doctor` and in the window instead of being
 * dropped without a word. A key is in exactly one place: the schema
 * (supported), this list (ignored, with a note), or neither (unknown: most
 * likely a typo).
 *
 * `*` stands for one segment the user names: an account id, a group's
 * chat_id, an agent's index or id.
 */
import type { KeyPathSegment } from "./key-path.ts";

/** Keys an iMessage account (and the channel root, their fallback) may carry in the reference. */
const ACCOUNT_KEYS = [
  "capabilities",
  "markdown",
  "defaultTo",
  "contextVisibility",
  "streaming.mode",
  "streaming.chunkMode",
  "streaming.preview",
  "streaming.progress",
  "streaming.nativeTransport",
  "heartbeatVisibility",
  "healthMonitor",
  "actions",
  "sendTransport",
  "catchup",
  "coalesceSameSenderDms",
];

/** Per-group keys of the reference's `groups` entries. */
const GROUP_KEYS = ["tools", "toolsBySender"];

/** The reference's other channels: Pinch answers iMessage only. */
const OTHER_CHANNELS = [
  "a2a",
  "bluebubbles",
  "buzz",
  "clickclack",
  "discord",
  "feishu",
  "googlechat",
  "irc",
  "line",
  "matrix",
  "mattermost",
  "msteams",
  "nextcloud-talk",
  "nostr",
  "raft",
  "reef",
  "signal",
  "slack",
  "sms",
  "synology-chat",
  "telegram",
  "tlon",
  "twitch",
  "whatsapp",
  "zalo",
  "zalouser",
];

/** Top-level sections of the reference that a menu-bar iMessage assistant has no use for. */
const TOP_LEVEL = [
  "acp",
  "audit",
  "auth",
  "bindings",
  "broadcast",
  "browser",
  "cloudWorkers",
  "cron",
  "desktop",
  "diagnostics",
  "discovery",
  "env",
  "gateway",
  "hooks",
  "logging",
  "mcp",
  "memory",
  "multiAgent",
  "plugins",
  "secrets",
  "skills",
  "talk",
  "telemetry",
  "tools",
  "tts",
  "ui",
  "update",
  "wizard",
  "worktreeRoot",
];

const MESSAGES_KEYS = [
  "ackReaction",
  "ackReactionScope",
  "queue",
  "statusReactions",
  "visibleReplies",
  "usageTemplate",
  "responseUsage",
  "tts",
  "messagePrefix",
  "groupChat.visibleReplies",
  "groupChat.unmentionedInbound",
];

const SESSION_KEYS = [
  "scope",
  "mainKey",
  "identityLinks",
  "groupScope",
  "notifyOnCreate",
  "idleMinutes",
  "reset",
  "resetByType",
  "resetByChannel",
  "resetTriggers",
  "store",
  "maintenance",
  "threadBindings",
  "sharing",
  "sendPolicy",
];

const COMMANDS_KEYS = [
  "native",
  "nativeSkills",
  "text",
  "bash",
  "bashForegroundMs",
  "mcp",
  "plugins",
  "debug",
  "restart",
  "allowFrom",
  "useAccessGroups",
  "allow",
  "deny",
  "modelsWrite",
];

const CHANNEL_DEFAULTS_KEYS = [
  // The reference's iMessage root always has its own groupPolicy ("allowlist" by default), so this never reaches it.
  "groupPolicy",
  "contextVisibility",
  "implicitMentions",
  "heartbeat",
  "heartbeatVisibility",
  "botLoopProtection",
];

const AGENT_DEFAULTS_KEYS = [
  "agentRuntime",
  "authInheritance",
  "blockStreamingBreak",
  "blockStreamingChunk",
  "blockStreamingCoalesce",
  "blockStreamingDefault",
  "bootstrapMaxChars",
  "bootstrapTotalMaxChars",
  "compaction",
  "contextInjection",
  "contextLimits",
  "contextPruning",
  "cwd",
  "decisionModel",
  "elevatedDefault",
  "experimental",
  "fastModeDefault",
  "heartbeat",
  "humanDelay",
  "imageMaxDimensionPx",
  "imageModel",
  "imageQuality",
  "llm",
  "maxConcurrent",
  "mediaMaxMb",
  "mediaModels",
  "memorySearch",
  "modelPolicy",
  "modelSelectionScope",
  "models",
  "params",
  "pdfMaxBytesMb",
  "pdfMaxMb",
  "pdfMaxPages",
  "pdfModel",
  "promptOverlays",
  "reasoningDefault",
  "repoRoot",
  "sandbox",
  "sessionStore",
  "silentReply",
  "skills",
  "skipBootstrap",
  "skipOptionalBootstrapFiles",
  "startupContext",
  "subagents",
  "systemAgent",
  "thinkingDefault",
  "toolProgressDetail",
  "typingIntervalSeconds",
  "typingMode",
  "userTimezone",
  "utilityModel",
  "voiceModel",
  "workspace",
];

/** Keys of one agent entry, beyond those Pinch reads (id, name, identity name and emoji, groupChat, systemPrompt, model). */
const AGENT_KEYS = [
  "workspace",
  "agentDir",
  "cwd",
  "utilityModel",
  "thinkingDefault",
  "reasoningDefault",
  "fastModeDefault",
  "params",
  "tts",
  "skills",
  "sandbox",
  "runtime",
  "subagents",
  "tools",
  "heartbeat",
  "identity.theme",
  "identity.avatar",
];

const under = (prefix: string, keys: readonly string[]): string[] => keys.map((key) => `${prefix}.${key}`);

const IMESSAGE_ROOTS = ["channels.imessage", "channels.imessage.accounts.*"];

export const IGNORED_REFERENCE_KEYS: readonly string[] = [
  ...TOP_LEVEL,
  ...under("channels", OTHER_CHANNELS),
  ...under("channels.defaults", CHANNEL_DEFAULTS_KEYS),
  ...IMESSAGE_ROOTS.flatMap((root) => [
    ...under(root, ACCOUNT_KEYS),
    ...under(`${root}.groups.*`, GROUP_KEYS),
  ]),
  ...under("messages", MESSAGES_KEYS),
  ...under("session", SESSION_KEYS),
  ...under("commands", COMMANDS_KEYS),
  ...under("agents.defaults", AGENT_DEFAULTS_KEYS),
  // The reference's newer map of agents by id; Pinch reads `agents.list`.
  "agents.entries",
  ...under("agents.list.*", AGENT_KEYS),
];

const PATTERNS = IGNORED_REFERENCE_KEYS.map((key) => key.split("."));

/** True when `segments` names one of the reference keys Pinch ignores. */
export function isIgnoredReferenceKey(segments: readonly KeyPathSegment[]): boolean {
  return PATTERNS.some((pattern) => pattern.length === segments.length && startsWith(pattern, segments));
}

/** True when `segments` is a section above some ignored reference key (`channels.defaults`). */
export function leadsToIgnoredReferenceKey(segments: readonly KeyPathSegment[]): boolean {
  return PATTERNS.some((pattern) => pattern.length > segments.length && startsWith(pattern, segments));
}

function startsWith(pattern: readonly string[], segments: readonly KeyPathSegment[]): boolean {
  return segments.every((segment, index) => pattern[index] === "*" || pattern[index] === String(segment));
}
