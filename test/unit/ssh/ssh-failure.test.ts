import { describe, expect, it } from "vitest";
import { classifySshFailure } from "../../../app/ssh/ssh-failure.ts";

const CHANGED = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Host key for [127.0.0.1]:2299 has changed and you have requested strict checking.
Host key verification failed.
`;

describe("ssh failures, as OpenSSH prints them", () => {
  it.each([
    [CHANGED, "host-key-changed"],
    [
      "No ED25519 host key is known for [127.0.0.1]:2299 and you have requested strict checking.\nHost key verification failed.\n",
      "host-key-unknown",
    ],
    ["pinchbot@127.0.0.1: Permission denied (publickey).\n", "key-refused"],
    ["ssh: connect to host 127.0.0.1 port 1: Connection refused\n", "connection-refused"],
    ["ssh: connect to host 10.0.0.9 port 22: Connection timed out\n", "timeout"],
    ["ssh: Could not resolve hostname nowhere: Name or service not known\n", "unknown-host"],
    ["WARNING: UNPROTECTED PRIVATE KEY FILE!\nPermissions 0644 for 'k' are too open.\n", "key-unusable"],
    ["kex_exchange_identification: read: Connection reset by peer\n", "other"],
  ])("%j is %s", (stderr, kind) => {
    expect(classifySshFailure(stderr, "bot@mac").kind).toBe(kind);
  });

  it("a changed host key says so plainly and never suggests just accepting it", () => {
    const failure = classifySshFailure(CHANGED, "bot@mac");
    expect(failure.message).toContain("CHANGED");
    expect(failure.fix).toMatch(/compare the new fingerprint/);
    expect(failure.fix).not.toMatch(/StrictHostKeyChecking=no|ssh-keygen -R/);
  });
});
