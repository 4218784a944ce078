/**
 * Every control a tutorial step names exists on the screen its route opens, by role and
 * accessible name as the step writes it, so the prose cannot drift from the console. Each
 * step starts from its starting state, written to the draft through the console API; a
 * control the step's own work brings into being (the editor of a collection the step
 * adds) is looked for once the step's solution is applied.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { filesAfter, filesAtStart } from "../../src/tutorial/state-at.ts";
import type { AppFileMap, StepControl, Tutorial, TutorialStep } from "../../src/tutorial/types.ts";
import { readTutorial, tutorialFolders } from "../tutorial/read-tutorials.ts";
import { launchChromium, openSandbox } from "./chromium.ts";
import { APP_ID } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;

const parsed = tutorialFolders().map((folder) => ({ folder, ...readTutorial(folder) }));

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // The panel stays collapsed: only the console's own controls count.
  await context.addInitScript(`localStorage.setItem("realm-sandbox:tutorial:panel", JSON.stringify({ open: false, width: 400 }))`);
  ({ page } = await openSandbox(context, url));
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Makes the default app's draft exactly `files` (keeping its own realm_config.json) through the console API. */
async function setDraft(files: AppFileMap): Promise<void> {
  const answer = await page.evaluate(
    `(async () => {
      const base = new URL("./api/admin/v3.0/groups/sandbox/apps/${APP_ID}/drafts/current", document.baseURI);
      const current = await (await realmSandbox.admin(base)).json();
      const files = { ...${JSON.stringify(files)}, "realm_config.json": current.files["realm_config.json"] };
      const response = await realmSandbox.admin(base, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ files }) });
      return response.ok ? "" : await response.text();
    })()`,
  );
  expect(answer, "the console API refused the step's files").toBe("");
}

async function open(route: string): Promise<void> {
  await page.goto(`${url}${route}`);
  await page.reload();
  await page.getByRole("main").waitFor();
}

function locate(control: Pick<StepControl, "role" | "name" | "exact" | "within">): Locator {
  const scope = control.within ? page.getByRole(control.within.role, { name: control.within.name }) : page;
  return scope.getByRole(control.role, { name: control.name, exact: control.exact ?? true });
}

/** Uses a control the way a learner would to reveal the next: click, check, or pick its option. */
async function use(control: StepControl, step: TutorialStep): Promise<void> {
  const before = control.after ? step.meta.controls.find((c) => c.name === control.after && c.route === control.route) : undefined;
  if (before) await use(before, step);
  const target = locate(control);
  if (control.role === "checkbox" || control.role === "radio" || control.role === "switch") await target.check();
  else if (control.role === "combobox") await target.selectOption({ label: control.option ?? "" });
  else await target.click();
}

interface Missing {
  control: StepControl;
  problem: string;
}

/** The controls of `step` not found (exactly once, visible) with the draft as it is now. */
async function missing(step: TutorialStep, controls: StepControl[]): Promise<Missing[]> {
  const problems: Missing[] = [];
  const routes = [...new Set(controls.map((c) => c.route))];
  for (const route of routes) {
    const here = controls.filter((c) => c.route === route);
    // Controls that need another first are looked for after a fresh load and that other's use.
    const groups = new Map<string, StepControl[]>();
    for (const c of here) groups.set(c.after ?? "", [...(groups.get(c.after ?? "") ?? []), c]);
    for (const [after, group] of groups) {
      await open(route);
      if (after) {
        const first = step.meta.controls.find((c) => c.name === after && c.route === route);
        if (!first) {
          problems.push(...group.map((control) => ({ control, problem: `“${control.name}” comes after “${after}”, which is no control of this step on ${route}` })));
          continue;
        }
        try {
          await use(first, step);
        } catch (error) {
          const why = (error as Error).message.split("\n")[0];
          problems.push(...group.map((control) => ({ control, problem: `“${control.name}”: could not use “${after}” first on ${route} (${why})` })));
          continue;
        }
      }
      for (const control of group) {
        const found = locate(control);
        const seen = await found.first().waitFor({ state: "visible", timeout: 4_000 }).then(() => true, () => false);
        const count = seen ? await found.count() : 0;
        if (count !== 1) problems.push({ control, problem: `${control.role} “${control.name}”${control.within ? ` within ${control.within.role} “${control.within.name}”` : ""} on ${route}: ${count === 0 ? "not found" : `${count} match`}` });
      }
    }
  }
  return problems;
}

describe.each(parsed)("the controls named by $folder", ({ folder, tutorial, problems }) => {
  it("loads", () => {
    expect(problems).toEqual([]);
  });

  const steps: TutorialStep[] = (tutorial as Tutorial | undefined)?.steps ?? [];
  it.each(steps.map((step, index) => ({ step, index, title: `${step.folder}: ${step.meta.title}` })))(
    "$title",
    async ({ step, index }) => {
      const t = tutorial as Tutorial;
      // The first step starts before there is an app; the sandbox's own blank app stands for it.
      if (index > 0) await setDraft(filesAtStart(t.steps, index));
      let notFound = await missing(step, step.meta.controls);
      if (notFound.length) {
        await setDraft(filesAfter(t.steps, index));
        notFound = await missing(step, notFound.map((m) => m.control));
      }
      expect(notFound.map((m) => m.problem), `${folder}/${step.folder}: controls the prose names that the screen does not show`).toEqual([]);
    },
    180_000,
  );
});
