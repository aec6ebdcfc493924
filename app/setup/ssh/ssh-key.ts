import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { describeFailure, runProcess } from "../../process/run-process.ts";
import { checkLinkPath } from "../../ssh/ssh-options.ts";

/** A key pair Pinch can use without a prompt: the private key file and its public line. */
export interface SshKey {
  privateKeyPath: string;
  /** `ssh-ed25519 AAAA… comment`, one line. */
  publicKey: string;
}

export type KeyResult =
  | { ok: true; key: SshKey; created: boolean }
  | { ok: false; message: string; fix: string };

export const PINCH_KEY_FILE = "id_ed25519_pinch";

/**
 * Pinch's own ed25519 key in `sshDir` (0700), created on first use with no
 * passphrase (the gateway runs unattended) and mode 0600; reused afterwards.
 */
export async function ensurePinchKey(sshDir: string): Promise<KeyResult> {
  const privateKeyPath = path.join(sshDir, PINCH_KEY_FILE);
  const bad = checkLinkPath(privateKeyPath, "the key folder");
  if (bad) return { ok: false, message: bad, fix: "set Pinch's data folder to a plain path" };
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  await chmod(sshDir, 0o700);
  const exists = await stat(privateKeyPath).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const result = await runProcess(
      "ssh-keygen",
      ["-q", "-t", "ed25519", "-N", "", "-C", keyComment(), "-f", privateKeyPath],
      { timeoutMs: 30_000 },
    );
    if (result.exitCode !== 0) {
      return {
        ok: false,
        message: `ssh-keygen could not create ${privateKeyPath}: ${describeFailure(result)}`,
        fix: "check that OpenSSH (ssh-keygen) is installed and the data folder is writable",
      };
    }
  }
  await chmod(privateKeyPath, 0o600);
  const key = await readKeyPair(privateKeyPath);
  return key.ok ? { ...key, created: !exists } : key;
}

/** A key the user picked: it must be private to them and usable without a passphrase. */
export async function pickExistingKey(privateKeyPath: string): Promise<KeyResult> {
  const bad = checkLinkPath(privateKeyPath, "the key file");
  if (bad)
    return { ok: false, message: bad, fix: "move the key to a plain path, or let Pinch create its own" };
  let mode: number;
  try {
    mode = (await stat(privateKeyPath)).mode;
  } catch (error) {
    return {
      ok: false,
      message: `cannot read ${privateKeyPath}: ${(error as Error).message}`,
      fix: "pick the private key file (not the .pub)",
    };
  }
  if ((mode & 0o077) !== 0) {
    return {
      ok: false,
      message: `${privateKeyPath} is readable by other users (mode ${(mode & 0o777).toString(8)}); ssh refuses such keys`,
      fix: `run chmod 600 ${privateKeyPath}`,
    };
  }
  const key = await readKeyPair(privateKeyPath);
  return key.ok ? { ...key, created: false } : key;
}

/** The public line, derived from the private key itself (`ssh-keygen -y`) so the pair always matches. */
async function readKeyPair(
  privateKeyPath: string,
): Promise<{ ok: true; key: SshKey } | { ok: false; message: string; fix: string }> {
  // -P "" makes a passphrase-protected key fail instead of prompting.
  const result = await runProcess("ssh-keygen", ["-y", "-P", "", "-f", privateKeyPath], {
    timeoutMs: 15_000,
  });
  const publicKey = result.stdout.trim();
  if (result.exitCode !== 0 || !isPublicKeyLine(publicKey)) {
    const passphrase = /passphrase|incorrect/i.test(result.stderr);
    return {
      ok: false,
      message: passphrase
        ? `${privateKeyPath} has a passphrase; the gateway runs unattended and cannot type it`
        : `${privateKeyPath} is not a usable private key: ${describeFailure(result)}`,
      fix: "let Pinch create its own key, or pick a key without a passphrase",
    };
  }
  // A key created elsewhere may have a comment we would have to quote everywhere; the key itself is enough.
  const [type, blob] = publicKey.split(/\s+/);
  const existingComment = await readFile(`${privateKeyPath}.pub`, "utf8").then(
    (text) => text.trim().split(/\s+/)[2],
    () => undefined,
  );
  const comment = existingComment && /^[A-Za-z0-9@._-]+$/.test(existingComment) ? existingComment : undefined;
  return { ok: true, key: { privateKeyPath, publicKey: [type, blob, comment].filter(Boolean).join(" ") } };
}

const PUBLIC_KEY_LINE =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [A-Za-z0-9@._-]+)?$/;

/** A public key line with nothing a shell or authorized_keys would read as more than a key. */
export function isPublicKeyLine(line: string): boolean {
  return PUBLIC_KEY_LINE.test(line);
}

function keyComment(): string {
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "");
  return `pinch@${host || "mac"}`;
}
