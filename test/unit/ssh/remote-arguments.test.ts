import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSshWrapper } from "../../../app/ssh/read-ssh-wrapper.ts";
import { QUOTE_ARGUMENTS, withoutArgumentQuoting } from "../../../app/ssh/remote-arguments.ts";

const TRICKY = [
  "rpc",
  "/Users/bot/Library/Messages Copy/chat.db",
  "/tmp/$(touch /tmp/pinch-never)",
  "`id`",
  "it's",
  "'",
  "''",
  "a\\b\\\\c",
  "two\nlines\n",
  "",
  "*",
  "tab\there",
  "; rm -rf ~ &",
  '"double"',
];

/** The block, then what ssh does with the words: join them with spaces for the remote shell to parse. */
function roundTrip(localShell: string, remoteShell: string, args: string[]): string[] {
  const script = join(mkdtempSync(join(tmpdir(), "pinch-quote-")), "wrapper");
  writeFileSync(
    script,
    ["#!/bin/sh", ...QUOTE_ARGUMENTS, `exec ${remoteShell} -c "printf '%s\\0' $*"`, ""].join("\n"),
  );
  const out = execFileSync(localShell, [script, ...args], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("quoting a wrapper's arguments for the remote shell", () => {
  it.each([
    ["dash", "dash"],
    ["dash", "bash"],
    ["bash", "dash"],
    ["bash", "bash"],
  ])("gives the remote shell's program exactly the arguments (%s here, %s there)", (local, remote) => {
    expect(roundTrip(local, remote, TRICKY)).toEqual(TRICKY);
  });

  it("removes the block, as written, so only the ssh command is left to read", () => {
    const lines = ["#!/bin/sh", ...QUOTE_ARGUMENTS, 'exec ssh bot@mac imsg "$@"'].map((line) => line.trim());
    expect(withoutArgumentQuoting(lines)).toEqual(["#!/bin/sh", 'exec ssh bot@mac imsg "$@"']);
  });

  it("says whether a wrapper quotes its arguments: only with the block as written", () => {
    const quoting = ["#!/bin/sh", ...QUOTE_ARGUMENTS, 'exec ssh bot@mac imsg "$@"', ""].join("\n");
    expect(parseSshWrapper(quoting)?.quotesArguments).toBe(true);
    expect(parseSshWrapper('#!/bin/sh\nexec ssh bot@mac imsg "$@"\n')?.quotesArguments).toBe(false);
  });

  it("keeps a changed block, so the wrapper is no longer read as a simple one", () => {
    const changed = QUOTE_ARGUMENTS.map((line) => line.replace("shift", "shift; touch /tmp/x"));
    const text = ["#!/bin/sh", ...changed, 'exec ssh bot@mac imsg "$@"', ""].join("\n");
    expect(parseSshWrapper(text)).toBeNull();
  });
});
