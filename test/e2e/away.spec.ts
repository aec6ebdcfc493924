import { expect, test } from "./fixtures.ts";
import { shootBothModes } from "./shoot.ts";

const alice = "+15555550102";
const bob = "+15555550103";
const threeHoursAgo = () => new Date(Date.now() - 3 * 60 * 60_000);

test.describe("messages that came while Pinch was away", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "allowlist", allowFrom: [alice, bob] } } });
  // A budget for a hang, not for speed: a core's start and two screenshots take long on a loaded runner.
  test.describe.configure({ timeout: 120_000 });

  test("the Status card lists who wrote, and Answer them now answers each once", async ({ page, core }) => {
    core.sim.setContactName(alice, "Alice Liddell");
    const first = core.sim.injectInbound({
      from: alice,
      text: "are you free tonight?",
      date: threeHoursAgo(),
    });
    core.sim.injectInbound({ from: alice, text: "call me", date: threeHoursAgo() });
    const other = core.sim.injectInbound({ from: bob, text: "lunch on Friday?", date: threeHoursAgo() });
    const since = first.rowid - 1;

    const card = page.getByRole("status", { name: "While you were away" });
    const list = card.getByRole("list", { name: "Messages while you were away" });
    await expect(list.getByRole("listitem")).toHaveCount(3);
    await expect(card).toContainText("3 messages came while Pinch was away");
    await expect(list.getByRole("listitem").first()).toContainText("Alice Liddell");
    await expect(list.getByRole("listitem").first()).toContainText("are you free tonight?");
    await expect(list.getByRole("listitem").nth(2)).toContainText(bob);
    expect(core.sentTo(first.chatId, since)).toEqual([]);
    await expect(page.getByTestId("status-pill")).toHaveText("3 messages while you were away");
    await shootBothModes(page, "status-away");

    await card.getByRole("button", { name: "Answer them now" }).click();
    await core.waitForSent(other.chatId, (text) => text === "echo: lunch on Friday?", since);
    await core.waitForSent(first.chatId, (text) => text === "echo: call me", since);
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId("status-pill")).toHaveText("Running");
    expect(core.sentTo(first.chatId, since)).toEqual(["echo: are you free tonight?", "echo: call me"]);
    expect(core.sentTo(other.chatId, since)).toEqual(["echo: lunch on Friday?"]);
  });

  test("Dismiss clears the card and answers nobody", async ({ page, core }) => {
    const row = core.sim.injectInbound({ from: alice, text: "old news", date: threeHoursAgo() });
    const card = page.getByRole("status", { name: "While you were away" });
    await expect(card.getByRole("listitem")).toHaveCount(1);
    await card.getByRole("button", { name: "Dismiss" }).click();
    await expect(card).toHaveCount(0);
    // A live message after it is answered; the dismissed one never is.
    const fresh = core.sim.injectInbound({ from: alice, text: "still there?" });
    await core.waitForSent(row.chatId, (text) => text === "echo: still there?", row.rowid);
    expect(core.sentTo(row.chatId, row.rowid - 1)).toEqual(["echo: still there?"]);
    expect(fresh.chatId).toBe(row.chatId);
  });
});
