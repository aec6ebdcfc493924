import { resolveAccounts } from "../config/resolve-accounts.ts";
import type { PinchConfig } from "../config/schema.ts";
import { explainKnownFailure } from "../errors/failure-explanation.ts";
import type { SetupCheck, SetupCheckId } from "../ipc/setup-schemas.ts";
import {
  checkPermissions,
  findHomebrew,
  type PermissionCheckName,
  type PermissionResult,
  settingsUrl,
  worstResult,
} from "../setup/permissions/index.ts";

const checkNames: Record<SetupCheckId, PermissionCheckName> = {
  "messages-signed-in": "messagesSignedIn",
  "imsg-installed": "imsgInstalled",
  "full-disk-access": "fullDiskAccess",
  automation: "automation",
};

/** The wizard's checks, run by the permission checks of app/setup against every enabled account. */
export async function runSetupChecks(
  config: PinchConfig | undefined,
  only: readonly SetupCheckId[],
  env: NodeJS.ProcessEnv | undefined,
): Promise<SetupCheck[]> {
  const accounts = (config?.channels?.imessage ? resolveAccounts(config) : [])
    .filter((account) => account.enabled)
    .map((account) => ({
      id: account.id,
      cliPath: account.cliPath,
      dbPath: account.dbPath,
      remoteHost: account.remoteHost,
    }));
  const report = await checkPermissions({
    accounts,
    only: only.map((id) => checkNames[id]),
    ...(env ? { env } : {}),
  });
  const results: Record<SetupCheckId, PermissionResult | undefined> = {
    "messages-signed-in": report.messagesSignedIn,
    "imsg-installed": worstOf(report.accounts.map((account) => account.imsgInstalled)),
    "full-disk-access": report.fullDiskAccess,
    automation: report.automation,
  };
  return only.flatMap((id) => {
    const result = results[id];
    if (!result) return [];
    return [
      {
        id,
        state: result.status,
        ...reasonWords(result),
        ...(result.fix ? { fix: result.fix } : {}),
        ...paneOf(result.settingsUrl),
        ...(id === "imsg-installed" ? { homebrew: findHomebrew(env ?? process.env) !== undefined } : {}),
      },
    ];
  });
}

/** A refusal that quotes an error code reads as the sentence for it, the code kept as `raw`. */
function reasonWords(result: PermissionResult): Pick<SetupCheck, "detail" | "raw"> {
  if (!result.reason) return {};
  const known = result.status === "denied" ? explainKnownFailure(result.reason) : undefined;
  return known ? { detail: known.message, raw: known.detail } : { detail: result.reason };
}

function worstOf(results: (PermissionResult | undefined)[]): PermissionResult | undefined {
  const present = results.filter((result): result is PermissionResult => result !== undefined);
  return present.length === 0 ? undefined : worstResult(present);
}

/** The pane a result's System Settings link opens, as the window names it. */
function paneOf(url: string | undefined): { pane?: "full-disk-access" | "automation" } {
  if (url === settingsUrl("Privacy_AllFiles")) return { pane: "full-disk-access" };
  if (url === settingsUrl("Privacy_Automation")) return { pane: "automation" };
  return {};
}
