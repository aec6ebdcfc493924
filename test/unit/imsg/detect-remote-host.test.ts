import { describe, expect, it } from "vitest";
import { detectRemoteHost } from "../../../app/imsg/detect-remote-host.ts";

const wrapper = (command: string) => `#!/usr/bin/env bash\nset -euo pipefail\n# comment\n${command}\n`;

describe("remoteHost detection from an SSH wrapper", () => {
  it("reads the host of the seed's simple wrapper", () => {
    expect(detectRemoteHost(wrapper('exec ssh -T gateway-host imsg "$@"'))).toBe("gateway-host");
  });

  it("skips options and their values, and keeps user@host", () => {
    const text = wrapper(
      'exec /usr/bin/ssh -o BatchMode=yes -o ConnectTimeout=5 -T bot@mac-mini.tailnet-1234.ts.net "/usr/local/bin/imsg" "$@"',
    );
    expect(detectRemoteHost(text)).toBe("bot@mac-mini.tailnet-1234.ts.net");
  });

  it("joins -l user with the host", () => {
    expect(detectRemoteHost(wrapper('exec ssh -l bot -p 2222 localhost imsg "$@"'))).toBe("bot@localhost");
  });

  it("refuses a host that would be an option or is not plain", () => {
    expect(detectRemoteHost(wrapper('exec ssh -- -oProxyCommand=x imsg "$@"'))).toBeNull();
    expect(detectRemoteHost(wrapper('exec ssh "$HOST" imsg "$@"'))).toBeNull();
  });

  it("gives up on anything that is not one ssh command running imsg", () => {
    expect(detectRemoteHost(wrapper('exec /opt/homebrew/bin/imsg "$@"'))).toBeNull();
    expect(detectRemoteHost(wrapper('cd /tmp\nexec ssh host imsg "$@"'))).toBeNull();
    expect(detectRemoteHost(wrapper('exec ssh host other-tool "$@"'))).toBeNull();
  });
});
