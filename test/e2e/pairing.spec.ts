import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures.ts";

const stranger = "+15555550999";

test.describe("with DM pairing", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "pairing" } } });

  test("an unknown sender's request appears live; once approved, their next message is answered", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Pairing" }).click();
    await expect(page.getByText("No one is waiting.")).toBeVisible();
    const first = core.sim.injectInbound({ from: stranger, text: "hi, who is this?" });
    const codeMessage = await core.waitForSent(first.chatId, (text) => /[A-Z2-9]{8}/.test(text));
    const code = /[A-HJ-NP-Z2-9]{8}/.exec(codeMessage)?.[0] ?? "";

    const row = page
      .getByRole("table", { name: "Waiting for approval" })
      .getByRole("row")
      .filter({ hasText: stranger });
    await expect(row).toContainText(code);
    await expect(row).toContainText(/59 min|1 h 0 min/);
    await page.getByRole("button", { name: `Approve ${stranger}`, exact: true }).click();
    await expect(page.getByText("No one is waiting.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Approved senders" })).toContainText(stranger);

    const since = core.sim.maxRowid();
    core.sim.injectInbound({ from: stranger, text: "thanks" });
    await core.waitForSent(first.chatId, (text) => text === "echo: thanks", since);
  });

  test("Approve and notify tells the sender; Dismiss drops a request; Remove takes an approval back", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Pairing" }).click();
    const a = core.sim.injectInbound({ from: stranger, text: "hello" });
    core.sim.injectInbound({ from: "friend@example.com", text: "hey" });
    await expect(page.getByRole("button", { name: `Dismiss friend@example.com` })).toBeVisible();
    await expect(page.getByRole("button", { name: `Approve ${stranger} and tell them` })).toBeVisible();

    const since = core.sim.maxRowid();
    await page.getByRole("button", { name: `Approve ${stranger} and tell them` }).click();
    await core.waitForSent(a.chatId, (text) => text.length > 0, since);

    await page.getByRole("button", { name: "Dismiss friend@example.com" }).click();
    await expect(page.getByText("No one is waiting.")).toBeVisible();

    await page.getByRole("button", { name: `Remove ${stranger}` }).click();
    await expect(page.getByRole("list", { name: "Approved senders" })).toContainText("No approved senders.");
  });
});

test.describe("with 1,000 approved senders", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "pairing" } } });

  test("the pairing view lists, finds and removes one of 1,000 approved senders", async ({ page, core }) => {
    const approved = Array.from({ length: 1000 }, (_, index) => {
      const sender = `+1555${String(index).padStart(7, "0")}`;
      return { sender, key: sender, approvedAt: Date.now() - index * 1000 };
    });
    const file = path.join(core.stateDir, "imessage", "default", "pairing.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 1, requests: [], approved, notify: [] }));

    await page.getByRole("button", { name: "Pairing" }).click();
    await expect(page.getByText("1000 approved", { exact: false })).toBeVisible();

    await page.getByRole("searchbox", { name: "Find an approved sender" }).fill("5550000999");
    await expect(page.getByRole("list", { name: "Approved senders" }).getByRole("listitem")).toHaveCount(1);

    await page.getByRole("button", { name: "Remove +15550000999" }).click();
    await expect(page.getByText("0 of 999 approved")).toBeVisible();
  });
});
