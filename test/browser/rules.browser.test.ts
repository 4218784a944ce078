import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function createApp(page: Page, button: string, done: RegExp): Promise<void> {
  await page.goto(`${url}#/`);
  await page.getByRole("button", { name: button }).click();
  await page.getByText(done).waitFor();
}

/** Opens the rules of a collection the app does not have yet, as a person does from the screen. */
async function openOtherCollection(page: Page, database: string, collection: string): Promise<void> {
  const other = page.getByRole("form", { name: "Rules for another collection" });
  await other.getByRole("textbox", { name: "Database" }).fill(database);
  await other.getByRole("textbox", { name: "Collection" }).fill(collection);
  await other.getByRole("button", { name: "Open its rules" }).click();
  await page.getByRole("heading", { name: `Rules of ${database}.${collection}` }).waitFor();
}

async function addSetupRole(page: Page, setup: RegExp, name: string): Promise<void> {
  await page.getByRole("button", { name: "Add a role" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a role" });
  await dialog.getByRole("radio", { name: setup }).check();
  await dialog.getByRole("textbox", { name: "Role name" }).fill(name);
  await dialog.getByRole("button", { name: "Add role" }).click();
  await page.getByRole("region", { name: `Role ${name}` }).waitFor();
}

/** What the form shows of a role: its Apply When text and every permission. */
async function roleValues(role: Locator): Promise<Record<string, string>> {
  const values: Record<string, string> = { applyWhen: (await role.getByRole("textbox", { name: "Apply When" }).innerText()).replace(/\s+/g, "") };
  for (const name of ["Insert", "Delete", "Search", "Read all fields", "Write all fields"]) {
    values[name] = await role.getByRole("combobox", { name, exact: true }).inputValue();
  }
  return values;
}

describe("the Rules screen", () => {
  it("sets up the guide's roles through the form, shows deploy's problems while editing, converts form ⇄ JSON, keeps unsaved edits, saves and deploys", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    await createApp(page, "Create a blank app", /A blank app was created/);
    await page.getByRole("link", { name: "Rules", exact: true }).click();
    await page.getByRole("heading", { name: "Rules", exact: true }).waitFor();

    // tasks: isAssignee (the assignee is the user) and default (everyone reads).
    await openOtherCollection(page, "tracker", "tasks");
    await page.getByText("No roles yet").waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a role" });
    await dialog.getByRole("radio", { name: "Build a role of your own" }).check();
    await dialog.getByRole("combobox", { name: "Applies when" }).selectOption({ label: "The user owns the document" });
    await dialog.getByRole("combobox", { name: "Permissions" }).selectOption({ label: "Read and write all fields" });
    await dialog.getByRole("combobox", { name: "Field of the document" }).fill("assignee");
    await dialog.getByRole("textbox", { name: "Role name" }).fill("isAssignee");
    await dialog.getByRole("button", { name: "Add role" }).click();
    await addSetupRole(page, /^Users can read all data$/, "default");

    const isAssignee = page.getByRole("region", { name: "Role isAssignee" });
    const fallback = page.getByRole("region", { name: "Role default" });
    expect(await roleValues(isAssignee)).toEqual({ applyWhen: '{"assignee":"%%user.id"}', Insert: "true", Delete: "true", Search: "unset", "Read all fields": "true", "Write all fields": "true" });
    expect(await roleValues(fallback)).toEqual({ applyWhen: "{}", Insert: "false", Delete: "false", Search: "unset", "Read all fields": "true", "Write all fields": "false" });

    // A mistake in the Apply When: deploy's problem shows at the field, with what to do, and goes away when fixed.
    const applyWhen = isAssignee.getByRole("textbox", { name: "Apply When" });
    await applyWhen.fill('{ "assignee": "%%user.idd" }');
    const problems = page.getByRole("region", { name: "Problems deploy would report" });
    await problems.waitFor();
    await isAssignee.getByText(/"%%user" has no field "idd".*did you mean "id"/).waitFor();
    expect(await isAssignee.getByText("Use one of the names the message lists.").count()).toBe(1);
    // Expansions are offered as you type.
    await applyWhen.fill('{ "assignee": "" }');
    await applyWhen.press("End");
    for (let i = 0; i < 3; i++) await applyWhen.press("ArrowLeft");
    await page.keyboard.type("%%user.i");
    await page.getByRole("option", { name: /%%user\.id/ }).first().waitFor();
    await page.keyboard.press("Escape");
    await applyWhen.fill('{ "assignee": "%%user.id" }');
    await problems.waitFor({ state: "detached" });

    // Form → JSON → form without loss; an edit in JSON shows in the form.
    const before = { isAssignee: await roleValues(isAssignee), default: await roleValues(fallback) };
    await page.getByRole("tab", { name: "JSON" }).click();
    const json = page.getByRole("textbox", { name: "rules.json of tracker.tasks" });
    const text = await json.innerText();
    expect(JSON.parse(text)).toEqual({
      database: "tracker",
      collection: "tasks",
      roles: [
        { name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true },
        { name: "default", apply_when: {}, insert: false, delete: false, read: true, write: false },
      ],
      filters: [],
    });
    await page.getByRole("tab", { name: "Form" }).click();
    expect({ isAssignee: await roleValues(isAssignee), default: await roleValues(fallback) }).toEqual(before);
    await page.getByRole("tab", { name: "JSON" }).click();
    await json.fill(text.replace(/("name": "default",[\s\S]*?"read": )true/, "$1false"));
    await page.getByRole("tab", { name: "Form" }).click();
    expect(await fallback.getByRole("combobox", { name: "Read all fields" }).inputValue()).toBe("false");
    await fallback.getByRole("combobox", { name: "Read all fields" }).selectOption("true");

    // Unsaved edits survive a reload, with a note.
    await page.reload();
    await page.getByText(/Restored the changes you had not saved yet/).waitFor();
    expect(await roleValues(page.getByRole("region", { name: "Role isAssignee" }))).toEqual(before.isAssignee);

    // Save, then users: one read-only role for everyone.
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved to the draft.", { exact: false }).waitFor();
    await openOtherCollection(page, "tracker", "users");
    await addSetupRole(page, /^Users can read all data$/, "default");
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved to the draft.", { exact: false }).waitFor();

    // The top bar offers the deploy; after it, everything is live.
    await page.getByRole("status").filter({ hasText: "2 changes not deployed" }).waitFor();
    await page.getByRole("button", { name: "Review draft & deploy" }).click();
    const review = page.getByRole("dialog", { name: "Review draft & deploy" });
    expect(await review.getByRole("list", { name: "Changed files" }).innerText()).toMatch(/tracker\/tasks\/rules\.json[\s\S]*tracker\/users\/rules\.json/);
    await review.getByRole("button", { name: "Deploy" }).click();
    await page.getByText("All changes deployed").waitFor();

    // The overview lists both collections' roles in order; a link can point at a role.
    await page.getByRole("link", { name: "All collections" }).click();
    const table = page.getByRole("table", { name: "Rules of every collection" });
    expect(await table.getByRole("row").filter({ hasText: "tracker.tasks" }).innerText()).toMatch(/isAssignee\s+default/);
    await page.goto(`${url}#/rules/tracker/tasks?role=default`);
    await page.getByRole("region", { name: "Role default" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(["light", "dark"] as const)("has no serious accessibility problems in %s mode", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    await createApp(page, "Open the Task Tracker backend", /The finished Task Tracker backend is ready/);
    await page.goto(`${url}#/rules`);
    await page.getByRole("table", { name: "Rules of every collection" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${url}#/rules/tracker/tasks`);
    const role = page.getByRole("region", { name: "Role isAssignee" });
    await role.getByRole("textbox", { name: "Apply When" }).fill('{ "assignee": "%%usr.id" }');
    await page.getByRole("region", { name: "Problems deploy would report" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: "JSON" }).click();
    await page.getByRole("textbox", { name: "rules.json of tracker.tasks" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: "Form" }).click();
    await page.getByRole("button", { name: "Add a role" }).click();
    await page.getByRole("dialog", { name: "Add a role" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
