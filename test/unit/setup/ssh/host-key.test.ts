import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintOf, parseKnownHostsLines, trustHostKey } from "../../../../app/setup/ssh/host-key.ts";

describe("host keys", () => {
  it("computes the SHA256 fingerprint exactly as ssh-keygen -l prints it", () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-hostkey-"));
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
    const blob = readFileSync(join(dir, "k.pub"), "utf8").split(" ")[1] as string;
    const printed = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "k.pub")], {
      encoding: "utf8",
    });
    expect(fingerprintOf(blob)).toBe(printed.split(" ")[1]);
  });

  it("replaces only that host's line in Pinch's known_hosts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-hostkey-"));
    const file = join(dir, "known_hosts");
    writeFileSync(file, "other ssh-ed25519 AAAA\n[mac]:2222 ssh-ed25519 BBBB\n");
    const [key] = parseKnownHostsLines("[mac]:2222 ssh-ed25519 CCCC");
    if (!key) throw new Error("no key parsed");
    expect(await trustHostKey(file, key, key.fingerprint)).toEqual({ ok: true });
    expect(readFileSync(file, "utf8")).toBe("other ssh-ed25519 AAAA\n[mac]:2222 ssh-ed25519 CCCC\n");
  });

  it("never records a key whose fingerprint is not the one the user confirmed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pinch-hostkey-"));
    const [key] = parseKnownHostsLines("mac ssh-ed25519 CCCC");
    if (!key) throw new Error("no key parsed");
    const result = await trustHostKey(join(dir, "known_hosts"), key, "SHA256:somethingElse");
    expect(result).toMatchObject({ ok: false, fix: expect.stringContaining("ssh-keygen -lf") });
  });
});
