import { existsSync } from "node:fs";
import { localeRegion } from "../access/phone-region.ts";
import { createConfiguredAgent } from "../agent/configured-agent.ts";
import { missingConfigMessage } from "../config/config-file.ts";
import { coreContext } from "../core-context.ts";
import { Gateway, GatewayStartError } from "../gateway/gateway.ts";
import { createLogger, type LogFormat } from "../log/logger.ts";
import { createEnvSecretResolver } from "../secrets/env-secret-resolver.ts";
import { ExitCode, resolveCliPaths } from "./cli-paths.ts";

/**
 * `pinch gateway`: runs every enabled account in the foreground until SIGINT
 * or SIGTERM, then finishes the replies in flight and exits 0.
 */
export async function runGatewayCommand(flags: {
  config?: string | undefined;
  stateDir?: string | undefined;
  logFormat?: string | undefined;
  verbose?: boolean | undefined;
  debounceMs?: string | undefined;
  echo?: boolean | undefined;
}): Promise<number> {
  const format: LogFormat = flags.logFormat === "json" ? "json" : "human";
  const log = createLogger({ format, level: flags.verbose ? "debug" : "info" });
  const { configPath, stateDir } = resolveCliPaths(flags);
  // Answers with the configured model; while none is configured, only the owner, who is told so.
  const agent = createConfiguredAgent(
    { stateDir, log, secrets: createEnvSecretResolver() },
    { echo: flags.echo === true },
  );
  let gateway: Gateway;
  try {
    const context = coreContext({
      configPath,
      stateDir,
      log,
      defaultRegion: localeRegion(process.env),
      ...(flags.debounceMs === undefined ? {} : { watchDebounceMs: Number(flags.debounceMs) }),
    });
    gateway = await Gateway.start(context, { agent });
  } catch (error) {
    if (error instanceof GatewayStartError) {
      process.stderr.write(`pinch gateway: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  if (gateway.accounts.length === 0) {
    // It keeps running and watching the path: a config written there later starts its accounts.
    log.warn(
      existsSync(configPath)
        ? "no enabled iMessage account in the config; add channels.imessage to it"
        : missingConfigMessage(configPath),
      { config: configPath },
    );
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info("stopping", { signal });
      resolve();
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
  });
  await gateway.stop();
  await agent.close?.();
  log.info("stopped");
  return ExitCode.ok;
}
