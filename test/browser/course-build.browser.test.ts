/**
 * A course's own sandbox in the browser: the example course built with its tutorials
 * (TUTORIALS_DIR) and its starting app (STARTER_APP_DIR) into a folder of its own, served
 * under a sub-path. A first visit opens the starting app in place of the blank one; a
 * reload keeps what the learner changed; a reset of the sandbox opens it again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const COURSE_TUTORIALS = "examples/course/tutorials";
const STARTER = `${COURSE_TUTORIALS}/private-notes/01-owner-role/start`;

let browser: Browser;
let server: StaticServer;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "course-site-"));
  const saved = { tutorials: process.env.TUTORIALS_DIR, starter: process.env.STARTER_APP_DIR };
  process.env.TUTORIALS_DIR = COURSE_TUTORIALS;
  process.env.STARTER_APP_DIR = STARTER;
  try {
    await build({ root: ROOT, configFile: resolve(ROOT, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [name, value] of [["TUTORIALS_DIR", saved.tutorials], ["STARTER_APP_DIR", saved.starter]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  server = await serveStatic(outDir, "/my-course/");
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("a course's own sandbox", () => {
  it("opens the course's starting app on a first visit, beside the course's first step", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, server.url);
    // The starting app replaced the blank one, under the app id the tutorials use.
    const overview = () => page.evaluate(`realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox", document.baseURI)).then((r) => r.json())`);
    await expect.poll(overview).toMatchObject({ appId: "tasktracker-sandbox", name: "notes-course", collections: [{ database: "course", collection: "notes" }] });
    await page.goto(`${server.url}#/schema`);
    await page.getByText("course.notes").first().waitFor();
    await page.getByRole("heading", { name: "Let each note belong to its author" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A change of the learner's stays through a reload: the starting app is not imported again.
    const patched = await page.evaluate(`realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox/drafts/current", document.baseURI), {
      method: "PATCH", headers: { "content-type": "application/json" },
      body: JSON.stringify({ set: { "functions/hello.js": "exports = () => 'hello';" } }),
    }).then((r) => r.status)`);
    expect(patched).toBe(200);
    await page.reload();
    await page.getByRole("heading", { name: "Let each note belong to its author" }).waitFor();
    await page.waitForTimeout(1000);
    const draft = (await page.evaluate(`realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox/drafts/current", document.baseURI)).then((r) => r.json())`)) as { files: Record<string, string> };
    expect(Object.keys(draft.files)).toContain("functions/hello.js");

    // A reset of the whole sandbox starts the course again from its starting app.
    await page.evaluate("realmSandbox.reset()");
    await expect.poll(overview, { timeout: 30_000 }).toMatchObject({ name: "notes-course", draft: { changes: 0 } });

    // Home offers a fresh copy of the starting app, as an app of its own, in place of the blank tutorial app.
    await page.goto(`${server.url}#/`);
    await page.getByRole("button", { name: "Open a fresh copy of notes-course" }).click();
    await page.getByRole("heading", { name: "Imported notes-course as notes-course (notes-course)" }).waitFor();
    await expect.poll(() => page.getByRole("combobox", { name: "Current app" }).inputValue()).toBe("notes-course");
    expect(await page.getByRole("button", { name: "Start with a blank app for the tutorial" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
