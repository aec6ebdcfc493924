// The bundled main process (dist/main/main.cjs, built by the tests' global setup) started for real
// under Node, with a stand-in for Electron's API (electron-stand-in/), against the imsg simulator:
// the wiring of main.ts, the bundling of its dependencies and the order of start-up are checked
// here, since the Electron binary cannot run on this machine.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { invokeChannels } from "../../../app/ipc/channels.ts";
import { mainWindowWebPreferences } from "../../../main/web-preferences.ts";
import { imsgShimPath, SimDb } from "../../imsg-sim/sim-db.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const nodeBinary = path.join(root, "node_modules", "node", "bin", "node");
const register = fileURLToPath(new URL("electron-stand-in/register.cjs", import.meta.url));
const stranger = "+15555550177";

type StubEvent = { event: string } & Record<string, unknown>;

interface RunningApp {
  child: ChildProcessWithoutNullStreams;
  events: StubEvent[];
  home: string;
  sim: SimDb;
  send(command: string): void;
  next(event: string, matches?: (found: StubEvent) => boolean, timeoutMs?: number): Promise<StubEvent>;
}

let running: RunningApp | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
  running?.sim.close();
  if (running) rmSync(running.home, { recursive: true, force: true });
  running = undefined;
});

/** `before` prepares the Mac and the state directory before the app starts. */
function startApp(before?: (home: string, sim: SimDb) => void): RunningApp {
  const home = mkdtempSync(path.join(os.tmpdir(), "pinch-main-"));
  const sim = SimDb.create({ path: path.join(home, "chat.db") });
  before?.(home, sim);
  const configPath = path.join(home, "pinch.json5");
  writeFileSync(
    configPath,
    JSON.stringify({
      channels: { imessage: { cliPath: imsgShimPath(), dbPath: sim.path, dmPolicy: "pairing" } },
    }),
  );
  const child = spawn(nodeBinary, ["--require", register, path.join(root, "dist", "main", "main.cjs")], {
    cwd: root,
    env: {
      ...process.env,
      HOME: home,
      PINCH_CONFIG: configPath,
      PINCH_STATE_DIR: path.join(home, "state"),
      PINCH_OPEN_WINDOW_AT_START: "pairing",
      STAND_IN_APP_PATH: root,
      IMSG_SIM_POLL_MS: "10",
    },
  });
  const events: StubEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines)
      if (line.startsWith("STUB ")) events.push(JSON.parse(line.slice(5)) as StubEvent);
    for (const wake of waiters) wake();
  });
  let seen = 0;
  return {
    child,
    events,
    home,
    sim,
    send: (command) => child.stdin.write(`${command}\n`),
    next(event, matches = () => true, timeoutMs = 20_000) {
      // Events are consumed in order: each call looks only after the last one it returned.
      return new Promise((resolve, reject) => {
        const look = () => {
          const index = events.findIndex(
            (found, at) => at >= seen && found.event === event && matches(found),
          );
          if (index < 0) return false;
          seen = index + 1;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(events[index] as StubEvent);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no "${event}" within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        if (!look()) waiters.add(look);
      });
    },
  };
}

async function invoke(app: RunningApp, channel: string, args: unknown = {}, fromFrame = false) {
  app.send(`${fromFrame ? "invoke-from-frame" : "invoke"} ${channel} ${JSON.stringify(args)}`);
  const found = await app.next("invoke-result", (event) => event.channel === channel);
  return found.result as { ok: boolean; data?: unknown; error?: { code: string } };
}

describe("the bundled main process", () => {
  it("starts as a locked-down menu-bar app, hosts the gateway, and runs the pairing flow from a notification", async () => {
    running = startApp();
    const app = running;

    expect(app.events.length === 0 || app.events[0]?.event !== "exit").toBe(true);
    const menu = await app.next("application-menu");
    expect(
      (menu.menus as { label: string; roles: string[] }[]).find((entry) => entry.label === "Edit")?.roles,
    ).toContain("paste");
    expect(app.events.find((event) => event.event === "dock-hide")).toBeDefined();
    expect(app.events.find((event) => event.event === "permission-request")).toMatchObject({
      granted: false,
    });
    expect(app.events.find((event) => event.event === "permission-check")).toMatchObject({ granted: false });

    const tray = await app.next("tray-created");
    expect(tray.image).toBe(path.join(root, "resources", "trayTemplate.png"));
    const created = await app.next("window-created");
    expect(created.webPreferences).toMatchObject({
      ...mainWindowWebPreferences,
      preload: path.join(root, "dist", "main", "preload.cjs"),
    });
    const load = await app.next("window-load");
    expect(load.url).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html#view=pairing&request=\d+$/);

    app.send("handlers");
    const handlers = await app.next("handlers");
    // electron-log adds one of its own, which the page cannot reach: the preload exposes only ours.
    expect((handlers.channels as string[]).filter((channel) => channel !== "__ELECTRON_LOG__")).toEqual(
      invokeChannels.map((channel) => `pinch:invoke:${channel}`).sort(),
    );

    // The page's calls reach the gateway; an embedded frame's are refused.
    let status = await invoke(app, "status.get");
    for (let attempt = 0; attempt < 100; attempt++) {
      const accounts = (status.data as { accounts: { state: string }[] } | undefined)?.accounts ?? [];
      if (accounts.length > 0 && accounts.every((account) => account.state === "ready")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await invoke(app, "status.get");
    }
    expect(status).toMatchObject({
      ok: true,
      data: { running: true, accounts: [{ id: "default", state: "ready" }] },
    });
    expect(await invoke(app, "status.get", {}, true)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });

    // Navigation away from the page is stopped; only allow-listed links leave the app, never a window.
    app.send("navigate https://evil.example/phish");
    await app.next("navigation-prevented", (event) => event.url === "https://evil.example/phish");
    app.send("window-open https://github.com/steipete/imsg/releases");
    await app.next("open-external", (event) => event.url === "https://github.com/steipete/imsg/releases");
    const opened = await app.next("window-open-answer");
    expect(opened.answer).toEqual({ action: "deny" });
    expect(app.events.filter((event) => event.event === "open-external").map((event) => event.url)).toEqual([
      "https://github.com/steipete/imsg/releases",
    ]);

    // A stranger writes: a notification with Approve and Dismiss, and the count in the menu bar.
    app.sim.injectInbound({ from: stranger, text: "hello?" });
    // The tray is redrawn first, then the request is announced.
    await app.next("tray-title", (event) => event.title === "1");
    const notification = await app.next("notification");
    expect(notification).toMatchObject({ title: "New pairing request", actions: ["Approve", "Dismiss"] });
    expect(notification.body).toContain(stranger);

    app.send("notification-action 0");
    await app.next("tray-title", (event) => event.title === "");
    const pairing = await invoke(app, "pairing.list");
    const approved = (pairing.data as { accounts: { approved: { sender: string }[] }[] }).accounts[0]
      ?.approved;
    expect(approved?.map((entry) => entry.sender)).toEqual([stranger]);

    // The tray menu, built on click: Pause replies is stored in the preferences.
    app.send("click-tray");
    const trayMenu = await app.next("tray-menu");
    expect(trayMenu.labels).toEqual(
      expect.arrayContaining(["Open Pinch…", "Pause replies", "Start at login", "Quit Pinch"]),
    );
    app.send("menu Pause replies");
    const prefsFile = path.join(app.home, "stand-in-electron", "Pinch", "userData", "preferences.json");
    for (
      let attempt = 0;
      attempt < 50 && !readFileSync(prefsFile, "utf8").includes('"pauseReplies": true');
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(JSON.parse(readFileSync(prefsFile, "utf8"))).toMatchObject({ version: 2, pauseReplies: true });
    // The lobster and its tooltip say so: the overall status follows the preference.
    await app.next("tray-image", (event) => String(event.image).endsWith("trayTemplate-paused.png"));
    await app.next("tray-tooltip", (event) => event.tip === "Pinch: Replies paused");

    // The log file exists where Console.app looks, without the stranger's message text.
    const logFile = path.join(app.home, "Library", "Logs", "Pinch", "main.log");
    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain("Pinch started");
    expect(log).not.toContain("hello?");

    // Quit finishes the gateway and exits 0, releasing the state directory.
    app.send("quit");
    const exit = await app.next("exit");
    expect(exit.code).toBe(0);
    await new Promise((resolve) => app.child.once("exit", resolve));
    expect(app.child.exitCode).toBe(0);
  }, 90_000);
  it("asks from a notification about a message waiting for the owner's yes, and Send sends it", async () => {
    const friend = "+15555550123";
    let chatId = 0;
    running = startApp((home, sim) => {
      chatId = sim.dm(friend).id;
      const dir = path.join(home, "state", "imessage", "default");
      mkdirSync(dir, { recursive: true });
      const at = new Date(Date.now() - 60_000).toISOString();
      const message = {
        id: "m1",
        number: 1,
        kind: "message",
        text: "On my way!",
        dueAt: at,
        createdAt: at,
        chatId,
        chatLabel: friend,
        askedIn: chatId,
        state: "awaiting-yes",
      };
      writeFileSync(path.join(dir, "reminders.json"), JSON.stringify({ version: 1, reminders: [message] }));
    });
    const app = running;
    const notification = await app.next("notification", (event) => event.title === `Send to ${friend}?`);
    expect(notification.actions).toEqual(["Send", "Don't send"]);
    expect(notification.body).toContain("“On my way!”");
    expect(app.sim.sentMessages({ chatId })).toEqual([]);

    app.send("notification-action 0");
    for (let attempt = 0; attempt < 200 && app.sim.sentMessages({ chatId }).length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(app.sim.sentMessages({ chatId }).map((row) => row.text)).toEqual(["On my way!"]);
    const listed = await invoke(app, "reminders.list");
    expect(listed).toMatchObject({
      ok: true,
      data: { accounts: [{ reminders: [{ id: "m1", state: "sent" }] }] },
    });
  }, 90_000);
});
