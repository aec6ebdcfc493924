import { describeFailure, runProcess } from "../../process/run-process.ts";

/**
 * Brings Messages to the front, where the user signs in to iMessage. `open -a` needs no
 * Automation grant, so this is safe before the Automation step has been explained.
 */
export async function openMessagesApp(
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ ok: true } | { ok: false; message: string }> {
  const outcome = await runProcess("open", ["-a", "Messages"], {
    ...(options.env ? { env: options.env } : {}),
    timeoutMs: 10_000,
  });
  if (outcome.exitCode === 0) return { ok: true };
  return {
    ok: false,
    message: `Messages could not be opened (${describeFailure(outcome)}); open it from the Dock or Launchpad.`,
  };
}
