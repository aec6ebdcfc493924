import { describe, expect, it } from "vitest";
import { formatTarget, knownHostsName, parseSshTarget } from "../../../app/ssh/ssh-target.ts";

describe("SSH targets", () => {
  it.each([
    ["bot@mac-mini.tailnet-1234.ts.net", { user: "bot", host: "mac-mini.tailnet-1234.ts.net" }],
    ["localhost", { user: undefined, host: "localhost" }],
    ["pinch_bot@127.0.0.1", { user: "pinch_bot", host: "127.0.0.1" }],
  ])("accepts the plain target %j", (text, expected) => {
    expect(parseSshTarget(text)).toEqual({ ok: true, target: { ...expected, port: 22 } });
  });

  it.each([
    "-oProxyCommand=touch /tmp/x",
    "bot@-oProxyCommand=x",
    "-l@host",
    "a;b@host",
    "bot@host name",
    "bot@host\nother",
    "bot@$(id)",
    "bot@`id`",
    "@host",
    "bot@",
    "bot@host:22",
    "a@b@c",
  ])("refuses %j", (text) => {
    expect(parseSshTarget(text).ok).toBe(false);
  });

  it("refuses a port outside 1–65535", () => {
    expect(parseSshTarget("host", 0).ok).toBe(false);
    expect(parseSshTarget("host", 70_000).ok).toBe(false);
  });

  it("names the host as known_hosts does: bare on port 22, bracketed elsewhere", () => {
    expect(knownHostsName({ user: "bot", host: "mac", port: 22 })).toBe("mac");
    expect(knownHostsName({ user: "bot", host: "127.0.0.1", port: 2222 })).toBe("[127.0.0.1]:2222");
    expect(formatTarget({ user: undefined, host: "mac", port: 22 })).toBe("mac");
  });
});
