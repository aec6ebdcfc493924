import { type ConfigError, describeConfigError } from "../config/config-errors.ts";
import {
  type ConfigLoadResult,
  type EditCheck,
  type EditPlan,
  editConfigFile,
  loadConfigFile,
} from "../config/config-file.ts";
import type { ConfigEdit } from "../config/edit-config-tree.ts";
import { type ResolvedAccount, type ResolveOptions, resolveAccounts } from "../config/resolve-accounts.ts";
import { validateConfig } from "../config/validate-config.ts";
import { ServiceFailure } from "../ipc/service-failure.ts";
import type { CoreHost } from "./core-host.ts";
import { findEditProblem } from "./window-edit-rules.ts";

/**
 * The config as the window's handlers read and change it: read fresh from the file (a person may
 * have just saved it by hand), refused with the core's words when it has errors, and changed only
 * through the core's one transaction with the window's own rules on top.
 */
export class WindowConfig {
  private readonly core: CoreHost;

  constructor(core: CoreHost) {
    this.core = core;
  }

  /** How the core fills unset keys: the Mac's region for phone numbers. */
  get resolving(): ResolveOptions {
    return { defaultRegion: this.core.context.defaultRegion };
  }

  get path(): string {
    return this.core.context.configPath;
  }

  load(): Promise<ConfigLoadResult> {
    return loadConfigFile(this.path);
  }

  async loadValid(): Promise<Extract<ConfigLoadResult, { ok: true }>> {
    const loaded = await this.load();
    if (!loaded.ok)
      throw new ServiceFailure("invalid-config", fixFirst(loaded.errors), loaded.errors[0]?.path);
    return loaded;
  }

  /** The accounts of the file; none while it has errors or no `channels.imessage`. */
  async accounts(): Promise<ResolvedAccount[]> {
    const loaded = await this.load();
    return loaded.ok && loaded.config.channels?.imessage
      ? resolveAccounts(loaded.config, this.resolving)
      : [];
  }

  async account(id: string): Promise<ResolvedAccount> {
    const loaded = await this.loadValid();
    const account = resolveAccounts(loaded.config, this.resolving).find((candidate) => candidate.id === id);
    if (!account) throw new ServiceFailure("not-found", `There is no account "${id}".`, "id");
    return account;
  }

  /**
   * Every window edit, as one transaction of the core: the window's own rules and the core's
   * validation see the file as it is read for this edit, so a concurrent change is never lost.
   * `field` names the field an error without a key path belongs to.
   */
  async edit(plan: EditPlan, field?: string): Promise<{ changed: boolean }> {
    const result = await editConfigFile(this.path, plan, { check: windowCheck });
    if (!result.ok) {
      const first = result.errors[0];
      throw new ServiceFailure(
        "invalid-config",
        first?.message ?? "the change was refused",
        first?.path || field,
      );
    }
    await this.core.configWritten(result);
    return { changed: result.changed };
  }

  editOne(edit: ConfigEdit): Promise<{ changed: boolean }> {
    return this.edit([edit], edit.keyPath);
  }
}

/** The window's rules on the file as the edit reads it; a file with errors is fixed first, by hand. */
const windowCheck: EditCheck = (raw, edits) => {
  const current = validateConfig(raw);
  if (!current.ok) return { path: current.errors[0]?.path ?? "", message: fixFirst(current.errors) };
  return findEditProblem(raw, edits);
};

function fixFirst(errors: readonly ConfigError[]): string {
  return `The config file has errors; fix them first: ${errors.map(describeConfigError).join("; ")}`;
}
