/**
 * What the window shows, as the core sends it: account statuses, account and config views, chats,
 * pairing requests and log lines. Part of the contract (contract.ts), validated on both sides.
 */
import { z } from "zod";
import { AgentStatusSchema } from "../agent/agent-status.ts";
import {
  ChunkModeSchema,
  DmPolicySchema,
  GroupPolicySchema,
  ReactionNotificationsSchema,
  ServiceSchema,
  UnpairedResponseSchema,
} from "../config/schema.ts";
import {
  AccountStateSchema,
  CountSinceStartSchema,
  DeliveryProblemSchema,
  StderrLineSchema,
} from "../imsg/account-status.ts";
import { ImsgCapabilitiesSchema } from "../imsg/imsg-capabilities.ts";
import { OverallStatusSchema } from "../services/overall-status.ts";
import { UsageSummarySchema } from "../usage/usage-summary.ts";

/** An imsg older than Pinch is written for: why it matters, and the commands that update it. */
export const ImsgUpdateViewSchema = z.object({ why: z.string(), upgrade: z.string(), install: z.string() });

/** The imsg an account runs, as facts: its build, protocol (0: before protocol 1), database, bridge and features. */
export const ImsgViewSchema = ImsgCapabilitiesSchema.omit({ methods: true }).extend({
  update: ImsgUpdateViewSchema.optional(),
});
export type ImsgView = z.infer<typeof ImsgViewSchema>;

/** One account as the Status view and the tray show it: its state, a sentence, and what to do. */
export const AccountStatusViewSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  state: AccountStateSchema,
  detail: z.string().optional(),
  fix: z.string().optional(),
  /** While the account runs: what its imsg said it is and can do. */
  imsg: ImsgViewSchema.optional(),
  /** Replies that did not, or may not, have reached their chat, newest last. */
  deliveryProblems: z.array(DeliveryProblemSchema).optional(),
  /** The last line its imsg (or ssh, through a wrapper) wrote on stderr, people left out. */
  stderr: StderrLineSchema.optional(),
  /** Messages left unanswered as too old when they arrived, since the gateway started. */
  staleSkipped: CountSinceStartSchema.optional(),
  /** Unknown senders who got no pairing code: the hour's new requests were used up. */
  pairingTurnedAway: CountSinceStartSchema.optional(),
  /** When it started watching (ready) or tries imsg again (backoff); the window says it in local words. */
  since: z.string().optional(),
  retryAt: z.string().optional(),
  /** The machine text behind `detail` when Pinch reworded it (an errno, an osascript number). */
  raw: z.string().optional(),
});
export type AccountStatusView = z.infer<typeof AccountStatusViewSchema>;

export const GatewayStatusSchema = z.object({
  /** False when the core could not start (for example an invalid config); `problem` says why. */
  running: z.boolean(),
  problem: z.string().optional(),
  /** The model side: the owner sees a failing provider's real error here. */
  agent: AgentStatusSchema.optional(),
  /** The default agent's model (`provider/model`) and its fallbacks; absent while none is set up. */
  model: z.object({ ref: z.string(), fallbacks: z.array(z.string()) }).optional(),
  configPath: z.string(),
  accounts: z.array(AccountStatusViewSchema),
  /** Everything above (with pause and pairing) in one line, worst first: the pill, sidebar and tray read it. */
  overall: OverallStatusSchema,
  /** Today's and this month's tokens and estimated cost; absent until a model answered once. */
  usage: UsageSummarySchema.optional(),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;

/** Where an account's value of a key comes from: its own entry, the channel root, or the built-in default. */
export const SettingSourceSchema = z.enum(["overridden", "inherited", "default"]);

export const AccountSettingSchema = z.object({
  key: z.string(),
  value: z.unknown(),
  source: SettingSourceSchema,
});

export const GroupEntrySchema = z.object({
  requireMention: z.boolean().optional(),
  systemPrompt: z.string().optional(),
  enabled: z.boolean().optional(),
  allow: z.boolean().optional(),
});

export const AccountViewSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  /** Key path of the account's own keys (`channels.imessage` or `channels.imessage.accounts.<id>`). */
  configPath: z.string(),
  region: z.string(),
  dmPolicy: DmPolicySchema,
  allowFrom: z.array(z.string()),
  groupPolicy: GroupPolicySchema,
  /** Null: not set, group senders fall back to `allowFrom`. */
  groupAllowFrom: z.array(z.string()).nullable(),
  groups: z.record(z.string(), GroupEntrySchema),
  settings: z.array(AccountSettingSchema),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/**
 * What applies while a key is unset: the core's own defaults (every key of `IMESSAGE_DEFAULTS`, and
 * a group entry's), so the window shows them without repeating them.
 */
export const ConfigDefaultsSchema = z.object({
  enabled: z.boolean(),
  cliPath: z.string(),
  service: ServiceSchema,
  region: z.string(),
  dmPolicy: DmPolicySchema,
  allowFrom: z.array(z.string()),
  groupPolicy: GroupPolicySchema,
  groups: z.record(z.string(), GroupEntrySchema),
  historyLimit: z.number(),
  dms: z.record(z.string(), z.object({ historyLimit: z.number().optional() })),
  includeAttachments: z.boolean(),
  mediaMaxMb: z.number(),
  mediaFetchPrivateHosts: z.boolean(),
  textChunkLimit: z.number(),
  chunkMode: ChunkModeSchema,
  configWrites: z.boolean(),
  unpairedResponse: UnpairedResponseSchema,
  sendReadReceipts: z.boolean(),
  reactionNotifications: ReactionNotificationsSchema,
  /** For a group chat whose own entry and `"*"` leave it unset. */
  requireMention: z.boolean(),
});
export type ConfigDefaults = z.infer<typeof ConfigDefaultsSchema>;

export const AccountsSchema = z.object({
  /** True once `channels.imessage.accounts` lists accounts; false for the single flat account. */
  multi: z.boolean(),
  accounts: z.array(AccountViewSchema),
  defaults: ConfigDefaultsSchema,
});
export type Accounts = z.infer<typeof AccountsSchema>;

export const ConfigIssueSchema = z.object({ path: z.string(), message: z.string() });

export const ConfigViewSchema = z.object({
  path: z.string(),
  /** The file as written (unknown keys kept); `{}` when it does not exist yet. */
  raw: z.record(z.string(), z.unknown()),
  errors: z.array(ConfigIssueSchema),
  /** Things Pinch runs without but skips, such as a key it does not know. */
  warnings: z.array(ConfigIssueSchema),
  defaults: ConfigDefaultsSchema,
});
export type ConfigView = z.infer<typeof ConfigViewSchema>;

export const HandleKindSchema = z.enum([
  "phone",
  "email",
  "chat_id",
  "chat_guid",
  "chat_identifier",
  "wildcard",
  "invalid",
]);

export const NormalizedEntrySchema = z.object({
  input: z.string(),
  kind: HandleKindSchema,
  /** The canonical text (E.164 for a phone number); absent for an invalid entry. */
  normalized: z.string().optional(),
  reason: z.string().optional(),
});
export type NormalizedEntry = z.infer<typeof NormalizedEntrySchema>;

export const ChatViewSchema = z.object({
  id: z.number().int(),
  name: z.string().optional(),
  identifier: z.string().optional(),
  isGroup: z.boolean(),
  participants: z.array(z.string()),
  lastMessageAt: z.string().optional(),
});
export type ChatView = z.infer<typeof ChatViewSchema>;

export const PendingRequestSchema = z.object({
  code: z.string(),
  sender: z.string(),
  /** From the Mac's Contacts, when imsg could read it. */
  name: z.string().optional(),
  /** What they wrote first (cut short); approving them answers it. */
  firstMessage: z.string().optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export const ApprovedSenderSchema = z.object({
  sender: z.string(),
  name: z.string().optional(),
  key: z.string(),
  approvedAt: z.number(),
});

export const PairingOverviewSchema = z.object({
  accounts: z.array(
    z.object({
      accountId: z.string(),
      pending: z.array(PendingRequestSchema),
      approved: z.array(ApprovedSenderSchema),
    }),
  ),
});
export type PairingOverview = z.infer<typeof PairingOverviewSchema>;

export const LogLevelSchema = z.enum(["debug", "info", "warn", "error"]);
export const LogLineSchema = z.object({
  seq: z.number().int(),
  time: z.string(),
  level: LogLevelSchema,
  message: z.string(),
  account: z.string().optional(),
  fields: z.record(z.string(), z.string()),
});
export type LogLine = z.infer<typeof LogLineSchema>;
