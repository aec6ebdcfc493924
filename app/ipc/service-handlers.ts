import { existsSync } from "node:fs";
import { formatHandle, normalizeHandle } from "../access/handles.ts";
import { type ConfigError, describeConfigError } from "../config/config-errors.ts";
import {
  createConfigFile,
  type EditCheck,
  type EditPlan,
  editConfigFile,
  loadConfigFile,
} from "../config/config-file.ts";
import { parseConfigValueText } from "../config/config-value-text.ts";
import type { ConfigEdit } from "../config/edit-config-tree.ts";
import { resolveAccounts } from "../config/resolve-accounts.ts";
import { validateConfig } from "../config/validate-config.ts";
import { imsgInstallCommand, openImsgInstallInTerminal } from "../setup/permissions/index.ts";
import { buildAccountViews } from "./account-views.ts";
import { listChats } from "./chats-query.ts";
import { configDefaults } from "./config-defaults.ts";
import type { ConfigView, PairingOverview } from "./contract.ts";
import type { CoreHost } from "./core-host.ts";
import { buildDiagnostics } from "./diagnostics.ts";
import type { LogBuffer } from "./log-buffer.ts";
import { planModelSave, sayHello } from "./model-setup.ts";
import type { Handlers, HostPorts } from "./pinch-service.ts";
import { ServiceFailure } from "./service-failure.ts";
import { settingsPaneUrls } from "./settings-links.ts";
import { runSetupChecks } from "./setup-checks.ts";
import { runSshSetup } from "./ssh-setup.ts";
import { findEditProblem } from "./window-edit-rules.ts";

interface HandlerDeps {
  core: CoreHost;
  logs: LogBuffer;
  host: HostPorts;
  afterPairingChange: () => Promise<void>;
}

export function createHandlers({ core, logs, host, afterPairingChange }: HandlerDeps): Handlers {
  const configPath = core.context.configPath;

  const loadValid = async () => {
    const loaded = await loadConfigFile(configPath);
    if (!loaded.ok)
      throw new ServiceFailure("invalid-config", fixFirst(loaded.errors), loaded.errors[0]?.path);
    return loaded;
  };

  /**
   * Every window edit, as one transaction of the core: the window's own rules and the core's
   * validation see the file as it is read for this edit, so a concurrent change is never lost.
   * `field` names the field an error without a key path belongs to.
   */
  const applyWindowEdits = async (plan: EditPlan, field?: string): Promise<{ changed: boolean }> => {
    const result = await editConfigFile(configPath, plan, { check: windowCheck });
    if (!result.ok) {
      const first = result.errors[0];
      throw new ServiceFailure(
        "invalid-config",
        first?.message ?? "the change was refused",
        first?.path || field,
      );
    }
    await core.configWritten(result);
    return { changed: result.changed };
  };

  const applyEdit = (edit: ConfigEdit) => applyWindowEdits([edit], edit.keyPath);

  const accountById = async (id: string) => {
    const loaded = await loadValid();
    const account = resolveAccounts(loaded.config).find((candidate) => candidate.id === id);
    if (!account) throw new ServiceFailure("not-found", `There is no account "${id}".`, "id");
    return account;
  };

  const pairingOverview = async (): Promise<PairingOverview> => {
    const loaded = await loadConfigFile(configPath);
    const ids =
      loaded.ok && loaded.config.channels?.imessage ? resolveAccounts(loaded.config).map((a) => a.id) : [];
    return {
      accounts: ids.map((accountId) => {
        const state = core.pairingStore(accountId).read();
        return {
          accountId,
          pending: state.requests.map(({ code, sender, createdAt, expiresAt }) => ({
            code,
            sender,
            createdAt,
            expiresAt,
          })),
          approved: state.approved.map(({ sender, key, approvedAt }) => ({ sender, key, approvedAt })),
        };
      }),
    };
  };

  const settle = async (
    outcome: Promise<{ ok: true; request: { sender: string } } | { ok: false; message: string }>,
  ) => {
    const result = await outcome;
    if (!result.ok) throw new ServiceFailure("not-found", result.message, "code");
    await afterPairingChange();
    return { sender: result.request.sender };
  };

  const configView = async (): Promise<ConfigView> => {
    const loaded = await loadConfigFile(configPath);
    const view = { path: configPath, defaults: configDefaults() };
    return loaded.ok
      ? { ...view, raw: loaded.raw, errors: [], warnings: loaded.warnings.map(issue) }
      : { ...view, raw: {}, errors: loaded.errors.map(issue), warnings: [] };
  };

  return {
    "status.get": async () => {
      await core.ensureStarted();
      return core.status();
    },
    "accounts.list": async () => buildAccountViews((await loadValid()).config),
    "accounts.add": async ({ id, name, cliPath, dbPath }) => {
      const keyPath = "channels.imessage.accounts";
      const entry = {
        ...(name ? { name } : {}),
        ...(cliPath ? { cliPath } : {}),
        ...(dbPath ? { dbPath } : {}),
      };
      await applyWindowEdits((raw) => {
        const channel = (raw.channels as { imessage?: { accounts?: Record<string, unknown> } } | undefined)
          ?.imessage;
        const existing = channel?.accounts ?? {};
        if (Object.hasOwn(existing, id))
          throw new ServiceFailure("invalid-args", `An account named "${id}" already exists.`, "id");
        // Going from one account to several keeps the first one as "default", inheriting the flat keys.
        const accounts = Object.keys(existing).length === 0 ? { default: {} } : existing;
        return [{ kind: "set", keyPath, value: { ...accounts, [id]: entry } }];
      }, keyPath);
      return buildAccountViews((await loadValid()).config);
    },
    "accounts.update": async ({ id, name, enabled }) => {
      const account = await accountById(id);
      if (name !== undefined) {
        const keyPath = `${account.configPath}.name`;
        await applyEdit(
          name.trim() === "" ? { kind: "unset", keyPath } : { kind: "set", keyPath, value: name.trim() },
        );
      }
      if (enabled !== undefined)
        await applyEdit({ kind: "set", keyPath: `${account.configPath}.enabled`, value: enabled });
      return buildAccountViews((await loadValid()).config);
    },
    "accounts.sshSetup": async (request) => {
      const result = await runSshSetup(request, configPath);
      if (result.saved) await core.ensureStarted();
      return result;
    },
    "config.get": configView,
    // Values are typed as sent; only a field that sends what the user typed (`asText`) is parsed.
    "config.set": ({ keyPath, value, asText }) =>
      applyEdit({
        kind: "set",
        keyPath,
        value: asText && typeof value === "string" ? parseConfigValueText(value) : value,
      }),
    "config.unset": ({ keyPath }) => applyEdit({ kind: "unset", keyPath }),
    "config.patch": ({ edits }) =>
      applyWindowEdits(
        edits.map(
          (edit): ConfigEdit =>
            edit.value === undefined
              ? { kind: "unset", keyPath: edit.keyPath }
              : { kind: "set", keyPath: edit.keyPath, value: edit.value },
        ),
        edits[0]?.keyPath,
      ),
    "config.openFile": async () => {
      if (!existsSync(configPath)) {
        const created = await createConfigFile(configPath);
        if (!created.ok)
          throw new ServiceFailure("internal", created.errors.map(describeConfigError).join("; "));
      }
      await host.openPath(configPath);
      return { path: configPath };
    },
    "handles.normalize": async ({ entries, accountId }) => {
      const loaded = await loadConfigFile(configPath);
      const accounts = loaded.ok && loaded.config.channels?.imessage ? resolveAccounts(loaded.config) : [];
      const region = accounts.find((account) => account.id === accountId)?.region ?? accounts[0]?.region;
      return {
        entries: entries.map((input) => {
          const handle = normalizeHandle(input, region);
          return handle.kind === "invalid"
            ? { input, kind: "invalid" as const, reason: handle.reason }
            : { input, kind: handle.kind, normalized: formatHandle(handle) };
        }),
      };
    },
    "chats.list": async ({ accountId, limit }) => {
      const account = await accountById(accountId);
      return {
        chats: await listChats(account, {
          limit: limit ?? 200,
          log: core.log,
          ...{ env: core.context.env },
        }),
      };
    },
    "pairing.list": pairingOverview,
    "pairing.approve": ({ accountId, code, notify }) =>
      settle(core.pairingStore(accountId).approve(code, { notifyViaGateway: notify })),
    "pairing.dismiss": ({ accountId, code }) => settle(core.pairingStore(accountId).dismiss(code)),
    "pairing.remove": async ({ accountId, key }) => {
      const removed = await core.pairingStore(accountId).removeApproved(key);
      await afterPairingChange();
      return { removed };
    },
    "logs.recent": async ({ limit }) => ({ lines: logs.recent(limit) }),
    "diagnostics.get": async () => ({
      text: buildDiagnostics({
        status: await core.status(),
        lines: logs.recent(200),
        versions: { node: process.versions.node, platform: process.platform, ...host.versions },
      }),
    }),
    "setup.checks": async ({ only }) => {
      const loaded = await loadConfigFile(configPath);
      return { checks: await runSetupChecks(loaded.ok ? loaded.config : undefined, only, core.context.env) };
    },
    "setup.installImsg": async () => {
      const opened = await openImsgInstallInTerminal({ env: core.context.env });
      if (!opened.ok) throw new ServiceFailure("unavailable", opened.message);
      return { command: imsgInstallCommand };
    },
    "setup.openSettings": async ({ pane }) => {
      for (const url of settingsPaneUrls[pane]) {
        if (await host.openExternal(url)) return { url };
      }
      throw new ServiceFailure(
        "unavailable",
        "System Settings could not be opened; open it from the Apple menu.",
      );
    },
    "setup.testMessage": async ({ since }) => {
      const turn = core.answeredSince(since).find((candidate) => !candidate.isGroup);
      return turn ? { answered: true, sender: turn.sender, at: turn.at } : { answered: false };
    },
    "model.save": async (choice) => {
      const { plan, ref } = await planModelSave(choice, host);
      await applyWindowEdits(plan);
      return { ref };
    },
    "model.test": async () => sayHello((await loadValid()).config, host, core.context.env),
    "prefs.get": async () => host.getPrefs(),
    "prefs.set": async (patch) => host.setPrefs(patch),
  };
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

function issue(error: { path: string; message: string }) {
  return { path: error.path, message: error.message };
}
