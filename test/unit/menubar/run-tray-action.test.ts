import { describe, expect, it } from "vitest";
import type { InvokeData } from "../../../app/ipc/contract.ts";
import type { IpcResult } from "../../../app/ipc/ipc-result.ts";
import { runTrayAction, type TrayActionTarget } from "../../../app/menubar/run-tray-action.ts";

type PairingAnswer = IpcResult<InvokeData<"pairing.approve" | "pairing.dismiss">>;

function recordingTarget(answer: PairingAnswer = { ok: true, data: { sender: "+15550100001" } }) {
  const calls: unknown[][] = [];
  const target: TrayActionTarget = {
    invoke: async (channel, args) => {
      calls.push(["invoke", channel, args]);
      // The tray calls only the pairing channels, which all answer with the sender.
      return answer as IpcResult<InvokeData<typeof channel>>;
    },
    openWindow: (view) => calls.push(["openWindow", view]),
    setPauseReplies: (paused) => calls.push(["setPauseReplies", paused]),
    setStartAtLogin: (enabled) => calls.push(["setStartAtLogin", enabled]),
    openSettings: async (pane) => {
      calls.push(["openSettings", pane]);
      return pane !== "automation";
    },
    showLogs: async () => {
      calls.push(["showLogs"]);
    },
    setVerboseLogging: (enabled) => calls.push(["setVerboseLogging", enabled]),
    relaunch: () => calls.push(["relaunch"]),
    quit: () => calls.push(["quit"]),
    reportError: (message) => calls.push(["reportError", message]),
  };
  return { target, calls };
}

describe("tray actions", () => {
  it("Approve asks the service to approve and notify the sender", async () => {
    const { target, calls } = recordingTarget();
    await runTrayAction({ kind: "approve-pairing", accountId: "work", code: "ABCD" }, target);
    expect(calls).toEqual([["invoke", "pairing.approve", { accountId: "work", code: "ABCD", notify: true }]]);
  });

  it("a refused Dismiss is reported to the user with the service's message", async () => {
    const { target, calls } = recordingTarget({
      ok: false,
      error: { code: "not-found", message: "No pending request with code ABCD." },
    });
    await runTrayAction({ kind: "dismiss-pairing", accountId: "default", code: "ABCD" }, target);
    expect(calls).toEqual([
      ["invoke", "pairing.dismiss", { accountId: "default", code: "ABCD" }],
      ["reportError", "Could not dismiss ABCD: No pending request with code ABCD."],
    ]);
  });

  it("window, prefs, logs and quit go to their targets", async () => {
    const { target, calls } = recordingTarget();
    await runTrayAction({ kind: "open-window", view: "pairing" }, target);
    await runTrayAction({ kind: "set-pause-replies", paused: true }, target);
    await runTrayAction({ kind: "set-start-at-login", enabled: false }, target);
    await runTrayAction({ kind: "show-logs" }, target);
    await runTrayAction({ kind: "open-settings", pane: "login-items" }, target);
    await runTrayAction({ kind: "set-verbose-logging", enabled: true }, target);
    await runTrayAction({ kind: "relaunch" }, target);
    await runTrayAction({ kind: "quit" }, target);
    expect(calls).toEqual([
      ["openWindow", "pairing"],
      ["setPauseReplies", true],
      ["setStartAtLogin", false],
      ["showLogs"],
      ["openSettings", "login-items"],
      ["setVerboseLogging", true],
      ["relaunch"],
      ["quit"],
    ]);
  });

  it("a thrown error or an unopened pane becomes a report, never a rejection", async () => {
    const { target, calls } = recordingTarget();
    target.showLogs = async () => {
      throw new Error("The log folder does not exist yet.");
    };
    await runTrayAction({ kind: "show-logs" }, target);
    await runTrayAction({ kind: "open-settings", pane: "automation" }, target);
    expect(calls).toEqual([
      ["reportError", "The log folder does not exist yet."],
      ["openSettings", "automation"],
      ["reportError", "System Settings could not be opened; open it from the Apple menu."],
    ]);
  });
});
