/**
 * The config file's shape: the single source of the config types.
 *
 * Keys keep the reference implementation's (OpenClaw's) names so an existing
 * `channels.imessage` block works unchanged. Every object is loose: keys we do
 * not know (other channels, `models`, newer reference keys) are kept, so a
 * user's file round-trips through `/config set`.
 *
 * The schema carries no defaults. Accounts inherit unset keys from the channel
 * root, so "unset" must stay visible until `resolveAccounts` fills defaults.
 */

import { z } from "zod";
import { ModelPricesSchema } from "../usage/model-prices.ts";
import { AccountIdSchema } from "./account-id.ts";
import { BlockStreamingCoalesceSchema, StreamingSchema } from "./block-streaming.ts";

/**
 * Sender and owner lists hold handles as strings. The reference also accepts
 * numbers (JSON5 reads `+15551234567` as one, and other channels use numeric
 * ids in `commands.ownerAllowFrom`); they are read as their decimal text.
 */
const AllowEntrySchema = z.union([z.string(), z.number()]).transform((entry) => String(entry));
const AllowListSchema = z.array(AllowEntrySchema);

/** A count of things (messages, turns): 0 is meaningful and disables. */
const CountSchema = z.number().int().nonnegative();

/**
 * `remoteHost` ends up as an argument of `scp`. Only `host` or `user@host`
 * made of `[A-Za-z0-9._-]` is accepted; a part may not start with `-`, or
 * `scp` would read it as an option (`-oProxyCommand=…` runs a command).
 */
const REMOTE_HOST_PATTERN = /^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?[A-Za-z0-9._][A-Za-z0-9._-]*$/;
const RemoteHostSchema = z.string().regex(REMOTE_HOST_PATTERN, {
  error: 'expected "host" or "user@host" using only letters, digits, ".", "_" and "-", not starting with "-"',
});

/** Local roots may start with `~` (expanded at resolution); `*` matches one path segment. */
const LocalRootSchema = z.string().regex(/^(?:\/|~\/|~$)/, {
  error: 'expected an absolute path (or one starting with "~/")',
});
/** Remote roots are paths on the Messages Mac: `~` would mean a different home there, so absolute only. */
const RemoteRootSchema = z.string().regex(/^\//, { error: "expected an absolute path on the remote Mac" });

/**
 * imsg's database, handed to imsg as an argument (through the remote shell
 * for an account on another Mac): one line of printable characters. Whether
 * it must be absolute depends on where imsg runs, which validation decides.
 */
const DbPathSchema = z
  .string()
  .min(1)
  .refine((value) => !/\p{Cc}/u.test(value), {
    error: "expected a path without control characters (a newline, tab or escape)",
  });

/**
 * The country phone numbers without a country code are read in: ISO 3166 alpha-2, any case. Whether
 * libphonenumber-js knows the country is checked in validate-config.ts, which keeps its metadata
 * out of the window's bundle.
 */
const RegionSchema = z.string().regex(/^[A-Za-z]{2}$/, {
  error: "expected a two-letter country code, like US, GB or DE",
});

export const DmPolicySchema = z.enum(["pairing", "allowlist", "open", "disabled"]);
export type DmPolicy = z.infer<typeof DmPolicySchema>;

export const GroupPolicySchema = z.enum(["open", "allowlist", "disabled"]);
export type GroupPolicy = z.infer<typeof GroupPolicySchema>;

export const ServiceSchema = z.enum(["imessage", "sms", "auto"]);
export type Service = z.infer<typeof ServiceSchema>;

export const ChunkModeSchema = z.enum(["length", "newline"]);
export type ChunkMode = z.infer<typeof ChunkModeSchema>;

export const UnpairedResponseSchema = z.enum(["code", "silent", "branded"]);
export type UnpairedResponse = z.infer<typeof UnpairedResponseSchema>;

/** Which tapbacks become a note in the conversation: none, those on the assistant's own messages, or all. */
export const ReactionNotificationsSchema = z.enum(["off", "own", "all"]);
export type ReactionNotifications = z.infer<typeof ReactionNotificationsSchema>;

export const DmScopeSchema = z.enum(["main", "per-peer", "per-channel-peer", "per-account-channel-peer"]);
export type DmScope = z.infer<typeof DmScopeSchema>;

/** One entry of `groups`: keyed by a chat_id, or `"*"` for every group. */
export const GroupConfigSchema = z.looseObject({
  requireMention: z.boolean().optional(),
  /** Added to the agent's system prompt in this group; `""` suppresses the `"*"` prompt. */
  systemPrompt: z.string().optional(),
  /** `false` turns this group off as if it were not listed (reference key). */
  enabled: z.boolean().optional(),
  /** `false` blocks this group explicitly (reference key, used by other channels). */
  allow: z.boolean().optional(),
});
export type GroupConfig = z.infer<typeof GroupConfigSchema>;

/** One entry of `dms`, keyed by a sender handle. */
export const DmConfigSchema = z.looseObject({
  historyLimit: CountSchema.optional(),
});
export type DmConfig = z.infer<typeof DmConfigSchema>;

/** The keys an account may set; the channel root sets the same ones as the accounts' fallback. */
const ClockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a 24-hour time like "22:00"' });

const QuietHoursSchema = z.looseObject({ start: ClockSchema, end: ClockSchema });

const CatchUpSchema = z.looseObject({ excludeChats: z.array(AllowEntrySchema).optional() });

const accountShape = {
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  cliPath: z.string().min(1).optional(),
  dbPath: DbPathSchema.optional(),
  remoteHost: RemoteHostSchema.optional(),
  service: ServiceSchema.optional(),
  region: RegionSchema.optional(),
  dmPolicy: DmPolicySchema.optional(),
  allowFrom: AllowListSchema.optional(),
  groupPolicy: GroupPolicySchema.optional(),
  /** Absent falls back to `allowFrom`; an explicit `[]` admits no group sender. */
  groupAllowFrom: AllowListSchema.optional(),
  groups: z.record(z.string(), GroupConfigSchema).optional(),
  historyLimit: CountSchema.optional(),
  dmHistoryLimit: CountSchema.optional(),
  dms: z.record(z.string(), DmConfigSchema).optional(),
  includeAttachments: z.boolean().optional(),
  attachmentRoots: z.array(LocalRootSchema).optional(),
  remoteAttachmentRoots: z.array(RemoteRootSchema).optional(),
  mediaMaxMb: z.number().positive().optional(),
  /** Let a reply's links be fetched from the local network too (a NAS, a home server); off by default. */
  mediaFetchPrivateHosts: z.boolean().optional(),
  textChunkLimit: z.number().int().min(1).optional(),
  chunkMode: ChunkModeSchema.optional(),
  /**
   * Send a streamed answer in parts as it is written (on unless `false`; needs a model that streams,
   * see `models.providers.*.stream`). `blockStreamingCoalesce` sets how parts are cut; the reference's
   * `streaming.block.enabled` / `streaming.block.coalesce` mean the same (block-streaming.ts).
   */
  blockStreaming: z.boolean().optional(),
  blockStreamingCoalesce: BlockStreamingCoalesceSchema.optional(),
  streaming: StreamingSchema.optional(),
  configWrites: z.boolean().optional(),
  unpairedResponse: UnpairedResponseSchema.optional(),
  /** Mark a chat read once it is answered (needs an imsg that lists `read`). */
  sendReadReceipts: z.boolean().optional(),
  reactionNotifications: ReactionNotificationsSchema.optional(),
  /** Opens every reply; wins over `messages.responsePrefix`. `""` turns an inherited one off, `"auto"` is `[<identity name>]`. */
  responsePrefix: z.string().optional(),
  /** How long imsg may take to answer its first requests at start (the handshake), in ms. */
  probeTimeoutMs: z.number().int().positive().optional(),
  /** Pinch's own: no reminders or scheduled messages between `start` and `end` ("22:00"–"08:00", the Mac's time); they wait for the end. */
  quietHours: QuietHoursSchema.optional(),
  /** Pinch's own: `excludeChats` (names, numbers, emails or chat ids) are never read by the owner's catch-up. */
  catchUp: CatchUpSchema.optional(),
  /** Tokens this account's turns may use in a day; wins over `agents.defaults.dailyTokenBudget`. */
  dailyTokenBudget: CountSchema.optional(),
};

export const ImessageAccountConfigSchema = z.looseObject(accountShape);
export type ImessageAccountConfig = z.infer<typeof ImessageAccountConfigSchema>;

export const ImessageChannelConfigSchema = z.looseObject({
  ...accountShape,
  accounts: z.record(AccountIdSchema, ImessageAccountConfigSchema).optional(),
  defaultAccount: z.string().min(1).optional(),
});
export type ImessageChannelConfig = z.infer<typeof ImessageChannelConfigSchema>;

const GroupChatSchema = z.looseObject({
  mentionPatterns: z.array(z.string()).optional(),
});

/** `messages.groupChat`: the agent-level keys, plus the group history default for every channel. */
const MessagesGroupChatSchema = GroupChatSchema.extend({
  historyLimit: CountSchema.optional(),
});

/** Quick bursts from one sender become one turn when they arrive within `debounceMs` of each other. */
const InboundDebounceSchema = z.looseObject({
  debounceMs: CountSchema.optional(),
  /** Per channel id (`imessage`), over `debounceMs`. */
  byChannel: z.record(z.string(), CountSchema).optional(),
});

export const AgentIdentitySchema = z.looseObject({
  name: z.string().optional(),
  emoji: z.string().optional(),
});

/** `"<provider>/<model>"`, the reference's way of naming a model. */
const ModelRefSchema = z.string().regex(/^[^/\s]+\/\S+$/, {
  error: 'expected "<provider>/<model>", for example "anthropic/claude-sonnet-4-5"',
});

/** A model ref, or `{ primary, fallbacks }` tried in order when the primary keeps failing. */
export const ModelChoiceSchema = z.union([
  ModelRefSchema,
  z.looseObject({
    primary: ModelRefSchema.optional(),
    fallbacks: z.array(ModelRefSchema).optional(),
  }),
]);
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

export const ModelApiSchema = z.enum(["anthropic-messages", "openai-completions", "openai-responses"]);
export type ModelApi = z.infer<typeof ModelApiSchema>;

export const ProviderModelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  /** Tokens the model reads at most; history is trimmed to fit. */
  contextWindow: z.number().int().positive().optional(),
  /** Tokens the model may write in one reply. */
  maxTokens: z.number().int().positive().optional(),
  /** The reference's list of input kinds; `"image"` means images are sent as image parts. */
  input: z.array(z.string()).optional(),
});
export type ProviderModel = z.infer<typeof ProviderModelSchema>;

/**
 * One model provider. `anthropic` and `openai` are built in and need no
 * `baseUrl`; any other id (Ollama, LM Studio, a proxy) names its own.
 * `apiKey` is a literal, `env:NAME` or `keychain:NAME`.
 */
export const ProviderConfigSchema = z.looseObject({
  // A password in the URL would be shown wherever the address is (log, status, window,
  // diagnostics); the key belongs in `apiKey`, which is kept out of all of them.
  baseUrl: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
    .refine((url) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url), {
      error: "must not hold a user name or password (user:pass@); put the key in apiKey instead",
    })
    .optional(),
  apiKey: z.string().optional(),
  api: ModelApiSchema.optional(),
  models: z.array(ProviderModelSchema).optional(),
  /**
   * Pinch's own: ask for a streamed answer, which block streaming needs to send a reply as it is
   * written. On by default for the built-in `anthropic` and `openai`; off for other servers unless set.
   */
  stream: z.boolean().optional(),
});
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;

export const AgentConfigSchema = z.looseObject({
  id: z.string().min(1),
  default: z.boolean().optional(),
  name: z.string().optional(),
  identity: AgentIdentitySchema.optional(),
  groupChat: GroupChatSchema.optional(),
  systemPrompt: z.string().optional(),
  model: ModelChoiceSchema.optional(),
});
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

const ToolAccessSchema = z.looseObject({ allowFrom: AllowListSchema.optional() });

export const AgentDefaultsSchema = z.looseObject({
  model: ModelChoiceSchema.optional(),
  systemPrompt: z.string().optional(),
  /** How long one model request may take before it counts as failed (and is retried). */
  timeoutSeconds: z.number().positive().optional(),
  /** What a sender is told when every model failed; the real error goes to the log. */
  failureReply: z.string().min(1).optional(),
  /**
   * Pinch's own: the assistant's tools are the owner's; `allowFrom` opens `remind` or
   * `schedule_message` to other senders (handles, as in `allowFrom`). `catch_up` stays the owner's.
   */
  tools: z
    .looseObject({
      remind: ToolAccessSchema.optional(),
      schedule_message: ToolAccessSchema.optional(),
    })
    .optional(),
  /** Tokens (read and written) each account's turns may use in a local day; then senders get the failure reply. */
  dailyTokenBudget: CountSchema.optional(),
});

export const PinchConfigSchema = z.looseObject({
  channels: z
    .looseObject({
      imessage: ImessageChannelConfigSchema.optional(),
    })
    .optional(),
  messages: z
    .looseObject({
      responsePrefix: z.string().optional(),
      groupChat: MessagesGroupChatSchema.optional(),
      inbound: InboundDebounceSchema.optional(),
    })
    .optional(),
  models: z
    .looseObject({
      providers: z.record(z.string().min(1), ProviderConfigSchema).optional(),
      /** Dollars per million tokens by model ref, for the cost estimate; over the built-in list prices. */
      prices: ModelPricesSchema.optional(),
    })
    .optional(),
  agents: z
    .looseObject({
      defaults: AgentDefaultsSchema.optional(),
      list: z.array(AgentConfigSchema).optional(),
    })
    .optional(),
  commands: z
    .looseObject({
      config: z.boolean().optional(),
      ownerAllowFrom: AllowListSchema.optional(),
    })
    .optional(),
  session: z
    .looseObject({
      dmScope: DmScopeSchema.optional(),
    })
    .optional(),
});
/** A validated config: what the rest of the gateway reads. */
export type PinchConfig = z.infer<typeof PinchConfigSchema>;
