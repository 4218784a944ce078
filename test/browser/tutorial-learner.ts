import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

import type { Tutorial } from "../../src/tutorial/types.ts";

/** The tutorial panel, as a learner finds it. */
export const panelOf = (page: Page): Locator => page.getByRole("complementary", { name: "Tutorial" });

/** Replaces a code editor's text (found in `scope`) the way a paste does. */
export async function paste(scope: Page | Locator, page: Page, label: string, text: string): Promise<void> {
  await scope.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

/** What a scripted learner does with one tutorial's panel. */
export function learner(tutorial: Tutorial) {
  return {
    /** The text a step offers to copy under this label: typed text, or a whole file of its solution. */
    valueOf(index: number, label: string): string {
      const step = tutorial.steps[index];
      const value = step.meta.values.find((v) => v.label === label);
      if (!value) throw new Error(`step ${index + 1} offers no value "${label}"`);
      return value.text ?? step.solution[value.file!];
    },

    /** Reads the step in the panel and opens its screen with the panel's link. */
    async openStep(page: Page, index: number): Promise<void> {
      const panel = panelOf(page);
      await panel.getByRole("heading", { name: tutorial.steps[index].meta.title }).waitFor();
      await panel.getByText(`Step ${index + 1} of ${tutorial.steps.length}`, { exact: true }).waitFor();
      await panel.getByRole("link", { name: /^Open / }).first().click();
    },

    /** Check my work passes; then Next step, unless this was the last. */
    async checkDone(page: Page, last = false): Promise<void> {
      const panel = panelOf(page);
      await panel.getByRole("button", { name: "Check my work" }).click();
      await expect.poll(() => panel.getByRole("status", { name: "Result of your work" }).textContent()).toMatch(/Done\./);
      if (!last) await panel.getByRole("button", { name: "Next step" }).click();
    },
  };
}
