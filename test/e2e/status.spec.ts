import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FakeLlmServer } from "../fake-llm/fake-llm-server.ts";
import { providerConfig } from "../fake-llm/model-gateway.ts";
import { BEFORE_RPC_IMSG_ENV, imsgShimPath, LEGACY_IMSG_ENV } from "../imsg-sim/sim-db.ts";
import { expect, test } from "./fixtures.ts";

test.describe("with two accounts", () => {
  test.use({
    coreSetup: { imessage: { accounts: { default: { name: "Personal" }, family: { enabled: false } } } },
  });

  test("each account shows its name and state, and a change in the config shows at once", async ({
    page,
    core,
  }) => {
    const accounts = page.getByRole("region", { name: "Accounts" }).getByRole("listitem");
    await expect(accounts).toHaveCount(2);
    await expect(accounts.nth(0)).toContainText("Personal");
    await expect(accounts.nth(0)).toContainText("Running");
    await expect(accounts.nth(1)).toContainText("family");
    await expect(accounts.nth(1)).toContainText("Stopped");
    // An account the user turned off is no problem: the pill stays green.
    await expect(page.getByTestId("status-pill")).toHaveText("Running");
    await core.service.invoke("config.set", {
      keyPath: "channels.imessage.accounts.default.enabled",
      value: false,
    });
    await expect(accounts.nth(0)).toContainText("Stopped");
    await expect(page.getByTestId("status-pill")).toHaveText("0 of 2 accounts running");
  });
});

test("a running account names the imsg it runs: version, protocol and bridge", async ({ page }) => {
  const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
  await expect(account).toContainText("Running");
  // The simulator plays an imsg from before protocol 1 or one that speaks it.
  await expect(account).toContainText(
    /imsg (\d+\.\d+\.\d+ · protocol 1|before protocol 1) · bridge (on|off)/,
  );
});

test.describe("with an imsg from before protocol 1", () => {
  test.use({ coreSetup: { imsgEnv: LEGACY_IMSG_ENV } });

  test("the account comes with a note that says how to update it", async ({ page }) => {
    const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
    await expect(account).toContainText("before protocol 1");
    const note = account.getByRole("note", { name: "Update imsg" });
    await expect(note).toContainText("older than 0.14.0");
    await expect(note).toContainText("brew upgrade imsg");
    await expect(note).toContainText("brew install openclaw/tap/imsg");
  });
});

test.describe("with an imsg from before rpc", () => {
  test.use({ coreSetup: { imsgEnv: BEFORE_RPC_IMSG_ENV, waitReady: false } });

  test("the account says it needs a newer imsg and how to get one, instead of restarting", async ({
    page,
  }) => {
    const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
    await expect(account).toContainText("Needs a newer imsg", { timeout: 20_000 });
    await expect(account).toContainText(
      "this imsg (0.2.1) is too old for rpc; upgrade with brew upgrade imsg",
    );
    await expect(account).toContainText("Run brew upgrade imsg (or brew install openclaw/tap/imsg)");
  });
});

test("an account shows its imsg's last stderr line, without the phone numbers and emails in it", async ({
  page,
  core,
}) => {
  // A wrapper that says something on stderr before it starts imsg, as an SSH wrapper's ssh may.
  const wrapper = path.join(mkdtempSync(path.join(tmpdir(), "pinch-e2e-noisy-")), "imsg-noisy");
  writeFileSync(
    wrapper,
    `#!/bin/sh\necho "imsg-bot: signed in as bot@example.com, +1 (555) 010-0042" >&2\nexec '${imsgShimPath()}' "$@"\n`,
    { mode: 0o755 },
  );
  await core.service.invoke("config.set", { keyPath: "channels.imessage.cliPath", value: wrapper });
  const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
  await expect(account).toContainText(
    /imsg stderr \([^)]+\): imsg-bot: signed in as \[email\], \[phone …42\]/,
    {
      timeout: 20_000,
    },
  );
  await expect(account).not.toContainText("bot@example.com");
  await expect(account).toContainText("Running");
});

test("an account says how many unknown senders got no pairing code in the hour", async ({ page, core }) => {
  for (let index = 0; index < 11; index++)
    core.sim.injectInbound({ from: `+155555501${10 + index}`, text: "hi" });
  await core.waitForLog("no pairing code for an unknown sender: too many new requests this hour", 0);
  const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
  await expect(account).toContainText(
    "1 unknown senders got no pairing code: too many new requests in an hour",
  );
});

test("an account whose imsg cannot read the database shows the fix", async ({ page, core }) => {
  await core.service.invoke("config.set", {
    keyPath: "channels.imessage.dbPath",
    value: "/nonexistent/chat.db",
  });
  const account = page.getByRole("region", { name: "Accounts" }).getByRole("listitem").first();
  await expect(account).toContainText(/Needs permission|Restarting/, { timeout: 20_000 });
});

test("Copy diagnostics copies a report without phone numbers", async ({ page, core, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  core.sim.injectInbound({ from: "+15555550999", text: "hello" });
  await page.getByRole("button", { name: "Copy diagnostics" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  const text = (await page.evaluate("navigator.clipboard.readText()")) as string;
  expect(text).toContain("Pinch diagnostics");
  expect(text).toContain("default: ready");
  expect(text).not.toContain("5555550999");
});

test("the log view shows new lines live and filters them", async ({ page, core }) => {
  await page.getByRole("button", { name: "Logs" }).click();
  const lines = page.getByRole("list", { name: "Log lines" }).getByRole("listitem");
  await expect(lines.filter({ hasText: "watching" }).first()).toBeVisible();
  core.sim.injectInbound({ from: "+15555550999", text: "who is this" });
  await expect(lines.filter({ hasText: "new pairing request" })).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Filter log lines" }).fill("pairing");
  await expect(lines).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Filter log lines" }).fill("");
  await page.getByLabel("Level").selectOption("warn");
  await expect(lines.filter({ hasText: "watching" })).toHaveCount(0);
});

test.describe("with a model whose provider refuses the key", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "open", allowFrom: ["*"] } } });
  test("the owner sees the failure in words with the provider's own under Details; the sender gets the short failure reply", async ({
    page,
    core,
  }) => {
    const fake = await FakeLlmServer.start();
    try {
      fake.script({ kind: "error", status: 401, message: "Incorrect API key provided" });
      const reloads = await core.logCount("config reloaded");
      const model = providerConfig({ baseUrl: fake.baseUrl, api: "openai-completions", apiKey: "sk-wrong" });
      const saved = await core.service.invoke("config.patch", {
        edits: [
          { keyPath: "models", value: model.models },
          { keyPath: "agents.defaults", value: model.agents.defaults },
        ],
      });
      expect(saved.ok).toBe(true);
      await core.waitForLog("config reloaded", reloads);
      const since = core.sim.maxRowid();
      const { chatId } = core.sim.injectInbound({ from: "+15555550123", text: "hello?" });
      await core.waitForSent(chatId, (text) => text.length > 0, since);
      const notice = page.getByRole("alert").filter({ hasText: "The model is not answering" });
      await expect(notice).toContainText("fake/test-model");
      await expect(notice).toContainText("The key was refused by fake. Paste a new key.");
      await notice.getByText("Details").click();
      await expect(notice.getByText(/Incorrect API key provided/)).toBeVisible();
      await expect(notice).not.toContainText("sk-wrong");
    } finally {
      await fake.close();
    }
  });
});
