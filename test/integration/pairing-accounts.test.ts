import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { SimDb } from "../imsg-sim/sim-db.ts";
import { type GatewayHarness, PINCH_BIN, startGateway, waitFor } from "./gateway-harness.ts";

let gateway: GatewayHarness | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

const atHome = "+15555550101";
const atWork = "+15555550202";

function pinch(harness: GatewayHarness, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [PINCH_BIN, ...args, "--config", harness.configPath, "--state-dir", harness.stateDir],
    { encoding: "utf8", env: { ...process.env, IMSG_SIM_POLL_MS: "10" } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function codeIn(text: string | undefined): string {
  const match = /Pairing code: ([A-Z2-9]{8})/.exec(text ?? "");
  if (!match?.[1]) throw new Error(`no pairing code in ${JSON.stringify(text)}`);
  return match[1];
}

async function sentOn(sim: SimDb, count: number): Promise<string[]> {
  let texts: string[] = [];
  await waitFor(
    () => {
      texts = sim.sentMessages().map((row) => row.text ?? "");
      return texts.length >= count;
    },
    5_000,
    () => `expected ${count} sent on ${sim.path}, got ${JSON.stringify(texts)}`,
  );
  return texts;
}

/** Two accounts on two Messages databases, a stranger asking on each; the codes they were sent. */
async function twoAccountsWithRequests(): Promise<{
  harness: GatewayHarness;
  work: SimDb;
  codes: Record<string, string>;
}> {
  const work = SimDb.create();
  const harness = await startGateway({ imessage: { accounts: { home: {}, work: { dbPath: work.path } } } });
  harness.sim.injectInbound({ from: atHome, text: "hi" });
  work.injectInbound({ from: atWork, text: "hello" });
  const home = codeIn((await harness.waitForSent(1))[0]?.text);
  const [workReply] = await sentOn(work, 1);
  return { harness, work, codes: { home, work: codeIn(workReply) } };
}

describe("pinch pairing with several accounts", () => {
  it("lists every account's requests with their account, and --account narrows", async () => {
    const { harness, codes } = await twoAccountsWithRequests();
    gateway = harness;
    const listed = pinch(harness, "pairing", "list", "imessage");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`${codes.home}  \\${atHome}  account home  expires in \\d+ min`),
    );
    expect(listed.stdout).toMatch(
      new RegExp(`${codes.work}  \\${atWork}  account work  expires in \\d+ min`),
    );

    const json = JSON.parse(pinch(harness, "pairing", "list", "imessage", "--json").stdout);
    expect(json.accounts).toEqual(["home", "work"]);
    expect(
      json.requests.map((request: { account: string; code: string }) => [request.account, request.code]),
    ).toEqual([
      ["home", codes.home],
      ["work", codes.work],
    ]);

    const narrowed = pinch(harness, "pairing", "list", "imessage", "--account", "work");
    expect(narrowed.stdout).toContain(codes.work);
    expect(narrowed.stdout).not.toContain(codes.home);
    const unknown = pinch(harness, "pairing", "list", "imessage", "--account", "play");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no account "play"');
  });

  it("approves a code without --account on the account that issued it, and the running gateway tells the sender", async () => {
    const { harness, work, codes } = await twoAccountsWithRequests();
    gateway = harness;
    const approved = pinch(
      harness,
      "pairing",
      "approve",
      "imessage",
      codes.work?.toLowerCase() ?? "",
      "--notify",
    );
    expect(approved.stderr).toBe("");
    expect(approved.stdout).toContain(`Approved ${atWork} (${codes.work}) on account work.`);
    expect(approved.code).toBe(0);
    expect((await sentOn(work, 2))[1]).toMatch(/approved/i);
    // Then the answer to what they wrote first.
    expect((await sentOn(work, 3))[2]).toBe("echo: hello");

    work.injectInbound({ from: atWork, text: "now?" });
    expect((await sentOn(work, 4))[3]).toBe("echo: now?");
    // The other account's request is untouched.
    expect(pinch(harness, "pairing", "list", "imessage").stdout).toContain(codes.home);
  });

  it("works without a running gateway: approve --notify sends through that account's imsg; dismiss finds its account too", async () => {
    const { harness, work, codes } = await twoAccountsWithRequests();
    await harness.stop();
    const approved = pinch(harness, "pairing", "approve", "imessage", codes.work ?? "", "--notify");
    expect(approved.stdout).toContain("on account work");
    expect(approved.stdout).toContain(`Told ${atWork}.`);
    expect(approved.code).toBe(0);
    expect(work.sentMessages().map((row) => row.text)).toContain(
      "You're approved: this assistant will answer your messages from now on.",
    );
    expect(harness.sim.sentMessages()).toHaveLength(1);

    const dismissed = pinch(harness, "pairing", "dismiss", "imessage", codes.home ?? "");
    expect(dismissed.stdout).toContain(`Dismissed ${atHome} (${codes.home}) on account home.`);
    const left = pinch(harness, "pairing", "list", "imessage");
    expect(left.stdout).toBe("No pending pairing requests for accounts home, work.\n");
  });

  it("says which accounts it searched when no account holds the code", async () => {
    const { harness } = await twoAccountsWithRequests();
    gateway = harness;
    const result = pinch(harness, "pairing", "approve", "imessage", "ZZZZZZZZ");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No pending pairing request has code ZZZZZZZZ in accounts home, work");
  });

  it("still lists every account's requests while the config file is broken, from the stores on disk", async () => {
    const { harness, codes } = await twoAccountsWithRequests();
    gateway = harness;
    writeFileSync(harness.configPath, "{ channels: ");
    const listed = pinch(harness, "pairing", "list", "imessage");
    expect(listed.stdout).toContain(`${codes.home}  ${atHome}  account home`);
    expect(listed.stdout).toContain(`${codes.work}  ${atWork}  account work`);
  });
});
