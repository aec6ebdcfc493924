import { describe, expect, it } from "vitest";
import { logicalLines, parseSshWrapper, splitShellWords } from "../../../app/ssh/read-ssh-wrapper.ts";

const wrapper = (command: string) => `#!/usr/bin/env bash\nset -euo pipefail\n# comment\n${command}\n`;
const remoteHostOf = (text: string) => parseSshWrapper(text)?.remoteHost ?? null;

describe("remoteHost detection from an SSH wrapper", () => {
  it("reads the host of the seed's simple wrapper", () => {
    expect(remoteHostOf(wrapper('exec ssh -T gateway-host imsg "$@"'))).toBe("gateway-host");
  });

  it("skips options and their values, and keeps user@host", () => {
    const text = wrapper(
      'exec /usr/bin/ssh -o BatchMode=yes -o ConnectTimeout=5 -T bot@mac-mini.tailnet-1234.ts.net "/usr/local/bin/imsg" "$@"',
    );
    expect(remoteHostOf(text)).toBe("bot@mac-mini.tailnet-1234.ts.net");
  });

  it("reads the reference's bot-user wrapper, its command continued over two lines", () => {
    const text = [
      "#!/usr/bin/env bash",
      "set -euo pipefail",
      "",
      "# Run an interactive SSH once first to accept host keys:",
      "#   ssh bot@localhost true",
      "exec /usr/bin/ssh -o BatchMode=yes -o ConnectTimeout=5 -T bot@localhost \\",
      '  "/usr/local/bin/imsg" "$@"',
      "",
    ].join("\n");
    expect(parseSshWrapper(text)).toEqual({
      link: {
        destination: "bot@localhost",
        port: 22,
        identityFile: undefined,
        knownHostsFile: undefined,
        connectTimeoutSeconds: 5,
      },
      remoteHost: "bot@localhost",
      quotesArguments: false,
    });
  });

  it("joins every continued line, with options on lines of their own", () => {
    const text = wrapper(
      ["exec ssh \\", "  -T \\", "  -p 2222 \\", "  bot@mac-mini \\", '  /opt/homebrew/bin/imsg "$@"'].join(
        "\n",
      ),
    );
    expect(parseSshWrapper(text)?.link).toMatchObject({ destination: "bot@mac-mini", port: 2222 });
    expect(remoteHostOf(text)).toBe("bot@mac-mini");
  });

  it("does not continue a comment, or a line ending in an escaped backslash", () => {
    expect(logicalLines("# note \\\nexec ssh host imsg")).toEqual(["# note \\", "exec ssh host imsg"]);
    expect(logicalLines("echo a\\\\\nexec ssh host imsg")).toEqual(["echo a\\\\", "exec ssh host imsg"]);
    expect(logicalLines("exec ssh \\\n  host \\\n  imsg")).toEqual(["exec ssh   host   imsg"]);
  });

  it("joins -l user with the host", () => {
    expect(remoteHostOf(wrapper('exec ssh -l bot -p 2222 localhost imsg "$@"'))).toBe("bot@localhost");
  });

  it("refuses a host that would be an option or is not plain", () => {
    expect(remoteHostOf(wrapper('exec ssh -- -oProxyCommand=x imsg "$@"'))).toBeNull();
    expect(remoteHostOf(wrapper('exec ssh "$HOST" imsg "$@"'))).toBeNull();
  });

  it("gives up on anything that is not one ssh command running imsg", () => {
    expect(remoteHostOf(wrapper('exec /opt/homebrew/bin/imsg "$@"'))).toBeNull();
    expect(remoteHostOf(wrapper('cd /tmp\nexec ssh host imsg "$@"'))).toBeNull();
    expect(remoteHostOf(wrapper('exec ssh host other-tool "$@"'))).toBeNull();
  });
});

describe("the ssh settings of a wrapper", () => {
  it("reads the settings of a hand-written wrapper too", () => {
    const text =
      '#!/usr/bin/env bash\nset -euo pipefail\nexec ssh -T -oBatchMode=yes -i ~/.ssh/bot -l bot -p 2200 mac-mini imsg "$@"\n';
    expect(parseSshWrapper(text)?.link).toEqual({
      destination: "bot@mac-mini",
      port: 2200,
      identityFile: "~/.ssh/bot",
      knownHostsFile: undefined,
      connectTimeoutSeconds: undefined,
    });
    expect(parseSshWrapper('#!/bin/sh\nexec /opt/homebrew/bin/imsg "$@"\n')).toBeNull();
    expect(parseSshWrapper('#!/bin/sh\ncd /tmp\nexec ssh host imsg "$@"\n')).toBeNull();
  });

  it("takes the word after -- as the destination, as ssh does, even when it looks like an option", () => {
    expect(parseSshWrapper(wrapper('exec ssh -p 2200 -- -oProxyCommand=x imsg "$@"'))?.link).toMatchObject({
      destination: "-oProxyCommand=x",
      port: 2200,
    });
  });

  it("splits shell words with quotes and escapes, and refuses expansions it cannot evaluate", () => {
    expect(splitShellWords(`exec ssh 'a b' "c d" e\\ f 'it'\\''s' "$@"`)).toEqual([
      "exec",
      "ssh",
      "a b",
      "c d",
      "e f",
      "it's",
      "\u0000@",
    ]);
    expect(splitShellWords('exec ssh "$HOST" imsg')).toBeNull();
    expect(splitShellWords("exec ssh host imsg; rm -rf ~")).toBeNull();
  });
});
