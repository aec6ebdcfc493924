/** The config module's public surface: everything else in this folder is internal. */

export { type ConfigError, describeConfigError } from "./config-errors.ts";
export {
  type ConfigLoadResult,
  type ConfigWriteResult,
  createConfigFile,
  type EditCheck,
  type EditOptions,
  type EditPlan,
  editConfigFile,
  loadConfigFile,
  parseConfigText,
  setConfigValue,
} from "./config-file.ts";
export { parseConfigValueText } from "./config-value-text.ts";
export {
  CONFIG_FILE_NAME,
  defaultConfigPath,
  defaultStateDir,
  type PathEnvironment,
} from "./default-paths.ts";
export { applyEdits, type ConfigEdit } from "./edit-config-tree.ts";
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
  GROUP_DEFAULTS,
  IMESSAGE_DEFAULTS,
  type ResolvedAccount,
  resolveAccounts,
  resolveDefaultAccountId,
} from "./resolve-accounts.ts";
export { FALLBACK_AGENT_ID, findAgent, resolveDefaultAgentId } from "./resolve-agent.ts";
export * from "./schema.ts";
export { findUnknownConfigKeys } from "./unknown-keys.ts";
export { type ConfigValidation, validateConfig } from "./validate-config.ts";
export { type ConfigWatcher, type WatchConfigOptions, watchConfigFile } from "./watch-config.ts";
