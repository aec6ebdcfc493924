import { describe, expect, it } from "vitest";
import { withoutKey } from "../../sshd/bot-user.ts";

const BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIGnq3mTlsA3cTO8YvRYc2x5Y4xJtVq9R3i2d4pQh0a1b";
const OTHER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb other@host";

describe("the SSH tests' cleanup of the bot's authorized_keys", () => {
  it.each([
    ["both with the same comment", `ssh-ed25519 ${BLOB} pinch@mac`, `ssh-ed25519 ${BLOB} pinch@mac`],
    [
      "the file's line with a comment, the key without",
      `ssh-ed25519 ${BLOB} pinch@mac`,
      `ssh-ed25519 ${BLOB}`,
    ],
    ["the key with a comment, the line without", `ssh-ed25519 ${BLOB}`, `ssh-ed25519 ${BLOB} pinch@mac`],
    ["different comments", `ssh-ed25519 ${BLOB} pinch@one`, `ssh-ed25519 ${BLOB} pinch@two`],
  ])("removes the key's line with %s, keeping every other key", (_name, line, publicKey) => {
    expect(withoutKey(`${OTHER}\n${line}\n${line}\n`, publicKey)).toBe(`${OTHER}\n`);
  });

  it("leaves an empty file when the key was the only one", () => {
    expect(withoutKey(`ssh-ed25519 ${BLOB} pinch@mac\n`, `ssh-ed25519 ${BLOB}`)).toBe("");
  });
});
