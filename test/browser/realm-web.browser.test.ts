import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { addRealmWeb, launchChromium, openSandbox, waitForCount, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("realm-web in the page, unchanged", () => {
  it("registers, logs in, reads and writes through the service worker, with its default base URL", async () => {
    const context = await browser.newContext();
    const leader = await openSandbox(context, url);
    await leader.page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["Write the tests", "Ship it"]));
    // realm-web runs in a second tab, so its requests cross the service worker and the bus to the first tab's backend.
    const { page, errors } = await openSandbox(context, url);
    await waitForServiceWorker(page);

    await addRealmWeb(page);
    const result = await page.evaluate(async (appId) => {
      const Realm = (globalThis as any).Realm;
      const app = new Realm.App({ id: appId });
      const credentials = { email: "ada@example.com", password: "correct horse" };
      await app.emailPasswordAuth.registerUser(credentials);
      const user = await app.logIn(Realm.Credentials.emailPassword(credentials.email, credentials.password));
      const tasks = user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
      const before = await tasks.find({}, { sort: { name: 1 } });
      // The watch stream is an SSE response: it must flow through the service worker as it is written.
      const changes = tasks.watch();
      const firstChange = changes.next();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tasks.insertOne({ _partition: "project=demo", name: "From realm-web", status: "Open", assignee: user.id });
      const change = await Promise.race([firstChange, new Promise((resolve) => setTimeout(() => resolve({ value: "no change event within 10 s" }), 10_000))]);
      await changes.return(undefined);
      // The tutorial's GraphQL client posts to realm.mongodb.com with the user's access token.
      const graphql = await fetch(`https://realm.mongodb.com/api/client/v2.0/app/${appId}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${user.accessToken}` },
        body: JSON.stringify({ query: "query { tasks(sortBy: NAME_ASC) { name } }" }),
      }).then((response) => response.json());
      return {
        graphql,
        change: (change as { value: unknown }).value,
        baseUrl: app.baseUrl,
        email: user.profile.email,
        names: before.map((task: { name: string }) => task.name),
        count: await tasks.count(),
        stored: Object.keys(localStorage).filter((key) => key.startsWith(`realm-web:app(${appId})`)).length,
      };
    }, APP_ID);
    expect(result).toMatchObject({ baseUrl: "https://services.cloud.mongodb.com", email: "ada@example.com", names: ["Ship it", "Write the tests"], count: 3 });
    expect(result.stored).toBeGreaterThan(0);
    expect(result.graphql).toEqual({ data: { tasks: [{ name: "From realm-web" }, { name: "Ship it" }, { name: "Write the tests" }] } });
    expect(result.change).toMatchObject({ operationType: "insert", fullDocument: { name: "From realm-web" } });
    // The write shows live in the tab that runs the backend.
    await waitForCount(leader.page, "tracker.tasks", 3);
    // The onNewUser trigger ran once, in the tab that leads, though two tabs are open.
    await waitForCount(leader.page, "tracker.users", 1);
    await page.waitForTimeout(300);
    await waitForCount(page, "tracker.users", 1);
    expect([...leader.errors, ...errors]).toEqual([]);
    await context.close();
  });
});
