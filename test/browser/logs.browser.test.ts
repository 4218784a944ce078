import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, openTaskTracker, seriousViolations } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * As a client would: a user signs in through the client API and inserts a task the
 * guide's rules refuse (the default role writes nothing). A string, so the page runs it as written.
 */
const CLIENT_CALLS = `(async ([appId, email]) => {
  const sandbox = globalThis.realmSandbox;
  const admin = new URL("./api/admin/v3.0/groups/sandbox/apps/" + appId, document.baseURI).href;
  const client = "https://realm.mongodb.com/api/client/v2.0/app/" + appId;
  const json = { "content-type": "application/json" };
  await sandbox.admin(admin + "/users", { method: "POST", headers: json, body: JSON.stringify({ email, password: "secret123" }) });
  const login = await sandbox.fetch(client + "/auth/providers/local-userpass/login", { method: "POST", headers: json, body: JSON.stringify({ username: email, password: "secret123" }) });
  const { access_token } = await login.json();
  const insert = await sandbox.fetch(client + "/functions/call", {
    method: "POST",
    headers: { ...json, authorization: "Bearer " + access_token },
    body: JSON.stringify({ name: "insertOne", service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", document: { name: "Not mine to add" } }] }),
  });
  return [login.status, insert.status];
})`;

/** Many quick client requests by a user who exists already, enough rows to scroll. */
const FINDS = `(async ([appId, email, n]) => {
  const sandbox = globalThis.realmSandbox;
  const client = "https://realm.mongodb.com/api/client/v2.0/app/" + appId;
  const json = { "content-type": "application/json" };
  const login = await sandbox.fetch(client + "/auth/providers/local-userpass/login", { method: "POST", headers: json, body: JSON.stringify({ username: email, password: "secret123" }) });
  const { access_token } = await login.json();
  const body = JSON.stringify({ name: "find", service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", query: {} }] });
  await Promise.all(Array.from({ length: n }, () => sandbox.fetch(client + "/functions/call", { method: "POST", headers: { ...json, authorization: "Bearer " + access_token }, body })));
})`;

const REFUSED = "insert not permitted (tracker.tasks)";

/**
 * Rules that withhold: tasks only for their assignee (the guide's default role removed),
 * then bob adds a task of his own and ada lists the tasks. A string, so the page runs it as written.
 */
const WITHHOLDING_READ = `(async (appId) => {
  const sandbox = globalThis.realmSandbox;
  const admin = new URL("./api/admin/v3.0/groups/sandbox/apps/" + appId, document.baseURI).href;
  const client = "https://realm.mongodb.com/api/client/v2.0/app/" + appId;
  const json = { "content-type": "application/json" };
  const rulesPath = "data_sources/mongodb-atlas/tracker/tasks/rules.json";
  const draft = await (await sandbox.admin(admin + "/drafts/current")).json();
  const rules = JSON.parse(draft.files[rulesPath]);
  rules.roles = rules.roles.filter((role) => role.name !== "default");
  await sandbox.admin(admin + "/drafts/current", { method: "PATCH", headers: json, body: JSON.stringify({ set: { [rulesPath]: JSON.stringify(rules) } }) });
  await sandbox.admin(admin + "/deployments", { method: "POST" });
  const session = async (email) => {
    await sandbox.admin(admin + "/users", { method: "POST", headers: json, body: JSON.stringify({ email, password: "secret123" }) });
    const login = await sandbox.fetch(client + "/auth/providers/local-userpass/login", { method: "POST", headers: json, body: JSON.stringify({ username: email, password: "secret123" }) });
    return login.json();
  };
  const call = (token, name, args) => sandbox.fetch(client + "/functions/call", {
    method: "POST",
    headers: { ...json, authorization: "Bearer " + token },
    body: JSON.stringify({ name, service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", ...args }] }),
  });
  const bob = await session("bob@example.com");
  const inserted = await call(bob.access_token, "insertOne", { document: { _partition: "p", name: "Bob's task", status: "Open", assignee: bob.user_id } });
  const ada = await session("ada@example.com");
  const found = await (await call(ada.access_token, "find", { query: {} })).json();
  return [inserted.status, found.length];
})`;

describe("the Logs screen", () => {
  it("shows client requests live, filters, searches, explains a refused write and exports", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const { page, errors } = await openSandbox(context, url);
    const appId = await openTaskTracker(page, url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Logs", exact: true }).click();
    await page.getByRole("heading", { name: "Logs", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Log entries, newest first" }).waitFor();

    // Requests made now appear without a reload.
    expect(await page.evaluate(`${CLIENT_CALLS}(${JSON.stringify([appId, "ada@example.com"])})`)).toEqual([200, 400]);
    const refused = page.getByRole("button", { name: `Details of ${REFUSED}` });
    await refused.waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Details of login ada@example.com" }).waitFor();
    const details = page.getByRole("button", { name: /^Details of / });

    // By type: only the rules' refusals.
    const type = page.getByRole("combobox", { name: "Type" });
    await type.selectOption({ label: "Rules" });
    await expect.poll(() => details.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")))).toEqual([`Details of ${REFUSED}`]);
    await type.selectOption({ label: "All types" });

    // By status: errors only, so the sign-in goes.
    const status = page.getByRole("combobox", { name: "Status" });
    await status.selectOption({ label: "Error" });
    await expect.poll(() => page.getByRole("button", { name: "Details of login ada@example.com" }).count()).toBe(0);
    await expect.poll(() => page.getByRole("cell", { name: "OK", exact: true }).count()).toBe(0);
    await refused.waitFor();
    await status.selectOption({ label: "Any status" });

    // Search reads the details too: the refusal's reason names the default role.
    await page.getByRole("searchbox", { name: "Search" }).fill('role "default" cannot write');
    await expect.poll(() => details.count()).toBe(1);
    await expect.poll(() => page.getByRole("status").filter({ hasText: /^1 entry match the filters/ }).count()).toBe(1);

    // Open the entry: its details, and the Why view of the refusal.
    await refused.click();
    expect(await refused.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("heading", { name: "Rule decisions, as traced" }).waitFor();
    await page.getByText("ada@example.com (id ").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Why was it refused?" }).click();
    const why = page.getByRole("dialog", { name: /^Why the rules refused “insert not permitted/ });
    await why.getByRole("heading", { name: "ada@example.com may not insert this document" }).waitFor();
    await why.getByText(/isAssignee/).first().waitFor();
    await why.getByText("This role applies to the document.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await why.getByRole("button", { name: "Close" }).click();

    // The row's own Why button opens the same view.
    await page.getByRole("button", { name: `Why: ${REFUSED}` }).click();
    await why.getByRole("heading", { name: /may not insert this document/ }).waitFor();
    await why.getByRole("button", { name: "Close" }).click();

    // Export what is shown, as JSON lines.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export as JSON lines" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${appId}-log-.*\\.jsonl$`));
    const saved = join(tmpdir(), `logs-export-${process.pid}.jsonl`);
    await file.saveAs(saved);
    const lines = (await readFile(saved, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual([expect.objectContaining({ type: "rules", status: "error", summary: REFUSED, userEmail: "ada@example.com" })]);

    // The filters survive a reload.
    await page.reload();
    await expect.poll(() => page.getByRole("searchbox", { name: "Search" }).inputValue(), { timeout: 15_000 }).toBe('role "default" cannot write');
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => details.count()).toBeGreaterThan(3);

    // While reading further down, new entries wait behind a button instead of moving the rows.
    await page.evaluate(`${FINDS}(${JSON.stringify([appId, "ada@example.com", 40])})`);
    await expect.poll(() => page.getByRole("status").filter({ hasText: /^\d+ entries$/ }).textContent(), { timeout: 20_000 }).toMatch(/^(4\d|[5-9]\d) entries$/);
    await page.getByRole("table", { name: "Log entries, newest first" }).getByRole("rowgroup").last().evaluate((el) => {
      el.scrollTop = 400;
    });
    await page.evaluate(`${CLIENT_CALLS}(${JSON.stringify([appId, "carol@example.com"])})`);
    const show = page.getByRole("button", { name: /^Show \d+ new entries$/ });
    await show.waitFor({ timeout: 10_000 });
    expect(await page.getByRole("button", { name: "Details of login carol@example.com" }).count()).toBe(0);
    await show.click();
    await page.getByRole("button", { name: "Details of login carol@example.com" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens filtered from a link, with no serious accessibility problems in dark mode", async () => {
    const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openSandbox(context, url);
    const appId = await openTaskTracker(page, url);
    await page.evaluate(`${CLIENT_CALLS}(${JSON.stringify([appId, "bob@example.com"])})`);
    // A link may name filters, as other screens link to their entries.
    await page.goto(`${url}#/logs?type=rules`);
    const refused = page.getByRole("button", { name: `Details of ${REFUSED}` });
    await refused.click();
    expect(await page.getByRole("combobox", { name: "Type" }).inputValue()).toBe("rules");
    expect(await page.getByRole("button", { name: /^Details of / }).count()).toBe(1);
    await page.getByRole("button", { name: "Why was it refused?" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: `Why: ${REFUSED}` }).click();
    await page.getByRole("dialog").getByRole("heading", { name: /may not insert this document/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

    // A read the rules withheld a document from: its entry counts it and explains it.
    expect(await page.evaluate(`${WITHHOLDING_READ}(${JSON.stringify(appId)})`)).toEqual([200, 0]);
    await page.getByRole("combobox", { name: "Type" }).selectOption({ label: "All types" });
    await page.getByRole("searchbox", { name: "Search" }).fill("withheld");
    const read = page.getByRole("button", { name: /^Details of POST .*\/functions\/call 200$/ });
    await expect.poll(() => read.count(), { timeout: 10_000 }).toBe(1);
    await read.click();
    const section = page.getByRole("region", { name: "Withheld by the rules" });
    await section.getByText("document of tracker.tasks withheld").waitFor();
    expect(await section.getByRole("list", { name: "Documents of tracker.tasks withheld" }).getByRole("listitem").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await section.getByRole("button", { name: /^Why was document ObjectId\("[0-9a-f]{24}"\) withheld\?$/ }).click();
    const why = page.getByRole("dialog", { name: /^Why ada@example\.com cannot read document ObjectId/ });
    await why.getByRole("heading", { name: "ada@example.com does not get this document" }).waitFor();
    await why.getByText(/isAssignee/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
