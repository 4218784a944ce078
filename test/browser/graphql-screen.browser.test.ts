import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";
import { taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a GraphQL tab of the Task Tracker app with two tasks. */
async function openTab(page: Page, tab: string): Promise<void> {
  await page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["Buy milk", "Walk the dog"]));
  await page.goto(`${url}#/graphql/${tab}`);
  await page.reload();
  await page.getByRole("heading", { name: "GraphQL", level: 1 }).waitFor({ timeout: 30_000 });
}

/** Replaces an editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

describe("the GraphQL screen", () => {
  it("shows the generated SDL, narrows it to Task, downloads schema.graphql, and the docs explorer finds a field", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTab(page, "schema");
    expect(await page.getByRole("tab", { name: "Schema" }).getAttribute("aria-selected")).toBe("true");

    const sdl = page.getByRole("textbox", { name: "Generated schema (SDL)" });
    await expect.poll(() => sdl.textContent()).toContain("type Query {");
    await page.getByRole("searchbox", { name: "Find a type or field" }).fill("Task");
    await page.getByRole("status").filter({ hasText: /definitions? match/ }).waitFor();
    // The type named exactly so comes first, whole.
    await expect.poll(async () => (await sdl.textContent())?.startsWith("type Task {")).toBe(true);
    expect(await sdl.textContent()).toContain("assignee: User");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download schema.graphql" }).click()]);
    expect(download.suggestedFilename()).toBe("schema.graphql");
    const saved = join(tmpdir(), `schema-${process.pid}.graphql`);
    await download.saveAs(saved);
    const text = await readFile(saved, "utf8");
    // The whole schema, not the narrowed view.
    expect(text).toContain("type Task {");
    expect(text).toContain("type Query {");

    const docs = page.getByRole("region", { name: "Schema documentation" });
    await docs.getByRole("searchbox", { name: "Search the schema" }).fill("assig");
    await docs.getByRole("button", { name: "Task.assignee" }).click();
    await docs.getByRole("heading", { name: "Task.assignee" }).waitFor();
    await docs.getByRole("navigation", { name: "Where you are in the schema" }).getByRole("button", { name: "Task" }).click();
    await docs.getByRole("heading", { name: "Task", exact: true }).waitFor();
    await docs.getByRole("button", { name: "Back" }).click();
    await docs.getByRole("heading", { name: "Task.assignee" }).waitFor();
    // From the keyboard: Enter opens the first match.
    await docs.getByRole("searchbox", { name: "Search the schema" }).fill("insertOneTask");
    await page.keyboard.press("Enter");
    await docs.getByRole("heading", { name: "Mutation.insertOneTask" }).waitFor();
    expect(await docs.getByRole("listitem").filter({ hasText: "data:" }).textContent()).toContain("TaskInsertInput!");
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("creates a custom resolver with a new function, refuses a bad field name where it was typed, and answers in Explore after deploy", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTab(page, "resolvers");
    await page.getByText("This app has no custom resolvers yet.").waitFor();
    await page.getByRole("button", { name: "New custom resolver" }).click();
    const form = page.getByRole("form", { name: "New custom resolver" });

    const fieldName = form.getByRole("textbox", { name: "Field name" });
    await fieldName.fill("task count");
    await form.getByText(/"task count" is not a GraphQL name/).waitFor();
    expect(await fieldName.getAttribute("aria-invalid")).toBe("true");
    await fieldName.fill("taskCount");
    await expect.poll(() => fieldName.getAttribute("aria-invalid")).toBe("false");

    await form.getByRole("combobox", { name: "Payload kind" }).selectOption({ label: "A scalar (String, Int, …)" });
    await form.getByRole("combobox", { name: "Payload scalar" }).selectOption("Int");
    await form.getByRole("combobox", { name: "Function that answers the field" }).selectOption({ label: "+ New function…" });
    await expect.poll(() => form.getByRole("textbox", { name: "Name of the new function" }).inputValue()).toBe("resolveTaskCount");
    await form.getByRole("button", { name: "Create function" }).click();
    await form.getByText("Created the function resolveTaskCount in the draft").waitFor();
    expect(await form.getByLabel("How the field reads in the schema").textContent()).toBe("Query { taskCount: Int }");
    await form.getByRole("button", { name: "Save to draft" }).click();
    // Saved, the form is the resolver's own.
    const saved = page.getByRole("form", { name: "Custom resolver Query.taskCount" });
    await saved.getByText("Saved to the draft. The field appears in the API once you deploy.").waitFor();
    // Each resolver has its own address; the new one's replaced "+new".
    await expect.poll(() => page.url()).toMatch(/#\/graphql\/resolvers\/Query\.taskCount$/);
    await page.getByRole("table", { name: "Custom resolvers" }).getByRole("cell", { name: "Query.taskCount", exact: true }).waitFor();
    expect(await saved.getByRole("link", { name: "Go to Deployment" }).getAttribute("href")).toBe("#/deploy");
    await page.getByRole("table", { name: "Custom resolvers" }).getByRole("link", { name: "After deploy" }).waitFor();

    // Nothing typed is lost: an unsaved edit comes back after a reload.
    await page.getByRole("link", { name: "Edit Query.taskCount" }).click();
    await page.getByRole("form", { name: "Custom resolver Query.taskCount" }).getByRole("textbox", { name: "Field name" }).fill("taskTotal");
    await page.reload();
    // The resolver with unsaved edits opens again by itself.
    const editing = page.getByRole("form", { name: "Custom resolver Query.taskCount" });
    await editing.getByText("Changes you had not saved were restored.").waitFor({ timeout: 30_000 });
    await expect.poll(() => editing.getByRole("textbox", { name: "Field name" }).inputValue()).toBe("taskTotal");
    await editing.getByRole("button", { name: "Discard changes" }).click();

    await page.getByRole("button", { name: "Review draft & deploy" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
    await page.getByText("All changes deployed").waitFor();
    const row = page.getByRole("table", { name: "Custom resolvers" }).getByRole("row", { name: /Query\.taskCount/ });
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toMatch(/^Yes/);
    expect(await row.getByRole("link", { name: "Try Query.taskCount in the playground" }).getAttribute("href")).toMatch(/#\/playground\?share=/);

    await page.getByRole("tab", { name: "Explore" }).click();
    await paste(page, "Query", "query Count {\n  taskCount\n}\n");
    await page.getByRole("button", { name: /^Run/ }).click();
    const answer = page.getByRole("textbox", { name: "Answer (JSON)" });
    await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toMatch(/"taskCount":\s*42/);

    // Deleting asks first, and leaves the function.
    await page.getByRole("tab", { name: "Custom Resolvers" }).click();
    await page.getByRole("link", { name: "Edit Query.taskCount" }).click();
    await page.getByRole("button", { name: "Delete custom resolver" }).click();
    await page.getByRole("dialog", { name: "Delete Query.taskCount?" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted Query.taskCount from the draft." }).waitFor();
    await page.getByText("This app has no custom resolvers yet.").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("saves the API settings to the draft, keeping an unsaved change across a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTab(page, "settings");
    const introspection = page.getByRole("checkbox", { name: "Turn off schema introspection" });
    await introspection.check();
    await page.getByText("Unsaved changes, kept in this browser").waitFor();
    await page.reload();
    await page.getByText("Changes you had not saved were restored.").waitFor({ timeout: 30_000 });
    expect(await introspection.isChecked()).toBe(true);
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    const draft = await page.evaluate(`(async () => {
      const base = new URL("./api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox/drafts/current", document.baseURI);
      return (await (await globalThis.realmSandbox.admin(base)).json()).files["graphql/config.json"];
    })()`);
    expect(JSON.parse(draft as string)).toEqual({ use_natural_pluralization: true, disable_schema_introspection: true });
    await page.getByRole("cell", { name: "max number of queries reached", exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it.each(["light", "dark"] as const)("has no serious accessibility problems in %s mode on each tab", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTab(page, "schema");
    await expect.poll(() => page.getByRole("textbox", { name: "Generated schema (SDL)" }).textContent()).toContain("type Query {");
    expect(await seriousViolations(page)).toEqual([]);
    // The tabs answer arrow keys, and each has its own address.
    await page.getByRole("tab", { name: "Schema" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.url()).toMatch(/#\/graphql\/resolvers$/);
    await expect.poll(() => page.getByRole("tab", { name: "Custom Resolvers" }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.getByRole("tab", { name: "Custom Resolvers" }).click();
    await page.getByRole("button", { name: "New custom resolver" }).click();
    await page.getByRole("form", { name: "New custom resolver" }).getByRole("textbox", { name: "Field name" }).fill("1bad");
    await page.getByText(/"1bad" is not a GraphQL name/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("table").getByText("Root fields (resolvers) in one operation").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("tab", { name: "Explore" }).click();
    await page.getByRole("textbox", { name: "Query" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
