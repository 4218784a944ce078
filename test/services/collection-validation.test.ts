import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { Long, ObjectId, type Document } from "../../src/bson/types.ts";
import type { MongoCollection } from "../../src/services/mongodb-atlas/collection.ts";
import { appWithCollections, errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "store.items";

const SCHEMA = {
  title: "Item",
  bsonType: "object",
  required: ["_id", "name", "status"],
  properties: {
    _id: { bsonType: "objectId" },
    name: { bsonType: "string", minLength: 1 },
    status: { enum: ["Open", "Complete"] },
    points: { bsonType: "int", minimum: 0 },
    tags: { bsonType: "array", items: { bsonType: "string" } },
  },
};

const valid = (extra: Document = {}): Document => ({ _id: new ObjectId(), name: "Item", status: "Open", ...extra });

type Write = (c: MongoCollection, id: ObjectId) => Promise<unknown>;

/** [name, the write, the verb in the message, the expected issues as [path, keyword]] */
const INVALID_WRITES: [string, Write, "insert" | "update", [string, string][]][] = [
  ["insertOne without a required field", (c) => c.insertOne({ name: "x" }), "insert", [["status", "required"]]],
  ["insertOne with a wrong type", (c) => c.insertOne(valid({ points: "3" })), "insert", [["points", "bsonType"]]],
  ["insertOne with a Long where an int is required", (c) => c.insertOne(valid({ points: Long.fromNumber(3) })), "insert", [["points", "bsonType"]]],
  ["insertOne with a value outside the enum", (c) => c.insertOne(valid({ status: "Later" })), "insert", [["status", "enum"]]],
  ["insertOne with a bad array item", (c) => c.insertOne(valid({ tags: ["a", 2] })), "insert", [["tags.1", "bsonType"]]],
  ["insertMany with one bad document", (c) => c.insertMany([valid(), valid({ name: "" })]), "insert", [["name", "minLength"]]],
  ["updateOne with $set", (c, id) => c.updateOne({ _id: id }, { $set: { status: "Later" } }), "update", [["status", "enum"]]],
  ["updateOne with $unset of a required field", (c, id) => c.updateOne({ _id: id }, { $unset: { name: "" } }), "update", [["name", "required"]]],
  ["updateOne with $inc past the minimum", (c, id) => c.updateOne({ _id: id }, { $inc: { points: -5 } }), "update", [["points", "minimum"]]],
  ["updateMany", (c) => c.updateMany({}, { $push: { tags: 1 } }), "update", [["tags.0", "bsonType"]]],
  ["a replacement-style update", (c, id) => c.updateOne({ _id: id }, { name: "only" }), "update", [["status", "required"]]],
  ["replaceOne", (c, id) => c.replaceOne({ _id: id }, { name: "x", status: 1 }), "update", [["status", "enum"]]],
  ["an upsert", (c) => c.updateOne({ name: "new" }, { $set: { status: "Open", points: 1.5 } }, { upsert: true }), "insert", [["points", "bsonType"]]],
  ["findOneAndUpdate", (c, id) => c.findOneAndUpdate({ _id: id }, { $set: { name: 7 } }), "update", [["name", "bsonType"]]],
  ["findOneAndReplace", (c, id) => c.findOneAndReplace({ _id: id }, { status: "Open" }), "update", [["name", "required"]]],
  ["findOneAndUpdate with upsert", (c) => c.findOneAndUpdate({ name: "up" }, { $set: { status: "x" } }, { upsert: true }), "insert", [["status", "enum"]]],
];

describe("schema validation on writes", () => {
  let sandbox: TestApp;
  let id: ObjectId;
  let snapshot: Document[];

  beforeAll(async () => {
    sandbox = await openTestApp();
    await sandbox.app.importApp(appWithCollections({ [NS]: SCHEMA, "store.free": undefined }));
  });

  afterAll(() => sandbox.close());

  beforeEach(async () => {
    await sandbox.system(NS).deleteMany({});
    id = new ObjectId();
    await sandbox.system(NS).insertOne({ _id: id, name: "Item", status: "Open", points: 2, tags: [] });
    snapshot = await sandbox.system(NS).find({});
  });

  describe("a user's write that fails validation", () => {
    it.each(INVALID_WRITES)("%s is refused and changes nothing", async (_name, write, verb, issues) => {
      const error = await errorOf(() => write(sandbox.user(NS), id));
      expect(error.code).toBe("SchemaValidationFailedWrite");
      expect(error.message.startsWith(`${verb} not permitted: schema validation failed for ${NS}: `)).toBe(true);
      expect(error.details?.namespace).toBe(NS);
      const found = (error.details?.issues as { path: string; keyword: string; message: string }[]).map((i) => [i.path, i.keyword]);
      expect(found).toEqual(issues);
      for (const issue of error.details?.issues as { message: string }[]) expect(error.message).toContain(issue.message);
      expect(await sandbox.system(NS).find({})).toEqual(snapshot);
    });
  });

  describe("the same write by the system", () => {
    it.each(INVALID_WRITES)("%s is not validated", async (_name, write) => {
      await expect(write(sandbox.system(NS), id)).resolves.toBeDefined();
    });
  });

  it("accepts a user's valid writes", async () => {
    const user = sandbox.user(NS);
    const { insertedId } = await user.insertOne({ name: "B", status: "Complete", points: 0, tags: ["t"] });
    expect(await user.updateOne({ _id: insertedId }, { $set: { status: "Open" }, $push: { tags: "u" } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(await user.replaceOne({ _id: id }, { name: "C", status: "Open" })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(await sandbox.system(NS).count()).toBe(2);
  });

  it("a generated _id satisfies an objectId schema", async () => {
    await expect(sandbox.user(NS).insertOne({ name: "gen", status: "Open" })).resolves.toBeDefined();
  });

  it("validates the whole document: a user cannot update a stored invalid document without fixing it", async () => {
    await sandbox.system(NS).updateOne({ _id: id }, { $set: { points: "bad" } });
    const error = await errorOf(() => sandbox.user(NS).updateOne({ _id: id }, { $set: { name: "renamed" } }));
    expect(error.code).toBe("SchemaValidationFailedWrite");
    await expect(sandbox.user(NS).updateOne({ _id: id }, { $set: { points: 1 } })).resolves.toEqual({ matchedCount: 1, modifiedCount: 1 });
  });

  it("does not validate deletes", async () => {
    await sandbox.system(NS).insertOne({ _id: "not-an-object-id" });
    expect(await sandbox.user(NS).deleteOne({ _id: "not-an-object-id" })).toEqual({ deletedCount: 1 });
    expect(await sandbox.user(NS).findOneAndDelete({ _id: id })).toMatchObject({ name: "Item" });
  });

  it("does not validate collections without a schema", async () => {
    await expect(sandbox.user("store.free").insertOne({ anything: ["goes", 1] })).resolves.toBeDefined();
  });

  it("takes a newly deployed schema into account for the next request", async () => {
    const relaxed = { ...SCHEMA, required: ["_id", "name"] };
    const user = sandbox.user(NS);
    await expect(user.insertOne({ name: "no status" })).rejects.toThrow(/schema validation failed/);
    await sandbox.app.importApp(appWithCollections({ [NS]: relaxed, "store.free": undefined }));
    await expect(user.insertOne({ name: "no status" })).rejects.toThrow(/schema validation failed/);
    await expect(sandbox.user(NS).insertOne({ name: "no status" })).resolves.toBeDefined();
    await sandbox.app.importApp(appWithCollections({ [NS]: SCHEMA, "store.free": undefined }));
  });
});

describe("schema validation with the task-tracker template", () => {
  let sandbox: TestApp;

  beforeAll(async () => {
    sandbox = await openTestApp({ template: "task-tracker" });
  });

  afterAll(() => sandbox.close());

  it.each<[string, Document, [string, string][]]>([
    ["a task without _partition", { name: "Task", status: "Open" }, [["_partition", "required"]]],
    ["a task with a numeric status", { name: "Task", status: 1, _partition: "p" }, [["status", "bsonType"]]],
    ["a user with a numeric name", { name: 1, _partition: "p", user_id: "u" }, [["name", "bsonType"]]],
  ])("refuses %s", async (name, doc, issues) => {
    const ns = name.includes("user") ? "tracker.users" : "tracker.tasks";
    const error = await errorOf(() => sandbox.user(ns).insertOne(doc));
    expect(error.code).toBe("SchemaValidationFailedWrite");
    expect((error.details?.issues as { path: string; keyword: string }[]).map((i) => [i.path, i.keyword])).toEqual(issues);
  });

  it("accepts the tutorial's task", async () => {
    await expect(
      sandbox.user("tracker.tasks").insertOne({ name: "Clean", status: "Open", _partition: "project=1", assignee: "u1" }),
    ).resolves.toBeDefined();
  });
});
