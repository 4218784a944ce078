/**
 * Every control a tutorial step names is on the screen the step links it to, with the
 * step's solution applied: the tutorial text cannot drift from the console's UI.
 * Runs over the tutorials folder the content test uses (TUTORIALS_DIR).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { filesAfter } from "../../src/tutorial/state-at.ts";
import type { StepControl, Tutorial } from "../../src/tutorial/types.ts";
import { readTutorial, tutorialFolders } from "../tutorial/read-tutorials.ts";
import { launchChromium, openSandbox } from "./chromium.ts";
import { locateControl, revealControl } from "./tutorial-controls.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Imports the files as an app and makes it the console's current app. */
async function openApp(page: Page, appId: string, files: Record<string, string>): Promise<void> {
  // A string, not a function: the test's transform would add helpers the page does not have.
  const status = await page.evaluate(`(async () => {
    const response = await globalThis.realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps", document.baseURI), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: ${JSON.stringify(JSON.stringify({ files, appId }))},
    });
    localStorage.setItem("realm-sandbox:console:app", ${JSON.stringify(appId)});
    return response.status;
  })()`);
  expect(status, `the app of ${appId} was refused`).toBe(200);
}

async function visit(page: Page, route: string): Promise<void> {
  await page.goto(`${url}${route}`);
  await page.reload();
}

describe.each(tutorialFolders())("the controls named by %s", (folder) => {
  const tutorial = readTutorial(folder).tutorial as Tutorial;

  it("are on their screens", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    const missing: string[] = [];
    for (const [index, step] of tutorial.steps.entries()) {
      await openApp(page, `controls-${folder}-${index}`, filesAfter(tutorial.steps, index));
      // One visit per route and revealing control: the controls it reveals are looked for together.
      const groups = new Map<string, StepControl[]>();
      for (const control of step.meta.controls) {
        const key = `${control.route} ${control.after ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), control]);
      }
      for (const controls of groups.values()) {
        await visit(page, controls[0].route);
        let revealed = false;
        for (const control of controls) {
          try {
            if (revealed) await locateControl(page, control).first().waitFor({ state: "visible", timeout: 10_000 });
            else await revealControl(page, control, step.meta.controls);
            revealed = true;
          } catch {
            // Once more from a fresh visit: a click can land while the screen is still loading its draft.
            try {
              await visit(page, control.route);
              await revealControl(page, control, step.meta.controls);
            } catch {
              missing.push(`${step.folder}: ${control.role} "${control.name}" on ${control.route}`);
            }
            revealed = false;
            await visit(page, control.route);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
