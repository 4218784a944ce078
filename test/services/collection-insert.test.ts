import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { Long, ObjectId, UUID, bsonTypeOf, type Document } from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

describe("insertOne / insertMany", () => {
  let sandbox: TestApp;
  const coll = (name: string) => sandbox.system(`ins.${name}`);

  beforeAll(async () => {
    sandbox = await openTestApp();
  });

  afterAll(() => sandbox.close());

  it("assigns an ObjectId as the first key when _id is missing", async () => {
    const c = coll("generated");
    const { insertedId } = await c.insertOne({ name: "a", n: 1 });
    expect(bsonTypeOf(insertedId)).toBe("objectId");
    const doc = (await c.findOne({ name: "a" }))!;
    expect(Object.keys(doc)).toEqual(["_id", "name", "n"]);
    expect((doc._id as ObjectId).equals(insertedId as ObjectId)).toBe(true);
  });

  it("moves a given _id to the front", async () => {
    const c = coll("front");
    await c.insertOne({ a: 1, _id: "k", b: 2 });
    expect(Object.keys((await c.findOne({ _id: "k" }))!)).toEqual(["_id", "a", "b"]);
  });

  it.each<[string, unknown]>([
    ["a string", "id-1"],
    ["an int", 7],
    ["a Long", Long.fromString("9007199254740993")],
    ["a UUID", new UUID("c8edabc3-f738-4ca3-b68d-ab92a914780a")],
    ["a date", new Date(0)],
    ["a document", { tenant: "t", n: 1 }],
    ["null", null],
  ])("keeps %s as _id", async (_name, id) => {
    const c = coll("ids");
    const { insertedId } = await c.insertOne({ _id: id, v: 1 });
    expect(stringifyEJSON(insertedId)).toBe(stringifyEJSON(id));
    expect(stringifyEJSON((await c.findOne({ _id: id }))!._id)).toBe(stringifyEJSON(id));
  });

  it("insertMany returns the ids in order, generated ones distinct", async () => {
    const c = coll("many");
    const { insertedIds } = await c.insertMany([{ n: 1 }, { _id: 5, n: 2 }, { n: 3 }]);
    expect(insertedIds).toHaveLength(3);
    expect(insertedIds[1]).toBe(5);
    expect(String(insertedIds[0])).not.toBe(String(insertedIds[2]));
    expect(await c.count()).toBe(3);
  });

  it("does not change the caller's document", async () => {
    const doc: Document = { name: "mine" };
    await coll("caller").insertOne(doc);
    expect(doc).toEqual({ name: "mine" });
  });

  describe("duplicate _id", () => {
    it("reports E11000 with the namespace and the key", async () => {
      const c = coll("dup");
      await c.insertOne({ _id: 1, v: "first" });
      const error = await errorOf(() => c.insertOne({ _id: 1, v: "second" }));
      expect(error.code).toBe("MongoDBError");
      expect(error.message).toBe('E11000 duplicate key error collection: ins.dup index: _id_ dup key: { _id: {"$numberInt":"1"} }');
      expect(await c.find({})).toEqual([{ _id: 1, v: "first" }]);
    });

    it("treats equal numbers of different types as the same _id", async () => {
      const c = coll("dup-types");
      await c.insertOne({ _id: 2 });
      const error = await errorOf(() => c.insertOne({ _id: Long.fromNumber(2) }));
      expect(error.message).toMatch(/^E11000 duplicate key error collection: ins\.dup-types index: _id_ dup key: /);
    });

    it("inserts nothing when one document of a batch collides with a stored one", async () => {
      const c = coll("batch-stored");
      await c.insertOne({ _id: "b" });
      const error = await errorOf(() => c.insertMany([{ _id: "a" }, { _id: "b" }, { _id: "c" }]));
      expect(error.message).toMatch(/^E11000 duplicate key error collection: ins\.batch-stored index: _id_ dup key: \{ _id: "b" \}$/);
      expect(await c.find({})).toEqual([{ _id: "b" }]);
    });

    it("inserts nothing when two documents of a batch collide", async () => {
      const c = coll("batch-self");
      const error = await errorOf(() => c.insertMany([{ _id: "x" }, { _id: "y" }, { _id: "x" }]));
      expect(error.message).toMatch(/^E11000 duplicate key error collection: ins\.batch-self /);
      expect(await c.count()).toBe(0);
    });
  });

  it.each<[string, unknown, string, RegExp]>([
    ["a non-document", 5, "InvalidParameter", /must be a document$/],
    ["an array", [{ a: 1 }], "InvalidParameter", /must be a document/],
    ["a top-level operator", { $set: { a: 1 } }, "MongoDBError", /^Document can't have \$ prefixed field names: \$set$/],
    ["an array _id", { _id: [1, 2] }, "MongoDBError", /^The '_id' value cannot be of type array$/],
  ])("rejects %s", async (_name, doc, code, message) => {
    const error = await errorOf(() => coll("invalid").insertOne(doc as Document));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await coll("invalid").count()).toBe(0);
  });

  it.each<[string, unknown]>([
    ["an empty array", []],
    ["a non-array", { a: 1 }],
  ])("insertMany rejects %s", async (_name, docs) => {
    expect((await errorOf(() => coll("invalid-many").insertMany(docs as Document[]))).code).toBe("InvalidParameter");
  });

  it("insertMany names the position of a bad document and inserts none", async () => {
    const c = coll("invalid-position");
    const error = await errorOf(() => c.insertMany([{ a: 1 }, 3 as unknown as Document]));
    expect(error.message).toBe("documents[1] must be a document");
    expect(await c.count()).toBe(0);
  });

  it("rejects documents over 16 MB and stores nothing", async () => {
    const c = coll("huge");
    const error = await errorOf(() => c.insertMany([{ a: 1 }, { big: "x".repeat(16 * 1024 * 1024) }]));
    expect(error.code).toBe("MongoDBError");
    expect(error.message).toMatch(/larger than the maximum size/);
    expect(await c.count()).toBe(0);
  });
});
