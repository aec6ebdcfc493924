// Random handshakes and frames against the real core in a process of its own: whatever arrives,
// the core stays up and a well-behaved client can still call it. The seed is fixed so that a
// failure reproduces; fast-check prints it with the failing run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeProcess, startBridgeProcess } from "../ipc/bridge-process.ts";
import { exchange, invokeStatus } from "../ipc/raw-ws.ts";
import { bridgeSession } from "./ws-bridge-arbitraries.ts";

const SEED = 0x5eed_b71d;

let core: BridgeProcess;
beforeAll(async () => {
  core = await startBridgeProcess();
}, 30_000);
afterAll(async () => {
  await core?.stop();
});

describe("the WebSocket bridge, fuzzed", () => {
  it("stays up through hundreds of random handshakes and frames", async () => {
    await fc.assert(
      fc.asyncProperty(bridgeSession(core.token, core.port), async (bytes) => {
        await exchange(core.port, bytes, 500);
        // A call that is answered proves the core has come round its event loop since the bytes.
        const answer = await invokeStatus(core.connectUrl).catch((error: Error) => error.message);
        expect(answer, core.stderr()).toMatchObject({ ok: true });
        expect(core.alive(), core.stderr()).toBe(true);
      }),
      // Once the core is down every later run fails too: shrinking would only blur the first input.
      { seed: SEED, numRuns: 300, endOnFailure: true },
    );
  }, 60_000);
});
