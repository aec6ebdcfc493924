// The Reminders section with the real core: what the owner set in chat shows with its time in words,
// a message for another chat waits for the owner's yes, and Cancel asks first and takes one off.
import { serviceClient } from "../../app/ipc/service-client.ts";
import { expect, test } from "./fixtures.ts";
import { chatWithModel } from "./reminder-setup.ts";

const friend = "+15555550123";

test.use({ coreSetup: { imessage: { dmPolicy: "pairing", allowFrom: [friend] } } });

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

test("a message for another chat shows as waiting for the owner's yes, and a sent reminder moves to Sent", async ({
  page,
  core,
}) => {
  const model = await chatWithModel(core);
  try {
    // imsg lists a chat once it has a message: one the owner sent earlier.
    core.sim.injectFromMe({ chat: core.sim.dm(friend), text: "see you later" });
    await model.ask("tell my friend I'm on my way at 6", "schedule_message", {
      chat: friend,
      text: "On my way!",
      when: "in 3 hours",
    });
    await model.ask("remind me in a second to stretch", "remind", { text: "Stretch", when: "in 1 second" });
    await page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("button", { name: "Reminders" })
      .click();
    await expect(page.getByRole("list", { name: "Upcoming" })).toContainText(
      `Message to ${friend} · waiting for your yes in chat`,
    );
    await expect(page.getByRole("list", { name: "Sent" })).toContainText("Stretch");
  } finally {
    await model.close();
  }
});
