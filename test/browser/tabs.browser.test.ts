import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";

import { launchChromium, openSandbox, waitForCount } from "./chromium.ts";
import { taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("several tabs of one sandbox", () => {
  it("share one backend: writes show in every tab, and the next tab takes over when the first closes", async () => {
    const context = await browser.newContext();
    const first = await openSandbox(context, url);
    const second = await openSandbox(context, url);
    expect(await first.page.getByTestId("backend-state").textContent()).toMatch(/served by this tab/);
    expect(await second.page.getByTestId("backend-state").textContent()).toMatch(/served by another tab/);

    await second.page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["x", "y", "z"]));
    await waitForCount(first.page, "tracker.tasks", 3);
    await waitForCount(second.page, "tracker.tasks", 3);

    await first.page.close();
    await expect.poll(() => second.page.getByTestId("backend-state").textContent(), { timeout: 15_000 }).toMatch(/served by this tab/);
    await waitForCount(second.page, "tracker.tasks", 3);

    const third = await openSandbox(context, url);
    expect(await third.page.getByTestId("backend-state").textContent()).toMatch(/served by another tab/);
    await waitForCount(third.page, "tracker.tasks", 3);
    await third.page.evaluate(() => (globalThis as any).realmSandbox.reset());
    await waitForCount(second.page, "tracker.tasks", undefined);
    expect([...first.errors, ...second.errors, ...third.errors]).toEqual([]);
    await context.close();
  });
});
