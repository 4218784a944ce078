import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { collectionCount, launchChromium, openSandbox, waitForBackend, waitForCount, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";
import { serveStatic } from "./static-server.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("the built sandbox in Chromium", () => {
  it("loads under a sub-path with no console errors, and the service worker takes control at once", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, url);
    await waitForServiceWorker(page);
    expect(await page.getByTestId("app-id").textContent()).toBe(APP_ID);
    await expect.poll(() => page.getByTestId("sw-state").textContent(), { timeout: 15_000 }).toMatch(/^active, controlling this page/);
    expect(await page.getByTestId("backend-state").textContent()).toMatch(/served by this tab/);
    await page.reload();
    await waitForBackend(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps data across a reload, and exports, imports and resets from the status view", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, url);
    await page.getByTestId("import-file").setInputFiles({ name: "tasks.json", mimeType: "application/json", buffer: Buffer.from(taskTrackerSnapshot(["a", "b"])) });
    await waitForCount(page, "tracker.tasks", 2);
    expect(await page.getByTestId("notice").textContent()).toBe("Imported tasks.json.");

    await page.reload();
    await waitForBackend(page);
    expect(await collectionCount(page, "tracker.tasks")).toBe(2);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    // The browser is shared over a connection, so the download is saved to a file of ours.
    const saved = join(tmpdir(), `sandbox-export-${Date.now()}.json`);
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, "utf8"));
    expect(exported.format).toBe("realm-sandbox-snapshot");
    expect(exported.collections["tracker.tasks"].map((t: { name: string }) => t.name).sort()).toEqual(["a", "b"]);

    await page.getByTestId("reset").click();
    await page.getByTestId("reset-confirm").click();
    await waitForCount(page, "tracker.tasks", undefined);
    expect(await page.getByTestId("deployment").textContent()).toMatch(/template/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reloads offline after the first visit, data intact", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, url);
    await waitForServiceWorker(page);
    await page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["offline"]));
    await waitForCount(page, "tracker.tasks", 1);

    await context.setOffline(true);
    await page.reload();
    await waitForBackend(page);
    expect(await collectionCount(page, "tracker.tasks")).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("updates cleanly when a new version is deployed, under any sub-path", async () => {
    const overrides = new Map<string, string>();
    const dist = fileURLToPath(new URL("../../dist", import.meta.url));
    const server = await serveStatic(dist, "/another/path/", overrides);
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, server.url);
    await waitForServiceWorker(page);
    overrides.set("sw.js", `${await readFile(resolve(dist, "sw.js"), "utf8")}\n// the next deploy\n`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
    await expect.poll(() => page.getByTestId("sw-state").textContent(), { timeout: 30_000 }).toMatch(/a newer version took over: reload to use it/);
    const status = await page.evaluate(() => fetch("https://realm.mongodb.com/api/client/v2.0/app/tasktracker-sandbox/location").then((r) => r.status));
    expect(status).toBe(200);
    await page.reload();
    await waitForBackend(page);
    await expect.poll(() => page.getByTestId("sw-state").textContent(), { timeout: 15_000 }).toBe("active, controlling this page");
    expect(errors).toEqual([]);
    await context.close();
    await server.close();
  });

  it("says what does not work when the service worker fails, and works in-page", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      navigator.serviceWorker.register = () => Promise.reject(new Error("blocked for this check"));
    });
    const { page } = await openSandbox(context, url);
    expect(await page.getByTestId("sw-state").textContent()).toBe("failed");
    expect(await page.locator("[data-kind=service-worker]").textContent()).toMatch(/blocked for this check.*realm-web and Apollo clients .* cannot reach it/);
    const status = await page.evaluate(async () => {
      const response = await (globalThis as any).realmSandbox.fetch(`https://realm.mongodb.com/api/client/v2.0/app/tasktracker-sandbox/location`);
      return response.status;
    });
    expect(status).toBe(200);
    await context.close();
  });

  it("refuses data stored by a newer version, visibly and without touching it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}no-such-page`);
    const name = `realm-sandbox:${new URL(url).pathname}:${APP_ID}`;
    await page.evaluate(
      (dbName) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(dbName, 900);
          request.onupgradeneeded = () => request.result.createObjectStore("future");
          request.onsuccess = () => (request.result.close(), resolve());
          request.onerror = () => reject(request.error);
        }),
      name,
    );
    await page.goto(`${url}#/status`);
    await waitForBackend(page, "failed");
    expect(await page.locator("[data-kind=newer-data]").textContent()).toMatch(/newer version of Realm Sandbox \(data version 900/);
    const version = await page.evaluate((dbName) => indexedDB.databases().then((all) => all.find((db) => db.name === dbName)?.version), name);
    expect(version).toBe(900);
    await context.close();
  });
});
