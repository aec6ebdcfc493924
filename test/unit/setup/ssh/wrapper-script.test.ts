import { describe, expect, it } from "vitest";
import { renderWrapperScript, type WrapperSpec } from "../../../../app/setup/ssh/wrapper-script.ts";
import { parseSshWrapper } from "../../../../app/ssh/read-ssh-wrapper.ts";
import { QUOTE_ARGUMENTS } from "../../../../app/ssh/remote-arguments.ts";

const spec: WrapperSpec = {
  target: { user: "bot", host: "mac-mini.local", port: 22 },
  link: {
    identityFile: "/Users/me/Library/Application Support/Pinch/ssh/id_ed25519_pinch",
    knownHostsFile: "/Users/me/Library/Application Support/Pinch/ssh/known_hosts",
    port: 22,
    connectTimeoutSeconds: 10,
  },
  remoteImsg: "/opt/homebrew/bin/imsg",
  sshPath: "/usr/bin/ssh",
};

function render(change: Partial<WrapperSpec> = {}): string {
  const result = renderWrapperScript({ ...spec, ...change });
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe("the SSH wrapper script", () => {
  it('execs ssh -T with every safety option, the key and Pinch\'s known_hosts, then imsg "$@"', () => {
    const exec = render()
      .split("\n")
      .find((line) => line.startsWith("exec "));
    expect(exec).toBe(
      "exec /usr/bin/ssh -T -o BatchMode=yes -o ConnectTimeout=10 -o IdentitiesOnly=yes " +
        "-i '/Users/me/Library/Application Support/Pinch/ssh/id_ed25519_pinch' " +
        `-o 'UserKnownHostsFile="/Users/me/Library/Application Support/Pinch/ssh/known_hosts"' ` +
        '-o StrictHostKeyChecking=yes bot@mac-mini.local /opt/homebrew/bin/imsg "$@"',
    );
    expect(render().startsWith("#!/bin/sh\n")).toBe(true);
  });

  it("quotes every argument for the remote shell before ssh joins them", () => {
    const lines = render().split("\n");
    const exec = lines.findIndex((line) => line.startsWith("exec "));
    expect(lines.slice(exec - QUOTE_ARGUMENTS.length, exec)).toEqual([...QUOTE_ARGUMENTS]);
  });

  it("adds -p for a port other than 22", () => {
    expect(render({ target: { ...spec.target, port: 2222 } })).toContain(" -p 2222 bot@mac-mini.local ");
  });

  it("reads back the settings it wrote, so scp uses the same key and known_hosts", () => {
    expect(parseSshWrapper(render({ target: { ...spec.target, port: 2222 } }))?.link).toEqual({
      destination: "bot@mac-mini.local",
      port: 2222,
      identityFile: spec.link.identityFile,
      knownHostsFile: spec.link.knownHostsFile,
      connectTimeoutSeconds: 10,
    });
  });

  it("stays detectable as a simple wrapper when its paths have no spaces", () => {
    const text = render({
      link: {
        ...spec.link,
        identityFile: "/home/me/.pinch/key",
        knownHostsFile: "/home/me/.pinch/known_hosts",
      },
    });
    expect(parseSshWrapper(text)?.remoteHost).toBe("bot@mac-mini.local");
  });

  it("names its remoteHost even when its paths have spaces (the macOS data folder does)", () => {
    expect(parseSshWrapper(render())?.remoteHost).toBe("bot@mac-mini.local");
  });

  it.each([
    ["an option as host", { target: { user: "bot", host: "-oProxyCommand=x", port: 22 } }],
    ["a shell character in the user", { target: { user: "a;b", host: "mac", port: 22 } }],
    ["a command substitution in the remote imsg", { remoteImsg: "$(reboot)" }],
    ["a remote imsg with a space", { remoteImsg: "/opt/my tools/imsg" }],
    ["a % in the key path", { link: { ...spec.link, identityFile: "/keys/%h" } }],
    ["a relative known_hosts", { link: { ...spec.link, knownHostsFile: "known_hosts" } }],
    ["a newline in the key path", { link: { ...spec.link, identityFile: "/keys/a\nb" } }],
  ])("refuses %s", (_name, change) => {
    expect(renderWrapperScript({ ...spec, ...change }).ok).toBe(false);
  });
});
