import { probeRpcSupport } from "../../imsg/rpc-support-probe.ts";
import { checkImsgInstalled } from "./check-imsg-installed.ts";
import type { PermissionResult } from "./permission-result.ts";

/**
 * A file the user picked as imsg: it must run, print a version Pinch supports, and have the `rpc`
 * mode the gateway starts (the same questions the imsg step and the supervisor ask), before it is
 * written to the config.
 */
export async function checkChosenImsg(
  file: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PermissionResult> {
  if (!file.includes("/")) {
    return { status: "denied", reason: `${file} is not a full path.`, fix: "Choose the imsg file itself." };
  }
  const installed = await checkImsgInstalled(file, options);
  if (installed.status !== "granted") return installed;
  const support = await probeRpcSupport(file, {
    env: options.env ?? process.env,
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  if (support.kind === "too-old") {
    return {
      status: "denied",
      reason: `${file} has no rpc mode, which Pinch needs (${support.evidence}).`,
      fix: "Download a newer imsg from its releases page and choose that one.",
    };
  }
  return installed;
}
