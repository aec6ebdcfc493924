// Every test that runs the gateway against the imsg simulator also checks that imsg was never sent
// a key it does not document: imsg refuses those (-32602), and a refusal is a bug in Pinch. The
// simulator's own tests send bad params on purpose and are left out.
import { afterEach, expect } from "vitest";
import { invalidParamsOnOpenedDatabases } from "../imsg-sim/sim-db.ts";

afterEach(() => {
  if (expect.getState().testPath?.includes("/test/imsg-sim/")) return;
  expect(invalidParamsOnOpenedDatabases(), "imsg refused params Pinch sent (-32602)").toEqual([]);
});
