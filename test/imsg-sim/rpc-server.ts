/**
 * `imsg rpc`'s transport: JSON-RPC 2.0 over stdio, one JSON object per
 * line. Requests are handled one at a time in arrival order (a slow `send`
 * holds up the requests behind it, while watch notifications keep flowing);
 * what each request means is the session's business (legacy-session.ts for
 * imsg 0.9, protocol1-session.ts for imsg 0.15). Stdin EOF ends the process
 * once every request is answered.
 */
import type { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { FaultSwitches } from "./faults.ts";
import { FrameWriter } from "./frame-writer.ts";
import { LegacySession } from "./legacy-session.ts";
import type { ProtocolMode } from "./protocol-mode.ts";
import { Protocol1Session } from "./protocol1-session.ts";
import type { RpcFailure } from "./rpc-errors.ts";
import type { RpcSession, SessionContext } from "./rpc-session.ts";
import { recordInvalidParams } from "./sim-records.ts";

export interface RpcServerOptions {
  dbPath: string;
  input: Readable;
  output: Writable;
  faults: FaultSwitches;
  /** How often to look for new rows and re-read the control file. */
  pollMs: number;
  mode: ProtocolMode;
  version: string;
}

export function runRpcServer(options: RpcServerOptions): Promise<number> {
  return new Promise((resolveExit) => {
    const { faults } = options;
    const writer = new FrameWriter(options.output, faults, () => finish(0));
    const pending: string[] = [];
    let inputEnded = false;
    let draining = false;
    let handling = false;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    let session: RpcSession | undefined;

    const context: SessionContext = {
      dbPath: options.dbPath,
      faults,
      writer,
      version: options.version,
      finish,
      recordInvalidParams: (method: string, failure: RpcFailure) => {
        if (failure.code !== -32602) return;
        const detail = typeof failure.data === "string" ? failure.data : JSON.stringify(failure.data ?? "");
        recordInvalidParams(options.dbPath, { method, detail });
      },
    };
    session = options.mode === "legacy" ? new LegacySession(context) : new Protocol1Session(context);
    // A session may end the process while starting (imsg before 0.8.2 printing its banner).
    if (finished) return;
    faults.fireInitialLoad();

    timer = setInterval(() => {
      faults.refresh();
      if (writer.stalled) return;
      try {
        session?.tick();
      } catch (error) {
        process.stderr.write(`imsg-sim: watch poll failed: ${String(error)}\n`);
      }
      void drainRequests();
    }, options.pollMs);

    function finish(code: number): void {
      if (finished) return;
      finished = true;
      if (timer) clearInterval(timer);
      session?.close();
      options.input.pause();
      const settled = session?.settle() ?? Promise.resolve();
      void settled.then(() => writer.drained()).then(() => resolveExit(code));
    }

    async function drainRequests(): Promise<void> {
      if (draining || !session) return;
      draining = true;
      try {
        while (pending.length > 0 && !finished) {
          faults.refresh();
          if (writer.stalled) return;
          handling = true;
          await session.handleLine(pending.shift() as string);
          handling = false;
        }
        // A stalled process stays hung even after its stdin closes; only a signal ends it.
        if (inputEnded && pending.length === 0 && !writer.stalled) finish(session.exitCode());
      } finally {
        handling = false;
        draining = false;
      }
    }

    function accept(line: string): void {
      const outstanding = pending.length + (handling ? 1 : 0);
      if (!session?.admit(line, outstanding)) pending.push(line);
    }

    const decoder = new StringDecoder("utf8");
    let buffered = "";
    const acceptText = (text: string) => {
      buffered += text;
      // Only "\n" ends a request: U+2028 and U+2029 are ordinary characters inside a JSON string.
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== "") accept(line);
        newline = buffered.indexOf("\n");
      }
      void drainRequests();
    };
    options.input.on("data", (chunk: Buffer) => acceptText(decoder.write(chunk)));
    options.input.on("end", () => {
      acceptText(`${decoder.end()}\n`);
      inputEnded = true;
      void drainRequests();
    });
    options.input.on("error", () => {
      inputEnded = true;
      void drainRequests();
    });
  });
}
