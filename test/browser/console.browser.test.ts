import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { zipSync, strToU8 } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { blank, taskTracker } from "../../src/app/templates/index.ts";
import { formatJson } from "../../src/config/index.ts";
import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;
let folder: string;

/** An exported app with its own app id, as App Services wrote it. */
function exportedApp(appId: string, name: string): Record<string, string> {
  const files = taskTracker(appId, name);
  return { ...files, "realm_config.json": formatJson({ ...JSON.parse(files["realm_config.json"]), app_id: appId, name }), "hosting/config.json": formatJson({ enabled: true }) };
}

beforeAll(async () => {
  browser = await launchChromium();
  folder = await mkdtemp(join(tmpdir(), "exported-app-"));
  for (const [path, text] of Object.entries(exportedApp("tracker-folder-abcde", "tracker-folder"))) {
    await mkdir(dirname(join(folder, "tracker-folder", path)), { recursive: true });
    await writeFile(join(folder, "tracker-folder", path), text);
  }
});

afterAll(async () => {
  await browser?.close();
  await rm(folder, { recursive: true, force: true });
});

describe("the console shell", () => {
  it.each(["light", "dark"] as const)("home and status have no serious accessibility problems in %s mode", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Run an App Services backend in this page" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Sandbox status" }).click();
    await page.getByRole("heading", { name: "Sandbox status" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("imports an exported app folder and a zip through the pickers, each under its own app id", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, url);
    await page.goto(`${url}#/`);

    const [folderChooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Choose an app folder…" }).click()]);
    await folderChooser.setFiles(join(folder, "tracker-folder"));
    const folderReport = page.getByRole("status", { name: /Imported tracker-folder as tracker-folder \(tracker-folder-abcde\)/ });
    await folderReport.waitFor();
    expect(await folderReport.textContent()).toMatch(/static hosting is kept but not served/);
    await expect.poll(() => page.getByRole("combobox", { name: "Current app" }).inputValue()).toBe("tracker-folder-abcde");

    const zip = zipSync(Object.fromEntries(Object.entries(exportedApp("tracker-zip-abcde", "tracker-zip")).map(([p, t]) => [`tracker-zip/${p}`, strToU8(t)])));
    const [zipChooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Choose a .zip…" }).click()]);
    await zipChooser.setFiles({ name: "tracker-zip.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
    await page.getByRole("status", { name: /Imported tracker-zip as tracker-zip \(tracker-zip-abcde\)/ }).waitFor();

    const table = page.getByRole("table", { name: "Apps in this sandbox" });
    await expect.poll(() => table.getByRole("row").count()).toBe(4);
    // Its unchanged clients reach it: the client API answers under its own id.
    const status = await page.evaluate(() => fetch("https://realm.mongodb.com/api/client/v2.0/app/tracker-zip-abcde/location").then((r) => r.status));
    expect(status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows why an import was refused, file by file, and changes nothing", async () => {
    const context = await browser.newContext();
    const { page } = await openSandbox(context, url);
    await page.goto(`${url}#/`);
    const files = { ...blank("broken-abcde", "broken"), "auth/providers.json": "{ not json" };
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Choose a .zip…" }).click()]);
    await chooser.setFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
    const report = page.getByRole("alert", { name: "Import of broken" });
    await report.waitFor();
    expect(await report.textContent()).toMatch(/auth\/providers\.json: invalid JSON at line 1/);
    expect(await page.getByRole("table", { name: "Apps in this sandbox" }).getByRole("row").count()).toBe(2);
    await context.close();
  });

  it("keeps the screen and the theme across a reload, and back and forward work", async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    const { page } = await openSandbox(context, url);
    await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Run an App Services backend in this page" }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { name: "Sandbox status" }).waitFor();
    await page.goForward();
    await page.getByRole("heading", { name: "Run an App Services backend in this page" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Run an App Services backend in this page" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await context.close();
  });
});
