import { describe, expect, it } from "vitest";
import {
  findNewPairingRequests,
  pairingNotificationContent,
} from "../../../app/menubar/pairing-notifications.ts";

const request = (code: string, sender = "+15550100001") => ({ code, sender, createdAt: 1 });

describe("pairing notifications", () => {
  it("the first overview is a baseline: nothing already waiting is announced", () => {
    expect(
      findNewPairingRequests(undefined, { accounts: [{ accountId: "a", pending: [request("X")] }] }),
    ).toEqual([]);
  });

  it("each request not seen before is announced once, per account", () => {
    const first = { accounts: [{ accountId: "a", pending: [request("X")] }] };
    const second = {
      accounts: [
        { accountId: "a", pending: [request("X"), request("Y", "+15550100002")] },
        { accountId: "b", pending: [request("X", "bob@example.com")] },
      ],
    };
    expect(findNewPairingRequests(first, second)).toEqual([
      { accountId: "a", code: "Y", sender: "+15550100002" },
      { accountId: "b", code: "X", sender: "bob@example.com" },
    ]);
    expect(findNewPairingRequests(second, second)).toEqual([]);
  });

  it("a settled request that disappears is not news", () => {
    const before = { accounts: [{ accountId: "a", pending: [request("X")] }] };
    expect(findNewPairingRequests(before, { accounts: [{ accountId: "a", pending: [] }] })).toEqual([]);
  });

  it("the notification names the sender and code and offers Approve and Dismiss", () => {
    const content = pairingNotificationContent(
      { accountId: "work", code: "ABCD1234", sender: "+15550100001" },
      { showAccount: true },
    );
    expect(content).toEqual({
      title: "New pairing request",
      body: "+15550100001 wants to talk to your assistant on work (code ABCD1234).",
      actions: ["Approve", "Dismiss"],
    });
  });
});
