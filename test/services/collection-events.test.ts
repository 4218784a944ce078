import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { Long, bsonTypeOf, type Document } from "../../src/bson/types.ts";
import type { ChangeEvent } from "../../src/storage/change-event.ts";
import { appWithCollections, errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "events.tasks";

describe("change events through the service", () => {
  let sandbox: TestApp;
  let events: ChangeEvent[];
  let batches: number;
  const coll = () => sandbox.system(NS);

  beforeEach(async () => {
    sandbox = await openTestApp();
    await sandbox.app.importApp(appWithCollections({ [NS]: { bsonType: "object", required: ["name"], properties: { name: { bsonType: "string" } } } }));
    events = [];
    batches = 0;
    sandbox.app.store.subscribe((batch) => {
      batches++;
      events.push(...batch);
    });
  });

  afterEach(() => sandbox.close());

  it("insert: documentKey and fullDocument, no before image", async () => {
    const { insertedId } = await coll().insertOne({ name: "a", n: Long.fromNumber(1) });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.operationType).toBe("insert");
    expect(event.ns).toEqual({ db: "events", coll: "tasks" });
    expect(event.documentKey).toEqual({ _id: insertedId });
    expect(stringifyEJSON(event.fullDocument)).toBe(stringifyEJSON({ _id: insertedId, name: "a", n: Long.fromNumber(1) }));
    expect(event.fullDocumentBeforeChange).toBeUndefined();
    expect(event.updateDescription).toBeUndefined();
    expect(event.wallTime).toEqual(new Date(sandbox.clock.now()));
    expect(bsonTypeOf(event.clusterTime)).toBe("timestamp");
  });

  it("insertMany: one batch, one event per document, in order", async () => {
    await coll().insertMany([{ _id: 1, name: "a" }, { _id: 2, name: "b" }, { _id: 3, name: "c" }]);
    expect(batches).toBe(1);
    expect(events.map((e) => [e.operationType, e.documentKey._id])).toEqual([["insert", 1], ["insert", 2], ["insert", 3]]);
    expect(new Set(events.map((e) => e._id._data)).size).toBe(3);
  });

  it("update: updateDescription with updated and removed fields, both images", async () => {
    await coll().insertOne({ _id: 1, name: "a", meta: { x: 1, y: 2 }, gone: true, list: [1, 2, 3] });
    events.length = 0;
    await coll().updateOne({ _id: 1 }, { $set: { name: "b", "meta.x": 5, added: null }, $unset: { gone: "" }, $pop: { list: 1 } });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.operationType).toBe("update");
    expect(event.documentKey).toEqual({ _id: 1 });
    expect(event.updateDescription).toEqual({
      updatedFields: { name: "b", "meta.x": 5, added: null },
      removedFields: ["gone"],
      truncatedArrays: [{ field: "list", newSize: 2 }],
    });
    expect(event.fullDocumentBeforeChange).toEqual({ _id: 1, name: "a", meta: { x: 1, y: 2 }, gone: true, list: [1, 2, 3] });
    expect(event.fullDocument).toEqual({ _id: 1, name: "b", meta: { x: 5, y: 2 }, list: [1, 2], added: null });
  });

  it("update: a type change is an updated field", async () => {
    await coll().insertOne({ _id: 1, name: "a", n: 1 });
    events.length = 0;
    await coll().updateOne({ _id: 1 }, { $inc: { n: Long.fromNumber(1) } });
    expect(stringifyEJSON(events[0].updateDescription!.updatedFields)).toBe(stringifyEJSON({ n: Long.fromNumber(2) }));
  });

  it("updateMany: one event per modified document, none for unchanged ones", async () => {
    await coll().insertMany([{ _id: 1, name: "a", v: 1 }, { _id: 2, name: "b", v: 2 }, { _id: 3, name: "c", v: 1 }]);
    events.length = 0;
    const result = await coll().updateMany({}, { $set: { v: 1 } });
    expect(result).toEqual({ matchedCount: 3, modifiedCount: 1 });
    expect(events.map((e) => [e.operationType, e.documentKey._id])).toEqual([["update", 2]]);
  });

  it("replace: fullDocument and fullDocumentBeforeChange, no updateDescription", async () => {
    await coll().insertOne({ _id: 1, name: "a", extra: 1 });
    events.length = 0;
    await coll().replaceOne({ _id: 1 }, { name: "z" });
    await coll().updateOne({ _id: 1 }, { name: "y" });
    await coll().findOneAndReplace({ _id: 1 }, { name: "x" });
    expect(events.map((e) => e.operationType)).toEqual(["replace", "replace", "replace"]);
    expect(events[0].fullDocument).toEqual({ _id: 1, name: "z" });
    expect(events[0].fullDocumentBeforeChange).toEqual({ _id: 1, name: "a", extra: 1 });
    expect(events[0].updateDescription).toBeUndefined();
  });

  it("delete: documentKey and the document before, no fullDocument", async () => {
    await coll().insertMany([{ _id: 1, name: "a" }, { _id: 2, name: "b" }, { _id: 3, name: "c" }]);
    events.length = 0;
    await coll().deleteOne({ _id: 1 });
    await coll().findOneAndDelete({ _id: 2 });
    await coll().deleteMany({});
    expect(events.map((e) => [e.operationType, e.documentKey._id])).toEqual([["delete", 1], ["delete", 2], ["delete", 3]]);
    expect(events[0].fullDocument).toBeUndefined();
    expect(events[0].fullDocumentBeforeChange).toEqual({ _id: 1, name: "a" });
  });

  it("upsert: an insert event", async () => {
    await coll().updateOne({ name: "new" }, { $set: { v: 1 } }, { upsert: true });
    await coll().findOneAndUpdate({ name: "new2" }, { $set: { v: 2 } }, { upsert: true });
    expect(events.map((e) => e.operationType)).toEqual(["insert", "insert"]);
    expect(events[0].fullDocument).toMatchObject({ name: "new", v: 1 });
  });

  it("findOneAndUpdate: an update event", async () => {
    await coll().insertOne({ _id: 1, name: "a" });
    events.length = 0;
    await coll().findOneAndUpdate({ _id: 1 }, { $set: { name: "b" } });
    expect(events.map((e) => e.operationType)).toEqual(["update"]);
    expect(events[0].updateDescription!.updatedFields).toEqual({ name: "b" });
  });

  it("listeners run after the commit: a read from the listener sees the write", async () => {
    const seen: Promise<Document | null>[] = [];
    sandbox.app.store.subscribe((batch) => {
      for (const event of batch) seen.push(coll().findOne({ _id: event.documentKey._id }));
    });
    await coll().insertOne({ _id: 9, name: "visible" });
    expect(await Promise.all(seen)).toEqual([{ _id: 9, name: "visible" }]);
  });

  it("a throwing listener neither undoes the write nor fails the request", async () => {
    sandbox.app.store.subscribe(() => {
      throw new Error("listener failure");
    });
    await expect(coll().insertOne({ _id: 1, name: "a" })).resolves.toEqual({ insertedId: 1 });
    expect(await coll().count()).toBe(1);
    expect(events).toHaveLength(1);
  });

  describe("no events for writes that fail or change nothing", () => {
    beforeEach(async () => {
      await coll().insertOne({ _id: 1, name: "a", n: 1 });
      events.length = 0;
    });

    it.each<[string, (c: ReturnType<TestApp["system"]>) => Promise<unknown>]>([
      ["a duplicate key", (c) => c.insertMany([{ _id: 2, name: "b" }, { _id: 1, name: "dup" }])],
      ["an update error", (c) => c.updateOne({ _id: 1 }, { $inc: { name: 1 } })],
      ["an immutable _id", (c) => c.updateOne({ _id: 1 }, { $set: { _id: 2 } })],
      ["a bad upsert", (c) => c.updateOne({ _id: 1, name: "zz" }, { $inc: { _id: 1 } }, { upsert: true })],
      ["a schema violation by a user", () => sandbox.user(NS).insertOne({ name: 5 })],
      ["a schema violation on update by a user", () => sandbox.user(NS).updateOne({ _id: 1 }, { $unset: { name: "" } })],
    ])("%s", async (_name, write) => {
      await expect(write(coll())).rejects.toThrow();
      expect(events).toEqual([]);
      expect(await coll().find({})).toEqual([{ _id: 1, name: "a", n: 1 }]);
    });

    it.each<[string, (c: ReturnType<TestApp["system"]>) => Promise<unknown>]>([
      ["an update that matches nothing", (c) => c.updateOne({ _id: 99 }, { $set: { n: 2 } })],
      ["an update that changes nothing", (c) => c.updateOne({ _id: 1 }, { $set: { n: 1 } })],
      ["a delete that matches nothing", (c) => c.deleteMany({ name: "none" })],
      ["a replacement with the same document", (c) => c.replaceOne({ _id: 1 }, { name: "a", n: 1 })],
      ["reads", async (c) => [await c.find({}), await c.count(), await c.aggregate([{ $match: {} }]), await c.distinct("n")]],
    ])("%s", async (_name, write) => {
      await write(coll());
      expect(events).toEqual([]);
    });
  });
});
