import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations, downloadBytes } from "./chromium.ts";
import { APP_ID } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Replaces a code editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

async function draftFiles(page: Page, appId: string): Promise<Record<string, string>> {
  return page.evaluate(async (id) => {
    const response = await (globalThis as any).realmSandbox.admin(new URL(`./api/admin/v3.0/groups/sandbox/apps/${id}/drafts/current`, document.baseURI));
    return (await response.json()).files;
  }, appId);
}

describe("Values, Device Sync and App Settings", () => {
  it("adds values and a secret, sets up Sync as the guide does, renames, exports, re-imports and removes an app", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}#/`);
    await page.getByRole("button", { name: "Create a blank app" }).click();
    await page.getByText("A blank app was created.").waitFor();
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();

    // Values: a plain one, a secret, and a value linked to the secret.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Values" }).click();
    await page.getByRole("heading", { name: "Values & Environments" }).waitFor();
    await page.getByRole("button", { name: "Add a value" }).click();
    await page.getByRole("textbox", { name: "Value name" }).fill("adminIds");
    await paste(page, "Value (JSON)", '["not json');
    await page.getByRole("alert").filter({ hasText: "Not valid JSON" }).waitFor();
    await paste(page, "Value (JSON)", '["u1", "u2"]');
    await page.getByRole("button", { name: "Save value" }).click();
    await page.getByRole("status").filter({ hasText: "Value adminIds saved to the draft" }).waitFor();
    await page.getByRole("table", { name: "Values of the app" }).getByText("%%values.adminIds").waitFor();

    await page.getByRole("textbox", { name: "Secret name" }).fill("apiKey");
    await page.getByLabel("Secret value").fill("s3cret-text");
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByRole("status").filter({ hasText: "Secret apiKey saved to the draft" }).waitFor();
    expect(await page.getByLabel("Secret value").inputValue()).toBe("");
    await page.getByRole("table", { name: "Secrets of the app" }).getByRole("row", { name: /apiKey/ }).getByText("Set (hidden)").waitFor();
    await page.getByRole("button", { name: "Add a value" }).click();
    await page.getByRole("textbox", { name: "Value name" }).fill("apiKeyValue");
    await page.getByRole("radio", { name: "The value of a secret" }).check();
    await page.getByRole("combobox", { name: "Secret" }).selectOption("apiKey");
    await page.getByRole("button", { name: "Save value" }).click();
    await page.getByText("Linked to the secret apiKey").waitFor();
    const secrets = await page.evaluate(async (id) => {
      const response = await (globalThis as any).realmSandbox.admin(new URL(`./api/admin/v3.0/groups/sandbox/apps/${id}/secrets`, document.baseURI));
      return response.text();
    }, appId);
    expect(secrets).not.toContain("s3cret-text");
    expect(await page.locator("body").innerText()).not.toContain("s3cret-text");
    expect(await seriousViolations(page)).toEqual([]);

    // Device Sync as the guide sets it: _partition, a string, empty permissions; a mistake first.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Device Sync" }).click();
    await page.getByRole("heading", { name: "Device Sync", level: 1 }).waitFor();
    await page.getByRole("combobox", { name: "Database" }).fill("tracker");
    await page.getByRole("textbox", { name: "Partition key", exact: true }).fill("_partition");
    await page.getByRole("combobox", { name: "Partition key type" }).selectOption("string");
    await paste(page, "Write permission", '{"%%usr.id": "%%partition"}');
    await page.getByRole("alert").filter({ hasText: 'unknown expansion "%%usr"' }).waitFor();
    await paste(page, "Write permission", "{}");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "unknown expansion" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // Development mode says beside the switch what it did, and that here it is only kept.
    const devMode = page.getByRole("checkbox", { name: "Development mode" });
    expect(await devMode.getAttribute("aria-describedby")).toBe("dev-mode-help");
    await page.getByText(/no device connects to this sandbox/).waitFor();
    await devMode.check();
    await page.getByRole("button", { name: "Enable Sync" }).click();
    await page.getByText("Sync is on.").waitFor();
    const sync = JSON.parse((await draftFiles(page, appId))["sync/config.json"]);
    expect(sync.development_mode_enabled).toBe(true);
    expect(sync).toMatchObject({ state: "enabled", service_name: "mongodb-atlas", database_name: "tracker", partition: { key: "_partition", type: "string", permissions: { read: {}, write: {} } } });

    // App Settings: rename, export as a .zip, import it back over the app.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "App Settings" }).click();
    await page.getByRole("textbox", { name: "App name" }).fill("renamed-app");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("status").filter({ hasText: "The name renamed-app was saved to the draft" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export app as .zip" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^renamed-app-.*\.zip$/);
    const chunks = [await downloadBytes(download)];
    const zip = Buffer.concat(chunks);
    const entries = unzipSync(new Uint8Array(zip));
    expect(JSON.parse(strFromU8(entries["renamed-app/realm_config.json"])).name).toBe("renamed-app");
    expect(JSON.parse(strFromU8(entries["renamed-app/values/adminIds.json"])).value).toEqual(["u1", "u2"]);
    // Secret values stay out of an export unless asked for; the secret keeps its name.
    expect(JSON.parse(strFromU8(entries["renamed-app/sandbox/secrets.json"]))).toEqual({ apiKey: "" });
    await page.getByRole("checkbox", { name: "Include secret values" }).check();
    await page.getByText("keep the file private").waitFor();
    const [withValues] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export app as .zip" }).click()]);
    const valueChunks = [await downloadBytes(withValues)];
    const valueEntries = unzipSync(new Uint8Array(Buffer.concat(valueChunks)));
    expect(JSON.parse(strFromU8(valueEntries["renamed-app/sandbox/secrets.json"]))).toEqual({ apiKey: "s3cret-text" });
    await page.getByLabel("Import a .zip over this app…").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/zip", buffer: zip });
    await page.getByRole("button", { name: "Replace and deploy" }).click();
    await page.getByRole("status", { name: /Imported renamed-app-.*\.zip over/ }).waitFor();
    await page.getByRole("status").filter({ hasText: "All changes deployed" }).waitFor();
    const overview = await page.evaluate(async (id) => {
      const response = await (globalThis as any).realmSandbox.admin(new URL(`./api/admin/v3.0/groups/sandbox/apps/${id}`, document.baseURI));
      return response.json();
    }, appId);
    expect(overview.name).toBe("renamed-app");

    // Remove the app: asked first, then home, and the app is gone.
    await page.getByRole("button", { name: "Remove app…" }).click();
    await page.getByRole("button", { name: `Remove ${appId}` }).click();
    await page.waitForURL(/#\/$/);
    await expect.poll(() => page.getByRole("combobox", { name: "Current app" }).inputValue()).not.toBe(appId);
    const apps = await page.evaluate(async () => {
      const response = await (globalThis as any).realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps", document.baseURI));
      return (await response.json()).map((a: { appId: string }) => a.appId);
    });
    expect(apps).not.toContain(appId);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("has no serious accessibility problems in dark mode, and keeps the default app", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    for (const [route, heading] of [["values", "Values & Environments"], ["sync", "Device Sync"], ["settings", "App Settings"]]) {
      await page.goto(`${url}#/${route}`);
      await page.getByRole("heading", { name: heading, level: 1 }).waitFor({ timeout: 30_000 });
      await page.getByText("Loading the draft…").waitFor({ state: "detached" });
      expect(await seriousViolations(page), route).toEqual([]);
    }
    await page.getByText(`default app, which cannot be removed`).waitFor();
    expect(await page.getByRole("button", { name: "Remove app…" }).count()).toBe(0);
    expect(await page.getByRole("textbox", { name: "App ID" }).inputValue()).toBe(APP_ID);
    expect(errors).toEqual([]);
    await context.close();
  });
});
