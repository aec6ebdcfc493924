// Stand-ins for the macOS tools the permission checks run, put first on PATH: `osascript`
// answering like the real one (stdout, the `execution error: … (-1743)` stderr, exit 1), `open`
// and `brew`. Each records its arguments, one line per call, so tests can see what ran.
import {
  chmodSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

/** What the stand-in osascript does for the Automation probe (`tell application "Messages" to get name`). */
export type AutomationAnswer = "granted" | "denied" | "not-running" | "needs-consent" | "prompt-open";

export interface FakeMacos {
  binDir: string;
  env: NodeJS.ProcessEnv;
  /** Changes the answers of the next osascript runs. */
  answer(automation: AutomationAnswer, accounts?: string): void;
  /** The argument lists every stand-in was called with, in order. */
  calls(tool: "osascript" | "open" | "brew"): string[][];
  installBrew(): string;
}

const osascriptScript = `#!/bin/sh
dir=$(dirname "$0")
printf '%s\\037' "$@" >> "$dir/osascript.calls"; echo >> "$dir/osascript.calls"
mode=$(cat "$dir/automation.mode")
case "$mode" in
  denied) echo "0:38: execution error: Not authorized to send Apple events to Messages. (-1743)" >&2; exit 1 ;;
  not-running) echo "0:38: execution error: Messages got an error: Application isn’t running. (-600)" >&2; exit 1 ;;
  needs-consent) echo "0:38: execution error: Messages got an error: A privilege violation occurred. (-1744)" >&2; exit 1 ;;
  prompt-open) exec sleep 30 ;;
esac
case "$*" in
  *"repeat with acct in accounts"*) cat "$dir/accounts.txt" ;;
  *) echo "Messages" ;;
esac
`;

function recorder(tool: string): string {
  return `#!/bin/sh
dir=$(dirname "$0")
printf '%s\\037' "$@" >> "$dir/${tool}.calls"; echo >> "$dir/${tool}.calls"
`;
}

export function createFakeMacos(): FakeMacos {
  const binDir = mkdtempSync(path.join(os.tmpdir(), "pinch-fake-macos-"));
  const write = (name: string, text: string, mode = 0o644) => {
    writeFileSync(path.join(binDir, name), text);
    chmodSync(path.join(binDir, name), mode);
  };
  write("osascript", osascriptScript, 0o755);
  write("open", recorder("open"), 0o755);
  const fake: FakeMacos = {
    binDir,
    env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}` },
    answer(automation, accounts = "iMessage\ttrue\nSMS\tfalse\n") {
      write("automation.mode", automation);
      write("accounts.txt", accounts);
    },
    calls(tool) {
      let text = "";
      try {
        text = readFileSync(path.join(binDir, `${tool}.calls`), "utf8");
      } catch {
        return [];
      }
      return text
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("\u001f").slice(0, -1));
    },
    installBrew() {
      write("brew", `${recorder("brew")}echo "brew stand-in"\n`, 0o755);
      return path.join(binDir, "brew");
    },
  };
  fake.answer("granted");
  return fake;
}

/** Messages' database as macOS guards it, switched by the test. */
export interface GuardedDatabase {
  /** Where the account's dbPath points. */
  path: string;
  /** Full Disk Access on: the database opens. */
  grant(): void;
  /** Full Disk Access off: opening it fails with EACCES, as macOS refuses a process without it. */
  revoke(): void;
}

/**
 * A link at `dir/chat.db` that leads either to the real database or to a file the kernel refuses
 * to open. Root opens any file mode, so as root that file is a write-only sysfs attribute, which
 * refuses every reader; for anyone else a mode-000 file does.
 */
export function guardDatabase(realDb: string, dir: string): GuardedDatabase {
  const link = path.join(dir, "chat.db");
  const refused = refusedFile(dir);
  const pointAt = (target: string) => {
    const next = `${link}.next`;
    symlinkSync(target, next);
    renameSync(next, link);
  };
  return { path: link, grant: () => pointAt(realDb), revoke: () => pointAt(refused) };
}

const writeOnlySysfsFiles = ["/sys/bus/pci/rescan", "/sys/bus/pci/drivers_probe", "/sys/bus/platform/uevent"];

function refusedFile(dir: string): string {
  if (process.getuid?.() !== 0) {
    const file = path.join(dir, "no-access.db");
    writeFileSync(file, "");
    chmodSync(file, 0o000);
    return file;
  }
  const found = writeOnlySysfsFiles.find(refusesReading);
  if (!found) throw new Error("no file on this machine refuses root; run the test as another user");
  return found;
}

function refusesReading(file: string): boolean {
  try {
    closeSync(openSync(file, "r"));
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EACCES";
  }
}
