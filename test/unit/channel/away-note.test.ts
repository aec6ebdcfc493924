import { describe, expect, it } from "vitest";
import { awayNoteText, humanTime } from "../../../app/channel/away-note.ts";
import type { Message } from "../../../app/imsg/protocol.ts";

const now = new Date("2026-12-04T15:00:00Z");
let rowid = 0;
function row(fields: Partial<Message>): Message {
  rowid += 1;
  return {
    id: rowid,
    chat_id: 1,
    guid: `g${rowid}`,
    sender: "+15555550002",
    is_from_me: false,
    text: "a secret plan",
    created_at: "2026-12-04T09:05:00Z",
    ...fields,
  };
}

describe("the away note", () => {
  it("says today's, yesterday's and older times in words, in the given time zone", () => {
    expect(humanTime("2026-12-04T09:05:00Z", now, "UTC")).toBe("at 09:05");
    expect(humanTime("2026-12-03T22:30:00Z", now, "UTC")).toBe("yesterday at 22:30");
    expect(humanTime("2026-12-01T08:00:00Z", now, "UTC")).toBe("on Tue 1 Dec at 08:00");
    expect(humanTime("2026-12-03T23:30:00Z", now, "Europe/Berlin")).toBe("at 00:30");
  });

  it("lists who wrote and when, grouped by chat, by Contacts name when there is one, and quotes no message", () => {
    const text = awayNoteText(
      [
        row({ sender_name: "Alice Liddell" }),
        row({ sender_name: "Alice Liddell", created_at: "2026-12-04T09:40:00Z" }),
        row({ chat_id: 2, is_group: true, chat_name: "Family", sender: "+15555550003" }),
      ],
      now,
      "UTC",
    );
    expect(text).toBe(
      [
        "While I was away, 3 messages came that I did not answer:",
        "• Alice Liddell: at 09:05, at 09:40",
        "• Family: +15555550003 at 09:05",
        "Reply /answer to have me answer them now, or /dismiss to leave them unanswered.",
      ].join("\n"),
    );
    expect(text).not.toContain("secret");
  });

  it("stays short: three times per chat and six chats, then how many more", () => {
    const many = Array.from({ length: 10 }, (_, chat) =>
      Array.from({ length: 5 }, () => row({ chat_id: chat + 1, sender: `+1555555010${chat}` })),
    ).flat();
    const lines = awayNoteText(many, now, "UTC").split("\n");
    expect(lines[0]).toBe("While I was away, 50 messages came that I did not answer:");
    expect(lines[1]).toBe("• +15555550100: at 09:05, at 09:05, at 09:05 and 2 more");
    expect(lines).toHaveLength(9);
    expect(lines[7]).toBe("…and 4 more chats.");
  });
});
