/**
 * The published site under a deeper sub-path than the shared server's (a GitHub Pages
 * project inside an organisation's site, or any static host's folder): the same build,
 * served under /some/sub/path/ by a server of this file that records every request, so
 * a URL that escapes the sub-path shows up.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const SUB_PATH = "/some/sub/path/";
/** The build the global setup made. */
const DIST = resolve(fileURLToPath(new URL("../../dist", import.meta.url)));
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };

let browser: Browser;
let server: Server;
let siteUrl: string;
/** Every path the browser asked the server for that is not below the sub-path. */
const outside: string[] = [];

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!path.startsWith(SUB_PATH)) {
      outside.push(path);
      return void response.writeHead(404).end();
    }
    const file = normalize(join(DIST, path.slice(SUB_PATH.length) || "index.html"));
    const info = file.startsWith(DIST + sep) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) return void response.writeHead(404).end();
    // No Service-Worker-Allowed header: the worker's scope is its own folder, which needs none.
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SUB_PATH}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
});

describe("the site under a sub-path", () => {
  it("starts its backend, shows Home and Data, and serves realm-web through a service worker scoped to the sub-path", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, siteUrl);
    await waitForServiceWorker(page);
    const scope = await page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r && r.scope)");
    expect(scope).toBe(siteUrl);
    await page.evaluate(`realmSandbox.importSandbox(${JSON.stringify(taskTrackerSnapshot(["Write the tests", "Ship it"]))})`);

    await page.goto(`${siteUrl}#/`);
    await page.getByRole("heading", { name: "Run an App Services backend in this page" }).waitFor();
    // A build without a course's starting app offers our tutorial's blank app.
    await page.getByRole("button", { name: "Start with a blank app for the tutorial" }).waitFor();
    await page.goto(`${siteUrl}#/data`);
    await page.getByRole("link", { name: /^tasks, / }).click();
    await page.getByRole("heading", { name: "tracker.tasks" }).waitFor();
    await page.getByText("Ship it").first().waitFor();

    // A second tab: its realm-web requests go to the App Services host, through the service worker.
    const client = await openSandbox(context, siteUrl);
    await waitForServiceWorker(client.page);
    await addRealmWeb(client.page);
    const result = await client.page.evaluate(`(async () => {
      const app = new Realm.App({ id: ${JSON.stringify(APP_ID)} });
      const credentials = { email: "grace@example.com", password: "sub-path secret" };
      await app.emailPasswordAuth.registerUser(credentials);
      const user = await app.logIn(Realm.Credentials.emailPassword(credentials.email, credentials.password));
      const tasks = user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
      await tasks.insertOne({ _partition: "project=demo", name: "From a sub-path", status: "Open", assignee: user.id });
      const found = await tasks.find({}, { sort: { name: 1 } });
      return { email: user.profile.email, names: found.map((task) => task.name) };
    })()`);
    expect(result).toEqual({ email: "grace@example.com", names: ["From a sub-path", "Ship it", "Write the tests"] });

    expect(outside).toEqual([]);
    expect([...errors, ...client.errors]).toEqual([]);
    await context.close();
  });
});
