import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures.ts";
import { shootBothModes } from "./shoot.ts";

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
    await expect(page.getByRole("list", { name: "People who can message the assistant" })).toContainText(
      stranger,
    );

    // Approving answered what they wrote first; their next message is answered too.
    await core.waitForSent(first.chatId, (text) => text === "echo: hi, who is this?");
    const since = core.sim.maxRowid();
    core.sim.injectInbound({ from: stranger, text: "thanks" });
    await core.waitForSent(first.chatId, (text) => text === "echo: thanks", since);

    // Allowlists counts the people approved here and leads back to the one list.
    await page.getByRole("button", { name: "Allowlists" }).click();
    await expect(page.getByText("1 more person was approved in Pairing.")).toBeVisible();
    await page.getByRole("button", { name: "Show in Pairing" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Pairing" })).toBeVisible();
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
    await page.getByRole("button", { name: `Remove ${stranger} for good` }).click();
    await expect(page.getByRole("list", { name: "People who can message the assistant" })).toContainText(
      "Nobody yet.",
    );
  });
});

test.describe("a stranger in the Mac's Contacts", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "pairing" } } });

  test("the request shows their Contacts name and first message; Approve answers that message once", async ({
    page,
    core,
  }) => {
    core.sim.setContactName(stranger, "Robin Example");
    await page.getByRole("button", { name: "Pairing" }).click();
    const first = core.sim.injectInbound({ from: stranger, text: "Hi! Is this Sam's assistant?" });
    const row = page
      .getByRole("table", { name: "Waiting for approval" })
      .getByRole("row")
      .filter({ hasText: stranger });
    await expect(row).toContainText("Robin Example");
    await expect(row).toContainText("Hi! Is this Sam's assistant?");

    const since = core.sim.maxRowid();
    await page.getByRole("button", { name: `Approve ${stranger}`, exact: true }).click();
    await core.waitForSent(first.chatId, (text) => text === "echo: Hi! Is this Sam's assistant?", since);
    await expect(page.getByRole("list", { name: "People who can message the assistant" })).toContainText(
      "Robin Example",
    );
    // Nothing more goes out for that message.
    await expect.poll(() => core.sentTo(first.chatId, since), { timeout: 2_000 }).toHaveLength(1);
    await page.waitForTimeout(1_000);
    expect(core.sentTo(first.chatId, since)).toEqual(["echo: Hi! Is this Sam's assistant?"]);
  });
});

test.describe("with only my list", () => {
  test.use({
    coreSetup: {
      imessage: { dmPolicy: "allowlist", allowFrom: ["+15555550111", "+15555550333"] },
      extra: { commands: { ownerAllowFrom: ["+15555550333"] } },
    },
  });

  test("the Pairing screen says pairing is off, and its button turns it on", async ({ page, core }) => {
    await page.getByRole("button", { name: "Pairing" }).click();
    const notice = page.getByRole("region", { name: "Pairing is off" });
    await expect(notice).toContainText("Only people on your list can message the assistant");
    await notice.getByRole("button", { name: "Turn on pairing" }).click();
    await expect(notice).toHaveCount(0);
    await expect
      .poll(() => (core.readConfig().channels as { imessage: { dmPolicy?: string } }).imessage.dmPolicy)
      .toBe("pairing");
  });

  test("one list shows people on the list and people approved by pairing, and Remove works for both", async ({
    page,
    core,
  }) => {
    const file = path.join(core.stateDir, "imessage", "default", "pairing.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        requests: [],
        approved: [{ sender: "+15555550222", key: "+15555550222", approvedAt: Date.now() }],
        notify: [],
      }),
    );
    await page.getByRole("button", { name: "Pairing" }).click();
    const people = page.getByRole("list", { name: "People who can message the assistant" });
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550111" })).toContainText(
      "on your list",
    );
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550222" })).toContainText(
      "approved by pairing",
    );
    // The owner's own number is marked, and Remove asks before it goes.
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550333" })).toContainText("you");
    await page.getByRole("button", { name: "Remove +15555550333" }).click();
    await expect(people.getByRole("alert")).toContainText("your own number");
    await page.getByRole("button", { name: "Keep" }).click();
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550333" })).toHaveCount(1);

    await page.getByRole("button", { name: "Remove +15555550111" }).click();
    await page.getByRole("button", { name: "Remove +15555550111 for good" }).click();
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550111" })).toHaveCount(0);
    await expect
      .poll(() => (core.readConfig().channels as { imessage: { allowFrom?: string[] } }).imessage.allowFrom)
      .toEqual(["+15555550333"]);

    await page.getByRole("button", { name: "Remove +15555550222" }).click();
    await page.getByRole("button", { name: "Remove +15555550222 for good" }).click();
    await expect(people.getByRole("listitem").filter({ hasText: "+15555550222" })).toHaveCount(0);
    await expect(people.getByRole("listitem")).toHaveCount(1);
  });
});

test.describe("at 900 px wide", () => {
  test.use({ viewport: { width: 900, height: 600 }, coreSetup: { imessage: { dmPolicy: "pairing" } } });

  test("a request's buttons sit in one row beside what the stranger wrote", async ({ page, core }) => {
    core.sim.setContactName(stranger, "Robin Example");
    core.sim.injectInbound({
      from: stranger,
      text: "Hello there, I got your number from Sam and wanted to ask about Saturday's dinner plans.",
    });
    await page.getByRole("button", { name: "Pairing" }).click();
    const approve = page.getByRole("button", { name: `Approve ${stranger}`, exact: true });
    const notify = page.getByRole("button", { name: `Approve ${stranger} and tell them` });
    const dismiss = page.getByRole("button", { name: `Dismiss ${stranger}` });
    await expect(dismiss).toBeInViewport({ ratio: 1 });
    const boxes = await Promise.all([approve, notify, dismiss].map((button) => button.boundingBox()));
    const tops = boxes.map((box) => Math.round(box?.y ?? -1));
    expect(new Set(tops).size).toBe(1);
    await shootBothModes(page, "pairing-900");
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
    await expect(page.getByText("1000 people", { exact: false })).toBeVisible();

    await page.getByRole("searchbox", { name: "Find a person" }).fill("5550000999");
    await expect(
      page.getByRole("list", { name: "People who can message the assistant" }).getByRole("listitem"),
    ).toHaveCount(1);

    await page.getByRole("button", { name: "Remove +15550000999" }).click();
    await page.getByRole("button", { name: "Remove +15550000999 for good" }).click();
    await expect(page.getByText("0 of 999 people")).toBeVisible();
  });
});
