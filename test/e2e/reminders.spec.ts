// The Reminders section with the real core: what the owner set in chat shows with its time in words,
// a message for another chat waits for the owner's yes, and Cancel asks first and takes one off.
import { serviceClient } from "../../app/ipc/service-client.ts";
import { expect, test } from "./fixtures.ts";
import { chatWithModel } from "./reminder-setup.ts";

const friend = "+15555550123";

test.use({ coreSetup: { imessage: { dmPolicy: "pairing", allowFrom: [friend] } } });

// Each test has the model answer in chat a time or two before the window is looked at; a loaded
// runner takes a while for that.
test.beforeEach(() => {
  test.setTimeout(120_000);
});

test("a reminder set in chat shows with its time in words, and Cancel asks first, then takes it off", async ({
  page,
  core,
}) => {
  const model = await chatWithModel(core);
  try {
    const answer = await model.ask("remind me in 2 hours to call mum", "remind", {
      text: "Call mum",
      when: "in 2 hours",
    });
    expect(answer).toMatch(/^I'll remind you (today|tomorrow) at \d\d:\d\d\.$/);
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("button", { name: "Reminders" })
      .click();
    const upcoming = page.getByRole("list", { name: "Upcoming" });
    await expect(upcoming.getByRole("listitem").filter({ hasText: "Call mum" })).toContainText(
      /Reminder to you.*(today|tomorrow) at/,
    );
    await page.getByRole("button", { name: "Cancel “Call mum”", exact: true }).click();
    await expect(page.getByRole("button", { name: "Keep" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel “Call mum” for good" }).click();
    await expect(upcoming).toContainText("Nothing coming up.");
    const listed = await serviceClient(core.service).invoke("reminders.list", {});
    expect(listed.ok && listed.data.accounts[0]?.reminders.map((reminder) => reminder.state)).toEqual([
      "cancelled",
    ]);
  } finally {
    await model.close();
  }
});

test("a message for another chat waits for the owner's yes, and Send in the window sends it; a sent reminder moves to Sent", async ({
  page,
  core,
}) => {
  const model = await chatWithModel(core);
  try {
    // imsg lists a chat once it has a message: one the owner sent earlier.
    const friendChat = core.sim.dm(friend);
    core.sim.injectFromMe({ chat: friendChat, text: "see you later" });
    const since = core.sim.maxRowid();
    await model.ask("tell my friend I'm on my way", "schedule_message", {
      chat: friend,
      text: "On my way!",
      when: "in 1 second",
    });
    await model.ask("remind me in a second to stretch", "remind", { text: "Stretch", when: "in 1 second" });
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("button", { name: "Reminders" })
      .click();
    await expect(page.getByRole("list", { name: "Upcoming" })).toContainText(
      `Message to ${friend} · waiting for your yes`,
    );
    await expect(page.getByRole("list", { name: "Sent" })).toContainText("Stretch");
    expect(core.sentTo(friendChat.id, since)).toEqual([]);
    await page.getByRole("button", { name: "Send “On my way!”", exact: true }).click();
    expect(await core.waitForSent(friendChat.id, (text) => text === "On my way!", since)).toBe("On my way!");
    await expect(page.getByRole("list", { name: "Sent" })).toContainText("On my way!");
  } finally {
    await model.close();
  }
});

test("the chats a catch-up never reads and the quiet hours are saved to the config, and a time that is not one is refused", async ({
  page,
  core,
}) => {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Reminders" }).click();
  await page.getByRole("textbox", { name: "Chats a catch-up never reads" }).fill("Doctor, +15555550188");
  await page.getByRole("button", { name: "Save chats a catch-up never reads" }).click();
  await page.getByRole("textbox", { name: "From" }).fill("25:00");
  await page.getByRole("textbox", { name: "until" }).fill("08:00");
  await page.getByRole("button", { name: "Save quiet hours" }).click();
  await expect(page.getByRole("alert")).toContainText("24-hour time");
  await page.getByRole("textbox", { name: "From" }).fill("22:00");
  await page.getByRole("button", { name: "Save quiet hours" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect
    .poll(() => (core.readConfig().channels as { imessage: Record<string, unknown> }).imessage)
    .toMatchObject({
      catchUp: { excludeChats: ["Doctor", "+15555550188"] },
      quietHours: { start: "22:00", end: "08:00" },
    });
});
