/**
 * The "bot user" of the SSH tests: a second local account, created once and
 * reused, that runs the imsg simulator as its `imsg`. Creation and edits of
 * its authorized_keys happen under a lock, since test files run in parallel.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BOT_USER = "pinchbot";
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SHIM = join(REPO, "test/imsg-sim/bin/imsg");

export interface BotUser {
  name: string;
  home: string;
  uid: number;
  gid: number;
  /** The simulator's shim as the bot can run it: the checkout's, or a copy in its home. */
  shim: string;
}

export function ensureBotUser(): BotUser {
  return withLock(() => {
    if (!lookup(BOT_USER)) {
      execFileSync("useradd", ["--create-home", "--shell", "/bin/sh", BOT_USER], { stdio: "pipe" });
    }
    // useradd leaves the password "!" (locked), and sshd refuses locked accounts even for keys.
    // "*" means "no password can match" without locking.
    execFileSync("usermod", ["-p", "*", BOT_USER], { stdio: "pipe" });
    const entry = lookup(BOT_USER) as { home: string; uid: number; gid: number };
    execFileSync("chmod", ["755", entry.home]);
    return {
      name: BOT_USER,
      ...entry,
      shim: botCanRun(SHIM) && !process.env.PINCH_TEST_COPY_SIM ? SHIM : copySimulator(entry),
    };
  });
}

/** Runs `command` as the bot (root only), returning its stdout. */
export function runAsBot(args: string[]): string {
  return execFileSync("runuser", ["-u", BOT_USER, "--", ...args], { encoding: "utf8", stdio: "pipe" });
}

/** Removes one public key line from the bot's authorized_keys (the tests add theirs with Pinch's own command). */
export function forgetAuthorizedKey(bot: BotUser, publicKey: string): void {
  withLock(() => {
    const file = join(bot.home, ".ssh", "authorized_keys");
    if (!existsSync(file)) return;
    writeFileSync(file, withoutKey(readFileSync(file, "utf8"), publicKey));
  });
}

/**
 * authorized_keys text without the lines holding `publicKey`'s key: its type
 * and blob, whatever comment either side carries (Pinch writes its key with one).
 */
export function withoutKey(text: string, publicKey: string): string {
  const kept = text.split("\n").filter((line) => line.trim() !== "" && keyOf(line) !== keyOf(publicKey));
  return kept.length ? `${kept.join("\n")}\n` : "";
}

function keyOf(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(" ");
}

function lookup(name: string): { home: string; uid: number; gid: number } | undefined {
  try {
    const line = execFileSync("getent", ["passwd", name], { encoding: "utf8" }).trim();
    const fields = line.split(":");
    return { uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] as string };
  } catch {
    return undefined;
  }
}

function botCanRun(shim: string): boolean {
  try {
    return runAsBot([shim, "--version"]).trim() !== "";
  } catch {
    return false;
  }
}

/**
 * When the checkout is not readable by other users, the bot gets its own copy
 * of what the simulator needs: its sources, the wire shapes it shares with
 * the app, its packages (zod, libphonenumber-js), and Node 24.
 */
function copySimulator(entry: { home: string; uid: number; gid: number }): string {
  const root = join(entry.home, "pinch-sim");
  const shim = join(root, "test/imsg-sim/bin/imsg");
  if (botCanRun(shim) && !process.env.PINCH_TEST_COPY_SIM) return shim;
  rmSync(root, { recursive: true, force: true });
  for (const part of [
    "test/imsg-sim",
    "app/imsg/protocol.ts",
    "node_modules/zod",
    "node_modules/libphonenumber-js",
    "node_modules/node/bin/node",
  ]) {
    mkdirSync(dirname(join(root, part)), { recursive: true });
    cpSync(join(REPO, part), join(root, part), { recursive: true, dereference: true });
  }
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  execFileSync("chown", ["-R", `${entry.uid}:${entry.gid}`, root]);
  if (!botCanRun(shim)) throw new Error(`the bot user cannot run the simulator copied to ${root}`);
  return shim;
}

const LOCK = join(tmpdir(), "pinch-test-bot-user.lock");

function lockTime(): number {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}

function withLock<T>(task: () => T): T {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than any holder could need was left by a killed run.
      if (Date.now() - lockTime() > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`${LOCK} is held for a minute; remove it if no test is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return task();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
