// Every section of the window and every wizard step through axe-core, in light and dark mode, with
// the real core behind the page: no serious or critical violation, and AA contrast for placeholders
// and switches. The sections come from the sidebar's own list, so a new section is checked without
// touching this file; a new wizard step is checked on the walk, and the walk fails if it meets a step
// it does not know how to leave.
import { cpSync, mkdtempSync, renameSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { type SectionId, sections } from "../../renderer/app/sections.ts";
import { type StepId, steps } from "../../renderer/wizard/steps.ts";
import { imsgShimPath } from "../imsg-sim/sim-db.ts";
import { accessibilityProblems } from "./accessibility-check.ts";
import type { CoreHarness } from "./core-harness.ts";
import { expect, test } from "./fixtures.ts";
import { chatWithModel } from "./reminder-setup.ts";

const friend = "+15555550123";
const stranger = "+15555550999";

function expectNoProblems(problems: string[]): void {
  expect(problems, `accessibility problems:\n\n${problems.join("\n\n")}\n`).toEqual([]);
}

/** Waits until the screen has its data: no "Reading …" placeholder left. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByText(/^Reading .*…$/)).toHaveCount(0);
}

interface ScreenState {
  name: string;
  arrange: (page: Page, core: CoreHarness) => Promise<void>;
}

/** States with content beyond what a section shows on opening; a section without any is checked as it opens. */
const contentStates: Partial<Record<SectionId, readonly ScreenState[]>> = {
  status: [
    {
      name: "messages from while Pinch was away",
      arrange: async (page, core) => {
        const hoursAgo = new Date(Date.now() - 3 * 60 * 60_000);
        core.sim.injectInbound({ from: friend, text: "are you around tonight?", date: hoursAgo });
        await expect(page.getByRole("button", { name: "Answer them now" })).toBeVisible();
      },
    },
  ],
  pairing: [
    {
      name: "a pending request",
      arrange: async (page) => {
        await expect(page.getByRole("button", { name: `Dismiss ${stranger}` })).toBeVisible();
      },
    },
  ],
  allowlists: [
    {
      name: "an entry that is not a number or address",
      arrange: async (page) => {
        await page
          .getByRole("textbox", { name: "Add to People who may message the assistant" })
          .fill("555 555");
        await page.getByRole("button", { name: "Add to People who may message the assistant" }).click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
      },
    },
  ],
  reminders: [
    {
      name: "reminders to come and sent, a message waiting for a yes, and a Cancel that asks",
      arrange: async (page, core) => {
        const model = await chatWithModel(core);
        try {
          await model.ask("remind me to call mum at 5", "remind", { text: "Call mum", when: "in 3 hours" });
          await model.ask("tell the crew I'm in", "schedule_message", {
            chat: "Climbing crew",
            text: "Count me in for Saturday",
            when: "tomorrow morning",
          });
          await model.ask("remind me in a second to stretch", "remind", {
            text: "Stretch",
            when: "in 1 second",
          });
        } finally {
          await model.close();
        }
        await expect(page.getByRole("list", { name: "Sent" })).toContainText("Stretch");
        await page.getByRole("button", { name: "Cancel “Call mum”", exact: true }).click();
        await expect(page.getByRole("button", { name: "Cancel “Call mum” for good" })).toBeVisible();
      },
    },
  ],
  accounts: [
    {
      name: "an account that would read a database another one reads",
      arrange: async (page, core) => {
        await page.getByRole("textbox", { name: "Account id", exact: true }).fill("second");
        await page
          .getByRole("region", { name: "Add an account" })
          .getByText("Advanced: Messages database and imsg program")
          .click();
        const database = page.getByRole("textbox", { name: "Messages database", exact: true });
        await database.fill(core.sim.path);
        await page.getByRole("button", { name: "Add account" }).click();
        await expect(page.getByRole("alert").first()).toBeVisible();
        // The error describes the field; the field's name stays its label.
        await expect(database).toHaveAccessibleName("Messages database");
        await expect(database).toHaveAccessibleDescription(/database/);
      },
    },
    {
      name: "the SSH form filled in",
      arrange: async (page) => {
        const form = page.getByRole("form", { name: "SSH account" });
        await form.getByRole("textbox", { name: "SSH address" }).fill("bot@127.0.0.1");
        await form.getByRole("textbox", { name: "Send a test message to" }).fill(friend);
        await form.scrollIntoViewIfNeeded();
      },
    },
  ],
  settings: [
    {
      name: "a value the core refuses",
      arrange: async (page) => {
        await page.getByRole("textbox", { name: "Largest attachment (MB)" }).fill("twelve");
        await page.getByRole("button", { name: "Save Largest attachment (MB)" }).click();
        await expect(page.getByRole("alert").first()).toBeVisible();
      },
    },
  ],
};

test.describe("the window's sections", () => {
  test.use({
    coreSetup: {
      imessage: {
        dmPolicy: "pairing",
        allowFrom: [friend, "ana@example.com"],
        groupPolicy: "allowlist",
        accounts: { default: { name: "Personal" }, bot: { name: "Bot Apple ID", enabled: false } },
      },
      extra: { messages: { groupChat: { mentionPatterns: ["\\bpinch\\b"] } } },
    },
  });

  for (const section of sections) {
    test(`the ${section.title} section has no serious or critical accessibility problem in light and dark mode`, async ({
      page,
      core,
    }) => {
      // axe runs up to six times here; on a loaded runner one run of a long screen can take half a minute.
      test.setTimeout(600_000);
      const crew = core.sim.group({ participants: [friend, "+15555550456"], displayName: "Climbing crew" });
      core.sim.injectInbound({ from: friend, chat: crew, text: "who's in for Saturday?" });
      core.sim.injectInbound({ from: stranger, text: "hi, is this Pinch?" });

      await page
        .getByRole("navigation", { name: "Sections" })
        .getByRole("button", { name: section.title })
        .click();
      await expect(page.getByRole("heading", { level: 1, name: section.title })).toBeVisible();
      await settled(page);
      const problems = await accessibilityProblems(page, section.title);
      for (const state of contentStates[section.id] ?? []) {
        await state.arrange(page, core);
        problems.push(...(await accessibilityProblems(page, `${section.title} with ${state.name}`)));
      }
      expectNoProblems(problems);
    });
  }
});

/**
 * How the walk leaves each step once it has been checked; the permission steps are "fixed" on the
 * macOS side (the stand-in osascript, imsg on the PATH, the database back in place) and move on by
 * themselves. A step missing here fails the walk with its name.
 */
type Leave = (page: Page, core: CoreHarness, check: (state: string) => Promise<void>) => Promise<void>;

test.describe("the wizard", () => {
  test.use({ coreSetup: { firstRunDone: false, imessage: { cliPath: "imsg" }, waitReady: false } });

  test("every wizard step, in the state a beginner meets it, has no serious or critical accessibility problem in light and dark mode", async ({
    page,
    core,
  }) => {
    // Two dozen axe runs; on a loaded runner each can take several seconds.
    test.setTimeout(600_000);
    const problems: string[] = [];
    const visited = new Set<StepId>();
    const title = page.getByRole("heading", { level: 1 });
    const checkResult = page.locator(".check-result");
    const done = (id: StepId) => visited.has(id);

    // A Mac as it is before setup: Messages signed out and not yet allowed to be controlled, imsg
    // missing, the Messages database not readable.
    const macos = () =>
      core.macos.answer(done("automation") ? "granted" : "denied", done("messages") ? undefined : "");
    macos();
    core.macos.installBrew();
    const database = core.sim.path;
    const movedDatabase = `${database}.away`;
    renameSync(database, movedDatabase);

    const waitUntilChecked = async () => {
      await expect(checkResult).toBeVisible();
      await expect(checkResult).not.toHaveAttribute("data-state", /loading|granted|not-applicable/);
    };
    const leaves: Partial<Record<StepId, Leave>> = {
      welcome: async () => {
        await page.getByRole("button", { name: "Get started" }).click();
      },
      messages: async () => {
        await waitUntilChecked();
        // Signing in, and the OK in the Automation prompt the check raises.
        core.macos.answer("granted");
      },
      imsg: async () => {
        await waitUntilChecked();
        await page.getByRole("button", { name: "Install with Homebrew" }).click();
        await expect(page.getByText(/Terminal is running/)).toBeVisible();
        symlinkSync(imsgShimPath(), path.join(core.macos.binDir, "imsg"));
      },
      "full-disk-access": async () => {
        await waitUntilChecked();
        renameSync(movedDatabase, database);
      },
      automation: async () => {
        await waitUntilChecked();
        // Allowed now, and Messages still signed out: the sign-in step, next, is met as a beginner meets it.
        core.macos.answer("granted", "");
      },
      consent: async () => {
        await page.getByRole("button", { name: "I understand" }).click();
      },
      who: async (_page, _core, check) => {
        const number = page.getByRole("textbox", { name: "Your own phone number or email" });
        await number.fill("555 555");
        await number.press("Enter");
        await expect(page.getByRole("alert")).toBeVisible();
        await check("a number that cannot be a phone number");
        await number.fill(friend);
        await number.press("Enter");
      },
      groups: async () => {
        await page.getByRole("button", { name: "Continue" }).click();
      },
      model: async (_page, _core, check) => {
        await page.getByRole("button", { name: "Save and say hello" }).click();
        await expect(page.getByRole("alert").first()).toBeVisible();
        await check("a provider without its key");
        await page.getByRole("button", { name: /^Skip/ }).click();
      },
      test: async () => {
        await page.getByRole("button", { name: /^Skip/ }).click();
      },
      done: async () => {},
    };

    for (;;) {
      await expect(title).not.toHaveText("");
      const text = (await title.textContent()) ?? "";
      const step = steps.find((candidate) => candidate.title === text);
      if (!step) throw new Error(`The wizard shows "${text}", a title not in renderer/wizard/steps.ts.`);
      if (step.id !== "welcome" && step.id !== "done" && step.id !== "who") macos();
      await settled(page);
      // After moving on, the new step's heading has the focus, as a screen reader user expects; the
      // first step leaves the focus where the window put it.
      if (visited.size > 0) await expect(title).toBeFocused();
      const where = `wizard step "${step.title}"`;
      problems.push(...(await accessibilityProblems(page, where)));
      visited.add(step.id);
      const leave = leaves[step.id];
      if (!leave) {
        throw new Error(
          `The accessibility walk does not know how to leave the wizard step "${step.id}": add it to \`leaves\` in test/e2e/accessibility.spec.ts.`,
        );
      }
      await leave(page, core, async (state) => {
        problems.push(...(await accessibilityProblems(page, `${where} with ${state}`)));
      });
      if (step.id === "done") break;
      await expect(title).not.toHaveText(step.title, { timeout: 20_000 });
    }

    // The OpenClaw step shows only when OpenClaw is on the Mac: the next test checks it.
    const missed = steps.filter((step) => step.id !== "import" && !visited.has(step.id));
    expect(
      missed.map((step) => step.id),
      "wizard steps the walk never reached",
    ).toEqual([]);
    expectNoProblems(problems);
  });
});

test.describe("the wizard with OpenClaw on the Mac", () => {
  const home = mkdtempSync(path.join(tmpdir(), "pinch-e2e-openclaw-"));
  cpSync(path.resolve(import.meta.dirname, "..", "fixtures", "openclaw-home"), home, { recursive: true });
  test.use({ coreSetup: { firstRunDone: false, env: { OPENCLAW_STATE_DIR: path.join(home, ".openclaw") } } });

  test("the OpenClaw step has no serious or critical accessibility problem in light and dark mode", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const openclaw = steps.find((step) => step.id === "import");
    if (!openclaw) throw new Error("renderer/wizard/steps.ts has no import step");
    await page.getByRole("button", { name: "Get started" }).click();
    const title = page.getByRole("heading", { level: 1, name: openclaw.title });
    await expect(title).toBeVisible();
    await expect(title).toBeFocused();
    await expect(page.getByRole("region", { name: "What will be imported" })).toBeVisible();
    expectNoProblems(await accessibilityProblems(page, `wizard step "${openclaw.title}"`));
  });
});
