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

describe("the Triggers screen", () => {
  it("adds a scheduled trigger with a new function, shows its next runs and deploy's refusal, fires a test event, disables and deploys it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    await openTaskTracker(page, url);

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Triggers", exact: true }).click();
    const onNewUser = page.getByRole("table", { name: "Triggers of the draft" }).getByRole("row", { name: /onNewUser/ });
    await expect.poll(() => onNewUser.textContent()).toMatch(/onNewUser.*Authentication.*Enabled.*createNewUserDocument.*Never run/s);

    await page.getByRole("link", { name: "Add a trigger" }).click();
    await page.getByRole("heading", { name: "New trigger" }).waitFor();
    await page.getByRole("textbox", { name: "Trigger name" }).fill("nightlyCleanup");
    await page.getByRole("radio", { name: "Scheduled" }).check();

    // Typed text survives a reload until it is saved.
    await page.reload();
    await page.getByText("Unsaved changes to this trigger were kept in this browser").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("textbox", { name: "Trigger name" }).inputValue()).toBe("nightlyCleanup");

    // A new function, started from a source suited to a schedule.
    await page.getByRole("combobox", { name: "Function" }).selectOption({ label: "New function…" });
    expect(await page.getByRole("textbox", { name: "New function name" }).inputValue()).toBe("nightlyCleanupHandler");
    await expect.poll(() => page.getByRole("textbox", { name: "Source of the new function" }).textContent()).toContain("It receives no arguments");
    await page.getByRole("button", { name: "Fire a test event" }).isDisabled();

    // A bad CRON: told while typing, and refused by the save with deploy's message beside the field.
    const cron = page.getByRole("textbox", { name: "CRON schedule" });
    await cron.fill("61 * * * *");
    await page.getByRole("alert").filter({ hasText: 'Deploy would refuse this schedule: minute "61": expected 0-59' }).waitFor();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await expect.poll(() => cron.getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("alert").filter({ hasText: "Not saved: 1 problem, shown beside its field above." }).waitFor();
    expect(page.url()).toContain("#/triggers/%2Bnew");

    await page.getByRole("button", { name: "Every day at 03:00 UTC" }).click();
    const runs = page.getByRole("list", { name: "Next five runs (times in UTC)" }).getByRole("listitem");
    await expect.poll(() => runs.count()).toBe(5);
    for (const text of await runs.allTextContents()) expect(text).toMatch(/, 03:00$/);

    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger nightlyCleanup" }).waitFor();
    await page.getByText("Saved in the draft").waitFor();
    expect(page.url()).toContain("#/triggers/nightlyCleanup");

    // Fire a test event: the function's output, and its log entry under the recent runs.
    await page.getByRole("button", { name: "Fire a test event" }).click();
    const result = page.getByRole("status", { name: "Test event result" });
    await expect.poll(() => result.textContent()).toMatch(/Succeeded.*trigger nightlyCleanup \(test event: schedule\) → nightlyCleanupHandler.*log: scheduled run at/s);
    const logged = page.getByRole("list", { name: "Recent runs" }).getByRole("listitem");
    await expect.poll(() => logged.first().textContent()).toMatch(/Succeeded.*test event/s);

    expect(await seriousViolations(page)).toEqual([]);

    // Disable it, save, deploy.
    await page.getByRole("checkbox", { name: "Enabled" }).uncheck();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved in the draft").waitFor();
    await page.getByRole("button", { name: "Review draft & deploy" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
    await page.getByText("All changes deployed").waitFor();

    await page.getByRole("link", { name: "All triggers" }).click();
    const row = page.getByRole("table", { name: "Triggers of the draft" }).getByRole("row", { name: /nightlyCleanup/ });
    await expect.poll(() => row.textContent()).toMatch(/nightlyCleanup.*Scheduled.*0 3 \* \* \*.*Disabled.*nightlyCleanupHandler.*Succeeded.*\(UTC\), a test event/s);
    expect(await row.textContent()).not.toContain("not deployed");
    await row.getByRole("button", { name: "Enable nightlyCleanup" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("has no serious accessibility problems in dark mode", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    const { page, errors } = await openSandbox(context, url);
    await openTaskTracker(page, url);
    await page.goto(`${url}#/triggers/onNewUser`);
    await page.getByRole("heading", { name: "Trigger onNewUser" }).waitFor();
    await page.getByRole("checkbox", { name: /Email\/Password/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${url}#/triggers/%2Bnew`);
    await page.getByRole("radio", { name: "Database" }).check();
    await page.getByRole("textbox", { name: "Match expression" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A database trigger: a match that is not JSON is caught beside its editor, before anything is sent.
    await page.getByRole("textbox", { name: "Trigger name" }).fill("onTaskDone");
    await page.getByRole("combobox", { name: "Database", exact: true }).fill("tracker");
    await page.getByRole("combobox", { name: "Collection", exact: true }).fill("tasks");
    await page.getByRole("checkbox", { name: "UPDATE" }).check();
    await page.getByRole("combobox", { name: "Function" }).selectOption("createNewUserDocument");
    const match = page.getByRole("textbox", { name: "Match expression" });
    await match.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText('{"fullDocument.status": "Complete"');
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("alert").filter({ hasText: "The match expression is not valid JSON" }).waitFor();
    await match.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.insertText("}");
    // Delivery: ordered by default; out of order, skipping catch-up events, maximum throughput.
    const ordered = page.getByRole("checkbox", { name: "Run events in order" });
    expect(await ordered.isChecked()).toBe(true);
    await ordered.uncheck();
    await page.getByRole("checkbox", { name: "Skip events on re-enable" }).check();
    await page.getByRole("checkbox", { name: "Maximum throughput" }).check();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger onTaskDone" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "UPDATE" }).isChecked()).toBe(true);
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();
    const saved = await page.evaluate(`(async () => {
      const response = await globalThis.realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/${appId}/drafts/current", document.baseURI));
      return JSON.parse((await response.json()).files["triggers/onTaskDone.json"]).config;
    })()`);
    expect(saved).toMatchObject({ unordered: true, skip_catchup_events: true, maximum_throughput: true });
    expect(await page.getByRole("checkbox", { name: "Run events in order" }).isChecked()).toBe(false);

    // Deleting asks first.
    await page.getByRole("button", { name: "Delete trigger" }).click();
    await page.getByRole("dialog", { name: "Delete trigger onTaskDone?" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("status").filter({ hasText: "Trigger onTaskDone was deleted from the draft." }).waitFor();
    expect(await page.getByRole("link", { name: "onTaskDone" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
