// The bot-user setup in the window, against a real sshd on 127.0.0.1 and a second local user whose
// imsg is the simulator (test/sshd): host key confirmed by the user, key installed, the ladder, the account.
import { readFileSync } from "node:fs";
import path from "node:path";
import { forgetAuthorizedKey } from "../sshd/bot-user.ts";
import { LOOPBACK, type SshdHarness, sshdUnavailableReason, startSshd } from "../sshd/sshd-harness.ts";
import { expect, test } from "./fixtures.ts";
import { fillSshAccountForm } from "./ssh-form.ts";

const unavailable = sshdUnavailableReason();
const owner = "+15555550123";

test.describe("a bot user over SSH", () => {
  test.skip(unavailable !== null, `needs sshd and root: ${unavailable}`);
  let sshd: SshdHarness | undefined;

  test.beforeAll(async () => {
    sshd = await startSshd();
  });

  test.afterAll(async () => {
    await sshd?.stop();
  });

  test("the ladder shows each step; the host key and the authorised key are confirmed in the window", async ({
    page,
    core,
  }) => {
    test.setTimeout(90_000);
    if (!sshd) throw new Error("sshd did not start");
    const form = await fillSshAccountForm(page, sshd, owner);
    await form.getByRole("button", { name: "Set up and check" }).click();
    await expect(form.getByRole("status")).toContainText("Checking the connection…");

    const steps = page.getByRole("list", { name: "SSH setup steps" });
    await expect(steps.getByRole("listitem").filter({ hasText: "host key:" })).toContainText(
      sshd.hostFingerprint(),
      { timeout: 30_000 },
    );
    // The outcome is brought into view below the long form.
    await expect(steps).toBeInViewport();
    await expect(form.getByRole("status")).toHaveText("");
    await steps.getByRole("button", { name: `Trust ${sshd.hostFingerprint()}` }).click();

    const connect = steps.getByRole("listitem").filter({ hasText: "connect:" });
    await expect(connect).toContainText("failed", { timeout: 30_000 });
    await expect(connect.locator("code")).toContainText("authorized_keys");
    const publicKey = readFileSync(
      path.join(path.dirname(core.configPath), "ssh", "id_ed25519_pinch.pub"),
      "utf8",
    ).trim();
    try {
      await steps.getByRole("button", { name: "Install the key for this user" }).click();
      await expect(steps.getByRole("status")).toHaveText("Account bot is set up.", { timeout: 60_000 });
      for (const step of ["connect", "imsg-version", "rpc", "database", "send", "config"]) {
        await expect(steps.getByRole("listitem").filter({ hasText: `${step}:` })).toContainText("passed");
      }
      expect(core.readConfig()).toMatchObject({
        channels: {
          imessage: {
            accounts: {
              bot: {
                name: "Bot Apple ID",
                dbPath: sshd.sim.path,
                remoteHost: `${sshd.bot.name}@${LOOPBACK}`,
              },
            },
          },
        },
      });
      expect(sshd.sim.sentMessages().length).toBeGreaterThan(0);
      await expect(page.getByRole("table", { name: "Settings of Bot Apple ID" })).toBeVisible();
    } finally {
      forgetAuthorizedKey(sshd.bot, publicKey);
    }
  });
});
