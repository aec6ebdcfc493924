import type { Handlers } from "../../ipc/contract-server.ts";
import type { RemindersOverview } from "../../ipc/reminder-schemas.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import type { ServiceDeps } from "../service-deps.ts";

type ReminderChannels = "reminders.list" | "reminders.cancel" | "reminders.confirm";

/** Each running account's reminders, read from and cancelled through the gateway that sends them. */
export function reminderHandlers({ core, config }: ServiceDeps): Pick<Handlers, ReminderChannels> {
  const runningAccount = (accountId: string) => {
    const channel = core.runningAccounts().find((candidate) => candidate.accountId === accountId);
    if (!channel) throw new ServiceFailure("not-found", `account "${accountId}" is not running`, "accountId");
    return channel;
  };
  return {
    "reminders.list": async (): Promise<RemindersOverview> => {
      const running = new Map(core.runningAccounts().map((channel) => [channel.accountId, channel] as const));
      // A turned-off account sends nothing; its reminders wait, unshown, until it is turned on.
      const accounts = (await config.accounts()).filter((account) => account.enabled);
      return {
        accounts: accounts.map(({ id }) => {
          const channel = running.get(id);
          return {
            accountId: id,
            running: channel !== undefined,
            reminders: (channel?.assistant.store.list() ?? []).map(
              ({ id, number, kind, text, dueAt, chatLabel, state, sentAt, late }) => ({
                id,
                number,
                kind,
                text,
                dueAt,
                chatLabel,
                state,
                ...(sentAt ? { sentAt } : {}),
                ...(late ? { late } : {}),
              }),
            ),
          };
        }),
      };
    },
    "reminders.cancel": async ({ accountId, id }) => ({
      cancelled: await runningAccount(accountId).assistant.cancel(id),
    }),
    "reminders.confirm": async ({ accountId, id, send }) => ({
      settled: await runningAccount(accountId).assistant.confirm(id, send),
    }),
  };
}
