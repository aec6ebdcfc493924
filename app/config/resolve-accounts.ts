/**
 * From `channels.imessage` to the accounts the gateway runs, every key filled.
 *
 * Flat keys configure one account, `"default"`, when `accounts` is absent or
 * empty. With `accounts`, each account inherits every key it does not set
 * from the channel root and its own value wins; maps (`groups`, `dms`) and
 * lists replace the root's, they never merge, so an account can narrow what
 * the root allows.
 */

import os from "node:os";
import { type BlockStreaming, resolveBlockStreaming } from "./block-streaming.ts";
import { expandHome } from "./expand-home.ts";
import { formatKeyPath } from "./key-path.ts";
import type {
  ChunkMode,
  DmConfig,
  DmPolicy,
  GroupConfig,
  GroupPolicy,
  ImessageAccountConfig,
  ImessageChannelConfig,
  PinchConfig,
  ReactionNotifications,
  Service,
  UnpairedResponse,
} from "./schema.ts";

export const DEFAULT_ACCOUNT_ID = "default";

/** Where Messages keeps attachments for every user; configured roots are added to it. */
export const DEFAULT_ATTACHMENT_ROOT = "/Users/*/Library/Messages/Attachments";

export const IMESSAGE_DEFAULTS = {
  enabled: true,
  cliPath: "imsg",
  service: "auto",
  region: "US",
  dmPolicy: "pairing",
  allowFrom: [],
  groupPolicy: "allowlist",
  groups: {},
  historyLimit: 50,
  dms: {},
  includeAttachments: false,
  mediaMaxMb: 16,
  mediaFetchPrivateHosts: false,
  textChunkLimit: 4000,
  chunkMode: "length",
  configWrites: true,
  unpairedResponse: "code",
  // Off: on the owner's own Apple ID a read receipt would also hide the message from their unread count.
  sendReadReceipts: false,
  reactionNotifications: "own",
} as const;

/** What an entry of `groups` means for a key it leaves unset (after the chat's own entry and `"*"`). */
export const GROUP_DEFAULTS = {
  requireMention: true,
} as const;

export type ResolvedAccount = {
  id: string;
  /** The account's own keys live here: `channels.imessage` or `channels.imessage.accounts.<id>`. */
  configPath: string;
  isDefault: boolean;
  name: string | undefined;
  /** False when the account or the whole channel (`channels.imessage.enabled`) is off. */
  enabled: boolean;
  /** `~` expanded. */
  cliPath: string;
  /** `~` expanded; undefined lets `imsg` use its own default database. */
  dbPath: string | undefined;
  remoteHost: string | undefined;
  service: Service;
  region: string;
  dmPolicy: DmPolicy;
  allowFrom: string[];
  groupPolicy: GroupPolicy;
  /** Undefined falls back to `allowFrom`; `[]` admits no group sender. */
  groupAllowFrom: string[] | undefined;
  groups: Record<string, GroupConfig>;
  historyLimit: number;
  /** Undefined: no limit was configured for DM history. */
  dmHistoryLimit: number | undefined;
  dms: Record<string, DmConfig>;
  includeAttachments: boolean;
  /** The default root first, then configured roots, `~` expanded. */
  attachmentRoots: string[];
  remoteAttachmentRoots: string[];
  mediaMaxMb: number;
  mediaFetchPrivateHosts: boolean;
  textChunkLimit: number;
  chunkMode: ChunkMode;
  blockStreaming: BlockStreaming;
  configWrites: boolean;
  unpairedResponse: UnpairedResponse;
  sendReadReceipts: boolean;
  reactionNotifications: ReactionNotifications;
  /** The account's, else the channel's, as written (`"auto"` unexpanded); undefined falls back to `messages.responsePrefix`. */
  responsePrefix: string | undefined;
  /** Undefined: imsg's first answer is awaited as long as a large chat.db may need (IMSG_TIMEOUTS). */
  probeTimeoutMs: number | undefined;
};

export type ResolveOptions = {
  homedir?: string;
  /** The Mac's region (the app's locale), for an account whose config sets no `region`. */
  defaultRegion?: string | undefined;
};

/** Every configured account in file order; `[]` when the config has no `channels.imessage` block. */
export function resolveAccounts(config: PinchConfig, options: ResolveOptions = {}): ResolvedAccount[] {
  const channel = config.channels?.imessage;
  if (channel === undefined) return [];
  const homedir = options.homedir ?? os.homedir();
  const defaultId = resolveDefaultAccountId(config);
  // The reference's precedence for group history: the account, the channel, then `messages.groupChat`.
  const historyLimit = config.messages?.groupChat?.historyLimit ?? IMESSAGE_DEFAULTS.historyLimit;
  return listAccountEntries(channel).map(({ id, own, configPath }) =>
    resolveAccount({
      id,
      configPath,
      isDefault: id === defaultId,
      channel,
      own,
      homedir,
      historyLimit,
      region: options.defaultRegion ?? IMESSAGE_DEFAULTS.region,
    }),
  );
}

/**
 * `defaultAccount` when it names an account, else `"default"` when present,
 * else the first account; undefined without a `channels.imessage` block.
 */
export function resolveDefaultAccountId(config: PinchConfig): string | undefined {
  const channel = config.channels?.imessage;
  if (channel === undefined) return undefined;
  const ids = listAccountEntries(channel).map((entry) => entry.id);
  if (channel.defaultAccount !== undefined && ids.includes(channel.defaultAccount))
    return channel.defaultAccount;
  if (ids.includes(DEFAULT_ACCOUNT_ID)) return DEFAULT_ACCOUNT_ID;
  return ids[0];
}

type AccountEntry = { id: string; own: ImessageAccountConfig; configPath: string };

function listAccountEntries(channel: ImessageChannelConfig): AccountEntry[] {
  const accounts = Object.entries(channel.accounts ?? {});
  if (accounts.length === 0) {
    return [{ id: DEFAULT_ACCOUNT_ID, own: {}, configPath: formatKeyPath(["channels", "imessage"]) }];
  }
  return accounts.map(([id, own]) => ({
    id,
    own,
    configPath: formatKeyPath(["channels", "imessage", "accounts", id]),
  }));
}

function resolveAccount(input: {
  id: string;
  configPath: string;
  isDefault: boolean;
  channel: ImessageChannelConfig;
  own: ImessageAccountConfig;
  homedir: string;
  /** The group history when neither the account nor the channel sets `historyLimit`. */
  historyLimit: number;
  /** The region when neither the account nor the channel sets `region`. */
  region: string;
}): ResolvedAccount {
  const { channel, own, homedir } = input;
  // The account's own value wins whole; `??` never merges maps or lists.
  const pick = <K extends keyof ImessageAccountConfig>(key: K): ImessageAccountConfig[K] =>
    own[key] ?? channel[key];
  const dbPath = pick("dbPath");
  return {
    id: input.id,
    configPath: input.configPath,
    isDefault: input.isDefault,
    name: pick("name"),
    // A channel switched off keeps every account off, whatever the account says.
    enabled: channel.enabled !== false && (own.enabled ?? IMESSAGE_DEFAULTS.enabled),
    cliPath: expandHome(pick("cliPath") ?? IMESSAGE_DEFAULTS.cliPath, homedir),
    dbPath: dbPath === undefined ? undefined : expandHome(dbPath, homedir),
    remoteHost: pick("remoteHost"),
    service: pick("service") ?? IMESSAGE_DEFAULTS.service,
    region: pick("region") ?? input.region,
    dmPolicy: pick("dmPolicy") ?? IMESSAGE_DEFAULTS.dmPolicy,
    allowFrom: [...(pick("allowFrom") ?? IMESSAGE_DEFAULTS.allowFrom)],
    groupPolicy: pick("groupPolicy") ?? IMESSAGE_DEFAULTS.groupPolicy,
    groupAllowFrom: copyList(pick("groupAllowFrom")),
    groups: { ...(pick("groups") ?? IMESSAGE_DEFAULTS.groups) },
    historyLimit: pick("historyLimit") ?? input.historyLimit,
    dmHistoryLimit: pick("dmHistoryLimit"),
    dms: { ...(pick("dms") ?? IMESSAGE_DEFAULTS.dms) },
    includeAttachments: pick("includeAttachments") ?? IMESSAGE_DEFAULTS.includeAttachments,
    attachmentRoots: withDefaultRoot(
      (pick("attachmentRoots") ?? []).map((root) => expandHome(root, homedir)),
    ),
    remoteAttachmentRoots: withDefaultRoot(pick("remoteAttachmentRoots") ?? []),
    mediaMaxMb: pick("mediaMaxMb") ?? IMESSAGE_DEFAULTS.mediaMaxMb,
    mediaFetchPrivateHosts: pick("mediaFetchPrivateHosts") ?? IMESSAGE_DEFAULTS.mediaFetchPrivateHosts,
    textChunkLimit: pick("textChunkLimit") ?? IMESSAGE_DEFAULTS.textChunkLimit,
    chunkMode: pick("chunkMode") ?? IMESSAGE_DEFAULTS.chunkMode,
    blockStreaming: resolveBlockStreaming(
      own,
      channel,
      pick("textChunkLimit") ?? IMESSAGE_DEFAULTS.textChunkLimit,
    ),
    configWrites: pick("configWrites") ?? IMESSAGE_DEFAULTS.configWrites,
    unpairedResponse: pick("unpairedResponse") ?? IMESSAGE_DEFAULTS.unpairedResponse,
    sendReadReceipts: pick("sendReadReceipts") ?? IMESSAGE_DEFAULTS.sendReadReceipts,
    reactionNotifications: pick("reactionNotifications") ?? IMESSAGE_DEFAULTS.reactionNotifications,
    responsePrefix: pick("responsePrefix"),
    probeTimeoutMs: pick("probeTimeoutMs"),
  };
}

function copyList(list: readonly string[] | undefined): string[] | undefined {
  return list === undefined ? undefined : [...list];
}

function withDefaultRoot(configured: readonly string[]): string[] {
  return [...new Set([DEFAULT_ATTACHMENT_ROOT, ...configured])];
}
