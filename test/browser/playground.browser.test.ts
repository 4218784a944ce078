import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { shareLink } from "../../src/ui/state/share-link.ts";
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

/** Picks "+ Create a test user" in Run as; answers the new user's id. */
async function createTestUser(page: Page): Promise<string> {
  const runAs = page.getByRole("combobox", { name: "Run as" });
  const before = await runAs.inputValue();
  await runAs.selectOption({ label: "+ Create a test user" });
  await expect.poll(() => runAs.inputValue(), { timeout: 15_000 }).not.toMatch(new RegExp(`^(${before}|new)$`));
  return runAs.inputValue();
}

/** Replaces an editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

/** Runs with the button and answers the status line once the run as `who` is shown. */
async function run(page: Page, who: RegExp): Promise<string> {
  await page.getByRole("button", { name: /^Run\b/ }).click();
  const status = page.getByRole("status", { name: "Run status" });
  await expect.poll(() => status.textContent()).toMatch(who);
  return (await status.textContent()) ?? "";
}

/** The answer's JSON, as the read-only result editor shows it. */
async function answerText(page: Page): Promise<string> {
  return (await page.getByRole("textbox", { name: "Answer (JSON)" }).textContent()) ?? "";
}

/** Types into an emptied query editor and waits for a completion option. */
async function completes(page: Page, typed: string, option: RegExp): Promise<void> {
  await page.getByRole("textbox", { name: "Query" }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(typed);
  await page.getByRole("option", { name: option }).first().waitFor();
  await page.keyboard.press("Escape");
}

/** Adds an int field `priority` to the tasks schema in the draft, through the console's API. */
async function addPriorityToTasksDraft(page: Page, appId: string): Promise<void> {
  const status = await page.evaluate(
    async ([appId]) => {
      const base = new URL(`./api/admin/v3.0/groups/sandbox/apps/${appId}`, document.baseURI).href;
      const admin = (globalThis as any).realmSandbox.admin;
      const path = "data_sources/mongodb-atlas/tracker/tasks/schema.json";
      const draft = await (await admin(`${base}/drafts/current`)).json();
      const schema = JSON.parse(draft.files[path]);
      schema.properties.priority = { bsonType: "int" };
      const patched = await admin(`${base}/drafts/current`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ set: { [path]: JSON.stringify(schema, null, 2) } }),
      });
      return patched.status;
    },
    [appId] as const,
  );
  expect(status).toBe(200);
}

const ADD_TASK = `mutation AddTask($who: String!) {
  insertOneTask(data: {name: "Write the report", status: "Open", _partition: "project=demo", assignee: {link: $who}}) {
    name
    assignee { user_id }
  }
}`;

// Each test walks through many steps; a machine busy with other tests may need more than the default minute.
describe("the GraphQL Playground", () => {
  it("completes from the schema, runs as two users under the tutorial's roles, and links errors to their place in the query", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTaskTracker(page, url);
    const ada = await createTestUser(page);
    const adaEmail = await page.getByRole("combobox", { name: "Run as" }).locator("option:checked").textContent();
    const bob = await createTestUser(page);

    await page.getByRole("link", { name: "GraphQL Playground" }).click();
    await page.getByRole("heading", { name: "GraphQL Playground" }).waitFor();
    await page.getByText(/Runs as .* with a session of theirs/).waitFor();

    // Completion offers the generated fields of the deployed schema.
    await completes(page, "{ tas", /^tasks/);

    // The same mutation: Bob may not insert a task assigned to Ada (only isAssignee inserts)…
    await paste(page, "Query", ADD_TASK);
    await paste(page, "Variables (JSON)", JSON.stringify({ who: ada }));
    expect(await run(page, /ran as/)).toMatch(/1 error/);
    const errorList = page.getByRole("list", { name: "Errors" });
    await expect.poll(() => errorList.textContent()).toMatch(/at insertOneTask/);
    expect(await errorList.getByRole("button", { name: /Go to line 2, column 3/ }).count()).toBe(1);

    // …and Ada may: her answer has the task.
    await page.getByRole("combobox", { name: "Run as" }).selectOption(ada);
    expect(await run(page, new RegExp(`ran as ${adaEmail}`))).toMatch(/Answered/);
    await expect.poll(() => answerText(page)).toMatch(/"name": "Write the report"/);
    expect(await answerText(page)).toContain(`"user_id": "${ada}"`);

    // A validation error shows its place; its link moves the cursor there.
    await paste(page, "Query", "query Broken {\n  tasks {\n    nme\n  }\n}");
    expect(await run(page, /ran as/)).toMatch(/1 error/);
    await expect.poll(() => errorList.textContent()).toMatch(/Cannot query field "nme" on type "Task"/);
    await errorList.getByRole("button", { name: "Go to line 3, column 5 in the query" }).click();
    await page.keyboard.type("x");
    await expect.poll(() => page.getByRole("textbox", { name: "Query" }).textContent()).toContain("xnme");

    // A list answer reads as a table too.
    await paste(page, "Query", "query Mine {\n  tasks { name status }\n}");
    await run(page, /Answered/);
    await page.getByRole("button", { name: /^Table/ }).click();
    await page.getByRole("table", { name: "Table of tasks" }).getByRole("cell", { name: "Write the report" }).waitFor();

    // Explain lists what the resolver asked the database, the storage queries included.
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await page.getByRole("heading", { name: `Explain of Mine as ${adaEmail}` }).waitFor();
    await page.getByRole("table", { name: /^Storage queries of tasks\.find/ }).waitFor();

    // A document that did not come back offers Why?, which opens Explain of that run.
    await paste(page, "Query", 'query Missing {\n  task(query: {name: "No such task"}) { name }\n}');
    await run(page, /Answered/);
    await page.getByRole("button", { name: "Why is task null?" }).click();
    await page.getByText(/Why is task null\?\s+No document matched the query, so the rules had nothing to hide/).waitFor();
    await page.getByRole("table", { name: /^Storage queries of tasks\.findOne/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // With two operations, Ctrl+Enter runs the one the cursor is in.
    await paste(page, "Query", "query First {\n  tasks { name }\n}\nquery Second {\n  task(query: {name: \"Write the report\"}) { status }\n}");
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(() => answerText(page)).toMatch(/"task": \{\s*"status": "Open"/);
    expect(await page.getByRole("combobox", { name: "Operation to run" }).inputValue()).toBe("Second");

    // The history and the tabs are still there after a reload.
    await page.getByRole("button", { name: "History" }).click();
    const historyList = page.getByRole("list", { name: "History" });
    await historyList.getByText("Second").waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole("textbox", { name: "Query" }).textContent()).toContain("query Second");
    await page.getByRole("button", { name: "History" }).click();
    await expect.poll(() => historyList.textContent()).toMatch(/Second.*Missing.*Mine.*Broken.*AddTask/s);

    // The system bypasses rules, and says so.
    await page.getByRole("combobox", { name: "Run as" }).selectOption({ label: "System (no rules)" });
    await page.getByText(/rules are bypassed/).waitFor();
    expect(await run(page, /ran as the system/)).toMatch(/rules bypassed/);
    expect(bob).not.toBe(ada);

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("opens a shared link in a new tab without running it, follows the draft and deploys, and passes axe in dark mode", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    const appId = await openTaskTracker(page, url);
    await page.goto(`${url}#/playground`);
    await page.getByRole("heading", { name: "GraphQL Playground" }).waitFor();

    const link = shareLink(url, { query: "query Shared {\n  tasks { name }\n}", variables: '{"limit": 2}', runAs: { kind: "user", userId: "someone", email: "someone@example.com" } });
    await page.goto(link);
    await expect.poll(() => page.getByRole("textbox", { name: "Query" }).textContent()).toContain("query Shared");
    await page.getByText(/This shared query was run as someone@example.com\. Nothing has run yet\./).waitFor();
    await page.getByRole("tab", { name: "Shared", selected: true }).waitFor();
    await page.getByText(/Press Run .* to send the query/).waitFor();
    expect(page.url()).toMatch(/#\/playground$/);
    await page.getByRole("button", { name: "Keep the current Run as" }).click();
    await run(page, /ran as the system/);

    // Each tab keeps its own answer.
    await page.getByRole("button", { name: "+ New tab" }).click();
    await page.getByText(/Press Run .* to send the query/).waitFor();
    // Undo in a new tab never brings back another tab's text.
    const fresh = await page.getByRole("textbox", { name: "Query" }).innerText();
    await page.getByRole("textbox", { name: "Query" }).click();
    await page.keyboard.press("ControlOrMeta+Z");
    expect(await page.getByRole("textbox", { name: "Query" }).innerText()).toBe(fresh);
    await page.getByRole("tab", { name: "Shared" }).click();
    await page.getByRole("status", { name: "Run status" }).filter({ hasText: "ran as the system" }).waitFor();

    // A link followed while another screen is open opens too.
    await page.getByRole("link", { name: "Data", exact: true }).click();
    await page.goto(shareLink(url, { query: "query FromElsewhere {\n  tasks { _id }\n}" }));
    await page.getByRole("tab", { name: "FromElsewhere", selected: true }).waitFor();

    // Shift+Ctrl+P prettifies and keeps the comments.
    await paste(page, "Query", "query Ugly{tasks{name # keep me\nstatus}}");
    await page.keyboard.press("Shift+Control+P");
    await expect.poll(() => page.getByRole("textbox", { name: "Query" }).innerText()).toBe("query Ugly {\n  tasks {\n    name # keep me\n    status\n  }\n}");

    // Variables that are not JSON are shown where they are, and nothing runs.
    await paste(page, "Variables (JSON)", '{"limit": 2');
    await page.getByRole("button", { name: /^Run\b/ }).click();
    await page.getByRole("alert").filter({ hasText: "The variables are not valid JSON" }).waitFor();
    expect(await page.getByRole("button", { name: "History" }).count()).toBe(1);
    await page.getByRole("button", { name: "History" }).click();
    await expect.poll(() => page.getByRole("list", { name: "History" }).getByRole("listitem").count()).toBe(1);
    await paste(page, "Variables (JSON)", "{}");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "The variables are not valid JSON" }).count()).toBe(0);
    // Ctrl+Enter runs from the variables too, without adding a line to them.
    await page.keyboard.press("ControlOrMeta+Enter");
    await page.getByRole("status", { name: "Run status" }).waitFor();
    await page.getByRole("button", { name: "History" }).click();
    await expect.poll(() => page.getByRole("list", { name: "History" }).getByRole("listitem").count()).toBe(2);
    expect(await page.getByRole("textbox", { name: "Variables (JSON)" }).innerText()).toBe("{}");

    // A field added in the draft: completion offers it with the Draft schema, and with the
    // deployed one once it is deployed, without a reload.
    await addPriorityToTasksDraft(page, appId);
    await page.getByRole("combobox", { name: "Schema for completion and checks" }).selectOption("draft");
    await page.getByText(/Completion and checks follow the draft/).waitFor();
    await completes(page, "{ tasks { prio", /^priority/);
    await page.getByRole("combobox", { name: "Schema for completion and checks" }).selectOption("deployed");
    await page.getByRole("link", { name: "Deployment" }).click();
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText("All changes deployed").waitFor();
    await page.getByRole("link", { name: "GraphQL Playground" }).click();
    await completes(page, "{ tasks { prio", /^priority/);

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("explains a field the rules hid, down to the Why view of its document", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    const appId = await openTaskTracker(page, url);
    await deployTaskRules(page, appId);
    const ada = await createTestUser(page);
    const bob = await createTestUser(page);
    await page.getByRole("link", { name: "GraphQL Playground" }).click();

    // Ada adds an open task of hers…
    await page.getByRole("combobox", { name: "Run as" }).selectOption(ada);
    await paste(page, "Query", ADD_TASK);
    await paste(page, "Variables (JSON)", JSON.stringify({ who: ada }));
    expect(await run(page, /ran as/)).toMatch(/Answered/);
    // Explain of a mutation asks first, as it would write again.
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Explain runs the mutation again" }).waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Explain runs the mutation again" }).count()).toBe(0);

    // …which Bob reads through openTask, without its assignee.
    await page.getByRole("combobox", { name: "Run as" }).selectOption(bob);
    await paste(page, "Query", "query Theirs {\n  tasks { name assignee { user_id } }\n}");
    await run(page, /Answered/);
    await page.getByRole("button", { name: "Why is tasks.0.assignee null?" }).click();
    await page.getByText(/Why is tasks\.0\.assignee null\?\s+The rules hid assignee of this document/).waitFor();
    await page.getByRole("button", { name: /^Why are fields of .* hidden\?$/ }).first().click();
    await page.getByRole("dialog", { name: /Why are fields of .* hidden/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
