import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type SessionMessage, SessionStore } from "../../../app/agent/session-store.ts";

const key = "agent:main:imessage:direct:+15555550123";
const at = "2026-11-25T12:00:00.000Z";
const pair = (index: number): SessionMessage[] => [
  { role: "user", text: `q${index}`, at },
  { role: "assistant", text: `a${index}`, at },
];

function stateDir(): string {
  return mkdtempSync(join(tmpdir(), "pinch-sessions-"));
}

describe("SessionStore", () => {
  it("persists a session under the agent's folder, private, and reads it back in a new process", async () => {
    const dir = stateDir();
    const store = new SessionStore(dir);
    await store.append(key, pair(1));
    await store.flush();
    const { dir: folder, file } = store.location(key);
    expect(folder).toBe(join(dir, "agents", "main", "sessions"));
    expect(file).toMatch(/^agent_main_imessage_direct_\+15555550123-[0-9a-f]{12}\.json$/);
    expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(folder, file), "utf8")).key).toBe(key);
    expect(await new SessionStore(dir).load(key)).toEqual(pair(1));
    // No temporary files are left behind by the atomic writes.
    expect(readdirSync(folder)).toEqual([file]);
  });

  it("keeps only the newest messages, starting with a user message", async () => {
    const store = new SessionStore(stateDir(), { maxMessages: 5 });
    for (let index = 0; index < 4; index++) await store.append(key, pair(index));
    expect((await store.load(key)).map((message) => message.text)).toEqual(["q2", "a2", "q3", "a3"]);
  });

  it("reset clears one session and leaves the others", async () => {
    const dir = stateDir();
    const store = new SessionStore(dir);
    const group = "agent:main:imessage:group:7";
    await store.append(key, pair(1));
    await store.append(group, pair(2));
    await store.reset(key);
    await store.flush();
    const fresh = new SessionStore(dir);
    expect(await fresh.load(key)).toEqual([]);
    expect(await fresh.load(group)).toEqual(pair(2));
  });

  it("removes the least recently used sessions beyond the cap", async () => {
    const dir = stateDir();
    const store = new SessionStore(dir, { maxSessions: 3 });
    for (let index = 0; index < 5; index++) {
      await store.append(`agent:main:imessage:group:${index}`, pair(index));
      await store.flush();
    }
    const fresh = new SessionStore(dir);
    const kept = [];
    for (let index = 0; index < 5; index++) {
      kept.push((await fresh.load(`agent:main:imessage:group:${index}`)).length > 0);
    }
    expect(kept).toEqual([false, false, true, true, true]);
  });

  it("starts a session afresh when its file is unreadable, and says so", async () => {
    const dir = stateDir();
    const errors: string[] = [];
    const store = new SessionStore(dir, { onError: (message) => errors.push(message) });
    await store.append(key, pair(1));
    await store.flush();
    const { dir: folder, file } = store.location(key);
    writeFileSync(join(folder, file), "{ torn");
    const fresh = new SessionStore(dir, { onError: (message) => errors.push(message) });
    expect(await fresh.load(key)).toEqual([]);
    expect(errors).toEqual(["a session file was unreadable; starting that session afresh"]);
  });
});
