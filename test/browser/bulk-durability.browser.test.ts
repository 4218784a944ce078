import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
const BATCH = 10_000;
/** Characters added to each task name, so a batch takes long enough for a tab to close in the middle of it. */
const FILLER = 1_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The Task Tracker snapshot with three tasks and a declared index on tasks.status, so every write keeps index entries. */
function snapshotWithStatusIndex(): string {
  const snapshot = JSON.parse(taskTrackerSnapshot(["one", "two", "three"]));
  snapshot.app.deployed["sandbox/indexes.json"] = JSON.stringify({ "tracker.tasks": ["status"] });
  return JSON.stringify(snapshot);
}

/**
 * What IndexedDB itself holds for tracker.tasks, read in the page: documents counted by a
 * scan of their keys, and by the status index, all of them and those of the batch.
 */
const STORED_COUNTS = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith("realm-sandbox:") && n.endsWith(":${APP_ID}"));
  const db = await request(indexedDB.open(name));
  try {
    const docs = db.transaction("docs", "readonly").objectStore("docs");
    const byScan = await request(docs.count(IDBKeyRange.bound("tracker.tasks\\u0000", "tracker.tasks\\u0001", false, true)));
    const byIndex = await request(docs.index("ix").count(IDBKeyRange.bound(["tracker.tasks", "status"], ["tracker.tasks", "status", []])));
    const batchByIndex = await request(docs.index("ix").count(IDBKeyRange.only(["tracker.tasks", "status", 4, "Bulk"])));
    return { byScan, byIndex, batchByIndex };
  } finally {
    db.close();
  }
})()`;

/** realm-web in the page, logged in, with `insertBatch()` that inserts the batch and answers how the call ended. */
async function realmWebUser(page: Page): Promise<void> {
  await addRealmWeb(page);
  await page.evaluate(`(async () => {
    const app = new Realm.App({ id: ${JSON.stringify(APP_ID)} });
    const credentials = { email: "bulk@example.com", password: "correct horse" };
    await app.emailPasswordAuth.registerUser(credentials).catch(() => undefined);
    const user = await app.logIn(Realm.Credentials.emailPassword(credentials.email, credentials.password));
    globalThis.tasks = user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
    const filler = "x".repeat(${FILLER});
    globalThis.insertBatch = () => {
      const docs = Array.from({ length: ${BATCH} }, (_, i) => ({
        _id: new Realm.BSON.ObjectId(), _partition: "project=bulk", name: "bulk task " + i + " " + filler, status: "Bulk", assignee: user.id,
      }));
      const started = performance.now();
      return tasks.insertMany(docs).then(
        (result) => ({ inserted: result.insertedIds.length, ms: performance.now() - started }),
        (error) => ({ error: String(error && error.message || error), ms: performance.now() - started }),
      );
    };
  })()`);
}

/** Counts in storage must be the base tasks plus all of a batch or none of it, by scan and by index alike. */
function expectWholeOrNone(counts: { byScan: number; byIndex: number; batchByIndex: number }, base: number): void {
  expect([0, BATCH]).toContain(counts.batchByIndex);
  expect(counts).toEqual({ byScan: base + counts.batchByIndex, byIndex: base + counts.batchByIndex, batchByIndex: counts.batchByIndex });
}

type Ended = { inserted?: number; error?: string; ms: number };

describe("a bulk insert when the backend tab closes mid-write", () => {
  it("leaves all of the batch or none of it, with the index agreeing with the documents", async () => {
    const context = await browser.newContext();
    let leader = (await openSandbox(context, url)).page;
    await leader.evaluate(`realmSandbox.importSandbox(${JSON.stringify(snapshotWithStatusIndex())})`);
    let client = (await openSandbox(context, url)).page;
    await waitForServiceWorker(client);
    expect(await client.getByTestId("backend-state").textContent()).toMatch(/served by another tab/);
    await realmWebUser(client);
    expect(await client.evaluate(STORED_COUNTS)).toEqual({ byScan: 3, byIndex: 3, batchByIndex: 0 });

    // A whole batch first: durable when the call returns, and it tells how long one takes here.
    const whole = (await client.evaluate(`insertBatch()`)) as Ended;
    expect(whole.error).toBeUndefined();
    expect(whole.inserted).toBe(BATCH);
    expect(await client.evaluate(STORED_COUNTS)).toEqual({ byScan: 3 + BATCH, byIndex: 3 + BATCH, batchByIndex: BATCH });
    expect(await client.evaluate(`tasks.deleteMany({ status: "Bulk" }).then((r) => r.deletedCount)`)).toBe(BATCH);
    // Again, warm, for the time a batch takes once everything is loaded.
    const warm = (await client.evaluate(`insertBatch()`)) as Ended;
    expect(warm.inserted).toBe(BATCH);
    expect(await client.evaluate(`tasks.deleteMany({ status: "Bulk" }).then((r) => r.deletedCount)`)).toBe(BATCH);

    // The batch again, and the backend's tab closes part way through it; the client's tab then
    // serves the backend, and a new tab is the next client. Until one close interrupts a call.
    const outcomes: string[] = [];
    for (const fraction of [0.3, 0.6, 0.9]) {
      await client.evaluate(`globalThis.inFlight = insertBatch()`);
      await client.waitForTimeout(warm.ms * fraction);
      await leader.close();
      const ended = (await client.evaluate(
        `Promise.race([inFlight, new Promise((resolve) => setTimeout(() => resolve({ error: "no answer within 10 s", ms: 10000 }), 10000))])`,
      )) as Ended;
      await expect.poll(() => client.getByTestId("backend-state").textContent(), { timeout: 20_000 }).toMatch(/served by this tab/);

      // Opened again: storage holds the batch whole or not at all, and its index says the same.
      const reopened = (await openSandbox(context, url)).page;
      await waitForServiceWorker(reopened);
      const counts = (await reopened.evaluate(STORED_COUNTS)) as { byScan: number; byIndex: number; batchByIndex: number };
      expectWholeOrNone(counts, 3);
      // A call that answered success was durable; one that failed may have committed just before the tab closed.
      if (ended.inserted !== undefined) expect(counts.batchByIndex).toBe(BATCH);
      else expect(ended.error).toBeTruthy();
      // The client API agrees with storage.
      await realmWebUser(reopened);
      expect(await reopened.evaluate(`tasks.count({ status: "Bulk" })`)).toBe(counts.batchByIndex);
      expect(await reopened.evaluate(`tasks.count({})`)).toBe(3 + counts.batchByIndex);
      outcomes.push(`closed at ${Math.round(fraction * 100)}%: ${ended.error ? `call failed (${ended.error})` : "call succeeded"} after ${Math.round(ended.ms)} ms, ${counts.batchByIndex} stored`);
      if (counts.batchByIndex) await reopened.evaluate(`tasks.deleteMany({ status: "Bulk" })`);
      [leader, client] = [client, reopened];
      if (ended.error) break;
    }
    console.log(`bulk durability (${BATCH} documents, ${Math.round(warm.ms)} ms a batch): ${outcomes.join("; ")}`);
    await context.close();
  });
});
