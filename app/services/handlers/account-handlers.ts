import { formatHandle, normalizeHandle } from "../../access/handles.ts";
import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import { buildAccountViews } from "../account-views.ts";
import { listChats } from "../chats-query.ts";
import type { ServiceDeps } from "../service-deps.ts";
import { runSshSetup } from "../ssh-setup.ts";

type AccountChannels =
  | "accounts.list"
  | "accounts.add"
  | "accounts.update"
  | "accounts.sshSetup"
  | "chats.list"
  | "handles.normalize";

/** The accounts, their chats, the SSH setup of a bot user, and how typed handles read. */
export function accountHandlers({ core, config }: ServiceDeps): Pick<Handlers, AccountChannels> {
  const views = async () => buildAccountViews((await config.loadValid()).config, config.resolving);
  return {
    "accounts.list": views,
    "accounts.add": async ({ id, name, cliPath, dbPath }) => {
      const keyPath = "channels.imessage.accounts";
      const entry = {
        ...(name ? { name } : {}),
        ...(cliPath ? { cliPath } : {}),
        ...(dbPath ? { dbPath } : {}),
      };
      await config.edit((raw) => {
        const channel = (raw.channels as { imessage?: { accounts?: Record<string, unknown> } } | undefined)
          ?.imessage;
        const existing = channel?.accounts ?? {};
        if (Object.hasOwn(existing, id))
          throw new ServiceFailure("invalid-args", `An account named "${id}" already exists.`, "id");
        // Going from one account to several keeps the first one as "default", inheriting the flat keys.
        const accounts = Object.keys(existing).length === 0 ? { default: {} } : existing;
        return [{ kind: "set", keyPath, value: { ...accounts, [id]: entry } }];
      }, keyPath);
      return views();
    },
    "accounts.update": async ({ id, name, enabled }) => {
      const account = await config.account(id);
      if (name !== undefined) {
        const keyPath = `${account.configPath}.name`;
        await config.editOne(
          name.trim() === "" ? { kind: "unset", keyPath } : { kind: "set", keyPath, value: name.trim() },
        );
      }
      if (enabled !== undefined)
        await config.editOne({ kind: "set", keyPath: `${account.configPath}.enabled`, value: enabled });
      return views();
    },
    "accounts.sshSetup": async (request) => {
      const result = await runSshSetup(request, config.path);
      if (result.saved) await core.ensureStarted();
      return result;
    },
    "chats.list": async ({ accountId, limit }) => {
      const account = await config.account(accountId);
      const options = { limit: limit ?? 200, log: core.log, env: core.context.env };
      return { chats: await listChats(account, options) };
    },
    "handles.normalize": async ({ entries, accountId }) => {
      const accounts = await config.accounts();
      const region =
        accounts.find((account) => account.id === accountId)?.region ??
        accounts[0]?.region ??
        core.context.defaultRegion;
      return {
        entries: entries.map((input) => {
          const handle = normalizeHandle(input, region);
          return handle.kind === "invalid"
            ? { input, kind: "invalid" as const, reason: handle.reason }
            : { input, kind: handle.kind, normalized: formatHandle(handle) };
        }),
      };
    },
  };
}
