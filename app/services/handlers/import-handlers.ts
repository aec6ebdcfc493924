import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { describeConfigError } from "../../config/config-errors.ts";
import { editConfigFile } from "../../config/config-file.ts";
import { hasOpenclawPairingFiles } from "../../import/openclaw-approvals.ts";
import { defaultOpenclawDir, type OpenclawFiles, openclawFiles } from "../../import/openclaw-paths.ts";
import { type ImportTarget, runOpenclawImport } from "../../import/run-openclaw-import.ts";
import type { Handlers } from "../../ipc/contract-server.ts";
import { ServiceFailure } from "../../ipc/service-failure.ts";
import type { ServiceDeps } from "../service-deps.ts";

type ImportChannels = "import.openclawPreview" | "import.openclawApply";

/** The wizard's offer to bring over an OpenClaw install: what it would write, then writing it. */
export function importHandlers(deps: ServiceDeps): Pick<Handlers, ImportChannels> {
  const { core, config } = deps;
  const files = (): OpenclawFiles => {
    const env = core.context.env;
    return openclawFiles(defaultOpenclawDir(env, homedir()), env, false);
  };
  const target: ImportTarget = {
    configPath: config.path,
    defaultRegion: core.context.defaultRegion,
    pairingStore: (accountId) => core.pairingStore(accountId),
    // The core's checks only, as the CLI's import: the window's rules judge what a person types,
    // and an entry the gateway skips with a warning (an alias it does not read) is copied as it is.
    writeConfig: async (plan) => {
      const result = await editConfigFile(config.path, plan);
      if (!result.ok) return { ok: false, errors: result.errors.map(describeConfigError) };
      await core.configWritten(result);
      return { ok: true };
    },
  };
  const run = async (apply: boolean) => {
    const outcome = await runOpenclawImport(files(), target, { apply });
    if (!outcome.ok) throw new ServiceFailure("invalid-config", outcome.message);
    return outcome.report;
  };
  return {
    "import.openclawPreview": async () => {
      const found = files();
      if (!existsSync(found.config) && !hasOpenclawPairingFiles(found)) return { found: false };
      return { found: true, report: await run(false) };
    },
    "import.openclawApply": async () => {
      const report = await run(true);
      if (report.applied) await deps.pairingChanged();
      return report;
    },
  };
}
