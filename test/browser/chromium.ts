/** Debian's Chromium driven by playwright-core, which downloads no browser of its own. */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium, type Browser, type BrowserContext, type Download, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}. Install it with \`sudo apt-get install chromium\` (or set CHROMIUM_PATH).`,
    );
  }
}

/** How every browser test starts Chromium: headless, and without its sandbox as root (CI containers). */
export function launchOptions() {
  assertChromium();
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return { executablePath: CHROMIUM_PATH, args, headless: true };
}

/**
 * The one Chromium every browser test file shares (started by the global setup); each
 * file gets a connection of its own and closes only that. Without the global setup, a
 * Chromium of its own.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = process.env.REALM_SANDBOX_BROWSER_WS;
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch(launchOptions());
}

/** A page of the sandbox that records console errors and uncaught exceptions. */
export async function openSandbox(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${url}#/status`);
  await waitForBackend(page);
  return { page, errors };
}

export async function waitForBackend(page: Page, state = "ready"): Promise<void> {
  await page.locator(`[data-testid=backend-state].${state}`).waitFor({ timeout: 60_000 });
}

/** Waits until the service worker controls the page, so App Services URLs reach the sandbox. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
}

/** The document count the status view shows for a namespace, or undefined when it lists none. */
export async function collectionCount(page: Page, namespace: string): Promise<number | undefined> {
  const cell = page.locator(`tr[data-namespace="${namespace}"] td.count`);
  if ((await cell.count()) === 0) return undefined;
  // The table re-renders as the backend changes: a row seen a moment ago may be gone.
  const text = await cell.textContent({ timeout: 1_000 }).catch(() => undefined);
  return text === undefined ? undefined : Number(text);
}

/**
 * The bytes of a download. The browser is shared over a connection, so the download is
 * saved to a file of ours and read back, never streamed from the browser's side.
 */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const saved = join(tmpdir(), `download-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  await download.saveAs(saved);
  try {
    return await readFile(saved);
  } finally {
    await rm(saved, { force: true });
  }
}

/** Waits until the status view shows `count` documents in `namespace` (live updates, no reload). */
export async function waitForCount(page: Page, namespace: string, count: number | undefined): Promise<void> {
  const deadline = Date.now() + 20_000;
  let seen: number | undefined;
  while (Date.now() < deadline) {
    seen = await collectionCount(page, namespace);
    if (seen === count) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected ${String(count)} documents in ${namespace}, the status view shows ${String(seen)}`);
}

/** The accessibility violations axe rates serious or critical on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

let realmWeb: Promise<string> | undefined;

/** Loads realm-web's browser bundle into the page, as a learner's app loads it: `globalThis.Realm`. */
export async function addRealmWeb(page: Page): Promise<void> {
  realmWeb ??= readFile(createRequire(import.meta.url).resolve("realm-web/dist/bundle.iife.js"), "utf8");
  await page.addScriptTag({ content: await realmWeb });
}

/** Opens the finished Task Tracker backend from the home screen, as a first visit does; answers its app id. */
export async function openTaskTracker(page: Page, url: string): Promise<string> {
  await page.goto(`${url}#/`);
  await page.getByRole("button", { name: "Open the Task Tracker backend" }).click();
  await page.getByText(/The finished Task Tracker backend is ready/).waitFor();
  return page.getByRole("combobox", { name: "Current app" }).inputValue();
}
