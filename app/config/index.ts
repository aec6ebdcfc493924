/** The config module's public surface: everything else in this folder is internal. */

export { type ConfigError, describeConfigError } from "./config-errors.ts";
export {
  type ConfigLoadResult,
  type ConfigWriteResult,
  loadConfigFile,
  parseConfigText,
  parseConfigValueText,
  saveConfig,
  setConfigValue,
  unsetConfigValue,
} from "./config-file.ts";
export {
  CONFIG_FILE_NAME,
  defaultConfigPath,
  defaultStateDir,
  type PathEnvironment,
} from "./default-paths.ts";
export { expandHome } from "./expand-home.ts";
export { formatKeyPath, parseKeyPath } from "./key-path.ts";
export {
  type CompiledMentionPatterns,
  compileMentionPatterns,
  findInvalidMentionPatterns,
  type InvalidMentionPattern,
  mentionPatternsFromIdentity,
  resolveMentionPatterns,
} from "./mention-patterns.ts";
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_ATTACHMENT_ROOT,
  IMESSAGE_DEFAULTS,
  type ResolvedAccount,
  resolveAccounts,
  resolveDefaultAccountId,
} from "./resolve-accounts.ts";
export { FALLBACK_AGENT_ID, findAgent, resolveDefaultAgentId } from "./resolve-agent.ts";
export * from "./schema.ts";
export { type ConfigValidation, validateConfig } from "./validate-config.ts";
export { type ConfigWatcher, type WatchConfigOptions, watchConfigFile } from "./watch-config.ts";
