import type { Browser, Page } from "playwright-core";
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

/** Opens the finished Task Tracker and its playground; answers the app id. */
async function openPlayground(page: Page): Promise<string> {
  await page.goto(`${url}#/`);
  await page.getByRole("button", { name: "Open the Task Tracker backend" }).click();
  await page.getByText(/The finished Task Tracker backend is ready/).waitFor();
  const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();
  await page.goto(`${url}#/playground`);
  await page.getByRole("heading", { name: "GraphQL Playground" }).waitFor();
  return appId;
}

/** Replaces an editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

async function showHistory(page: Page) {
  await page.getByRole("button", { name: /^History\b/ }).click();
  return page.getByRole("list", { name: "History" });
}

describe("the playground's tabs, history, sharing and copying", () => {
  it("keeps tabs and history across a reload, and copies a run as curl with the app's GraphQL URL", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    const appId = await openPlayground(page);

    // A new app starts on the commented example, which runs against any schema.
    await page.getByRole("tab", { name: "WhatCanIAsk", selected: true }).waitFor();
    await page.getByRole("button", { name: /^Run\b/ }).click();
    const history = await showHistory(page);
    await expect.poll(() => history.getByRole("listitem").count()).toBe(1);
    await expect.poll(() => history.getByRole("listitem").first().textContent()).toMatch(/WhatCanIAsk.*as System.*ok/s);

    // A second tab, renamed in place.
    await page.getByRole("button", { name: "+ New tab" }).click();
    await paste(page, "Query", "query OpenTasks {\n  tasks(query: {status: \"Open\"}) { name }\n}");
    await page.getByRole("tab", { name: "OpenTasks", selected: true }).dblclick();
    await page.getByRole("textbox", { name: "Name of tab OpenTasks" }).fill("Open work");
    await page.keyboard.press("Enter");
    await page.getByRole("tab", { name: "Open work", selected: true }).waitFor();

    await page.reload();
    await page.getByRole("tab", { name: "Open work", selected: true }).waitFor();
    await page.getByRole("tab", { name: "WhatCanIAsk" }).waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: "Query" }).textContent()).toContain("query OpenTasks");
    const restored = await showHistory(page);
    await expect.poll(() => restored.getByRole("listitem").count()).toBe(1);

    // Reopening a past run adds a tab with its query.
    await restored.getByRole("button", { name: "Open in new tab" }).click();
    await page.getByRole("tab", { name: "WhatCanIAsk", selected: true }).waitFor();
    expect(await page.getByRole("tab").count()).toBe(3);

    await page.getByRole("button", { name: "Copy as…" }).click();
    await page.getByRole("menuitem", { name: "curl" }).click();
    const dialog = page.getByRole("dialog", { name: "Copy as curl" });
    await dialog.waitFor();
    const command = await dialog.getByRole("textbox", { name: "curl code" }).inputValue();
    expect(command).toContain(`curl '${url}api/client/v2.0/app/${appId}/graphql'`);
    expect(command).toContain('"operationName": "WhatCanIAsk"');
    await dialog.getByRole("status").filter({ hasText: /Copied|did not let/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Close", exact: true }).click();

    // Clearing asks first, then empties the list for good.
    const list = await showHistory(page);
    await page.getByRole("button", { name: "Clear history" }).click();
    await page.getByRole("button", { name: "Remove all" }).click();
    await expect.poll(() => list.count()).toBe(0);
    await page.reload();
    await page.getByRole("tab", { name: "WhatCanIAsk", selected: true }).waitFor();
    await page.getByRole("button", { name: /^History\b/ }).click();
    await page.getByText(/Nothing run yet/).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it("shares a tab as a link that leaves out the token header and opens without running", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openPlayground(page);

    await page.getByRole("button", { name: "+ New tab" }).click();
    await paste(page, "Query", "query ByStatus($status: String) {\n  tasks(query: {status: $status}) { name }\n}");
    await paste(page, "Variables (JSON)", '{"status": "Open"}');
    await page.getByRole("button", { name: "Headers", exact: true }).click();
    await paste(page, "Headers (JSON)", '{"Authorization": "Bearer not-for-sharing", "X-Trace": "on"}');

    await page.getByRole("button", { name: "Share" }).click();
    const dialog = page.getByRole("dialog", { name: "Share this query" });
    // The notes are slotted into the dialog: they belong to the page's tree, not the dialog's.
    await page.getByText(/Left out because it looks like a credential: the "Authorization" header/).waitFor();
    const link = await dialog.getByRole("textbox", { name: "Link to this query" }).inputValue();
    expect(link).toMatch(/#\/playground\?share=[\w-]+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Close", exact: true }).click();

    const other = await context.newPage();
    await other.goto(link);
    await other.getByRole("tab", { name: "ByStatus", selected: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => other.getByRole("textbox", { name: "Query" }).textContent()).toContain("query ByStatus");
    await expect.poll(() => other.getByRole("textbox", { name: "Variables (JSON)" }).textContent()).toContain('"status": "Open"');
    await other.getByRole("button", { name: "Headers", exact: true }).click();
    await expect.poll(() => other.getByRole("textbox", { name: "Headers (JSON)" }).textContent()).toContain("X-Trace");
    expect(await other.getByRole("textbox", { name: "Headers (JSON)" }).textContent()).not.toContain("not-for-sharing");
    // Nothing ran: no answer and no run in the history.
    await other.getByText(/Press Run .* to send the query/).waitFor();
    await other.getByRole("button", { name: /^History\b/ }).click();
    await other.getByText(/Nothing run yet/).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
