import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The Task Tracker snapshot with a function that waits as long as it is told before answering. */
function snapshotWithSlowFunction(): string {
  const snapshot = JSON.parse(taskTrackerSnapshot(["one"]));
  const files = snapshot.app.deployed as Record<string, string>;
  const config = JSON.parse(files["functions/config.json"]);
  config.push({ name: "wait", private: false, can_evaluate: {} });
  files["functions/config.json"] = JSON.stringify(config);
  files["functions/wait.js"] = "exports = async function (ms) {\n  await new Promise((resolve) => setTimeout(resolve, ms));\n  return 'waited ' + ms;\n};\n";
  return JSON.stringify(snapshot);
}

describe("the service worker's channel to the backend tab", () => {
  it("answers a call in flight when the backend tab closes with a 503 to retry, and the retry reaches the next tab", async () => {
    const context = await browser.newContext();
    const leader = await openSandbox(context, url);
    await leader.page.evaluate(`realmSandbox.importSandbox(${JSON.stringify(snapshotWithSlowFunction())})`);
    const { page, errors } = await openSandbox(context, url);
    await waitForServiceWorker(page);
    expect(await page.getByTestId("backend-state").textContent()).toMatch(/served by another tab/);
    await addRealmWeb(page);

    // Logs in with realm-web, then starts a slow function call through the service worker, by plain fetch to see the answer whole.
    await page.evaluate(`(async () => {
      const app = new Realm.App({ id: ${JSON.stringify(APP_ID)} });
      const credentials = { email: "grace@example.com", password: "correct horse" };
      await app.emailPasswordAuth.registerUser(credentials);
      globalThis.user = await app.logIn(Realm.Credentials.emailPassword(credentials.email, credentials.password));
      globalThis.callWait = (ms) => fetch("https://services.cloud.mongodb.com/api/client/v2.0/app/${APP_ID}/functions/call", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer " + user.accessToken },
        body: JSON.stringify({ name: "wait", arguments: [ms] }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
      globalThis.inFlight = callWait(20000);
    })()`);
    expect(await page.evaluate(`callWait(0)`)).toEqual({ status: 200, body: "waited 0" });

    await leader.page.close();
    const started = Date.now();
    const answer = await page.evaluate(`inFlight`);
    // Answered when the tab closed, long before the function would have returned.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer).toEqual({
      status: 503,
      body: { error: "the sandbox's backend tab closed; retry", error_code: "InternalServerError" },
    });

    await expect.poll(() => page.getByTestId("backend-state").textContent()).toMatch(/served by this tab/);
    expect(await page.evaluate(`callWait(10)`)).toEqual({ status: 200, body: "waited 10" });
    // realm-web, unchanged, reaches the new backend too.
    expect(await page.evaluate(`user.functions.wait(1)`)).toBe("waited 1");
    expect(errors.filter((error) => !/status of 503/.test(error))).toEqual([]);
    await context.close();
  });
});
