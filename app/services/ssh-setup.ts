/**
 * The window's bot-user / remote-Mac setup: the setup ladder that `pinch setup ssh` runs too,
 * answered as the contract's list of step results (each with its message, fix and, where one
 * exists, the command to run) instead of printed lines. The host key is never trusted without
 * the user confirming the fingerprint the window showed them.
 */

import { explainKnownFailure } from "../errors/failure-explanation.ts";
import type { SshSetupRequest, SshSetupResult, SshStep } from "../ipc/setup-schemas.ts";
import { runSshSetupLadder, type SetupStep } from "../setup/ssh/ssh-setup-ladder.ts";

export async function runSshSetup(request: SshSetupRequest, configPath: string): Promise<SshSetupResult> {
  const outcome = await runSshSetupLadder(request, configPath);
  return {
    steps: outcome.steps.map(toWindowStep),
    ...(outcome.fingerprint ? { fingerprint: outcome.fingerprint } : {}),
    keyRefused: outcome.keyRefused,
    saved: outcome.saved,
  };
}

function toWindowStep(step: SetupStep): SshStep {
  // ssh's own words ("Permission denied (publickey)") become the sentence; they stay as `raw`.
  const known = step.status === "failed" ? explainKnownFailure(step.message) : undefined;
  return {
    step: step.step,
    status: step.status,
    // A changed host key is the news of the step that asks the user to confirm it.
    message: known?.message ?? (step.status === "confirm" && step.warning ? step.warning : step.message),
    ...(known ? { raw: known.detail } : {}),
    ...(step.fix ? { fix: step.fix } : {}),
    ...(step.command ? { command: step.command.text } : {}),
  };
}
