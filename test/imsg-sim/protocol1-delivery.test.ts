import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SendResult } from "../../app/imsg/imsg-methods.ts";
import { DeliveryFailureSchema, RpcErrorCode, RpcErrorSchema } from "../../app/imsg/protocol.ts";
import { type Frame, RpcTestClient } from "./rpc-test-client.ts";
import { type FaultConfig, SimDb, writeFaultControl } from "./sim-db.ts";

const ALICE = "+15550100001";
const BOB = "+15550100002";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function failureOf(frame: Frame) {
  const error = RpcErrorSchema.parse(frame.error);
  return { ...error, data: DeliveryFailureSchema.parse(error.data) };
}

const opened: { db: SimDb; client: RpcTestClient }[] = [];

function start(faults: FaultConfig): { db: SimDb; client: RpcTestClient } {
  const db = SimDb.create();
  const control = join(dirname(db.path), "faults.json");
  writeFaultControl(control, faults);
  const client = RpcTestClient.spawn({ dbPath: db.path, env: { IMSG_SIM_CONTROL: control } });
  opened.push({ db, client });
  return { db, client };
}

afterEach(async () => {
  for (const { db, client } of opened.splice(0)) {
    client.child.kill("SIGKILL");
    await client.exited;
    db.close();
  }
});

describe("a send whose outcome is not known (sendOutcome)", () => {
  it("may_have_completed writes the row and answers -32001, not safe to retry", async () => {
    const { db, client } = start({ sendOutcome: "may_have_completed" });
    const failure = failureOf(await client.call("send", { to: ALICE, text: "did it land?" }));
    expect(failure).toMatchObject({
      code: RpcErrorCode.deliveryUncertain,
      message: "Delivery outcome unknown",
      data: {
        retry_safe: false,
        disposition: "may_have_completed",
        transport: "applescript",
        operation: "send",
      },
    });
    expect(db.sentMessages().map((row) => row.text)).toEqual(["did it land?"]);
  });

  it("not_started writes nothing and answers -32603, safe to retry", async () => {
    const { db, client } = start({ sendOutcome: "not_started" });
    expect(failureOf(await client.call("send", { to: ALICE, text: "never sent" }))).toMatchObject({
      code: RpcErrorCode.internalError,
      message: "Delivery failed before dispatch",
      data: { retry_safe: true, disposition: "not_started" },
    });
    expect(db.sentMessages()).toEqual([]);
  });

  it("sendOutcomeOnce fails only the next send", async () => {
    const { db, client } = start({ sendOutcome: "not_started", sendOutcomeOnce: true });
    expect((await client.call("send", { to: ALICE, text: "first" })).error).toBeDefined();
    SendResult.parse(await client.request("send", { to: ALICE, text: "second" }));
    expect(db.sentMessages().map((row) => row.text)).toEqual(["second"]);
  });

  it("ghost_row leaves an empty unjoined SMS row for a group send and answers -32001 naming it", async () => {
    const { db, client } = start({ sendOutcome: "ghost_row", sendOutcomeOnce: true });
    const group = db.group({ participants: [ALICE, BOB], displayName: "Crew" });
    SendResult.parse(await client.request("send", { to: ALICE, text: "a direct send is not affected" }));
    const failure = failureOf(await client.call("send", { chat_id: group.id, text: "to the crew" }));
    const ghost = db.sentMessages().at(-1);
    expect(ghost).toMatchObject({ chatId: 0, text: "", service: "SMS" });
    expect(failure).toMatchObject({
      code: RpcErrorCode.deliveryUncertain,
      data: {
        disposition: "may_have_completed",
        retry_safe: false,
        detail: `Messages accepted the chat send but wrote an unjoined empty outgoing row (${ghost?.rowid}); delivery to the target chat was not confirmed`,
      },
    });
    expect(db.sentMessages({ chatId: group.id })).toEqual([]);
  });
});

describe("a send left in flight", () => {
  it("answers -32001 still_in_flight, and the row lands about a second later", async () => {
    const { db, client } = start({ sendOutcome: "still_in_flight" });
    const failure = failureOf(await client.call("send", { to: ALICE, text: "slow boat" }));
    expect(failure).toMatchObject({
      code: RpcErrorCode.deliveryUncertain,
      data: { disposition: "still_in_flight", retry_safe: false },
    });
    expect(db.sentMessages()).toEqual([]);
    await sleep(1_300);
    expect(db.sentMessages().map((row) => row.text)).toEqual(["slow boat"]);
  });

  it("blocks every later mutation with -32004 while reads and watches go on, until the process restarts", async () => {
    const { db, client } = start({ sendOutcome: "still_in_flight", sendOutcomeOnce: true });
    const subscription = (
      (await client.request("watch.subscribe", { debounce_ms: 0 })) as { subscription: number }
    ).subscription;
    await client.call("send", { to: ALICE, text: "stuck" });
    for (const [method, params] of [
      ["send", { to: ALICE, text: "after" }],
      ["typing", { to: ALICE }],
      ["read", { to: ALICE }],
    ] as const) {
      expect(failureOf(await client.call(method, params))).toMatchObject({
        code: RpcErrorCode.mutationLaneBlocked,
        message: "Mutation lane blocked",
        data: {
          disposition: "still_in_flight",
          retry_safe: false,
          detail: "A prior send remains in flight. Restart the RPC child before sending another mutation.",
        },
      });
    }
    await client.request("chats.list", {});
    db.injectInbound({ from: BOB, text: "still watched" });
    await client.waitForMessages(1, subscription);
    const restarted = RpcTestClient.spawn({ dbPath: db.path });
    try {
      SendResult.parse(await restarted.request("send", { to: ALICE, text: "after a restart" }));
    } finally {
      await restarted.close();
    }
  });

  it("lands the row even when stdin closes before it does", async () => {
    const { db, client } = start({ sendOutcome: "still_in_flight" });
    await client.call("send", { to: ALICE, text: "lands anyway" });
    expect((await client.close(5_000)).code).toBe(0);
    expect(db.sentMessages().map((row) => row.text)).toEqual(["lands anyway"]);
  });
});
