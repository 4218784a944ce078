import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openBackend, type TestBackend } from "./_setup.ts";

/** Each function gets the `tasks` collection as `tasks` and its arguments as `args`. */
const fn = (body: string) => ({
  source: `exports = async function (...args) {
  const db = context.services.get("mongodb-atlas").db("tracker");
  const tasks = db.collection("tasks");
  ${body}
};
`,
});

let backend: TestBackend;
const run = (name: string, args: unknown[] = []) => backend.runtime.call(name, args, SYSTEM_CONTEXT);
const tasks = () => backend.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("tasks");

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      insertOne: fn("return tasks.insertOne(args[0]);"),
      insertMany: fn("return tasks.insertMany(args[0]);"),
      findAll: fn("return tasks.find({}, { _id: 0 }).sort({ n: 1 }).toArray();"),
      findPaged: fn("return tasks.find({ n: { $gte: 1 } }, { _id: 0, n: 1 }).sort({ n: -1 }).skip(1).limit(2).toArray();"),
      cursorNext: fn(`
        const cursor = tasks.find({}).sort({ n: 1 });
        const first = await cursor.next();
        const rest = await cursor.toArray();
        let late; try { cursor.limit(1); } catch (e) { late = e.message; }
        return { first: first.n, rest: rest.map((d) => d.n), late, more: await cursor.hasNext() };`),
      iterate: fn("const out = []; for await (const doc of tasks.find({}).sort({ n: 1 })) out.push(doc.n); return out;"),
      findOne: fn("return tasks.findOne({ n: 2 }, { _id: 0, name: 1 });"),
      findNone: fn("return tasks.findOne({ n: 99 });"),
      updateOne: fn("return tasks.updateOne({ n: 1 }, { $set: { done: true } });"),
      updateMany: fn("return tasks.updateMany({}, { $inc: { n: 10 } });"),
      upsert: fn("return tasks.updateOne({ name: 'new' }, { $set: { n: 7 } }, { upsert: true });"),
      replaceOne: fn("return tasks.replaceOne({ n: 2 }, { name: 'replaced', n: 2 });"),
      deleteOne: fn("return tasks.deleteOne({ n: 1 });"),
      deleteMany: fn("return tasks.deleteMany({ n: { $gte: 2 } });"),
      findOneAndUpdate: fn("return tasks.findOneAndUpdate({ n: 1 }, { $set: { n: 5 } }, { returnNewDocument: true, projection: { _id: 0 } });"),
      findOneAndReplace: fn("return tasks.findOneAndReplace({ n: 2 }, { name: 'r' }, { projection: { _id: 0 } });"),
      findOneAndDelete: fn("return tasks.findOneAndDelete({ n: 3 }, { projection: { _id: 0, n: 1 } });"),
      aggregate: fn("return tasks.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }, { $project: { _id: 0 } }]).toArray();"),
      count: fn("return [await tasks.count(), await tasks.count({ n: { $gt: 1 } }), await tasks.countDocuments({ n: 1 })];"),
      distinct: fn("return (await tasks.distinct('tag')).sort();"),
      bulkWrite: fn(`return tasks.bulkWrite([
        { insertOne: { document: { _id: 'b1', n: 100 } } },
        { updateOne: { filter: { n: 1 }, update: { $set: { bulk: true } } } },
        { deleteMany: { filter: { n: 3 } } },
        { replaceOne: { filter: { _id: 'up' }, replacement: { n: 200 }, upsert: true } },
      ]);`),
      collectionNames: fn("return db.getCollectionNames();"),
      returnsCursor: fn("return tasks.find({});"),
      invalidUpdate: fn("return tasks.updateOne({}, { $bogus: { n: 1 } });"),
      caught: fn("try { await tasks.insertOne({ _id: 'dup' }); await tasks.insertOne({ _id: 'dup' }); } catch (e) { return { message: e.message, code: e.code }; }"),
    },
  });
});

afterAll(() => backend.close());

beforeEach(async () => {
  await tasks().deleteMany({});
  await tasks().insertMany([
    { name: "a", n: 1, tag: ["x", "y"] },
    { name: "b", n: 2, tag: "z" },
    { name: "c", n: 3 },
  ]);
});

describe("context.services mongodb-atlas collection API", () => {
  it("insertOne and insertMany write and return ids", async () => {
    expect(await run("insertOne", [{ _id: "t1", n: 4 }])).toEqual({ insertedId: "t1" });
    expect(await run("insertMany", [[{ _id: "t2" }, { _id: "t3" }]])).toEqual({ insertedIds: ["t2", "t3"] });
    expect(await tasks().count()).toBe(6);
  });

  it("find returns a cursor with sort, skip, limit, next and async iteration", async () => {
    expect(await run("findAll")).toEqual([
      { name: "a", n: 1, tag: ["x", "y"] },
      { name: "b", n: 2, tag: "z" },
      { name: "c", n: 3 },
    ]);
    expect(await run("findPaged")).toEqual([{ n: 2 }, { n: 1 }]);
    expect(await run("cursorNext")).toEqual({
      first: 1,
      rest: [2, 3],
      late: "cannot apply limit() after the cursor started returning documents",
      more: false,
    });
    expect(await run("iterate")).toEqual([1, 2, 3]);
  });

  it("findOne returns a document or null", async () => {
    expect(await run("findOne")).toEqual({ name: "b" });
    expect(await run("findNone")).toBeNull();
  });

  it("updateOne, updateMany (with upsert) and replaceOne report counts", async () => {
    expect(await run("updateOne")).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(await run("updateMany")).toEqual({ matchedCount: 3, modifiedCount: 3 });
    const upserted = (await run("upsert")) as Record<string, unknown>;
    expect(upserted).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    expect(upserted.upsertedId).toBeDefined();
    await tasks().updateMany({}, { $set: { n: 2 } }); // make replaceOne's filter match
    expect(await run("replaceOne")).toEqual({ matchedCount: 1, modifiedCount: 1 });
  });

  it("deleteOne and deleteMany report deletedCount", async () => {
    expect(await run("deleteOne")).toEqual({ deletedCount: 1 });
    expect(await run("deleteMany")).toEqual({ deletedCount: 2 });
    expect(await tasks().count()).toBe(0);
  });

  it("findOneAndUpdate, findOneAndReplace and findOneAndDelete", async () => {
    expect(await run("findOneAndUpdate")).toEqual({ name: "a", n: 5, tag: ["x", "y"] });
    expect(await run("findOneAndReplace")).toEqual({ name: "b", n: 2, tag: "z" });
    expect(await run("findOneAndDelete")).toEqual({ n: 3 });
    expect(await tasks().count()).toBe(2);
  });

  it("aggregate, count (countDocuments) and distinct", async () => {
    expect(await run("aggregate")).toEqual([{ total: 6 }]);
    expect(await run("count")).toEqual([3, 2, 1]);
    expect(await run("distinct")).toEqual(["x", "y", "z"]);
  });

  it("bulkWrite runs each operation and sums the results", async () => {
    expect(await run("bulkWrite")).toEqual({
      insertedCount: 1,
      matchedCount: 1,
      modifiedCount: 1,
      deletedCount: 1,
      upsertedCount: 1,
      insertedIds: { 0: "b1" },
      upsertedIds: { 3: "up" },
    });
    expect(await tasks().findOne({ _id: "up" })).toEqual({ _id: "up", n: 200 });
  });

  it("db.getCollectionNames lists the app's collections", async () => {
    expect(await run("collectionNames")).toEqual([]);
  });

  it("service errors reach the function as errors with the App Services message and code", async () => {
    expect(await run("caught")).toEqual({ code: "MongoDBError", message: expect.stringContaining("E11000 duplicate key error collection: tracker.tasks") });
    await expect(run("invalidUpdate")).rejects.toMatchObject({ code: "FunctionExecutionError" });
  });

  it("a cursor cannot be returned", async () => {
    await expect(run("returnsCursor")).rejects.toThrow("a function cannot return a cursor; return cursor.toArray() instead");
  });
});
