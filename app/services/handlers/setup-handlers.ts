import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import { openMessagesApp } from "../../setup/permissions/index.ts";
import { settingsPaneUrls } from "../../setup/permissions/settings-links.ts";
import { ownAddresses } from "../own-addresses.ts";
import type { ServiceDeps } from "../service-deps.ts";
import { runSetupChecks } from "../setup-checks.ts";
import { imsgSetupHandlers } from "./imsg-setup-handlers.ts";

type SetupChannels =
  | "setup.checks"
  | "setup.installImsg"
  | "setup.openImsgReleases"
  | "setup.chooseImsg"
  | "setup.openSettings"
  | "setup.openMessages"
  | "setup.relaunch"
  | "setup.testMessage"
  | "setup.ownAddresses";

/** The first-run wizard: the permission checks, imsg, Messages, System Settings, the test message. */
export function setupHandlers(deps: ServiceDeps): Pick<Handlers, SetupChannels> {
  const { core, config, host } = deps;
  return {
    "setup.checks": async ({ only }) => {
      const loaded = await config.load();
      return { checks: await runSetupChecks(loaded.ok ? loaded.config : undefined, only, core.context.env) };
    },
    ...imsgSetupHandlers(deps),
    "setup.openSettings": async ({ pane }) => {
      for (const url of settingsPaneUrls[pane]) {
        if (await host.openExternal(url)) return { url };
      }
      throw new ServiceFailure(
        "unavailable",
        "System Settings could not be opened; open it from the Apple menu.",
      );
    },
    "setup.openMessages": async () => {
      const opened = await openMessagesApp({ env: core.context.env });
      if (!opened.ok) throw new ServiceFailure("unavailable", opened.message);
      return {};
    },
    "setup.relaunch": async () => {
      if (!host.relaunch)
        throw new ServiceFailure("unavailable", "Quit Pinch from the menu bar and open it again.");
      // After the answer has left: the window should hear that the relaunch is under way.
      const relaunch = host.relaunch;
      setTimeout(() => relaunch(), 100);
      return {};
    },
    "setup.testMessage": async ({ since }) => {
      const turn = core.answeredSince(since).find((candidate) => !candidate.isGroup);
      if (turn) return { answered: true, sender: turn.sender, at: turn.at };
      const unlisted = core.unlistedSince(since).at(-1);
      return unlisted ? { answered: false, unlisted } : { answered: false };
    },
    "setup.ownAddresses": async ({ accountId }) => {
      const account = await config.account(accountId);
      try {
        return { addresses: await ownAddresses(account, { log: core.log, env: core.context.env }) };
      } catch (error) {
        // The step then names the address in words; the reason is in the log.
        core.log.warn("could not read the addresses Messages receives at", {
          account: accountId,
          error: (error as Error).message,
        });
        return { addresses: [] };
      }
    },
  };
}
