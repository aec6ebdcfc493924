import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import {
  checkChosenImsg,
  imsgInstallCommand,
  imsgReleasesUrl,
  openImsgInstallInTerminal,
} from "../../setup/permissions/index.ts";
import type { ServiceDeps } from "../service-deps.ts";

type ImsgSetupChannels = "setup.installImsg" | "setup.openImsgReleases" | "setup.chooseImsg";

/** The three ways the imsg step gets imsg onto a Mac: Homebrew, a download, or a file the user has. */
export function imsgSetupHandlers({ core, config, host }: ServiceDeps): Pick<Handlers, ImsgSetupChannels> {
  return {
    "setup.installImsg": async () => {
      const opened = await openImsgInstallInTerminal({ env: core.context.env });
      if (!opened.ok) throw new ServiceFailure("unavailable", opened.message);
      return { command: imsgInstallCommand };
    },
    "setup.openImsgReleases": async () => {
      if (await host.openExternal(imsgReleasesUrl)) return { url: imsgReleasesUrl };
      throw new ServiceFailure(
        "unavailable",
        `The browser could not be opened; visit ${imsgReleasesUrl} yourself.`,
      );
    },
    "setup.chooseImsg": async () => {
      if (!host.chooseFile) throw new ServiceFailure("unavailable", "This window cannot show a file picker.");
      const file = await host.chooseFile({
        title: "Choose imsg",
        message: "Choose the imsg program you downloaded (the file named imsg).",
      });
      if (file === undefined) return {};
      const checked = await checkChosenImsg(file, { env: core.context.env });
      if (checked.status !== "granted") {
        const words = [checked.reason, checked.fix].filter(Boolean).join(" ");
        throw new ServiceFailure("invalid-imsg", words || `${file} is not an imsg Pinch can use.`);
      }
      await config.editOne({ kind: "set", keyPath: "channels.imessage.cliPath", value: file });
      return { cliPath: file };
    },
  };
}
