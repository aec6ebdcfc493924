import { describe, expect, it } from "vitest";
import { RpcSupportCheck } from "../../../app/imsg/rpc-support-check.ts";
import type { RpcSupport } from "../../../app/imsg/rpc-support-probe.ts";

const tooOld: RpcSupport = { kind: "too-old", version: "0.2.1", evidence: "Unknown subcommand 'rpc'" };

describe("when the rpc question is asked", () => {
  it("asks alongside the first start, and hands the answer on while it is pending", async () => {
    let asked = 0;
    const check = new RpcSupportCheck(async () => {
      asked++;
      return tooOld;
    });
    const heard: RpcSupport[] = [];
    check.beginStart((support) => heard.push(support));
    const pending = check.pendingStartAnswer;
    expect(pending).not.toBeNull();
    expect(await pending).toEqual(tooOld);
    await Promise.resolve();
    expect(heard).toEqual([tooOld]);
    expect(check.pendingStartAnswer).toBeNull();
    expect(asked).toBe(1);
  });

  it("asks before a launch only once a child died early or the answer was too old, until a handshake", async () => {
    let asked = 0;
    const check = new RpcSupportCheck(async () => {
      asked++;
      return { kind: "supported" };
    });
    expect(await check.beforeLaunch()).toBeNull();
    check.askBeforeNextLaunch();
    const answer = check.beforeLaunch();
    expect(check.busy).toBe(true);
    expect(await answer).toEqual({ kind: "supported" });
    expect(check.busy).toBe(false);
    check.handshakeDone();
    expect(await check.beforeLaunch()).toBeNull();
    expect(asked).toBe(1);
  });
});
