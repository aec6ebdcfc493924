// The real core behind the WebSocket bridge in a process of its own, so a test can tell that bad
// input ended it (the process exits) rather than only that an error was reported. Run as a script
// it starts the service and the bridge and prints the bridge's address as one JSON line.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { z } from "zod";
import { startWsBridge } from "../../../app/ipc/ws-bridge.ts";
import { startService } from "../services/service-fixture.ts";

const ReadySchema = z.object({ url: z.string(), token: z.string(), connectUrl: z.string() });

export interface BridgeProcess {
  url: string;
  token: string;
  connectUrl: string;
  port: number;
  /** Whether the process is still running. */
  alive(): boolean;
  /** What the process wrote to stderr: the uncaught error when it died. */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startBridgeProcess(): Promise<BridgeProcess> {
  const child = spawn(process.execPath, [import.meta.filename], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const ready = await firstLine(child, () => stderr);
  const { url, token, connectUrl } = ReadySchema.parse(JSON.parse(ready));
  return {
    url,
    token,
    connectUrl,
    port: Number(new URL(url).port),
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`the bridge process exited (${code}): ${stderr()}`)));
  });
}

if (import.meta.main) {
  const fixture = await startService();
  const bridge = await startWsBridge(fixture.service);
  process.stdout.write(
    `${JSON.stringify({ url: bridge.url, token: bridge.token, connectUrl: bridge.connectUrl })}\n`,
  );
  process.once("SIGTERM", () => {
    void bridge
      .close()
      .then(() => fixture.close())
      .then(() => process.exit(0));
  });
}
