import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSshSetupLadder, type SetupStep } from "../../../../app/setup/ssh/ssh-setup-ladder.ts";
import { SHARING_SETTINGS_LINKS } from "../../../../app/ssh/remote-login-links.ts";

const request = { accountId: "bot", dbPath: "/Users/bot/Library/Messages/chat.db", localBot: true };

/** A loopback port nothing listens on: Remote Login "off". */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    }),
  );
}

describe("the SSH setup ladder", () => {
  it("refuses a target without a user name before anything runs", async () => {
    const configPath = join(mkdtempSync(join(tmpdir(), "pinch-ladder-")), "pinch.json5");
    const outcome = await runSshSetupLadder({ ...request, destination: "mac-mini", port: 22 }, configPath);
    expect(outcome).toEqual({
      steps: [
        {
          step: "address",
          status: "failed",
          message: "the bot's user name is missing",
          fix: "write it as user@host",
        },
      ],
      keyRefused: false,
      saved: false,
    });
    expect(existsSync(join(configPath, "..", "ssh"))).toBe(false);
  });

  it("reports each step as it is decided and stops at a Remote Login that is off, with the Sharing links", async () => {
    const configPath = join(mkdtempSync(join(tmpdir(), "pinch-ladder-")), "pinch.json5");
    const reported: SetupStep[] = [];
    const outcome = await runSshSetupLadder(
      { ...request, destination: "bot@127.0.0.1", port: await closedPort() },
      configPath,
      (step) => reported.push(step),
    );
    expect(reported).toEqual(outcome.steps);
    expect(outcome.steps.map((step) => [step.step, step.status])).toEqual([
      ["key", "passed"],
      ["remote login", "failed"],
    ]);
    expect(outcome.steps[0]?.message).toBe(`${join(configPath, "..", "ssh", "id_ed25519_pinch")} (new)`);
    expect(outcome.steps[1]?.links).toEqual(SHARING_SETTINGS_LINKS);
    expect(outcome.saved).toBe(false);
    expect(existsSync(configPath)).toBe(false);
  });
});
