import { describe, expect, it } from "vitest";
import { classifyRpcHelp, tooOldWords } from "../../../app/imsg/rpc-support-probe.ts";

const ROOT_HELP_0_2 = [
  "imsg 0.2.1",
  "Send and read iMessage / SMS from the terminal",
  "",
  "Usage:",
  "  imsg <command> [options]",
  "",
  "Commands:",
  "  chats\tList recent conversations",
  "  history\tShow recent messages for a chat",
  "  watch\tStream incoming messages",
  "  send\tSend a message (text and/or attachment)",
  "",
  "Run 'imsg <command> --help' for details.",
].join("\n");

describe("whether an imsg has rpc, from `imsg rpc --help`", () => {
  it("is yes when rpc answers with its own help", () => {
    const text = "imsg rpc\nRun JSON-RPC over stdin/stdout\n\nUsage:\n  imsg rpc [options]\n";
    expect(classifyRpcHelp({ exitCode: 0, text })).toEqual({ kind: "supported" });
  });

  it("is too old when the root help comes back without rpc, naming its version", () => {
    expect(classifyRpcHelp({ exitCode: 0, text: ROOT_HELP_0_2 })).toEqual({
      kind: "too-old",
      version: "0.2.1",
      evidence: "`imsg rpc --help` lists no rpc command",
    });
  });

  it("is yes when a root help lists rpc among its commands", () => {
    const text = ROOT_HELP_0_2.replace("  send\t", "  rpc\tRun JSON-RPC over stdin/stdout\n  send\t");
    expect(classifyRpcHelp({ exitCode: 0, text })).toEqual({ kind: "supported" });
  });

  it("is too old when rpc is refused as an unknown subcommand, on stdout or stderr", () => {
    for (const text of ["Unknown subcommand 'rpc' for command 'imsg'\n", "\nUnknown command 'rpc'"]) {
      expect(classifyRpcHelp({ exitCode: 1, text })).toMatchObject({ kind: "too-old", version: undefined });
    }
  });

  it("says nothing when the answer is not imsg's: ssh failing, or another program", () => {
    const ssh = "\nssh: connect to host 127.0.0.1 port 22: Connection refused\n";
    expect(classifyRpcHelp({ exitCode: 255, text: ssh })).toEqual({ kind: "unknown" });
    expect(classifyRpcHelp({ exitCode: 0, text: "hello\n" })).toEqual({ kind: "unknown" });
  });

  it("words the status with the upgrade command", () => {
    expect(tooOldWords({ kind: "too-old", version: "0.2.1", evidence: "" }, 10_000)).toEqual({
      lastError: "this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
      fix: expect.stringMatching(/^Run brew upgrade imsg .*checks again every 10 s/),
    });
  });
});
