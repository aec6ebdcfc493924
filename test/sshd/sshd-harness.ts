/**
 * A private sshd for the SSH tests: `/usr/sbin/sshd -D -f <own config>` on
 * 127.0.0.1 with its own port and host key, letting in only the bot user
 * with a key. Each test file starts one (not one per test), and gets its own
 * folder in the bot's home with a chat.db, an `imsg` script and a fault
 * control file, so files running in parallel never share a database.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRemoteLogin } from "../../app/setup/ssh/remote-login-check.ts";
import { type FaultConfig, SimDb, writeFaultControl } from "../imsg-sim/sim-db.ts";
import { type BotUser, ensureBotUser } from "./bot-user.ts";

export const SSHD_PATH = "/usr/sbin/sshd";
export const LOOPBACK = "127.0.0.1";

export interface SshdHarness {
  port: number;
  bot: BotUser;
  /** This file's folder in the bot's home. */
  botDir: string;
  /** The `imsg` the bot runs for this file (the simulator, with this file's control file). */
  remoteImsg: string;
  /** The bot's Messages database, played by the test (root) and read by the bot's imsg. */
  sim: SimDb;
  attachmentsRoot: string;
  /** Writes a file into the bot's attachments folder, owned by the bot; returns its path. */
  addAttachment: (name: string, content: string | Buffer) => string;
  setFaults: (faults: FaultConfig) => void;
  logs: () => string;
  /** `SHA256:…` of the host key sshd serves now, as `ssh-keygen -l` prints it. */
  hostFingerprint: () => string;
  /** Restarts sshd on the same port with a new host key: what a reinstalled Mac (or an attacker) looks like. */
  changeHostKey: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Why this machine cannot run the SSH tests, or null when it can. */
export function sshdUnavailableReason(): string | null {
  if (process.platform !== "linux") return "the SSH tests create a local bot user with useradd (Linux only)";
  if (process.getuid?.() !== 0)
    return "the SSH tests must run as root (they create a bot user and start sshd)";
  for (const tool of [
    SSHD_PATH,
    "/usr/bin/ssh",
    "/usr/bin/scp",
    "/usr/bin/ssh-keygen",
    "/usr/bin/ssh-keyscan",
  ]) {
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      return `${tool} is missing: install openssh-server and openssh-client (npm run setup does)`;
    }
  }
  for (const tool of ["useradd", "usermod", "runuser", "getent"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      return `${tool} is missing`;
    }
  }
  return null;
}

export async function startSshd(): Promise<SshdHarness> {
  const bot = ensureBotUser();
  const dir = mkdtempSync(join(tmpdir(), "pinch-sshd-"));
  // sshd refuses to start without its privilege-separation folder; the Debian service creates it at boot.
  if (!existsSync("/run/sshd")) mkdirSync("/run/sshd", { mode: 0o755 });
  const botDir = mkdtempSync(join(bot.home, "pinch-test-"));
  const controlFile = join(botDir, "control.json");
  const remoteImsg = join(botDir, "imsg");
  writeFileSync(
    remoteImsg,
    [
      "#!/bin/sh",
      "# The bot's imsg for one test file: the simulator, with that file's fault switches.",
      `IMSG_SIM_CONTROL='${controlFile}'; export IMSG_SIM_CONTROL`,
      "IMSG_SIM_POLL_MS=10; export IMSG_SIM_POLL_MS",
      `exec '${bot.shim}' "$@"`,
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  const messagesDir = join(botDir, "Library", "Messages");
  const attachmentsRoot = join(messagesDir, "Attachments");
  mkdirSync(attachmentsRoot, { recursive: true });
  const sim = SimDb.create({ path: join(messagesDir, "chat.db") });
  const chownBotDir = () => execFileSync("chown", ["-R", `${bot.uid}:${bot.gid}`, botDir]);
  chownBotDir();

  let port = 0;
  let child: ChildProcess | undefined;
  let output = "";
  let exited: Promise<void> = Promise.resolve();
  const launch = async (): Promise<void> => {
    const config = join(dir, "sshd_config");
    writeFileSync(
      config,
      [
        `Port ${port}`,
        `ListenAddress ${LOOPBACK}`,
        `HostKey ${join(dir, "host_ed25519")}`,
        `PidFile ${join(dir, "sshd.pid")}`,
        "AuthorizedKeysFile .ssh/authorized_keys",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes yes",
        "PermitRootLogin no",
        `AllowUsers ${bot.name}`,
        // Real Macs have it; scp (SFTP mode) needs it.
        "Subsystem sftp internal-sftp",
        "LogLevel VERBOSE",
        "",
      ].join("\n"),
    );
    const proc = spawn(SSHD_PATH, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    child = proc;
    exited = new Promise((resolve) => proc.on("exit", () => resolve()));
    proc.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const check = await checkRemoteLogin(LOOPBACK, port, 2_000);
      if (check.ok) return;
      if (proc.exitCode !== null || Date.now() > deadline) {
        throw new Error(`sshd did not start on port ${port}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const newHostKey = () => {
    rmSync(join(dir, "host_ed25519"), { force: true });
    rmSync(join(dir, "host_ed25519.pub"), { force: true });
    execFileSync("ssh-keygen", [
      "-q",
      "-t",
      "ed25519",
      "-N",
      "",
      "-C",
      "pinch-test-host",
      "-f",
      join(dir, "host_ed25519"),
    ]);
  };
  const halt = async () => {
    child?.kill("SIGTERM");
    await exited;
  };

  newHostKey();
  // Another process may take the free port before sshd binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await halt();
      if (attempt === 3) throw error;
    }
  }

  return {
    port,
    bot,
    botDir,
    remoteImsg,
    sim,
    attachmentsRoot,
    addAttachment: (name, content) => {
      const file = join(attachmentsRoot, name);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, content);
      chmodSync(file, 0o644);
      chownBotDir();
      return file;
    },
    setFaults: (faults) => {
      writeFaultControl(controlFile, faults);
      chmodSync(controlFile, 0o644);
    },
    logs: () => output,
    hostFingerprint: () =>
      execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "host_ed25519.pub")], {
        encoding: "utf8",
      }).split(" ")[1] as string,
    changeHostKey: async () => {
      await halt();
      newHostKey();
      await launch();
    },
    stop: async () => {
      await halt();
      sim.close();
      rmSync(botDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
