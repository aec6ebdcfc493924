/**
 * The one typed contract between the window and the gateway core: for every invoke channel the
 * schema of its arguments and of its `data`, for every event channel the schema of its payload.
 * The core validates arguments with it (pinch-service.ts); the window validates what it receives
 * with the same schemas (renderer/bridge), so neither side trusts the other's shapes.
 */
import { z } from "zod";
import { AgentStatusSchema } from "../agent/agent-status.ts";
import {
  ChunkModeSchema,
  DmPolicySchema,
  GroupPolicySchema,
  ServiceSchema,
  UnpairedResponseSchema,
} from "../config/schema.ts";
import { AccountStateSchema } from "../imsg/account-status.ts";
import type { EventChannel, InvokeChannel } from "./channels.ts";
import { modelPresetIds } from "./model-presets.ts";

const Empty = z.object({}).strict();
const AccountId = z.string().min(1).max(64);
const KeyPath = z.string().min(1).max(500);

/** One account as the Status view and the tray show it: its state, a sentence, and what to do. */
export const AccountStatusViewSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  state: AccountStateSchema,
  detail: z.string().optional(),
  fix: z.string().optional(),
});
export type AccountStatusView = z.infer<typeof AccountStatusViewSchema>;

export const GatewayStatusSchema = z.object({
  /** False when the core could not start (for example an invalid config); `problem` says why. */
  running: z.boolean(),
  problem: z.string().optional(),
  /** The model side: the owner sees a failing provider's real error here. */
  agent: AgentStatusSchema.optional(),
  configPath: z.string(),
  accounts: z.array(AccountStatusViewSchema),
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
  textChunkLimit: z.number(),
  chunkMode: ChunkModeSchema,
  configWrites: z.boolean(),
  unpairedResponse: UnpairedResponseSchema,
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
  createdAt: z.number(),
  expiresAt: z.number(),
});
export const ApprovedSenderSchema = z.object({ sender: z.string(), key: z.string(), approvedAt: z.number() });

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

export const SetupCheckIdSchema = z.enum([
  "messages-signed-in",
  "imsg-installed",
  "full-disk-access",
  "automation",
]);
export type SetupCheckId = z.infer<typeof SetupCheckIdSchema>;
export const CheckStateSchema = z.enum(["granted", "denied", "not-determined", "not-applicable"]);
export const SetupCheckSchema = z.object({
  id: SetupCheckIdSchema,
  state: CheckStateSchema,
  /** What was found, in a sentence (the reason for `not-applicable`, the error for `denied`). */
  detail: z.string().optional(),
  fix: z.string().optional(),
});
export type SetupCheck = z.infer<typeof SetupCheckSchema>;

export const SettingsPaneSchema = z.enum(["full-disk-access", "automation", "login-items"]);

export const PrefsSchema = z.object({
  startAtLogin: z.boolean(),
  firstRunDone: z.boolean(),
  /** Messages are read and settled, but nobody is answered (also in the menu bar). */
  pauseReplies: z.boolean(),
  /** A notification with Approve and Dismiss for each new pairing request. */
  pairingNotifications: z.boolean(),
  /** Message text kept in the log file for a bug report; secrets stay masked. */
  verboseLogging: z.boolean(),
});
export type Prefs = z.infer<typeof PrefsSchema>;

export const SshSetupRequestSchema = z.object({
  /** `user@host` of the bot user (this Mac) or the remote Mac. */
  destination: z.string().trim().min(3).max(300),
  port: z.number().int().min(1).max(65535),
  accountId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: "use 1 to 40 letters, digits, - or _ (no spaces)" }),
  name: z.string().max(80).optional(),
  /** The Messages database as that user sees it. */
  dbPath: z.string().trim().min(1, { error: "give the path of that user's chat.db" }).max(1000),
  /** imsg's full path there (SSH commands do not get the login shell's PATH). */
  remoteImsg: z.string().max(1000).optional(),
  /** A second user on this Mac rather than another Mac. */
  localBot: z.boolean(),
  botHome: z.string().max(500).optional(),
  sendTo: z.string().max(300).optional(),
  /** The fingerprint the user confirmed; without it an unknown host key stops the setup. */
  fingerprint: z.string().max(200).optional(),
  /** Install Pinch's key for the local bot user (behind the administrator prompt on a Mac). */
  installKey: z.boolean().optional(),
});
export type SshSetupRequest = z.infer<typeof SshSetupRequestSchema>;

export const SshStepSchema = z.object({
  step: z.string(),
  status: z.enum(["passed", "failed", "skipped", "confirm"]),
  message: z.string(),
  fix: z.string().optional(),
  /** A command the user (or Pinch, for a local bot) must run, e.g. to authorise Pinch's key. */
  command: z.string().optional(),
});
export type SshStep = z.infer<typeof SshStepSchema>;

export const SshSetupResultSchema = z.object({
  steps: z.array(SshStepSchema),
  /** Set when the host key waits for the user's confirmation. */
  fingerprint: z.string().optional(),
  keyRefused: z.boolean().optional(),
  saved: z.boolean(),
});
export type SshSetupResult = z.infer<typeof SshSetupResultSchema>;

export const invokeContract = {
  "status.get": { args: Empty, result: GatewayStatusSchema },
  "accounts.list": { args: Empty, result: AccountsSchema },
  "accounts.add": {
    args: z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, {
        error: "use 1 to 40 letters, digits, - or _ (no spaces)",
      }),
      name: z.string().max(80).optional(),
      cliPath: z.string().min(1).max(1000).optional(),
      dbPath: z.string().min(1).max(1000).optional(),
    }),
    result: AccountsSchema,
  },
  "accounts.update": {
    args: z.object({ id: AccountId, name: z.string().max(80).optional(), enabled: z.boolean().optional() }),
    result: AccountsSchema,
  },
  "accounts.sshSetup": { args: SshSetupRequestSchema, result: SshSetupResultSchema },
  "config.get": { args: Empty, result: ConfigViewSchema },
  "config.set": {
    /**
     * `value` is stored as given (a string stays a string). With `asText`, a string is what the user
     * typed and is read the way `/config set` reads it (JSON5, else plain text).
     */
    args: z.object({ keyPath: KeyPath, value: z.unknown(), asText: z.boolean().optional() }),
    result: z.object({ changed: z.boolean() }),
  },
  "config.unset": { args: z.object({ keyPath: KeyPath }), result: z.object({ changed: z.boolean() }) },
  "config.patch": {
    /** Applied together or not at all; an edit without `value` removes its key. */
    args: z.object({
      edits: z
        .array(z.object({ keyPath: KeyPath, value: z.unknown().optional() }))
        .min(1)
        .max(50),
    }),
    result: z.object({ changed: z.boolean() }),
  },
  "config.openFile": { args: Empty, result: z.object({ path: z.string() }) },
  "handles.normalize": {
    args: z.object({ entries: z.array(z.string().max(600)).max(1000), accountId: AccountId.optional() }),
    result: z.object({ entries: z.array(NormalizedEntrySchema) }),
  },
  "chats.list": {
    args: z.object({ accountId: AccountId, limit: z.number().int().min(1).max(1000).optional() }),
    result: z.object({ chats: z.array(ChatViewSchema) }),
  },
  "pairing.list": { args: Empty, result: PairingOverviewSchema },
  "pairing.approve": {
    args: z.object({ accountId: AccountId, code: z.string().min(1).max(32), notify: z.boolean() }),
    result: z.object({ sender: z.string() }),
  },
  "pairing.dismiss": {
    args: z.object({ accountId: AccountId, code: z.string().min(1).max(32) }),
    result: z.object({ sender: z.string() }),
  },
  "pairing.remove": {
    args: z.object({ accountId: AccountId, key: z.string().min(1).max(600) }),
    result: z.object({ removed: z.boolean() }),
  },
  "logs.recent": {
    args: z.object({ limit: z.number().int().min(1).max(2000).optional() }),
    result: z.object({ lines: z.array(LogLineSchema) }),
  },
  "diagnostics.get": { args: Empty, result: z.object({ text: z.string() }) },
  "setup.checks": {
    /** Only these checks: the Automation check may raise the macOS prompt, so it runs only on its own step. */
    args: z.object({ only: z.array(SetupCheckIdSchema).min(1).max(4) }),
    result: z.object({ checks: z.array(SetupCheckSchema) }),
  },
  "setup.installImsg": {
    /** Opens Terminal running `brew install steipete/tap/imsg`; the imsg check then passes by itself. */
    args: Empty,
    result: z.object({ command: z.string() }),
  },
  "setup.openSettings": {
    args: z.object({ pane: SettingsPaneSchema }),
    result: z.object({ url: z.string() }),
  },
  "setup.testMessage": {
    args: z.object({ since: z.number() }),
    result: z.object({ answered: z.boolean(), sender: z.string().optional(), at: z.number().optional() }),
  },
  "model.save": {
    args: z.object({
      preset: z.enum(modelPresetIds),
      modelId: z.string().trim().min(1, { error: "type the model's name" }).max(200),
      baseUrl: z.string().max(500).optional(),
      apiKey: z.string().max(1000).optional(),
    }),
    result: z.object({ ref: z.string() }),
  },
  "model.test": { args: Empty, result: z.object({ ref: z.string(), reply: z.string() }) },
  "prefs.get": { args: Empty, result: PrefsSchema },
  "prefs.set": { args: PrefsSchema.partial(), result: PrefsSchema },
} satisfies Record<InvokeChannel, { args: z.ZodType; result: z.ZodType }>;

export const eventContract = {
  "status.changed": GatewayStatusSchema,
  "pairing.changed": PairingOverviewSchema,
  "config.changed": ConfigViewSchema,
  "log.line": LogLineSchema,
} satisfies Record<EventChannel, z.ZodType>;

export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]["args"]>;
export type InvokeData<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]["result"]>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;
/** The arguments as a handler receives them, after the schema's parse. */
export type InvokeParsedArgs<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]["args"]>;
