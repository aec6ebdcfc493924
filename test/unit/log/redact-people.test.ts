import { describe, expect, it } from "vitest";
import { redactPeople } from "../../../app/log/redact-log-line.ts";

describe("people left out of a line shown in the status", () => {
  it("keeps only the shape of phone numbers and emails", () => {
    expect(redactPeople("no chat for +1 (555) 010-0042 or ann@example.com")).toBe(
      "no chat for [phone …42] or [email]",
    );
    expect(redactPeople("dotted 555.010.0042")).toBe("dotted [phone …42]");
  });

  it("keeps an IPv4 address, which names a host and not a person", () => {
    expect(redactPeople("ssh: connect to host 127.0.0.1 port 22: Connection refused")).toBe(
      "ssh: connect to host 127.0.0.1 port 22: Connection refused",
    );
  });
});
