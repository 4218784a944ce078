/**
 * The browser suite: the production build, served under a sub-path as GitHub Pages does,
 * in Debian's Chromium, each figure against its raw baseline timed in the same page and
 * run. Calls go through realm-web and the service worker as a learner's app makes them.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium, type Page } from "playwright-core";
import { build } from "vite";

import { addRealmWeb, launchOptions, waitForBackend, waitForServiceWorker } from "../../test/browser/chromium.ts";
import { serveStatic } from "../../test/browser/static-server.ts";
import type { BenchResult } from "../harness.ts";
import { APP_ID, PROBE_TASK_ID, TASKS, USERS, benchSnapshot } from "./dataset.ts";
import { bcryptNote } from "./bcrypt-note.ts";

const RUNS = 15;
const BULK_RUNS = 3;
const RELOADS = 5;
const EMAIL = "bench@example.com";
const PASSWORD = "correct horse battery";
const GRAPHQL_TASKS = "query { tasks(limit: 100) { name assignee { name } } }";

/**
 * Records, in the page, when the backend first answers "ready" after DOMContentLoaded:
 * a status call waits for the backend to open, so it resolves the moment it is ready.
 */
const READY_PROBE = `
document.addEventListener("DOMContentLoaded", () => {
  const poll = () => globalThis.realmSandbox.status().then(
    (status) => status.state === "ready" ? (globalThis.__backendReadyAt = performance.now()) : setTimeout(poll, 2),
    () => setTimeout(poll, 2));
  poll();
});`;

export async function run(): Promise<BenchResult[]> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), "realm-sandbox-bench-"));
  const started = performance.now();
  try {
    // A build of its own, so a test run building into dist/ meanwhile cannot mix files in.
    await build({ root, configFile: resolve(root, "vite.config.ts"), logLevel: "error", build: { outDir, emptyOutDir: true } });
    const server = await serveStatic(outDir, "/realm-sandbox/");
    const browser = await chromium.launch(launchOptions());
    try {
      const page = await (await browser.newContext()).newPage();
      page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
      const results = await measure(page, server.url);
      console.log(`    (browser suite took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
      return results;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function loadProbes(page: Page): Promise<void> {
  await addRealmWeb(page);
  await page.addScriptTag({ content: await readFile(fileURLToPath(new URL("./page-probes.js", import.meta.url)), "utf8") });
}

/** Calls a page probe by name with JSON arguments (a string: no transpiled helpers cross over). */
function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`benchProbes.${name}(${args.map((arg) => JSON.stringify(arg)).join(", ")})`) as Promise<T>;
}

async function measure(page: Page, url: string): Promise<BenchResult[]> {
  await page.context().addInitScript(READY_PROBE);
  await page.goto(`${url}#/status`);
  await waitForBackend(page);
  await waitForServiceWorker(page);
  await page.evaluate(`realmSandbox.importSandbox(${JSON.stringify(benchSnapshot())})`);
  await loadProbes(page);
  const { accessToken } = await probe<{ userId: string; accessToken: string }>(page, "logIn", APP_ID, EMAIL, PASSWORD);

  await probe(page, "offlineCopySettled");
  await probe(page, "fillRaw", TASKS);
  const login = await probe<number>(page, "logInTime", EMAIL, PASSWORD, 5);
  const args = { appId: APP_ID, id: PROBE_TASK_ID, query: GRAPHQL_TASKS, expected: TASKS, count: TASKS };
  const compare = (names: string[], runs: number, warmup = 1) => probe<number[]>(page, "compare", names, args, runs, warmup);
  const [viaServiceWorker, inPage, rawGet, serviceWorkerFloor] = await compare(["swFindOne", "pageFindOne", "rawGet", "swOptions"], RUNS * 2, 3);
  const [findAll, rawGetAll] = await compare(["swFindAll", "rawGetAll"], BULK_RUNS);
  const [graphqlTasks, findOneForGraphql] = await compare(["graphql", "swFindOne"], RUNS);

  // Repeat visits: the service worker and its cache are warm, the backend starts again.
  const firstAfterReload: number[] = [];
  const readyAfterLoad: number[] = [];
  let laterGraphql = 0;
  for (let i = 0; i < RELOADS; i++) {
    await page.reload();
    await waitForBackend(page);
    await waitForServiceWorker(page);
    readyAfterLoad.push(
      await page.evaluate(`globalThis.__backendReadyAt - performance.getEntriesByType("navigation")[0].domContentLoadedEventStart`),
    );
    await loadProbes(page);
    await probe(page, "adoptToken", accessToken);
    firstAfterReload.push(await probe<number>(page, "graphqlOnce", APP_ID, GRAPHQL_TASKS));
    if (i === RELOADS - 1) [laterGraphql] = await compare(["graphql"], RUNS, 0);
  }

  // Bulk writes last: they add (and delete again) 10,000 tasks of the user's own.
  await loadProbes(page);
  await probe(page, "logIn", APP_ID, EMAIL, PASSWORD);
  await probe(page, "fillRaw", 0);
  const [insertMany, rawAdds] = await compare(["swInsertMany", "rawAdds"], BULK_RUNS);

  return [
    {
      name: "realm-web findOne({_id}) via service worker vs realmSandbox.fetch",
      measuredMs: viaServiceWorker,
      baselineMs: inPage,
      goal: 1.3,
      notes: `the service worker's own round trip (an OPTIONS it answers without the backend): ${serviceWorkerFloor.toFixed(2)} ms`,
    },
    { name: "realmSandbox.fetch findOne vs raw IndexedDB get", measuredMs: inPage, baselineMs: rawGet, goal: 5 },
    { name: `realm-web insertMany of ${TASKS} vs raw adds in one transaction`, measuredMs: insertMany, baselineMs: rawAdds, goal: 1.1 },
    { name: `realm-web find({}) of ${TASKS} as a user vs raw getAll`, measuredMs: findAll, baselineMs: rawGetAll, goal: 1.3 },
    {
      name: `GraphQL tasks(limit: 100) + assignee (${TASKS / 1000}k/${USERS / 1000}k) vs findOne via SW`,
      measuredMs: graphqlTasks,
      baselineMs: findOneForGraphql,
      goal: 2,
    },
    { name: "first GraphQL request after a reload vs later ones", measuredMs: median(firstAfterReload), baselineMs: laterGraphql, goal: 1.5 },
    {
      name: "repeat visit: DOMContentLoaded to backend ready",
      measuredMs: median(readyAfterLoad),
      goal: 150,
      notes: `${RELOADS} reloads: ${readyAfterLoad.map((ms) => ms.toFixed(0)).join(", ")} ms`,
    },
    { name: "realm-web logIn (email/password)", measuredMs: login, goal: Number.POSITIVE_INFINITY, notes: bcryptNote() },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
