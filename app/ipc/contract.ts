/**
 * The one typed contract between the window and the gateway core: for every invoke channel the
 * schema of its arguments and of its `data`, for every event channel the schema of its payload.
 * The core validates arguments with it (pinch-service.ts); the window validates what it receives
 * with the same schemas (renderer/bridge), so neither side trusts the other's shapes.
 */
import { z } from "zod";
import { modelPresetIds } from "../agent/model-presets.ts";
import { AccountIdSchema } from "../config/account-id.ts";
import { ImportReportSchema } from "../import/import-report.ts";
import { AwayOverviewSchema } from "./away-schemas.ts";
import type { EventChannel, InvokeChannel } from "./channels.ts";
import { RemindersOverviewSchema } from "./reminder-schemas.ts";
import {
  PrefsSchema,
  SettingsPaneSchema,
  SetupCheckIdSchema,
  SetupCheckSchema,
  SshSetupRequestSchema,
  SshSetupResultSchema,
} from "./setup-schemas.ts";
import {
  AccountsSchema,
  ChatViewSchema,
  ConfigViewSchema,
  GatewayStatusSchema,
  LogLineSchema,
  NormalizedEntrySchema,
  PairingOverviewSchema,
} from "./view-schemas.ts";

const Empty = z.object({}).strict();
const KeyPath = z.string().min(1).max(500);

export const invokeContract = {
  "status.get": { args: Empty, result: GatewayStatusSchema },
  "accounts.list": { args: Empty, result: AccountsSchema },
  "accounts.add": {
    args: z.object({
      id: AccountIdSchema,
      name: z.string().max(80).optional(),
      cliPath: z.string().min(1).max(1000).optional(),
      dbPath: z.string().min(1).max(1000).optional(),
    }),
    result: AccountsSchema,
  },
  "accounts.update": {
    args: z.object({
      id: AccountIdSchema,
      name: z.string().max(80).optional(),
      enabled: z.boolean().optional(),
    }),
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
    args: z.object({
      entries: z.array(z.string().max(600)).max(1000),
      accountId: AccountIdSchema.optional(),
    }),
    result: z.object({ entries: z.array(NormalizedEntrySchema) }),
  },
  "chats.list": {
    args: z.object({ accountId: AccountIdSchema, limit: z.number().int().min(1).max(1000).optional() }),
    result: z.object({ chats: z.array(ChatViewSchema) }),
  },
  "pairing.list": { args: Empty, result: PairingOverviewSchema },
  "pairing.approve": {
    args: z.object({ accountId: AccountIdSchema, code: z.string().min(1).max(32), notify: z.boolean() }),
    result: z.object({ sender: z.string() }),
  },
  "pairing.dismiss": {
    args: z.object({ accountId: AccountIdSchema, code: z.string().min(1).max(32) }),
    result: z.object({ sender: z.string() }),
  },
  "pairing.remove": {
    args: z.object({ accountId: AccountIdSchema, key: z.string().min(1).max(600) }),
    result: z.object({ removed: z.boolean() }),
  },
  "away.list": { args: Empty, result: AwayOverviewSchema },
  /** Answers every kept message of the account, each once, in its chat's order; `answering` is how many. */
  "away.answer": {
    args: z.object({ accountId: AccountIdSchema }),
    result: z.object({ answering: z.number().int() }),
  },
  "away.dismiss": {
    args: z.object({ accountId: AccountIdSchema }),
    result: z.object({ dismissed: z.number().int() }),
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
    /** Opens Terminal running brew's install of imsg (`imsgInstallCommand`); the imsg check then passes by itself. */
    args: Empty,
    result: z.object({ command: z.string() }),
  },
  "setup.openSettings": {
    args: z.object({ pane: SettingsPaneSchema }),
    result: z.object({ url: z.string() }),
  },
  "setup.testMessage": {
    args: z.object({ since: z.number() }),
    result: z.object({
      answered: z.boolean(),
      sender: z.string().optional(),
      at: z.number().optional(),
      /** Not answered yet, and a direct message came from a sender not on the list: the newest one. */
      unlisted: z.object({ accountId: AccountIdSchema, sender: z.string(), at: z.number() }).optional(),
    }),
  },
  "setup.ownAddresses": {
    /** The addresses the account receives at, from its recent messages (empty on a Mac without any). */
    args: z.object({ accountId: AccountIdSchema }),
    result: z.object({ addresses: z.array(z.string()) }),
  },
  /** Opens Messages, where the user signs in to iMessage. */
  "setup.openMessages": { args: Empty, result: Empty },
  /** Opens imsg's releases page, for a Mac without Homebrew. */
  "setup.openImsgReleases": { args: Empty, result: z.object({ url: z.string() }) },
  /**
   * Asks the user for an imsg file; one that runs as imsg becomes `channels.imessage.cliPath`.
   * No `cliPath` in the answer: the user cancelled the file picker.
   */
  "setup.chooseImsg": { args: Empty, result: z.object({ cliPath: z.string().optional() }) },
  /** Quits and reopens Pinch: macOS applies a new Full Disk Access grant only to a new process. */
  "setup.relaunch": { args: Empty, result: Empty },
  "model.save": {
    args: z.object({
      preset: z.enum(modelPresetIds),
      modelId: z.string().trim().min(1, { error: "type the model's name" }).max(200),
      baseUrl: z.string().max(500).optional(),
      apiKey: z.string().max(1000).optional(),
    }),
    result: z.object({ ref: z.string() }),
  },
  "model.test": {
    /** How long to wait for the hello; the window shows it and offers Cancel (`model.cancelTest`). */
    args: z.object({ timeoutSeconds: z.number().int().min(1).max(300).optional() }),
    result: z.object({ ref: z.string(), reply: z.string() }),
  },
  /** Stops every model test still waiting; each answers `cancelled`. */
  "model.cancelTest": { args: Empty, result: z.object({ cancelled: z.number().int() }) },
  /** What an import from OpenClaw's default state directory would write; `found` false when there is none. */
  "import.openclawPreview": {
    args: Empty,
    result: z.discriminatedUnion("found", [
      z.object({ found: z.literal(false) }),
      z.object({ found: z.literal(true), report: ImportReportSchema }),
    ]),
  },
  "import.openclawApply": { args: Empty, result: ImportReportSchema },
  "prefs.get": { args: Empty, result: PrefsSchema },
  "prefs.set": { args: PrefsSchema.partial(), result: PrefsSchema },
  "reminders.list": { args: Empty, result: RemindersOverviewSchema },
  /** Cancels a reminder or scheduled message not yet sent; `cancelled` false when it was sent or gone. */
  "reminders.cancel": {
    args: z.object({ accountId: AccountIdSchema, id: z.string().min(1).max(100) }),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** The owner's answer to a message for another chat waiting for a yes; `settled` false when it no longer waits. */
  "reminders.confirm": {
    args: z.object({ accountId: AccountIdSchema, id: z.string().min(1).max(100), send: z.boolean() }),
    result: z.object({ settled: z.boolean() }),
  },
} satisfies Record<InvokeChannel, { args: z.ZodType; result: z.ZodType }>;

export const eventContract = {
  "status.changed": GatewayStatusSchema,
  "pairing.changed": PairingOverviewSchema,
  "config.changed": ConfigViewSchema,
  "log.line": LogLineSchema,
  "away.changed": AwayOverviewSchema,
} satisfies Record<EventChannel, z.ZodType>;

export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]["args"]>;
export type InvokeData<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]["result"]>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;
/** The arguments as a handler receives them, after the schema's parse. */
export type InvokeParsedArgs<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]["args"]>;
