/**
 * Entry point of the simulated `imsg` (run by bin/imsg). Subcommands:
 * --version, --help, rpc, chats, history, send. Like imsg, command errors
 * go to stdout as text with exit status 1. With IMSG_SIM_NO_RPC=1 it plays an
 * imsg from before `rpc` (0.2.x): `rpc` is an unknown subcommand, and
 * `rpc --help` prints the root help, which lists no `rpc`.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { openChatDb } from "./chat-db-writer.ts";
import { FaultSwitches } from "./faults.ts";
import { encodeFrame } from "./frame-writer.ts";
import { MessageStore } from "./message-store.ts";
import { performSend, readSendRequest } from "./outgoing-send.ts";
import { expandHome, isoDate, PayloadBuilder } from "./payloads.ts";
import { type ProtocolMode, protocolModeFrom, simulatedVersion } from "./protocol-mode.ts";
import {
  permissionBanner,
  RpcFailure,
  SQLITE_AUTHORIZATION_DENIED,
  SQLITE_CANNOT_OPEN,
} from "./rpc-errors.ts";
import { runRpcServer } from "./rpc-server.ts";

const DEFAULT_POLL_MS = 25;
const MODE: ProtocolMode = protocolModeFrom(process.env);
const NO_RPC = process.env.IMSG_SIM_NO_RPC === "1";
/** The last imsg release without `rpc`. */
const BEFORE_RPC_VERSION = "0.2.1";

const COMMANDS: Record<string, { abstract: string; options: string[]; examples: string[] }> = {
  chats: {
    abstract: "List recent conversations",
    options: [
      "--db <value>\tPath to chat.db (defaults to ~/Library/Messages/chat.db)",
      "--limit <value>\tNumber of chats to list",
    ],
    examples: ["imsg chats --limit 5", "imsg chats --limit 5 --json"],
  },
  history: {
    abstract: "Show recent messages for a chat",
    options: [
      "--db <value>\tPath to chat.db (defaults to ~/Library/Messages/chat.db)",
      "--chat-id <value>\tchat rowid from 'imsg chats'",
      "--limit <value>\tNumber of messages to show",
      "--attachments\tinclude attachment metadata",
    ],
    examples: ["imsg history --chat-id 1 --limit 10 --attachments", "imsg history --chat-id 1 --json"],
  },
  send: {
    abstract: "Send a message (text and/or attachment)",
    options: [
      "--db <value>\tPath to chat.db (defaults to ~/Library/Messages/chat.db)",
      "--to <value>\tphone number or email",
      "--chat-id <value>\tchat rowid",
      "--chat-identifier <value>\tchat identifier (e.g. iMessage;+;chat...)",
      "--chat-guid <value>\tchat guid",
      "--text <value>\tmessage body",
      "--file <value>\tpath to attachment",
      "--service <value>\tservice to use: imessage|sms|auto",
      "--region <value>\tdefault region for phone normalization",
    ],
    examples: ['imsg send --to +14155551212 --text "hi"', 'imsg send --chat-id 1 --text "hi"'],
  },
  rpc: {
    abstract: "Run JSON-RPC over stdin/stdout",
    options: ["--db <value>\tPath to chat.db (defaults to ~/Library/Messages/chat.db)"],
    examples: ["imsg rpc", "imsg rpc --db ~/Library/Messages/chat.db"],
  },
};
/** The subcommands this imsg has. */
const AVAILABLE = Object.fromEntries(
  Object.entries(COMMANDS).filter(([name]) => !(NO_RPC && name === "rpc")),
);
const RUNTIME_OPTIONS = [
  "--json\tEmit JSON lines",
  "-v, --verbose\tVerbose logging",
  "--log-level <value>\tLog level",
];
const FLAGS = new Set(["--json", "--attachments", "--verbose", "-v"]);

interface Parsed {
  command: string | undefined;
  options: Map<string, string>;
  flags: Set<string>;
}

function parseArguments(argv: string[]): Parsed {
  const options = new Map<string, string>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] as string;
    if (!token.startsWith("-")) {
      command ??= token;
      continue;
    }
    const equals = token.indexOf("=");
    if (equals > 0) options.set(token.slice(0, equals), token.slice(equals + 1));
    else if (FLAGS.has(token)) flags.add(token);
    else {
      options.set(token, argv[index + 1] ?? "");
      index += 1;
    }
  }
  return { command, options, flags };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function version(): string {
  if (NO_RPC) return process.env.IMSG_VERSION || BEFORE_RPC_VERSION;
  return simulatedVersion(MODE, process.env);
}

function printRootHelp(): void {
  print(`imsg ${version()}`);
  print("Send and read iMessage / SMS from the terminal");
  print("");
  print("Usage:\n  imsg <command> [options]\n\nCommands:");
  for (const [name, spec] of Object.entries(AVAILABLE)) print(`  ${name}\t${spec.abstract}`);
  print("\nRun 'imsg <command> --help' for details.");
}

function printCommandHelp(name: string): void {
  const spec = AVAILABLE[name];
  if (!spec) {
    printRootHelp();
    return;
  }
  print(`imsg ${name}\n${spec.abstract}\n\nUsage:\n  imsg ${name} [options]\n\nOptions:`);
  for (const option of [...spec.options, ...RUNTIME_OPTIONS]) print(`  ${option}`);
  print("\nExamples:");
  for (const example of spec.examples) print(`  ${example}`);
}

function dbPathFrom(parsed: Parsed): string {
  const explicit = parsed.options.get("--db") || process.env.IMSG_SIM_DB;
  return explicit ? expandHome(explicit) : join(homedir(), "Library/Messages/chat.db");
}

/** Opens the store for a one-shot command, or prints imsg's permission banner. */
function openStore(dbPath: string, faults: FaultSwitches): MessageStore | undefined {
  if (faults.current.dbUnreadable) {
    print(permissionBanner(dbPath, SQLITE_AUTHORIZATION_DENIED));
    return undefined;
  }
  try {
    return new MessageStore(openChatDb(dbPath));
  } catch {
    print(permissionBanner(dbPath, SQLITE_CANNOT_OPEN));
    return undefined;
  }
}

function intOption(parsed: Parsed, name: string): number | undefined {
  const raw = parsed.options.get(name);
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function runChats(parsed: Parsed, store: MessageStore): number {
  const payloads = new PayloadBuilder(store, MODE);
  for (const chat of store.chats.list(intOption(parsed, "--limit") ?? 20)) {
    if (parsed.flags.has("--json")) {
      // The CLI's chat object differs a little from the RPC one: guid only when set, plus display_name.
      const rpc = payloads.chat(chat);
      const info = store.chats.info(chat.id);
      const line = {
        id: chat.id,
        name: chat.name,
        identifier: rpc.identifier,
        service: rpc.service,
        last_message_at: rpc.last_message_at,
        ...(info?.guid ? { guid: info.guid } : {}),
        ...(info ? { display_name: info.name } : {}),
        is_group: rpc.is_group,
        participants: rpc.participants,
      };
      print(JSON.stringify(line));
    } else {
      print(`[${chat.id}] ${chat.name} (${chat.identifier}) last=${isoDate(chat.lastMessageAt)}`);
    }
  }
  return 0;
}

function runHistory(parsed: Parsed, store: MessageStore): number {
  const chatId = intOption(parsed, "--chat-id");
  if (chatId === undefined) {
    print("Missing required option: --chat-id");
    return 1;
  }
  const payloads = new PayloadBuilder(store, MODE);
  const records = store.history(chatId, intOption(parsed, "--limit") ?? 50, { participants: [] });
  for (const record of records) {
    if (parsed.flags.has("--json")) {
      print(
        encodeFrame(
          payloads.message(record, { attachments: true, reactions: true, decodeReactionEvents: false }),
        ),
      );
      continue;
    }
    print(`${isoDate(record.date)} [${record.isFromMe ? "sent" : "recv"}] ${record.sender}: ${record.text}`);
    if (record.attachmentCount === 0) continue;
    if (!parsed.flags.has("--attachments")) {
      print(`  (${record.attachmentCount} attachment${record.attachmentCount === 1 ? "" : "s"})`);
      continue;
    }
    for (const attachment of store.attachments(record.rowid)) {
      print(
        `  attachment: name=${attachment.transferName} mime=${attachment.mimeType} path=${expandHome(attachment.filename)}`,
      );
    }
  }
  return 0;
}

async function runSend(parsed: Parsed, store: MessageStore, faults: FaultSwitches): Promise<number> {
  const params: Record<string, unknown> = {};
  const names: Record<string, string> = {
    "--to": "to",
    "--chat-id": "chat_id",
    "--chat-identifier": "chat_identifier",
    "--chat-guid": "chat_guid",
    "--text": "text",
    "--file": "file",
    "--service": "service",
    "--region": "region",
  };
  for (const [flag, param] of Object.entries(names)) {
    const value = parsed.options.get(flag);
    if (value !== undefined) params[param] = value;
  }
  try {
    await performSend(store.db, store, faults, readSendRequest(params));
  } catch (error) {
    print(error instanceof RpcFailure ? (error.detail ?? error.phrase) : String(error));
    return 1;
  }
  print(parsed.flags.has("--json") ? JSON.stringify({ status: "sent" }) : "sent");
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--version") || argv.includes("-V")) {
    print(version());
    return 0;
  }
  const parsed = parseArguments(argv);
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    if (parsed.command) printCommandHelp(parsed.command);
    else printRootHelp();
    return 0;
  }
  if (!parsed.command) {
    print("Command 'imsg' requires a subcommand");
    printRootHelp();
    return 1;
  }
  if (!AVAILABLE[parsed.command]) {
    // imsg's argument parser (Commander) words it so, without the help.
    print(`Unknown subcommand '${parsed.command}' for command 'imsg'`);
    return 1;
  }
  const faults = new FaultSwitches(process.env);
  const dbPath = dbPathFrom(parsed);
  if (parsed.command === "rpc") {
    const pollMs = Number(process.env.IMSG_SIM_POLL_MS) || DEFAULT_POLL_MS;
    return runRpcServer({
      dbPath,
      input: process.stdin,
      output: process.stdout,
      faults,
      pollMs,
      mode: MODE,
      version: version(),
    });
  }
  // A reader that went away (`imsg chats | head -1`) is not an error worth a stack trace.
  process.stdout.on("error", () => process.exit(0));
  const store = openStore(dbPath, faults);
  if (!store) return 1;
  if (parsed.command === "chats") return runChats(parsed, store);
  if (parsed.command === "history") return runHistory(parsed, store);
  return runSend(parsed, store, faults);
}

const code = await main(process.argv.slice(2));
// Flush what is already written, then leave even if timers or stdin would keep the loop alive.
if (process.stdout.destroyed || !process.stdout.writable) process.exit(code);
process.stdout.write("", () => process.exit(code));
