/**
 * The target's host key: fetched once with `ssh-keyscan`, shown to the user
 * as a SHA256 fingerprint, and recorded in Pinch's own known_hosts only after
 * they confirmed that fingerprint. Every later ssh and scp checks against
 * that file with StrictHostKeyChecking=yes, so a changed key stops the link.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../../fs/atomic-write.ts";
import { runProcess } from "../../process/run-process.ts";
import { knownHostsName, parseSshTarget, type SshTarget } from "../../ssh/ssh-target.ts";

export interface HostKey {
  /** The known_hosts name: `host` or `[host]:port`. */
  name: string;
  type: string;
  /** The key blob, base64. */
  blob: string;
  /** `SHA256:…`, as `ssh-keygen -l` and ssh's own prompts print it. */
  fingerprint: string;
}

export type HostKeyScan = { ok: true; hostKey: HostKey } | { ok: false; message: string; fix: string };

/** Preferred first: the fingerprint a Mac shows for `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`. */
const KEY_TYPES = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa",
];

export async function scanHostKey(target: SshTarget, timeoutSeconds = 5): Promise<HostKeyScan> {
  const checked = parseSshTarget(target.host, target.port);
  if (!checked.ok)
    return { ok: false, message: checked.message, fix: "enter the Mac's plain host name or address" };
  const result = await runProcess(
    "ssh-keyscan",
    ["-T", String(timeoutSeconds), "-p", String(target.port), "-t", "ed25519,ecdsa,rsa", "--", target.host],
    { timeoutMs: (timeoutSeconds + 5) * 1000 },
  );
  const keys = parseKnownHostsLines(result.stdout).filter((key) => key.name === knownHostsName(target));
  const best = KEY_TYPES.map((type) => keys.find((key) => key.type === type)).find(Boolean);
  if (!best) {
    return {
      ok: false,
      message: `no host key from ${target.host} port ${target.port}${result.spawnError ? ` (${result.spawnError.message})` : ""}`,
      fix: "check that Remote Login is on for that Mac (System Settings → General → Sharing → Remote Login) and that the host name and port are right",
    };
  }
  return { ok: true, hostKey: best };
}

/** SHA256 of the decoded key blob, base64 without padding: OpenSSH's fingerprint format. */
export function fingerprintOf(blob: string): string {
  const digest = createHash("sha256").update(Buffer.from(blob, "base64")).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

export function parseKnownHostsLines(text: string): HostKey[] {
  const keys: HostKey[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const [names, type, blob] = trimmed.split(/\s+/);
    if (!names || !type || !blob || !/^[A-Za-z0-9+/]+={0,3}$/.test(blob)) continue;
    for (const name of names.split(",")) keys.push({ name, type, blob, fingerprint: fingerprintOf(blob) });
  }
  return keys;
}

export type TrustResult = { ok: true } | { ok: false; message: string; fix: string };

/**
 * Records `hostKey` in Pinch's known_hosts, replacing any earlier key for that
 * host, but only when `confirmedFingerprint` is the one the user was shown:
 * a key that changed between scan and confirmation is never trusted.
 */
export async function trustHostKey(
  knownHostsFile: string,
  hostKey: HostKey,
  confirmedFingerprint: string,
): Promise<TrustResult> {
  if (fingerprintOf(hostKey.blob) !== confirmedFingerprint.trim()) {
    return {
      ok: false,
      message: `the host key of ${hostKey.name} is ${fingerprintOf(hostKey.blob)}, not the confirmed ${confirmedFingerprint.trim()}`,
      fix: "compare the fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` run on that Mac, and scan again",
    };
  }
  const kept = (await readFile(knownHostsFile, "utf8").catch(() => ""))
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().split(/\s+/)[0]?.split(",").includes(hostKey.name));
  await mkdir(path.dirname(knownHostsFile), { recursive: true, mode: 0o700 });
  await writeFileAtomic(
    knownHostsFile,
    `${[...kept, `${hostKey.name} ${hostKey.type} ${hostKey.blob}`].join("\n")}\n`,
  );
  return { ok: true };
}

/** The key recorded for `target`, if any. */
export async function recordedHostKey(
  knownHostsFile: string,
  target: SshTarget,
): Promise<HostKey | undefined> {
  const text = await readFile(knownHostsFile, "utf8").catch(() => "");
  return parseKnownHostsLines(text).find((key) => key.name === knownHostsName(target));
}
