import type { Locator, Page } from "@playwright/test";
import { LOOPBACK, type SshdHarness } from "../sshd/sshd-harness.ts";

/** Opens Accounts and fills the SSH account form for the test sshd's bot user; returns the form. */
export async function fillSshAccountForm(
  page: Page,
  sshd: SshdHarness,
  testSendTo: string,
): Promise<Locator> {
  await page.getByRole("button", { name: "Accounts" }).click();
  const form = page.getByRole("form", { name: "SSH account" });
  await form.getByRole("textbox", { name: "SSH address" }).fill(`${sshd.bot.name}@${LOOPBACK}`);
  await form.getByRole("textbox", { name: "Port" }).fill(String(sshd.port));
  await form.getByRole("textbox", { name: "SSH account name" }).fill("Bot Apple ID");
  await form.getByRole("textbox", { name: "Messages database there" }).fill(sshd.sim.path);
  await form.getByRole("textbox", { name: "imsg there (full path)" }).fill(sshd.remoteImsg);
  await form.getByRole("textbox", { name: "That user's home folder" }).fill(sshd.bot.home);
  await form.getByRole("textbox", { name: "Send a test message to" }).fill(testSendTo);
  return form;
}
