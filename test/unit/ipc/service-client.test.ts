// The contract for callers in the service's own process: the menu bar and main.
import { describe, expect, it } from "vitest";
import type { EventChannel } from "../../../app/ipc/channels.ts";
import type { ContractListener } from "../../../app/ipc/contract-server.ts";
import { serviceClient } from "../../../app/ipc/service-client.ts";

function stubService() {
  const calls: [string, unknown][] = [];
  const listeners = new Set<ContractListener>();
  const service = {
    async invoke(channel: string, args: unknown) {
      calls.push([channel, args]);
      return { ok: true as const, data: { sender: "+15550100001" } };
    },
    subscribe(listener: ContractListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (channel: EventChannel, payload: unknown) => {
    for (const listener of listeners) listener(channel, payload);
  };
  return { service, calls, emit };
}

describe("the in-process client", () => {
  it("hands a call to the service and its answer back unchanged", async () => {
    const { service, calls } = stubService();
    const result = await serviceClient(service).invoke("pairing.dismiss", {
      accountId: "default",
      code: "AB",
    });
    expect(calls).toEqual([["pairing.dismiss", { accountId: "default", code: "AB" }]]);
    expect(result).toEqual({ ok: true, data: { sender: "+15550100001" } });
  });

  it("a listener hears only the events of its own channel", () => {
    const { service, emit } = stubService();
    const heard: unknown[] = [];
    serviceClient(service).on("pairing.changed", (overview) => heard.push(overview));
    emit("status.changed", { running: true });
    emit("pairing.changed", { accounts: [] });
    expect(heard).toEqual([{ accounts: [] }]);
  });

  it("a listener that stopped hears nothing more", () => {
    const { service, emit } = stubService();
    const heard: unknown[] = [];
    const stop = serviceClient(service).on("log.line", (line) => heard.push(line));
    stop();
    emit("log.line", { seq: 1 });
    expect(heard).toEqual([]);
  });
});
