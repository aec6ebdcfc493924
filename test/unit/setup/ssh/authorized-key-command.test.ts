import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adminPromptArgs,
  localBotInstallCommand,
  remoteInstallCommand,
  runLocalInstallCommand,
} from "../../../../app/setup/ssh/authorized-key-command.ts";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnq3mTlsA3cTO8YvRYc2x5Y4xJtVq9R3i2d4pQh0a1b pinch@mac";

describe("authorised-key install commands", () => {
  it("for a local bot user: the whole install runs as the bot under sudo, private by umask, with no chown", () => {
    const result = localBotInstallCommand({ botUser: "pinchbot", publicKey: KEY });
    if (!result.ok) throw new Error(result.message);
    const script =
      "umask 077 && mkdir -p /Users/pinchbot/.ssh && chmod 700 /Users/pinchbot/.ssh && " +
      "touch /Users/pinchbot/.ssh/authorized_keys && chmod 600 /Users/pinchbot/.ssh/authorized_keys && " +
      `{ grep -qxF '${KEY}' /Users/pinchbot/.ssh/authorized_keys || printf '%s\\n' '${KEY}' >> /Users/pinchbot/.ssh/authorized_keys; }`;
    expect(result.script).toBe(script);
    expect(result.command).toBe(`sudo -u pinchbot -H /bin/sh -c '${script.replaceAll("'", "'\\''")}'`);
    expect(result.command).not.toContain("chown");
  });

  it("runs, idempotently, in a home of the current user", async () => {
    const home = join(mkdtempSync(join(tmpdir(), "pinch-home-")), "Home With Space");
    const result = localBotInstallCommand({ botUser: userInfo().username, publicKey: KEY, homeDir: home });
    if (!result.ok) throw new Error(result.message);
    execFileSync("mkdir", ["-p", home]);
    for (let run = 0; run < 2; run++) {
      expect(await runLocalInstallCommand(result, "none")).toMatchObject({ exitCode: 0, stderr: "" });
    }
    expect(readFileSync(join(home, ".ssh", "authorized_keys"), "utf8")).toBe(`${KEY}\n`);
    expect(statSync(join(home, ".ssh")).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, ".ssh", "authorized_keys")).mode & 0o777).toBe(0o600);
  });

  it("for a remote Mac: the same steps in the bot's own ~", () => {
    const result = remoteInstallCommand(KEY);
    expect(result.ok && result.command).toContain("chmod 700 ~/.ssh");
    expect(result.ok && result.command).toContain(`printf '%s\\n' '${KEY}' >> ~/.ssh/authorized_keys`);
  });

  it.each([
    ["a shell character in the user", { botUser: "a;b", publicKey: KEY }],
    ["an option-like user", { botUser: "-R", publicKey: KEY }],
    ["a key with authorized_keys options in front", { botUser: "bot", publicKey: `command="sh" ${KEY}` }],
    ["two keys", { botUser: "bot", publicKey: `${KEY}\n${KEY}` }],
    ["a quote in the key's comment", { botUser: "bot", publicKey: `${KEY}'; rm -rf ~; '` }],
    ["a relative home", { botUser: "bot", publicKey: KEY, homeDir: "Users/bot" }],
    ["a home with ..", { botUser: "bot", publicKey: KEY, homeDir: "/Users/../etc" }],
  ])("refuses %s", (_name, input) => {
    expect(localBotInstallCommand(input).ok).toBe(false);
  });

  it("asks for administrator rights through osascript with the command as one AppleScript string", () => {
    expect(adminPromptArgs(`echo "a\\b"`)).toEqual([
      "-e",
      'do shell script "echo \\"a\\\\b\\"" with administrator privileges',
    ]);
  });
});
