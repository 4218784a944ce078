/**
 * Finding the controls a tutorial step names, the way its metadata describes them:
 * by role and accessible name, inside the `within` landmark, after using the controls
 * that reveal them (`after`, `option`).
 */
import type { Locator, Page } from "playwright-core";

import type { StepControl } from "../../src/tutorial/types.ts";

const CONTAINERS = new Set(["form", "dialog", "region", "navigation"]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The control on the page as it stands. */
export function locateControl(page: Page, control: StepControl): Locator {
  const scope: Page | Locator = control.within ? page.getByRole(control.within.role, { name: control.within.name, exact: true }) : page;
  const name = control.exact === false ? new RegExp(`^${escapeRegExp(control.name)}`) : control.name;
  return scope.getByRole(control.role, { name, exact: control.exact !== false });
}

/** The control `after` names: the one that can be used (not a form or dialog of the same name). */
function revealer(control: StepControl, all: readonly StepControl[]): StepControl | undefined {
  if (!control.after) return undefined;
  return all.find((c) => c.name === control.after && !CONTAINERS.has(c.role));
}

/** Uses a control the way a learner would to get past it: click, check or choose its option. */
async function use(page: Page, control: StepControl, all: readonly StepControl[]): Promise<void> {
  const first = revealer(control, all);
  if (first) await use(page, first, all);
  const target = locateControl(page, control).first();
  const options = { timeout: 5_000 };
  if (control.role === "checkbox" || control.role === "radio") await target.check(options);
  else if (control.role === "combobox" && control.option) await target.selectOption({ label: control.option }, options);
  else if (control.role === "button" || control.role === "link" || control.role === "tab") await target.click(options);
}

/**
 * Uses the controls that reveal `control`, then waits until it is visible; throws if it
 * never is. A screen that is still loading its draft can swallow a click by rendering
 * again, so the controls before it are used again, up to `attempts` times.
 */
export async function revealControl(page: Page, control: StepControl, all: readonly StepControl[], timeout = 15_000, attempts = 3): Promise<void> {
  const first = revealer(control, all);
  if (control.after && !first) throw new Error(`"${control.name}" comes after "${control.after}", which is not a control of the step`);
  const target = locateControl(page, control).first();
  for (let attempt = 1; ; attempt++) {
    if (first) await use(page, first, all).catch(() => undefined);
    try {
      await target.waitFor({ state: "visible", timeout: timeout / attempts });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
