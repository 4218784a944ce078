import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const panelOf = (page: Page): Locator => page.getByRole("complementary", { name: "Tutorial" });
const resultOf = (panel: Locator): Locator => panel.getByRole("status", { name: "Result of your work" });

describe("the tutorial panel", () => {
  it("opens on the first step at a first visit; checks, hints, solution, apply and reset; keeps progress across a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);

    // A first visit: the Task Tracker backend tutorial, step 1, panel open.
    await panel.getByRole("heading", { name: "Create an empty app" }).waitFor();
    await expect.poll(() => panel.getByText("Step 1 of 12", { exact: true }).count()).toBe(1);

    // Next step opens step 2 and its screen.
    await panel.getByRole("button", { name: "Next step" }).click();
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();
    await expect.poll(() => page.url()).toMatch(/#\/schema$/);
    await panel.getByRole("link", { name: "Open Schema" }).waitFor();

    // A value to enter, copied with its own button.
    await panel.getByRole("button", { name: "Copy Database" }).click();
    await panel.getByText("Database copied to the clipboard.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe("tracker");

    // Check my work on the unfinished step names what is missing.
    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Not yet\..*no collection tracker\.users yet/s);

    // Hints, one at a time.
    await panel.getByRole("button", { name: "Show a hint" }).click();
    await panel.getByText(/type tracker as the database/).waitFor();
    expect(await panel.getByText(/paste the User schema/).count()).toBe(0);
    await panel.getByRole("button", { name: "Show the next hint" }).click();
    await panel.getByText(/paste the User schema/).waitFor();

    // The solution as a diff beside the learner's (missing) file.
    await panel.getByRole("button", { name: "Show solution" }).click();
    await panel.getByRole("heading", { name: "data_sources/mongodb-atlas/tracker/users/schema.json" }).waitFor();
    await panel.getByRole("textbox", { name: "Solution of data_sources/mongodb-atlas/tracker/users/schema.json" }).waitFor();

    // Apply solution asks first, naming the files; Cancel changes nothing.
    await panel.getByRole("button", { name: "Apply solution…" }).click();
    let dialog = page.getByRole("dialog", { name: "Apply the solution?" });
    await dialog.getByText("data_sources/mongodb-atlas/tracker/users/schema.json").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await panel.getByRole("button", { name: "Apply solution…" }).click();
    await dialog.getByRole("button", { name: "Overwrite these files" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Done\..*complete/s);
    await panel.getByRole("link", { name: "Step 2, done", exact: true }).waitFor();

    // Reset asks first and says what is lost; then the check fails again.
    await panel.getByRole("button", { name: "Reset this step…" }).click();
    dialog = page.getByRole("dialog", { name: "Reset this step?" });
    await dialog.getByText(/every change you made since/).waitFor();
    await dialog.getByRole("button", { name: "Reset the draft" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/back at the start of this step/);
    await panel.getByRole("group", { name: "Your earlier draft" }).waitFor();
    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Not yet/);

    // Solve it again and reload: the step and its mark stay.
    await panel.getByRole("button", { name: "Apply solution…" }).click();
    await page.getByRole("dialog", { name: "Apply the solution?" }).getByRole("button", { name: "Overwrite these files" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Done\./);
    await page.reload();
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();
    await panel.getByRole("link", { name: "Step 2, done", exact: true }).waitFor();

    // Keys: "]" outside fields goes on; typed into a field it stays text.
    await page.getByRole("heading", { name: "Describe a user with a schema" }).click();
    await page.keyboard.press("]");
    await panel.getByRole("heading", { name: "Describe a task with a schema" }).waitFor();
    await page.keyboard.press("[");
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();
    await page.getByRole("combobox", { name: "Run as" }).waitFor();
    await page.getByRole("button", { name: "Add a collection" }).click();
    const database = page.getByRole("form", { name: "Add a collection" }).getByRole("textbox", { name: "Database" });
    await database.click();
    await page.keyboard.type("a]b");
    expect(await database.inputValue()).toBe("a]b");
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("opens a step from its deep link, offers to bring the app to its start, and keeps it after a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    await page.goto(`${url}#/learn/task-tracker-backend/task-roles`);
    await panel.getByRole("heading", { name: "Decide who may change a task" }).waitFor();
    await expect.poll(() => page.url()).toMatch(/#\/rules\/tracker\/tasks$/);
    await panel.getByText("Step 7 of 12", { exact: true }).waitFor();

    // The app is still at step 2: the panel offers to bring it to this step's start.
    const offer = panel.getByRole("group", { name: "Your app and this step" });
    await offer.getByText(/has only step 1 done; the next one it needs is step 2/).waitFor();
    await offer.getByRole("button", { name: "Bring my app to the start of this step…" }).click();
    const dialog = page.getByRole("dialog", { name: "Bring your app to the start of this step?" });
    await dialog.getByText(/a copy is kept in this browser/).waitFor();
    await dialog.getByRole("button", { name: "Replace the draft" }).click();
    await panel.getByText("Your app is now at the start of this step.").waitFor();
    await offer.waitFor({ state: "hidden" });
    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Not yet.*isAssignee/s);

    await page.reload();
    await panel.getByRole("heading", { name: "Decide who may change a task" }).waitFor();
    expect(page.url()).toMatch(/#\/rules\/tracker\/tasks$/);

    // An unknown step says so and where to go.
    await page.goto(`${url}#/learn/task-tracker-backend/no-such-step`);
    await page.getByRole("alert").filter({ hasText: "has no step called “no-such-step”" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("checks the last step against the deployed app, in a new app started at that step, and shows the tutorial's end", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    await page.goto(`${url}#/learn/task-tracker-backend/deploy`);
    await panel.getByRole("heading", { name: "Review and deploy" }).waitFor();
    const before = await page.getByRole("combobox", { name: "Current app" }).inputValue();
    await panel.getByRole("group", { name: "Your app and this step" }).getByRole("button", { name: "Start a new app at this step" }).click();
    await panel.getByText(/is now the current app, ready for this step/).waitFor();
    await expect.poll(() => page.getByRole("combobox", { name: "Current app" }).inputValue()).not.toBe(before);

    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/draft is complete but not live yet/);
    await page.getByRole("main").getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("main").getByText("Nothing to deploy: the draft is what is live.").waitFor();
    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Done\./);
    const end = panel.getByRole("region", { name: "You finished “Set up the Task Tracker backend”" });
    await end.getByText("What to try next:").waitFor();
    await end.getByRole("link", { name: "GraphQL Playground" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("collapses to a bar and resizes from the keyboard; both survive a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    const separator = panel.getByRole("separator", { name: "Resize the tutorial" });
    await separator.waitFor();
    expect(await separator.getAttribute("aria-valuenow")).toBe("400");
    const box = async () => (await panel.boundingBox())?.width ?? 0;
    expect(await box()).toBeCloseTo(400, 0);
    await separator.focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await separator.getAttribute("aria-valuenow")).toBe("432");
    await page.keyboard.press("ArrowRight");
    expect(await separator.getAttribute("aria-valuenow")).toBe("416");
    await page.keyboard.press("End");
    expect(await separator.getAttribute("aria-valuenow")).toBe("720");
    await page.keyboard.press("Home");
    expect(await separator.getAttribute("aria-valuenow")).toBe("280");
    await page.keyboard.press("PageUp");
    expect(await separator.getAttribute("aria-valuenow")).toBe("344");
    expect(await box()).toBeCloseTo(344, 0);
    // A drag of the edge to the left widens the panel.
    const handle = await separator.boundingBox();
    await page.mouse.move(handle!.x + 2, handle!.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle!.x - 48, handle!.y + 200, { steps: 4 });
    await page.mouse.up();
    expect(Number(await separator.getAttribute("aria-valuenow"))).toBeCloseTo(394, -1);

    await page.reload();
    const width = Number(await panel.getByRole("separator", { name: "Resize the tutorial" }).getAttribute("aria-valuenow"));
    expect(width).toBeCloseTo(394, -1);

    await panel.getByRole("button", { name: "Hide the tutorial" }).click();
    const show = panel.getByRole("button", { name: "Show the tutorial" });
    await show.waitFor();
    expect(await show.getAttribute("aria-expanded")).toBe("false");
    expect(await box()).toBeLessThan(60);
    await page.reload();
    await show.waitFor();
    await show.click();
    await panel.getByRole("heading", { name: "Create an empty app" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it.each(["light", "dark"] as const)("has no serious accessibility problems in %s mode, with a hint, a check and the solution shown", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    await page.goto(`${url}#/learn/task-tracker-backend/user-schema`);
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();
    await panel.getByRole("button", { name: "Show a hint" }).click();
    await panel.getByRole("button", { name: "Check my work" }).click();
    await expect.poll(() => resultOf(panel).textContent()).toMatch(/Not yet/);
    await panel.getByRole("button", { name: "Show solution" }).click();
    await panel.getByRole("textbox", { name: /^Solution of / }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "All tutorials" }).click();
    await panel.getByRole("button", { name: "Continue Set up the Task Tracker backend" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Continue Set up the Task Tracker backend" }).click();
    await panel.getByRole("heading", { name: "Describe a user with a schema" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
