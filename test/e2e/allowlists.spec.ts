import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

const friend = "+15555550123";
const other = "+15555550456";

test.describe("groups", () => {
  test.use({
    coreSetup: {
      imessage: { dmPolicy: "allowlist", allowFrom: [friend], groupPolicy: "allowlist" },
      extra: { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } } },
    },
  });

  test("an allowed group is answered only when mentioned, and always once Require mention is off", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    const team = core.sim.group({ participants: [other, friend], displayName: "Team" });
    // imsg lists chats that have messages.
    core.sim.injectInbound({ from: other, chat: crew, text: "welcome to the crew" });
    core.sim.injectInbound({ from: other, chat: team, text: "welcome to the team" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const table = page.getByRole("table", { name: "Group chats" });
    await expect(table.getByRole("row", { name: /Crew/ })).toBeVisible();
    // No group is listed in the config yet: every group is answered, and the table shows it.
    await expect(table.getByRole("switch", { name: "Allowed: Crew" })).toBeChecked();
    await expect(table.getByRole("switch", { name: "Allowed: All other groups" })).toBeChecked();
    await expect(page.getByText("Groups without a row of their own follow")).toBeVisible();

    let since = core.sim.maxRowid();
    core.sim.injectInbound({ from: friend, chat: crew, text: "anyone around?" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "pinch what time is it" });
    await core.waitForSent(crew.id, (text) => text === "echo: pinch what time is it", since);
    expect(core.sentTo(crew.id, since)).not.toContain("echo: anyone around?");

    let reloads = await core.logCount("config reloaded");
    await table.getByRole("checkbox", { name: "Require mention: Crew" }).click();
    await expect(table.getByRole("checkbox", { name: "Require mention: Crew" })).not.toBeChecked();
    await core.waitForLog("config reloaded", reloads);
    since = core.sim.maxRowid();
    core.sim.injectInbound({ from: friend, chat: crew, text: "and now?" });
    await core.waitForSent(crew.id, (text) => text === "echo: and now?", since);
    // Crew's own row did not make the other groups a list they are missing from.
    await expect(table.getByRole("switch", { name: "Allowed: Team" })).toBeChecked();
    core.sim.injectInbound({ from: friend, chat: team, text: "pinch, here too?" });
    await core.waitForSent(team.id, (text) => text === "echo: pinch, here too?", since);

    reloads = await core.logCount("config reloaded");
    await table.getByRole("switch", { name: "Allowed: Crew" }).click();
    await expect(table.getByRole("switch", { name: "Allowed: Crew" })).not.toBeChecked();
    await core.waitForLog("config reloaded", reloads);
    await expect(table.getByRole("switch", { name: "Allowed: Team" })).toBeChecked();
  });

  test("a group's system prompt is saved, and an over-long one is refused next to the field", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    core.sim.injectInbound({ from: other, chat: crew, text: "welcome to the crew" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const table = page.getByRole("table", { name: "Group chats" });
    // Allowed already: no group is listed, so every group is.
    await expect(table.getByRole("switch", { name: "Allowed: Crew" })).toBeChecked();
    const prompt = table.getByRole("textbox", { name: "System prompt: Crew" });
    await prompt.fill("Answer in French.");
    await table.getByRole("button", { name: "Save system prompt: Crew" }).click();
    await expect.poll(() => JSON.stringify(core.readConfig())).toContain("Answer in French.");
    // The window has read the saved prompt back (it would otherwise replace what is typed next).
    await expect(table.getByRole("button", { name: "Save system prompt: Crew" })).toBeDisabled();

    const before = readFileSync(core.configPath, "utf8");
    await prompt.fill("x".repeat(4_500));
    await table.getByRole("button", { name: "Save system prompt: Crew" }).click();
    await expect(table.getByRole("row", { name: /Crew/ }).getByRole("alert")).toContainText(
      "keep it under 4000",
    );
    await expect(prompt).toHaveAttribute("aria-invalid", "true");
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });
});

test.describe("groups under the open policy", () => {
  test.use({
    coreSetup: {
      imessage: { groupPolicy: "open" },
      extra: { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } } },
    },
  });

  test("with All other groups off, the table is the list of answered groups and says so", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    const team = core.sim.group({ participants: [other, friend], displayName: "Team" });
    core.sim.injectInbound({ from: other, chat: crew, text: "welcome to the crew" });
    core.sim.injectInbound({ from: other, chat: team, text: "welcome to the team" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const table = page.getByRole("table", { name: "Group chats" });
    await expect(table.getByRole("row", { name: /Team/ })).toBeVisible();

    let reloads = await core.logCount("config reloaded");
    await table.getByRole("switch", { name: "Allowed: All other groups" }).click();
    await expect(table.getByRole("switch", { name: "Allowed: All other groups" })).not.toBeChecked();
    await core.waitForLog("config reloaded", reloads);
    await expect(table.getByRole("switch", { name: "Allowed: Crew" })).not.toBeChecked();
    await expect(page.getByText("Only the groups allowed here are answered")).toBeVisible();

    reloads = await core.logCount("config reloaded");
    await table.getByRole("switch", { name: "Allowed: Crew" }).click();
    await expect(table.getByRole("switch", { name: "Allowed: Crew" })).toBeChecked();
    await core.waitForLog("config reloaded", reloads);
    await expect(table.getByRole("switch", { name: "Allowed: Team" })).not.toBeChecked();
    // No greyed-out box for a group that is not answered: the row says why instead.
    await expect(table.getByRole("checkbox", { name: "Require mention: Team" })).toHaveCount(0);
    await expect(table.getByRole("row", { name: /Team/ })).toContainText("Not answered here");

    const since = core.sim.maxRowid();
    const refusals = await core.logCount("not answering");
    core.sim.injectInbound({ from: other, chat: team, text: "pinch, are you here?" });
    await core.waitForLog("not answering", refusals);
    core.sim.injectInbound({ from: other, chat: crew, text: "pinch, and here?" });
    await core.waitForSent(crew.id, (text) => text === "echo: pinch, and here?", since);
    expect(core.sentTo(team.id, since)).toEqual([]);
  });
});

test.describe("who may talk in an allowed group", () => {
  test.use({
    coreSetup: {
      imessage: { dmPolicy: "allowlist", allowFrom: [friend], groupPolicy: "allowlist" },
      extra: { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } } },
    },
  });

  test("a member not on my list is answered once the group is set to Everyone in this group, and not once it is set back", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    core.sim.injectInbound({ from: other, chat: crew, text: "welcome to the crew" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const table = page.getByRole("table", { name: "Group chats" });
    const who = table.getByRole("combobox", { name: "Who may talk: Crew" });
    // imsg lists the Mac's chats first, which a busy machine makes slow.
    await expect(who).toHaveValue("list", { timeout: 30_000 });

    // Messages of one chat are handled in order: once the friend's is answered, the member's was decided.
    let since = core.sim.maxRowid();
    core.sim.injectInbound({ from: other, chat: crew, text: "pinch, can you hear me?" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "pinch, and me?" });
    await core.waitForSent(crew.id, (text) => text === "echo: pinch, and me?", since);
    expect(core.sentTo(crew.id, since)).not.toContain("echo: pinch, can you hear me?");

    let reloads = await core.logCount("config reloaded");
    await who.selectOption({ label: "Everyone in this group" });
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend, `chat_id:${crew.id}`] } } });
    await core.waitForLog("config reloaded", reloads);
    await expect(who).toHaveValue("everyone");
    since = core.sim.maxRowid();
    core.sim.injectInbound({ from: other, chat: crew, text: "pinch, and now?" });
    await core.waitForSent(crew.id, (text) => text === "echo: pinch, and now?", since);

    reloads = await core.logCount("config reloaded");
    await who.selectOption({ label: "Only people on my list" });
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend] } } });
    await core.waitForLog("config reloaded", reloads);
    since = core.sim.maxRowid();
    core.sim.injectInbound({ from: other, chat: crew, text: "pinch, still there?" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "pinch, last one" });
    await core.waitForSent(crew.id, (text) => text === "echo: pinch, last one", since);
    expect(core.sentTo(crew.id, since)).not.toContain("echo: pinch, still there?");
  });
});

test.describe("mention words", () => {
  test.use({ coreSetup: { imessage: { groupPolicy: "open" } } });

  test("words typed in the window are saved as escaped patterns and a message with one of them is answered", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    core.sim.injectInbound({ from: other, chat: crew, text: "welcome to the crew" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    await expect(
      page.getByText("the assistant answers a message that contains one of these words"),
    ).toBeVisible();
    const reloads = await core.logCount("config reloaded");
    await page.getByRole("textbox", { name: "Mention words" }).fill("Claw Bot, C++");
    await page.getByRole("button", { name: "Save mention words" }).click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({
        messages: { groupChat: { mentionPatterns: ["\\b@?Claw\\s+Bot\\b", "\\b@?C\\+\\+"] } },
      });
    await core.waitForLog("config reloaded", reloads);
    // Read back from the file as the words they were typed as; no pattern is left for Advanced.
    await expect(page.getByRole("textbox", { name: "Mention words" })).toHaveValue("Claw Bot, C++");

    const since = core.sim.maxRowid();
    core.sim.injectInbound({ from: friend, chat: crew, text: "hey claw  bot, are you there?" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "is anyone there?" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "@c++ ping" });
    await core.waitForSent(crew.id, (text) => text === "echo: @c++ ping", since);
    expect(core.sentTo(crew.id, since)).toEqual(["echo: hey claw  bot, are you there?", "echo: @c++ ping"]);
  });
});

test.describe("direct messages", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "allowlist", allowFrom: [friend] } } });

  test("entries are normalised as they are typed and saved in E.164; a chat_id entry names its chat", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, "+15555550456"], displayName: "Crew" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "hi all" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const input = page.getByRole("textbox", { name: "Add to People who may message the assistant" });
    await input.fill("(555) 555-0188");
    await expect(page.getByText("Phone number, saved as +15555550188")).toBeVisible();
    await page.getByRole("button", { name: "Add to People who may message the assistant" }).click();
    const list = page.getByRole("list", { name: "People who may message the assistant" });
    await expect(list.getByRole("listitem").filter({ hasText: "+15555550188" })).toBeVisible();
    await expect.poll(() => JSON.stringify(core.readConfig())).toContain("+15555550188");

    await input.fill("chat_id:42");
    await expect(page.getByText("Chat, saved as chat_id:42")).toBeVisible();
    await input.fill(`chat_id:${crew.id}`);
    await page.getByRole("button", { name: "Add to People who may message the assistant" }).click();
    await expect(list.getByRole("listitem").filter({ hasText: `chat_id:${crew.id}` })).toContainText(
      "→ Crew",
    );
    await input.fill("chat_id:*");
    await expect(page.getByText(/Not valid: chat_id needs a chat number/)).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
  });

  test("an invalid number and * under an allowlist are refused inline and nothing is saved", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    const before = readFileSync(core.configPath, "utf8");
    const input = page.getByRole("textbox", { name: "Add to People who may message the assistant" });
    const add = page.getByRole("button", { name: "Add to People who may message the assistant" });

    await input.fill("12");
    await add.click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: `"12" doesn't look like a phone number in the United States` }),
    ).toBeVisible();
    await input.fill("*");
    await add.click();
    await expect(page.getByRole("alert").filter({ hasText: '"*" would let everyone in' })).toBeVisible();
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });

  test("a broken mention pattern is refused inline and nothing is saved", async ({ page, core }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    const before = readFileSync(core.configPath, "utf8");
    await page.getByText("Advanced: regular expressions").click();
    await page.getByRole("textbox", { name: "Mention patterns" }).fill("(pinch");
    await page.getByRole("button", { name: "Save mention words" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "is not a valid regular expression" }),
    ).toBeVisible();
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });

  test("choosing Everyone saves the policy and * together; removing the last entry of an allowlist is refused", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    // The choice is saved first and shown once the core has it, so click rather than check.
    await page.getByRole("radio", { name: /Everyone/ }).click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { dmPolicy: "open", allowFrom: [friend, "*"] } } });
    await expect(page.getByRole("radio", { name: /Everyone/ })).toBeChecked();
    await page.getByRole("radio", { name: /Only people on my list/ }).click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { dmPolicy: "allowlist", allowFrom: [friend] } } });
    // The file is written before the window reloads its view; removing from the old list would remove from [friend, "*"].
    await expect(page.getByRole("radio", { name: /Only people on my list/ })).toBeChecked();

    const before = readFileSync(core.configPath, "utf8");
    await page.getByRole("button", { name: `Remove ${friend}` }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: 'dmPolicy "allowlist" needs at least one allowFrom entry' }),
    ).toBeVisible();
    expect(readFileSync(core.configPath, "utf8")).toBe(before);
  });
});

test.describe("on a Mac set to the United Kingdom", () => {
  test.use({ coreSetup: { region: "GB", imessage: { dmPolicy: "allowlist", allowFrom: [friend] } } });

  test("a number written the British way is read as British and saved with its country code", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    const input = page.getByRole("textbox", { name: "Add to People who may message the assistant" });
    await input.fill("07400 123456");
    await expect(page.getByText("Phone number, saved as +447400123456")).toBeVisible();
    await page.getByRole("button", { name: "Add to People who may message the assistant" }).click();
    const list = page.getByRole("list", { name: "People who may message the assistant" });
    await expect(list.getByRole("listitem").filter({ hasText: "+447400123456" })).toBeVisible();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend, "+447400123456"] } } });

    await input.fill("020 79");
    await expect(
      page.getByText(
        `"020 79" doesn't look like a phone number in the United Kingdom. Include the country code`,
      ),
    ).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("removing someone", () => {
  const me = "+15555550100";
  test.use({
    coreSetup: {
      imessage: { dmPolicy: "allowlist", allowFrom: [me, friend] },
      extra: { commands: { ownerAllowFrom: ["(555) 555-0100"] } },
    },
  });

  test("a removal can be undone, and removing my own number is marked and asked about first", async ({
    page,
    core,
  }) => {
    await page.getByRole("button", { name: "Allowlists" }).click();
    const list = page.getByRole("list", { name: "People who may message the assistant" });
    await expect(list.getByRole("listitem").filter({ hasText: me })).toContainText("you");
    await expect(list.getByRole("listitem").filter({ hasText: friend })).not.toContainText("you");

    await list.getByRole("button", { name: `Remove ${friend}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `Removed ${friend}.` })).toBeVisible();
    await expect.poll(() => core.readConfig()).toMatchObject({ channels: { imessage: { allowFrom: [me] } } });
    await page.getByRole("button", { name: `Undo removing ${friend}` }).click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [me, friend] } } });
    await expect(list.getByRole("listitem").filter({ hasText: friend })).toBeVisible();

    const before = readFileSync(core.configPath, "utf8");
    await list.getByRole("button", { name: `Remove ${me}` }).click();
    await expect(list.getByRole("alert")).toContainText("This is your own number or email");
    await list.getByRole("button", { name: "Keep" }).click();
    await expect(list.getByRole("alert")).toHaveCount(0);
    expect(readFileSync(core.configPath, "utf8")).toBe(before);

    await list.getByRole("button", { name: `Remove ${me}` }).click();
    await list.getByRole("button", { name: `Remove ${me} anyway` }).click();
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend] } } });
  });
});

test.describe("entries the core cannot read", () => {
  test.use({ coreSetup: { imessage: { dmPolicy: "allowlist", allowFrom: [friend, "Mom"] } } });

  test("an existing entry that reads as nothing stays listed with its warning; a chat alias is saved as chat_id", async ({
    page,
    core,
  }) => {
    const crew = core.sim.group({ participants: [friend, other], displayName: "Crew" });
    core.sim.injectInbound({ from: friend, chat: crew, text: "hi all" });
    await page.getByRole("button", { name: "Allowlists" }).click();
    const list = page.getByRole("list", { name: "People who may message the assistant" });
    const mom = list.getByRole("listitem").filter({ hasText: "Mom" });
    await expect(mom).toContainText('Admits no one: "Mom" is not a phone number');
    await expect(mom.getByRole("button", { name: "Remove Mom" })).toBeVisible();

    const input = page.getByRole("textbox", { name: "Add to People who may message the assistant" });
    await input.fill(`ChatID:${crew.id}`);
    await expect(page.getByText(`Chat, saved as chat_id:${crew.id}`)).toBeVisible();
    await page.getByRole("button", { name: "Add to People who may message the assistant" }).click();
    await expect(list.getByRole("listitem").filter({ hasText: `chat_id:${crew.id}` })).toContainText(
      "→ Crew",
    );
    await expect
      .poll(() => core.readConfig())
      .toMatchObject({ channels: { imessage: { allowFrom: [friend, "Mom", `chat_id:${crew.id}`] } } });
  });
});
