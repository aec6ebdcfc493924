/**
 * Whole-config validation: the schema, then the rules that span keys or
 * accounts. A config with errors is refused as a whole (the last valid one
 * keeps running); warnings describe things the gateway skips but runs without.
 */
import os from "node:os";
import { isKnownRegion } from "../access/phone-region.ts";
import { dmPolicyRules } from "../access/policy-rules.ts";
import { modelRefProblem } from "../agent/model-config.ts";
import { unreadableAllowListWarnings } from "./allowlist-warnings.ts";
import { chatScopedInheritanceErrors } from "./chat-scoped-keys.ts";
import { type ConfigError, configErrorsFromIssues } from "./config-errors.ts";
import { databaseIdentity, imsgArgumentsQuoted, imsgHost } from "./database-identity.ts";
import { formatKeyPath } from "./key-path.ts";
import { unenforceableMentionWarnings } from "./mention-gate-warnings.ts";
import { findInvalidMentionPatterns } from "./mention-patterns.ts";
import { providerKeyRefErrors } from "./provider-key-refs.ts";
import { type ResolvedAccount, resolveAccounts } from "./resolve-accounts.ts";
import { type ModelChoice, type PinchConfig, PinchConfigSchema } from "./schema.ts";
import { sharedSessionWarnings } from "./session-scope.ts";
import { classifyUnreadConfigKeys } from "./unknown-keys.ts";

export type ConfigValidation =
  | { ok: true; config: PinchConfig; warnings: ConfigError[] }
  | { ok: false; errors: ConfigError[] };

/** `env` finds a bare `cliPath` as the gateway would (Homebrew, then PATH). */
export type ValidateOptions = { homedir?: string; env?: NodeJS.ProcessEnv };

export function validateConfig(raw: unknown, options: ValidateOptions = {}): ConfigValidation {
  const parsed = PinchConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: configErrorsFromIssues(parsed.error.issues) };
  const config = parsed.data;
  const accounts = resolveAccounts(config, options);
  const env = options.env ?? process.env;
  const errors = [
    ...accounts.flatMap(dmPolicyErrors),
    ...accounts.flatMap((account) => remoteDbPathErrors(account, env)),
    ...sharedDatabaseErrors(accounts, {
      homedir: options.homedir ?? os.homedir(),
      env,
    }),
    ...modelRefErrors(config),
    ...chatScopedInheritanceErrors(config),
    ...providerKeyRefErrors(config),
    ...unknownRegionErrors(config),
  ];
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config,
    warnings: [
      ...unknownKeyWarnings(raw),
      ...collectWarnings(config),
      ...unreadableAllowListWarnings(config),
      ...unenforceableMentionWarnings(config, accounts),
      ...sharedSessionWarnings(config, accounts),
    ],
  };
}

/** A `region` set to two letters that name no country phone numbers can be read in. */
function unknownRegionErrors(config: PinchConfig): ConfigError[] {
  const channel = config.channels?.imessage;
  const places = [
    { path: "channels.imessage.region", region: channel?.region },
    ...Object.entries(channel?.accounts ?? {}).map(([id, account]) => ({
      path: formatKeyPath(["channels", "imessage", "accounts", id, "region"]),
      region: account.region,
    })),
  ];
  return places
    .filter((place) => place.region !== undefined && !isKnownRegion(place.region))
    .map((place) => ({
      path: place.path,
      message: `"${place.region}" is not a country code phone numbers can be read in; use a two-letter code like US, GB or DE`,
    }));
}

/** `allowlist` with nobody listed admits no one; `open` without `"*"` would silently act as an allowlist. */
function dmPolicyErrors(account: ResolvedAccount): ConfigError[] {
  const where = { path: `${account.configPath}.allowFrom`, accountId: account.id };
  const policy = account.dmPolicy;
  const rule = dmPolicyRules[policy].allowFrom;
  if (rule.needsEntry && account.allowFrom.length === 0) {
    return [
      {
        ...where,
        message: `account "${account.id}": dmPolicy "${policy}" needs at least one allowFrom entry (a phone number, email or chat_id:N); add one, or use dmPolicy "pairing"`,
      },
    ];
  }
  if (rule.wildcard === "required" && !account.allowFrom.includes("*")) {
    return [
      {
        ...where,
        message: `account "${account.id}": dmPolicy "${policy}" needs "*" in allowFrom to admit everyone; add "*", or use dmPolicy "allowlist" to admit only the listed senders`,
      },
    ];
  }
  return [];
}

/**
 * On another Mac (or user) imsg starts in that user's home, so a relative
 * `dbPath` would name a different file there than it seems to here.
 */
function remoteDbPathErrors(account: ResolvedAccount, env: NodeJS.ProcessEnv): ConfigError[] {
  if (account.dbPath === undefined) return [];
  const host = imsgHost(account, env);
  if (host === undefined) return [];
  const where = { path: `${account.configPath}.dbPath`, accountId: account.id };
  if (!account.dbPath.startsWith("/")) {
    const message = `account "${account.id}" runs imsg on ${host}, so dbPath must be an absolute path there, got ${JSON.stringify(account.dbPath)}`;
    return [{ ...where, message }];
  }
  // A hand-written wrapper in the reference's form hands its arguments to the remote shell
  // unquoted: these characters would run or redirect something there. No Messages path needs them.
  if (imsgArgumentsQuoted(account, env)) return [];
  const shellSyntax = /[$`;|&<>]/.exec(account.dbPath)?.[0];
  if (shellSyntax === undefined) return [];
  const message = `account "${account.id}" runs imsg on ${host} through a shell, so dbPath may not hold ${JSON.stringify(shellSyntax)} (it could run a command there)`;
  return [{ ...where, message }];
}

/**
 * Two running accounts on one Messages database would each answer every
 * message. What counts as one database (a default `dbPath` included) is
 * `databaseIdentity`'s to say.
 */
function sharedDatabaseErrors(
  accounts: readonly ResolvedAccount[],
  options: { homedir: string; env: NodeJS.ProcessEnv },
): ConfigError[] {
  const firstByDatabase = new Map<string, ResolvedAccount>();
  const errors: ConfigError[] = [];
  for (const account of accounts) {
    if (!account.enabled) continue;
    const database = databaseIdentity(account, options);
    const first = firstByDatabase.get(database.key);
    if (first === undefined) {
      firstByDatabase.set(database.key, account);
      continue;
    }
    const fix =
      account.dbPath === undefined
        ? "give each account its own Messages database with dbPath (or its own imsg user), or set enabled: false on one of them"
        : "give each account its own Messages database or set enabled: false on one of them";
    errors.push({
      path: `${account.configPath}.dbPath`,
      accountId: account.id,
      message: `accounts "${first.id}" and "${account.id}" both read ${database.description}, so every message would be answered twice; ${fix}`,
    });
  }
  return errors;
}

/**
 * A model named in `agents` must be askable: a provider Pinch knows, with a
 * `baseUrl` unless it is built in. Caught here, a typo is refused at load
 * with its key path instead of surfacing at the first message.
 */
function modelRefErrors(config: PinchConfig): ConfigError[] {
  const choices: [string, ModelChoice | undefined][] = [
    ["agents.defaults.model", config.agents?.defaults?.model],
    ...(config.agents?.list ?? []).map((agent, index): [string, ModelChoice | undefined] => [
      `agents.list[${index}].model`,
      agent.model,
    ]),
  ];
  const errors: ConfigError[] = [];
  for (const [where, choice] of choices) {
    if (choice === undefined) continue;
    const refs: [string, string | undefined][] =
      typeof choice === "string"
        ? [[where, choice]]
        : [
            [`${where}.primary`, choice.primary],
            ...(choice.fallbacks ?? []).map((ref, index): [string, string] => [
              `${where}.fallbacks[${index}]`,
              ref,
            ]),
          ];
    for (const [refPath, ref] of refs) {
      const problem = ref === undefined ? undefined : modelRefProblem(config, ref);
      if (problem) errors.push({ path: refPath, message: problem });
    }
  }
  return errors;
}

/**
 * The file keeps keys Pinch does not act on: the reference's that Pinch
 * leaves aside are named as such (the whole line is the message, so the log,
 * `pinch doctor` and the window all read "ignored: <key> …"); any other may be a typo.
 */
function unknownKeyWarnings(raw: unknown): ConfigError[] {
  const { ignored, unknown } = classifyUnreadConfigKeys(raw);
  return [
    ...ignored.map((keyPath) => ({ path: "", message: `ignored: ${keyPath} (not supported by Pinch)` })),
    ...unknown.map((keyPath) => ({
      path: keyPath,
      message: "unknown key; Pinch ignores it (check the spelling)",
    })),
  ];
}

function collectWarnings(config: PinchConfig): ConfigError[] {
  const warnings: ConfigError[] = findInvalidMentionPatterns(config).map((invalid) => ({
    path: invalid.path,
    message: `mention pattern ${JSON.stringify(invalid.pattern)} is not a valid regular expression (${invalid.reason}); it is ignored`,
  }));
  const channel = config.channels?.imessage;
  const accountIds = Object.keys(channel?.accounts ?? {});
  if (
    channel?.defaultAccount !== undefined &&
    accountIds.length > 0 &&
    !accountIds.includes(channel.defaultAccount)
  ) {
    warnings.push({
      path: "channels.imessage.defaultAccount",
      message: `names no account (known: ${accountIds.map((id) => `"${id}"`).join(", ")}); the default falls back to "default" or the first account`,
    });
  }
  return warnings;
}
