import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { formatJson } from "../../src/config/json.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { Decimal128, Double, Long, ObjectId, type Document } from "../../src/bson/types.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { APP_ID, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const USERS = "tracker.users";
const ORDERS = "tracker.orders";

const uid = (i: number) => new ObjectId(`64c0000000000000000000${String(i).padStart(2, "0")}`);

/** The task-tracker app plus a declared index file for a collection the app does not model. */
const files = () => ({
  ...taskTracker(APP_ID),
  "sandbox/indexes.json": formatJson({ [ORDERS]: ["n", "customer.id", "tags", "at"] }),
});

const ORDER_DOCS: Document[] = [
  { _id: 1, n: 1, customer: { id: "c1" }, tags: ["a", "b"], at: new Date(Date.UTC(2020, 0, 1)) },
  { _id: 2, n: Long.fromNumber(2), customer: { id: "c2" }, tags: ["b"], at: new Date(Date.UTC(2021, 0, 1)) },
  { _id: 3, n: new Double(3), customer: { id: "c1" }, tags: [], at: new Date(Date.UTC(2022, 0, 1)) },
  { _id: 4, n: Decimal128.fromString("4.5"), customer: [{ id: "c3" }, { id: "c4" }] },
  { _id: 5, n: "5", customer: { id: null } },
  { _id: 6 },
];

describe("indexed lookups", () => {
  let sandbox: TestApp;
  let scan: ReturnType<typeof vi.spyOn>;
  let scanPages: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    sandbox = await openTestApp({ template: "task-tracker" });
    await sandbox.app.importApp(files());
    await sandbox.system(USERS).insertMany(
      Array.from({ length: 20 }, (_, i) => ({ _id: uid(i), _partition: `user=u${i}`, user_id: `u${String(i).padStart(2, "0")}`, name: `User ${i}` })),
    );
    await sandbox.system(ORDERS).insertMany(ORDER_DOCS.map((d) => ({ ...d })));
  });

  afterAll(() => sandbox.close());

  const watch = () => {
    scan = vi.spyOn(DocumentStore.prototype, "scan");
    scanPages = vi.spyOn(DocumentStore.prototype, "scanPages");
  };
  const scanned = () => scan.mock.calls.length + scanPages.mock.calls.length > 0;

  afterEach(() => {
    scan?.mockRestore();
    scanPages?.mockRestore();
  });

  it("the template indexes users.user_id and the file declares the rest", () => {
    expect(sandbox.app.store.indexedFields(USERS)).toEqual(new Set(["user_id"]));
    expect(sandbox.app.store.indexedFields(ORDERS)).toEqual(new Set(["at", "customer.id", "n", "tags"]));
  });

  it("the spy sees a scan for a filter on a field without an index", async () => {
    watch();
    expect(await sandbox.system(USERS).findOne({ name: "User 3" })).not.toBeNull();
    expect(scanned()).toBe(true);
  });

  describe.each<[string, Document, string[]]>([
    ["_id equality", { _id: uid(3) }, ["u03"]],
    ["_id $in", { _id: { $in: [uid(3), uid(5), new ObjectId()] } }, ["u03", "u05"]],
    ["_id $eq", { _id: { $eq: uid(7) } }, ["u07"]],
    ["_id with other conditions", { _id: uid(3), name: "User 3" }, ["u03"]],
    ["indexed equality", { user_id: "u04" }, ["u04"]],
    ["indexed $eq", { user_id: { $eq: "u04" } }, ["u04"]],
    ["indexed $in", { user_id: { $in: ["u01", "u02", "nobody"] } }, ["u01", "u02"]],
    ["indexed $gt", { user_id: { $gt: "u17" } }, ["u18", "u19"]],
    ["indexed $gte and $lt", { user_id: { $gte: "u05", $lt: "u08" } }, ["u05", "u06", "u07"]],
    ["indexed $lte", { user_id: { $lte: "u01" } }, ["u00", "u01"]],
    ["indexed inside $and", { $and: [{ user_id: "u09" }, { name: { $regex: "^User" } }] }, ["u09"]],
    ["indexed with a non-indexed condition", { user_id: { $in: ["u01", "u02"] }, name: "User 2" }, ["u02"]],
    ["an indexed range across types", { user_id: { $gt: "u18", $lt: 5 } }, []],
    ["an indexed range with bounds in the wrong type order", { user_id: { $gt: "u00", $lte: 100 } }, []],
  ])("%s", (_name, filter, expected) => {
    it("find, findOne and count do not scan", async () => {
      watch();
      const users = sandbox.system(USERS);
      const found = await users.find(filter, { user_id: 1 }, { sort: { user_id: 1 } });
      expect(found.map((d) => d.user_id)).toEqual(expected);
      expect((await users.findOne(filter))?.user_id ?? null).toBe(expected[0] ?? null);
      expect(await users.count(filter)).toBe(expected.length);
      expect(scanned()).toBe(false);
    });
  });

  describe.each<[string, Document, string[]]>([
    ["_id $gte and $lt", { _id: { $gte: uid(2), $lt: uid(4) } }, ["u02", "u03"]],
    ["_id $gt", { _id: { $gt: uid(17) } }, ["u18", "u19"]],
    ["_id $lte", { _id: { $lte: uid(1) } }, ["u00", "u01"]],
    ["an _id range inside $and", { $and: [{ _id: { $gt: uid(5) } }, { _id: { $lt: uid(8) } }] }, ["u06", "u07"]],
    ["an _id range and another condition", { _id: { $gte: uid(10) }, name: "User 12" }, ["u12"]],
    ["an _id range of another type", { _id: { $gt: 5 } }, []],
    ["_id bounds of two types", { _id: { $gt: uid(1), $lt: "z" } }, []],
  ])("%s", (_name, filter, expected) => {
    it("reads a key range, not the collection", async () => {
      watch();
      const users = sandbox.system(USERS);
      expect((await users.find(filter)).map((d) => d.user_id)).toEqual(expected);
      expect(await users.count(filter)).toBe(expected.length);
      expect(scanned()).toBe(false);
    });
  });

  it("updates, deletes and findOneAnd* by _id or indexed field do not scan", async () => {
    watch();
    const users = sandbox.system(USERS);
    await users.updateOne({ _id: uid(10) }, { $set: { image: "a.png" } });
    await users.updateMany({ user_id: { $in: ["u11", "u12"] } }, { $set: { image: "b.png" } });
    await users.findOneAndUpdate({ user_id: "u13" }, { $set: { image: "c.png" } });
    await users.replaceOne({ user_id: "u14" }, { _partition: "user=u14", user_id: "u14", name: "Fourteen" });
    await users.findOneAndDelete({ _id: uid(19) });
    await users.deleteOne({ user_id: "u18" });
    expect(scanned()).toBe(false);
    expect(await users.count({ image: { $exists: true } })).toBe(4);
    expect(await users.findOne({ user_id: "u14" })).toMatchObject({ name: "Fourteen" });
  });

  it("the index follows updates and deletes", async () => {
    const users = sandbox.system(USERS);
    await users.updateOne({ user_id: "u15" }, { $set: { user_id: "renamed" } });
    watch();
    expect(await users.findOne({ user_id: "u15" })).toBeNull();
    expect(await users.findOne({ user_id: "renamed" })).toMatchObject({ name: "User 15" });
    expect(scanned()).toBe(false);
  });

  describe.each<[string, Document, number[]]>([
    ["numbers across types", { n: 2 }, [2]],
    ["a Long key", { n: Long.fromNumber(3) }, [3]],
    ["a numeric range across types", { n: { $gte: 2, $lt: Long.fromNumber(5) } }, [2, 3, 4]],
    ["a numeric range excludes strings", { n: { $gt: 0 } }, [1, 2, 3, 4]],
    ["an embedded field", { "customer.id": "c1" }, [1, 3]],
    ["an embedded field through an array", { "customer.id": "c4" }, [4]],
    ["an embedded field $in", { "customer.id": { $in: ["c2", "c3"] } }, [2, 4]],
    ["array elements", { tags: "b" }, [1, 2]],
    ["a date range", { at: { $gte: new Date(Date.UTC(2020, 6, 1)) } }, [2, 3]],
    ["a date range below", { at: { $lt: new Date(Date.UTC(2021, 6, 1)) } }, [1, 2]],
  ])("declared index: %s", (_name, filter, ids) => {
    it("matches without scanning", async () => {
      watch();
      const found = await sandbox.system(ORDERS).find(filter, { _id: 1 });
      expect(found.map((d) => d._id as number).sort()).toEqual(ids);
      expect(scanned()).toBe(false);
    });
  });

  it("a reopened sandbox uses the indexes without rebuilding or scanning", async () => {
    await sandbox.close();
    sandbox = await sandbox.reopen();
    watch();
    expect(await sandbox.system(ORDERS).findOne({ "customer.id": "c2" })).toMatchObject({ _id: 2 });
    expect(await sandbox.system(USERS).findOne({ user_id: "u01" })).toMatchObject({ name: "User 1" });
    expect(scanned()).toBe(false);
  });

  it("an index declared by a later deploy is built for the documents already stored", async () => {
    const users = sandbox.system(USERS);
    await sandbox.app.importApp({ ...files(), "sandbox/indexes.json": formatJson({ [ORDERS]: ["n"], [USERS]: ["name"] }) });
    watch();
    expect(await users.find({ name: { $in: ["User 1", "User 2"] } }, { _id: 0, name: 1 }, { sort: { name: 1 } })).toEqual([
      { name: "User 1" },
      { name: "User 2" },
    ]);
    expect(scanned()).toBe(false);
  });
});
