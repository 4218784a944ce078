import { describe, expect, it } from "vitest";

import { exportSnapshot, importSnapshot, parseSnapshot, snapshotText, SNAPSHOT_VERSION } from "../../src/app/snapshot.ts";
import { Decimal128, Double, Long, ObjectId } from "../../src/bson/types.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import type { SessionRecord, UserRecord } from "../../src/storage/database.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const TASK_ID = new ObjectId("5f0c8a1b2c3d4e5f60718293");

function open(template: "blank" | "task-tracker" = "task-tracker"): Promise<Sandbox> {
  return createSandbox({ appId: "snapshot-test", template, ...freshIndexedDB(), now: fakeClock().now });
}

const USER: UserRecord = {
  id: "5f0c8a1b2c3d4e5f60718294",
  type: "normal",
  email: "ada@example.com",
  passwordHash: "$2a$10$abcdefghijklmnopqrstuv",
  identityId: "5f0c8a1b2c3d4e5f60718295",
  status: "confirmed",
  disabled: false,
  createdAt: Date.UTC(2026, 0, 1),
};

const SESSION: SessionRecord = { id: "s-1", userId: USER.id, deviceId: "000000000000000000000000", createdAt: 1, expiresAt: 2 };

async function seed(sandbox: Sandbox): Promise<void> {
  const tasks = sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("Task");
  await tasks.insertMany([
    { _id: TASK_ID, name: "Write", status: "Open", count: 3, big: new Long(2n ** 40n), price: new Decimal128("1.10"), ratio: new Double(2), due: new Date(0) },
    { _id: "plain-id", name: "Read", status: "Complete" },
  ]);
  await sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("User").insertOne({ _id: "u1", name: "Ada" });
  await sandbox.app.db.users.put(USER);
  await sandbox.app.db.sessions.put(SESSION);
}

describe("sandbox snapshots", () => {
  it("exports the app directory, every collection as canonical EJSON and the auth tables", async () => {
    const sandbox = await open();
    await seed(sandbox);
    const snapshot = await exportSnapshot(sandbox.app);
    expect(snapshot.format).toBe("realm-sandbox-snapshot");
    expect(snapshot.version).toBe(SNAPSHOT_VERSION);
    expect(snapshot.app.deployed).toEqual(await sandbox.exportApp());
    expect(snapshot.app.draft).toBeUndefined();
    expect(Object.keys(snapshot.collections)).toEqual(["tracker.Task", "tracker.User"]);
    const task = snapshot.collections["tracker.Task"].find((doc) => (doc as { name: string }).name === "Write");
    expect(task).toMatchObject({
      _id: { $oid: TASK_ID.toHexString() },
      count: { $numberInt: "3" },
      big: { $numberLong: String(2n ** 40n) },
      price: { $numberDecimal: "1.10" },
      ratio: { $numberDouble: "2.0" },
      due: { $date: { $numberLong: "0" } },
    });
    expect(snapshot.users).toEqual([USER]);
    expect(snapshot.sessions).toEqual([]);
    await sandbox.close();
  });

  it("round-trips through the file text into another sandbox, types intact", async () => {
    const source = await open();
    await seed(source);
    const text = snapshotText(await exportSnapshot(source.app));
    const target = await open("blank");
    await importSnapshot(target.app, parseSnapshot(text));
    const tasks = await target.app.store.scan("tracker.Task");
    const write = tasks.find((doc) => doc.name === "Write")!;
    expect(write._id).toBeInstanceOf(ObjectId);
    expect(write.big).toBeInstanceOf(Long);
    expect(write.price).toBeInstanceOf(Decimal128);
    expect(write.ratio).toBeInstanceOf(Double);
    expect(write.due).toEqual(new Date(0));
    expect(await target.exportApp()).toEqual(await source.exportApp());
    expect(await target.app.db.users.toArray()).toEqual([USER]);
    expect(await target.app.db.sessions.toArray()).toEqual([]);
    const again = await exportSnapshot(target.app);
    const first = JSON.parse(text);
    expect({ ...again, exportedAt: "", appId: "" }).toEqual({ ...first, exportedAt: "", appId: "" });
    await Promise.all([source.close(), target.close()]);
  });

  it("keeps undeployed draft edits", async () => {
    const source = await open("blank");
    const draft = { ...source.app.draft, "values/greeting.json": JSON.stringify({ name: "greeting", value: "hi", from_secret: false }) };
    await source.app.saveDraft(draft);
    const snapshot = parseSnapshot(snapshotText(await exportSnapshot(source.app)));
    expect(snapshot.app.draft).toEqual(draft);
    const target = await open("blank");
    await importSnapshot(target.app, snapshot);
    expect(target.app.draft).toEqual(draft);
    expect(target.app.hasDraftChanges).toBe(true);
    await Promise.all([source.close(), target.close()]);
  });

  it("replaces what was there and fires no change events (database triggers stay quiet)", async () => {
    const source = await open();
    await seed(source);
    const snapshot = await exportSnapshot(source.app);
    const target = await open();
    await target.app.mongo(SYSTEM_CONTEXT).db("old").collection("stuff").insertOne({ _id: 1 });
    const events: unknown[] = [];
    target.app.store.subscribe((batch) => events.push(...batch));
    await importSnapshot(target.app, snapshot);
    expect(events).toEqual([]);
    expect(await target.app.store.namespaces()).toEqual(["tracker.Task", "tracker.User"]);
    await Promise.all([source.close(), target.close()]);
  });

  it("writes index entries for the namespaces the imported app indexes", async () => {
    const source = await open("blank");
    await source.importApp({ ...(await source.exportApp()), "sandbox/indexes.json": JSON.stringify({ "shop.items": ["sku"] }) });
    await source.app.mongo(SYSTEM_CONTEXT).db("shop").collection("items").insertOne({ _id: 1, sku: "A-1" });
    const target = await open("blank");
    await importSnapshot(target.app, await exportSnapshot(source.app));
    const stored = (await target.app.db.docs.toArray()).find((r) => r.ns === "shop.items");
    expect(stored?.ix?.length).toBeGreaterThan(0);
    const found = await target.app.mongo(SYSTEM_CONTEXT).db("shop").collection("items").find({ sku: "A-1" });
    expect(found).toEqual([{ _id: 1, sku: "A-1" }]);
    await Promise.all([source.close(), target.close()]);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["another format", JSON.stringify({ format: "x" }), /not a Realm Sandbox export/],
    ["a newer version", JSON.stringify({ format: "realm-sandbox-snapshot", version: SNAPSHOT_VERSION + 1 }), /newer Realm Sandbox/],
    ["no app files", JSON.stringify({ format: "realm-sandbox-snapshot", version: 1, app: {}, collections: {} }), /app\.deployed/],
    ["a bad namespace", JSON.stringify({ format: "realm-sandbox-snapshot", version: 1, app: { deployed: {} }, collections: { nodot: [] } }), /database\.collection/],
  ])("refuses %s", (_label, text, message) => {
    expect(() => parseSnapshot(text)).toThrow(message);
  });

  it("refuses bad documents and bad app files before changing anything", async () => {
    const source = await open();
    await seed(source);
    const good = await exportSnapshot(source.app);
    const target = await open();
    await target.app.mongo(SYSTEM_CONTEXT).db("keep").collection("me").insertOne({ _id: 1 });
    const before = await exportSnapshot(target.app);
    const broken = [
      { ...good, collections: { "tracker.Task": [{ name: "no id" }] } },
      { ...good, collections: { "tracker.Task": [{ _id: 1 }, { _id: { $numberInt: "1" } }] } },
      { ...good, collections: { "tracker.Task": [{ _id: { $oid: "nope" } }] } },
      { ...good, users: [{ email: "no id" }] },
      { ...good, app: { deployed: { "realm_config.json": "{ not json" } } },
    ];
    for (const snapshot of broken) {
      await expect(importSnapshot(target.app, parseSnapshot(JSON.stringify(snapshot)))).rejects.toThrow(/cannot import|realm_config|JSON/i);
    }
    expect({ ...(await exportSnapshot(target.app)), exportedAt: "" }).toEqual({ ...before, exportedAt: "" });
    await Promise.all([source.close(), target.close()]);
  });
});
