import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, openTaskTracker, seriousViolations } from "./chromium.ts";
import { deployTaskRules } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until some element inside `scope` (shadow roots included) shows the text. */
async function shows(scope: Locator, text: RegExp): Promise<void> {
  await scope.getByText(text).first().waitFor({ timeout: 10_000 });
}

/** Picks "+ Create a test user" in Run as; answers the new user's id. */
async function createTestUser(page: Page): Promise<string> {
  const runAs = page.getByRole("combobox", { name: "Run as" });
  const before = await runAs.inputValue();
  await runAs.selectOption({ label: "+ Create a test user" });
  await expect.poll(() => runAs.inputValue(), { timeout: 15_000 }).not.toMatch(new RegExp(`^(${before}|new)$`));
  return runAs.inputValue();
}

/** Types a document into the new-document editor and inserts it. */
async function insertDocument(page: Page, document: Record<string, unknown>): Promise<void> {
  await page.getByRole("button", { name: "New document" }).click();
  const editor = page.getByRole("textbox", { name: "New document in tasks, Extended JSON" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(JSON.stringify(document, null, 2));
  await page.getByRole("button", { name: "Insert document" }).click();
}

describe("the Data screen", () => {
  it("shows each user what the rules give them, and explains withheld documents, hidden fields and refused writes", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    const appId = await openTaskTracker(page, url);
    await deployTaskRules(page, appId);

    await page.getByRole("link", { name: "Data", exact: true }).click();
    await page.getByRole("link", { name: /^tasks, / }).click();
    await page.getByRole("heading", { name: "tracker.tasks" }).waitFor();

    // Two users each insert a task of their own, through the client API as that user.
    const ada = await createTestUser(page);
    await insertDocument(page, { _partition: "project=demo", name: "Ada's task", status: "InProgress", assignee: ada });
    await page.getByRole("status").filter({ hasText: "Inserted document" }).waitFor();
    const bob = await createTestUser(page);
    await insertDocument(page, { _partition: "project=demo", name: "Bob's task", status: "Open", assignee: bob });
    await page.getByRole("status").filter({ hasText: "Inserted document" }).waitFor();

    // Bob gets his own task only; Ada's is withheld, and the Why view says no role applies.
    const docs = page.getByRole("article");
    await expect.poll(() => docs.allTextContents()).toEqual([expect.stringContaining("Bob's task")]);
    const compare = page.getByRole("region", { name: /What .* gets against the system/ });
    await expect.poll(() => compare.textContent()).toMatch(/system finds 2 documents; .* gets 1\..*1 document is withheld/s);
    await compare.getByRole("button", { name: /Why is Ada's task .* withheld\?/ }).click();
    const why = page.getByRole("dialog", { name: /Why is Ada's task .* withheld/ });
    await why.getByRole("heading", { name: /does not get this document/ }).waitFor();
    await shows(why, /isAssignee: Apply When \{"assignee":"%%user.id"\} → false/);
    await shows(why, /status \("InProgress"\) == "Open" → false/);
    await shows(why, /No role applies, so the user gets nothing/);
    expect(await seriousViolations(page)).toEqual([]);
    await why.getByRole("button", { name: "Close" }).click();

    // Ada gets both tasks, Bob's without the fields openTask does not grant.
    await page.getByRole("combobox", { name: "Run as" }).selectOption(ada);
    await expect.poll(() => docs.count()).toBe(2);
    const bobsTask = docs.filter({ hasText: "Bob's task" });
    await expect.poll(() => bobsTask.textContent()).toMatch(/2 fields hidden from .*: _partition, assignee/);
    await bobsTask.getByRole("button", { name: /Why are fields of .* hidden\?/ }).click();
    const hidden = page.getByRole("dialog", { name: /Why are fields of Bob's task .* hidden/ });
    await hidden.getByRole("heading", { name: /gets this document with 2 fields hidden: _partition, assignee/ }).waitFor();
    const fieldRow = hidden.getByRole("row", { name: /assignee/ });
    expect(await fieldRow.textContent()).toMatch(/denied\s*additional_fields\.read is false, and additional_fields\.write: not set, so false by default/);
    expect(await hidden.getByRole("link", { name: "Open role openTask in the Rules screen" }).getAttribute("href")).toBe("#/rules/tracker/tasks?role=openTask");
    await hidden.getByRole("button", { name: "Close" }).click();

    // A write the rules refuse shows what the client got, and why.
    await insertDocument(page, { _partition: "project=demo", name: "For Bob", status: "Open", assignee: bob });
    await page.getByRole("alert").filter({ hasText: 'Refused by the rules: the client got "insert not permitted"' }).waitFor();
    await page.getByRole("button", { name: "Why was this refused?" }).click();
    const refused = page.getByRole("dialog", { name: /Why was this insert refused/ });
    await refused.getByRole("heading", { name: /may not insert this document/ }).waitFor();
    await shows(refused, /This role applies to the document\./);
    await refused.getByRole("button", { name: "Close" }).click();

    // The refused text is still there after a reload, until it is saved or discarded.
    await page.reload();
    const kept = page.getByRole("textbox", { name: "New document in tasks, Extended JSON" });
    await expect.poll(() => kept.textContent(), { timeout: 15_000 }).toContain('"For Bob"');
    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("button", { name: "Yes, discard my text" }).click();
    await expect.poll(() => kept.count()).toBe(0);

    // Queries run as the user too, and are kept in the address.
    await page.getByRole("textbox", { name: "Filter (a MongoDB query)" }).fill('{"status": "Open"}');
    await page.getByRole("button", { name: "Find" }).click();
    await expect.poll(() => docs.allTextContents()).toEqual([expect.stringContaining("Bob's task")]);
    const hash = new URL(page.url()).hash;
    expect(new URLSearchParams(hash.slice(hash.indexOf("?") + 1)).get("filter")).toBe('{"status": "Open"}');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("has no serious accessibility problems in dark mode, with schema problems and the editor open", async () => {
    const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    await openTaskTracker(page, url);
    await page.goto(`${url}#/data/tracker/tasks`);
    await page.getByRole("heading", { name: "tracker.tasks" }).waitFor();
    // The system skips schema validation, so the document is saved and its problems shown on it.
    await insertDocument(page, { name: "No status yet", estimate: { $numberLong: "5" }, due: { $date: "2026-01-31T00:00:00Z" } });
    const doc = page.getByRole("article", { name: /No status yet/ });
    await expect.poll(() => doc.textContent()).toMatch(/property "status" is required/);
    await shows(doc.getByRole("listitem").filter({ hasText: "estimate:" }), /Long\s*5/);
    await shows(doc.getByRole("listitem").filter({ hasText: "due:" }), /Date\s*2026-01-31T00:00:00\.000Z/);
    await doc.getByRole("button", { name: /^Edit / }).click();
    await page.getByRole("textbox", { name: /^Edit document .*, Extended JSON$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Deleting asks first, in a dialog.
    await doc.getByRole("button", { name: /^Delete / }).click();
    const confirm = page.getByRole("dialog", { name: /Delete document No status yet/ });
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Delete document" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted document No status yet" }).waitFor();
    await expect.poll(() => doc.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
