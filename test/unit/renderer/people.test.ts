import { describe, expect, it } from "vitest";
import { describeSource, peopleWhoCanMessage } from "../../../renderer/pairing/people.ts";

const approvedAt = Date.UTC(2026, 11, 4, 9);

describe("the people who can message the assistant", () => {
  it("are the senders pairing approved and the entries of the list, each once", () => {
    const people = peopleWhoCanMessage(
      [
        { sender: "+15555550101", name: "Robin", key: "+15555550101", approvedAt },
        { sender: "robin@example.com", key: "robin@example.com", approvedAt },
      ],
      ["+15555550101", "+15555550202"],
    );
    expect(people).toEqual([
      {
        handle: "+15555550101",
        name: "Robin",
        pairingKey: "+15555550101",
        approvedAt,
        listEntry: "+15555550101",
      },
      { handle: "robin@example.com", pairingKey: "robin@example.com", approvedAt },
      { handle: "+15555550202", listEntry: "+15555550202" },
    ]);
  });

  it("say where each one's permission comes from", () => {
    const [both, listed] = peopleWhoCanMessage(
      [{ sender: "+15555550101", key: "+15555550101", approvedAt }],
      ["+15555550101", "+15555550202"],
    );
    expect(both && describeSource(both)).toMatch(/^approved by pairing .+ · on your list$/);
    expect(listed && describeSource(listed)).toBe("on your list");
  });
});
