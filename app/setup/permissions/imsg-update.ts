import {
  type ImsgCapabilities,
  isOlderThan,
  OLDEST_SUPPORTED_IMSG,
  speaksCurrentProtocol,
} from "../../imsg/imsg-capabilities.ts";
import { imsgInstallCommand, imsgUpgradeCommand } from "../../imsg/imsg-install.ts";

/** Why an imsg should be updated, and the commands that do it; doctor, status and the window say the same. */
export interface ImsgUpdate {
  why: string;
  upgrade: string;
  /** For a Mac without imsg yet: the formula lives in another tap than older guides name. */
  install: string;
}

/**
 * An update is due when the build speaks no protocol (0.9–0.13) or calls
 * itself older than the oldest Pinch is built against. `printedVersion` is
 * what `imsg --version` said, when known: the same program, so either
 * version being old is enough. A build that runs stays usable, with less.
 */
export function imsgUpdateFor(
  capabilities: ImsgCapabilities,
  printedVersion?: string,
): ImsgUpdate | undefined {
  const versions = [capabilities.version, printedVersion].filter((version) => version !== undefined);
  const old = versions.find((version) => isOlderThan(version, OLDEST_SUPPORTED_IMSG));
  const legacy = !speaksCurrentProtocol(capabilities);
  if (!legacy && old === undefined) return undefined;
  const shown = old ?? versions[0];
  const name = shown === undefined ? "This imsg" : `imsg ${shown}`;
  const age = `older than ${OLDEST_SUPPORTED_IMSG}${legacy ? " (before protocol 1)" : ""}`;
  return {
    why: `${name} is ${age}, so Pinch runs with less: no catch-up paging, no delivery status, no typed delivery errors`,
    upgrade: imsgUpgradeCommand,
    install: imsgInstallCommand,
  };
}
