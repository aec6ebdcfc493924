import { afterEach, describe, expect, it } from "vitest";
import type { InvokeData } from "../../../app/ipc/contract.ts";
import { serviceClient } from "../../../app/ipc/service-client.ts";
import type { PinchService } from "../../../app/services/pinch-service.ts";
import { type ServiceFixture, startService } from "./service-fixture.ts";

const owner = "+15555550123";
const ownerEmail = "owner@example.com";

let fixture: ServiceFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type Report = InvokeData<"setup.testMessage">;

/** Asks as the wizard does (every 50 ms here rather than every second) until `done` holds. */
async function reportWhen(service: PinchService, since: number, done: (report: Report) => boolean) {
  for (;;) {
    const result = await serviceClient(service).invoke("setup.testMessage", { since });
    if (!result.ok) throw new Error(result.error.message);
    if (done(result.data)) return result.data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the wizard's test message", () => {
  it("reports a direct message from a sender not on the list, and the answer once that sender is listed", async () => {
    fixture = await startService({ dmPolicy: "allowlist", allowFrom: [owner] });
    const since = Date.now();
    fixture.sim.injectInbound({ from: ownerEmail, text: "hello" });
    const unlisted = await reportWhen(fixture.service, since, (report) => report.unlisted !== undefined);
    expect(unlisted).toMatchObject({
      answered: false,
      unlisted: { accountId: "default", sender: ownerEmail },
    });

    const client = serviceClient(fixture.service);
    await client.invoke("config.set", { keyPath: "channels.imessage.allowFrom", value: [owner, ownerEmail] });
    fixture.sim.injectInbound({ from: ownerEmail, text: "hello again" });
    const answered = await reportWhen(fixture.service, since, (report) => report.answered);
    expect(answered).toMatchObject({ answered: true, sender: ownerEmail });
    expect(answered.unlisted).toBeUndefined();
  });

  it("names the addresses Messages receives at from the account's recent messages", async () => {
    fixture = await startService({ dmPolicy: "allowlist", allowFrom: [owner] });
    const client = serviceClient(fixture.service);
    const empty = await client.invoke("setup.ownAddresses", { accountId: "default" });
    expect(empty.ok && empty.data.addresses).toEqual([]);
    fixture.sim.injectInbound({ from: owner, text: "hello" });
    const found = await client.invoke("setup.ownAddresses", { accountId: "default" });
    expect(found.ok && found.data.addresses).toEqual([fixture.sim.ownAddress]);
  });
});
