import type { SettleResult } from "../../access/pairing-store.ts";
import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import type { PairingOverview } from "../../ipc/view-schemas.ts";
import type { ServiceDeps } from "../service-deps.ts";

type PairingChannels = "pairing.list" | "pairing.approve" | "pairing.dismiss" | "pairing.remove";

/** Pending pairing requests and approved senders, per account; approvals apply at once. */
export function pairingHandlers(deps: ServiceDeps): Pick<Handlers, PairingChannels> {
  const { core, pairingChanged } = deps;
  const settle = async (outcome: Promise<SettleResult>) => {
    const result = await outcome;
    if (!result.ok) throw new ServiceFailure("not-found", result.message, "code");
    await pairingChanged();
    return { sender: result.request.sender };
  };
  return {
    "pairing.list": () => pairingOverview(deps),
    "pairing.approve": ({ accountId, code, notify }) =>
      settle(core.pairingStore(accountId).approve(code, { notifyViaGateway: notify })),
    "pairing.dismiss": ({ accountId, code }) => settle(core.pairingStore(accountId).dismiss(code)),
    "pairing.remove": async ({ accountId, key }) => {
      const removed = await core.pairingStore(accountId).removeApproved(key);
      await pairingChanged();
      return { removed };
    },
  };
}

export async function pairingOverview({ core, config }: ServiceDeps): Promise<PairingOverview> {
  const accounts = await config.accounts();
  return {
    accounts: accounts.map(({ id: accountId }) => {
      const state = core.pairingStore(accountId).read();
      return {
        accountId,
        pending: state.requests.map(({ code, sender, name, firstMessage, createdAt, expiresAt }) => ({
          code,
          sender,
          ...(name ? { name } : {}),
          ...(firstMessage ? { firstMessage: firstMessage.text } : {}),
          createdAt,
          expiresAt,
        })),
        approved: state.approved.map(({ sender, name, key, approvedAt }) => ({
          sender,
          ...(name ? { name } : {}),
          key,
          approvedAt,
        })),
      };
    }),
  };
}
