import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Replaces an editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

/** Picks "+ Create a test user" in Run as; answers the new user's id. */
async function createTestUser(page: Page): Promise<string> {
  const runAs = page.getByRole("combobox", { name: "Run as" });
  const before = await runAs.inputValue();
  await runAs.selectOption({ label: "+ Create a test user" });
  await expect.poll(() => runAs.inputValue(), { timeout: 15_000 }).not.toMatch(new RegExp(`^(${before}|new)$`));
  return runAs.inputValue();
}

/** Runs the function and answers the result text once the run for `who` is shown. */
async function runAs(page: Page, who: RegExp): Promise<string> {
  await page.getByRole("button", { name: /^Run as / }).click();
  const result = page.getByRole("region", { name: "Run result" });
  await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(who);
  return (await result.getByLabel("Result").textContent()) ?? "";
}

// A stray ")" inside the open body: the mark must be on line 3, not on the line that opens the body.
const BROKEN = 'exports = function (greeting) {\n  console.log("greeting is", greeting);\n  return greeting );\n};\n';
const FIXED = 'exports = function (greeting) {\n  console.log("greeting is", greeting);\n  return greeting + ", " + (context.user.data.email || context.user.type);\n};\n';

describe("the Functions screen", () => {
  it("creates a function, marks a syntax error on its line, runs the fixed text as two users before deploying, saves and deploys it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}#/`);
    await page.getByRole("button", { name: "Create a blank app" }).click();
    await page.getByText("A blank app was created.").waitFor();

    await page.getByRole("link", { name: "Functions" }).click();
    await page.getByText("This app has no functions yet.").waitFor();
    await page.getByRole("button", { name: "New function" }).click();
    const form = page.getByRole("form", { name: "New function" });
    await form.getByRole("textbox", { name: "Function name" }).fill("who am i");
    await form.getByRole("button", { name: "Create function" }).click();
    await form.getByText(/No spaces or dots/).waitFor();
    await form.getByRole("textbox", { name: "Function name" }).fill("greet");
    await form.getByRole("button", { name: "Create function" }).click();
    await page.getByRole("heading", { name: "greet" }).waitFor();
    expect(page.url()).toContain("#/functions/greet");

    // A syntax error is listed with its line, and the editor marks that line.
    await paste(page, "Source of greet", BROKEN);
    const problems = page.getByRole("region", { name: "Problems deploy would report" });
    await expect.poll(() => problems.textContent()).toMatch(/syntax error at line 3: Unexpected token '\)'/);
    await problems.getByRole("button", { name: "Go to line 3" }).click();
    // The editor underlines that line itself (CodeMirror's lint mark, not a control).
    await expect.poll(() => page.locator(".cm-lintRange-error").allTextContents()).toEqual(["  return greeting );"]);
    await page.getByRole("status").filter({ hasText: "Unsaved changes, kept in this browser" }).waitFor();

    await paste(page, "Source of greet", FIXED);
    await expect.poll(() => problems.count()).toBe(0);
    await paste(page, "Arguments (a JSON array)", '["Hello"]');
    // Nothing typed is lost: the unsaved text and the arguments come back after a reload.
    await page.reload();
    await page.getByText(/Restored your unsaved changes from/).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole("textbox", { name: "Source of greet" }).textContent()).toContain("context.user.data.email");
    await expect.poll(() => page.getByRole("textbox", { name: "Arguments (a JSON array)" }).textContent()).toBe('["Hello"]');

    // Not saved, not deployed: runs the editor's text, as each user, with their own context.user.
    const runAsPicker = page.getByRole("combobox", { name: "Run as" });
    const ada = await createTestUser(page);
    const adaEmail = (await runAsPicker.locator("option:checked").textContent())!.trim();
    const first = await runAs(page, new RegExp(`called by ${adaEmail}`));
    const bob = await createTestUser(page);
    const bobEmail = (await runAsPicker.locator("option:checked").textContent())!.trim();
    expect(bob).not.toBe(ada);
    const second = await runAs(page, new RegExp(`called by ${bobEmail}`));
    expect(first).toBe(`"Hello, ${adaEmail}"`);
    expect(second).toBe(`"Hello, ${bobEmail}"`);
    expect(bobEmail).not.toBe(adaEmail);
    const result = page.getByRole("region", { name: "Run result" });
    expect(await result.getByLabel("Console output").textContent()).toBe("greeting is Hello");
    expect(await result.textContent()).toMatch(/ran the editor's text/);
    await expect.poll(() => page.getByRole("list", { name: "Past calls" }).getByRole("listitem").count()).toBe(2);

    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await page.getByRole("status").filter({ hasText: "Saved in the draft, not deployed yet" }).waitFor();
    await page.getByRole("button", { name: "Review draft & deploy" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
    await page.getByText("All changes deployed").waitFor();
    await page.getByRole("status").filter({ hasText: "Saved and deployed" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(["light", "dark"] as const)("has no serious accessibility problems in %s mode, with a failed run shown", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    await page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["Buy milk"]));
    await page.evaluate(`(async () => {
      const base = new URL("./api/admin/v3.0/groups/sandbox/apps/${APP_ID}/drafts/current", document.baseURI);
      const source = "exports = function () {\\n  console.log('about to fail');\\n  throw new Error('no tasks yet');\\n};\\n";
      await globalThis.realmSandbox.admin(base, { method: "PATCH", headers: { "content-type": "application/json" },
        body: JSON.stringify({ set: { "functions/config.json": JSON.stringify([{ name: "tools/fails", private: true }]), "functions/tools/fails.js": source } }) });
    })()`);
    await page.goto(`${url}#/functions/tools%2Ffails`);
    await page.reload();
    await page.getByRole("heading", { name: "tools/fails" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: /^Run as / }).click();
    const result = page.getByRole("region", { name: "Run result" });
    await expect.poll(() => result.getByLabel("Error").textContent()).toMatch(/Line 3: no tasks yet/);
    await result.getByRole("button", { name: "Go to line 3" }).waitFor();
    await page.getByRole("list", { name: "Past calls" }).getByRole("listitem").first().waitFor();
    expect(await page.getByRole("link", { name: "Open these in Logs" }).getAttribute("href")).toBe("#/logs?type=function&q=function%20tools%2Ffails");
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
