import { beforeEach, describe, expect, it } from "vitest";

import { Decimal128, Double, Long, ObjectId, type Document } from "../../src/bson/types.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import { ALLOW_ALL, appWith, harness, type Harness } from "./support.ts";

const ITEMS = {
  "shop.items": {
    title: "Item",
    required: ["_id", "name"],
    properties: {
      _id: { bsonType: "objectId" },
      name: { bsonType: "string", maxLength: 20 },
      qty: { bsonType: "int" },
      price: { bsonType: "double" },
      cost: { bsonType: "decimal" },
      big: { bsonType: "long" },
      at: { bsonType: "date" },
      sale: { bsonType: "bool" },
      tags: { bsonType: "array", items: { bsonType: "string" } },
      dims: { bsonType: "object", properties: { w: { bsonType: "double" }, h: { bsonType: "double" }, unit: { bsonType: "string" } } },
      parts: { bsonType: "array", items: { bsonType: "object", properties: { sku: { bsonType: "string" }, qty: { bsonType: "int" } } } },
    },
  },
  "shop.logs": { title: "Log", properties: { _id: { bsonType: "objectId" }, text: { bsonType: "string" } } },
};

const FIELDS = "_id name qty price cost big at sale tags dims { w h unit } parts { sku qty }";

describe("mutations", () => {
  let h: Harness;
  const items = () => h.raw("shop.items");
  const seed = (docs: Document[]) => items().insertMany(docs);

  beforeEach(async () => {
    h = await harness(appWith(ITEMS), {
      policyFor: (ns) => (ns === "shop.logs" ? { ...ALLOW_ALL, checkWrite: () => { throw new AppServicesError("MongoDBError", "insert not permitted"); } } : undefined),
    });
  });

  it("insertOne stores each field with its BSON type and returns the document", async () => {
    const result = await h.run(
      `mutation { insertOneItem(data: {
        name: "lamp", qty: 2, price: 3, cost: 1.25, big: "9007199254740993", at: "2020-06-09T10:00:00Z", sale: true,
        tags: ["a", "b"], dims: { w: 1, h: 2.5 }, parts: [{ sku: "x", qty: 1 }]
      }) { ${FIELDS} } }`,
    );
    expect(result.errors).toBeUndefined();
    const doc = result.data.insertOneItem;
    expect(doc).toMatchObject({ name: "lamp", qty: 2, price: 3, cost: 1.25, big: "9007199254740993", at: "2020-06-09T10:00:00.000Z", sale: true });
    expect(doc.tags).toEqual(["a", "b"]);
    expect(doc.dims).toEqual({ w: 1, h: 2.5, unit: null });
    expect(doc._id).toMatch(/^[0-9a-f]{24}$/);
    const stored = (await items().findOne({ _id: new ObjectId(doc._id) }))!;
    expect(stored.price).toBeInstanceOf(Double);
    expect((stored.dims as Document).w).toBeInstanceOf(Double);
    expect(stored.qty).toBe(2);
    expect(stored.cost).toBeInstanceOf(Decimal128);
    expect(stored.big).toEqual(Long.fromString("9007199254740993"));
    expect(stored.at).toEqual(new Date("2020-06-09T10:00:00Z"));
  });

  it("insertOne keeps a given _id and reports schema failures with the service's message, writing nothing", async () => {
    const id = new ObjectId().toHexString();
    const ok = await h.run(`mutation { insertOneItem(data: { _id: "${id}", name: "a" }) { _id } }`);
    expect(ok.data.insertOneItem._id).toBe(id);
    const bad = await h.run('mutation { insertOneItem(data: { name: "a name that is far too long" }) { _id } }');
    expect(bad.data).toEqual({ insertOneItem: null });
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatchObject({ path: ["insertOneItem"], locations: [{ line: 1, column: 12 }] });
    expect(bad.errors[0].message).toMatch(/^insert not permitted: schema validation failed for shop\.items: /);
    expect(await items().count()).toBe(1);
  });

  it("a forbidden write is a GraphQL error with the service's message and changes nothing", async () => {
    const result = await h.run('mutation { insertOneLog(data: { text: "x" }) { _id } }');
    expect(result).toEqual({ data: { insertOneLog: null }, errors: [expect.objectContaining({ message: "insert not permitted", path: ["insertOneLog"] })] });
    expect(await h.raw("shop.logs").count()).toBe(0);
  });

  it("insertMany returns the inserted ids", async () => {
    const result = await h.run('mutation { insertManyItems(data: [{ name: "a" }, { name: "b", qty: 1 }]) { insertedIds } }');
    const insertedIds = result.data.insertManyItems.insertedIds;
    expect(insertedIds).toHaveLength(2);
    expect((await items().find({}, undefined, { sort: { name: 1 } })).map((d) => (d._id as ObjectId).toHexString())).toEqual(insertedIds);
  });

  it("updateOne sets, unsets and increments, merging embedded objects, and returns the document after the update", async () => {
    const { insertedId } = await items().insertOne({ name: "lamp", qty: 1, price: 2.5, tags: ["x"], dims: { w: new Double(1), h: new Double(2), unit: "cm" } });
    const result = await h.run(
      `mutation U($id: ObjectId!) { updateOneItem(query: { _id: $id }, set: {
        qty_inc: 2, price_inc: 1, tags_unset: true, sale: false, dims: { w: 4, unit_unset: true, h_inc: 0.5 }
      }) { ${FIELDS} } }`,
      { id: (insertedId as ObjectId).toHexString() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateOneItem).toMatchObject({ qty: 3, price: 3.5, tags: null, sale: false, dims: { w: 4, h: 2.5, unit: null } });
    const stored = (await items().findOne({}))!;
    expect(stored).not.toHaveProperty("tags");
    expect((stored.dims as Document).w).toBeInstanceOf(Double);
  });

  it("updateOne without a match returns null; without a query it updates the first document; an empty set changes nothing", async () => {
    await seed([{ name: "a", qty: 1 }, { name: "b", qty: 1 }]);
    expect((await h.run('mutation { updateOneItem(query: { name: "zzz" }, set: { qty: 5 }) { name } }')).data).toEqual({ updateOneItem: null });
    expect((await h.run("mutation { updateOneItem(set: { qty: 5 }) { name qty } }")).data).toEqual({ updateOneItem: { name: "a", qty: 5 } });
    expect((await h.run('mutation { updateOneItem(query: { name: "b" }, set: {}) { name qty } }')).data).toEqual({ updateOneItem: { name: "b", qty: 1 } });
  });

  it("updateMany reports matched and modified counts", async () => {
    await seed([{ name: "a", qty: 1 }, { name: "b", qty: 2 }, { name: "c", qty: 2 }]);
    const result = await h.run("mutation { updateManyItems(query: { qty_gte: 1 }, set: { qty: 2 }) { matchedCount modifiedCount } }");
    expect(result.data.updateManyItems).toEqual({ matchedCount: 3, modifiedCount: 1 });
    const all = await h.run("mutation { updateManyItems(set: { sale: true }) { matchedCount modifiedCount } }");
    expect(all.data.updateManyItems).toEqual({ matchedCount: 3, modifiedCount: 3 });
  });

  it("upsertOne inserts when nothing matches and replaces a match", async () => {
    const inserted = await h.run('mutation { upsertOneItem(query: { name: "lamp" }, data: { name: "lamp", qty: 1, price: 2 }) { name qty price } }');
    expect(inserted.data.upsertOneItem).toEqual({ name: "lamp", qty: 1, price: 2 });
    const replaced = await h.run('mutation { upsertOneItem(query: { name: "lamp" }, data: { name: "lamp", qty: 7 }) { name qty price } }');
    expect(replaced.data.upsertOneItem).toEqual({ name: "lamp", qty: 7, price: null });
    expect(await items().count()).toBe(1);
  });

  it("replaceOne replaces the first match, keeping its _id", async () => {
    const { insertedId } = await items().insertOne({ name: "old", qty: 1, sale: true });
    const result = await h.run('mutation { replaceOneItem(query: { name: "old" }, data: { name: "new" }) { _id name qty sale } }');
    expect(result.data.replaceOneItem).toEqual({ _id: (insertedId as ObjectId).toHexString(), name: "new", qty: null, sale: null });
    expect((await h.run('mutation { replaceOneItem(query: { name: "none" }, data: { name: "x" }) { _id } }')).data).toEqual({ replaceOneItem: null });
  });

  it("deleteOne returns the deleted document; deleteMany counts, and deletes everything without a query", async () => {
    await seed([{ name: "a", qty: 1 }, { name: "b", qty: 2 }, { name: "c", qty: 3 }, { name: "d", qty: 4 }]);
    expect((await h.run('mutation { deleteOneItem(query: { name: "b" }) { name qty } }')).data).toEqual({ deleteOneItem: { name: "b", qty: 2 } });
    expect((await h.run('mutation { deleteOneItem(query: { name: "b" }) { name } }')).data).toEqual({ deleteOneItem: null });
    expect((await h.run("mutation { deleteManyItems(query: { qty_gt: 2 }) { deletedCount } }")).data).toEqual({ deleteManyItems: { deletedCount: 2 } });
    expect((await h.run("mutation { deleteManyItems { deletedCount } }")).data).toEqual({ deleteManyItems: { deletedCount: 1 } });
    expect(await items().count()).toBe(0);
  });

  it("requires the query of deleteOne and the data of inserts", async () => {
    const result = await h.run("mutation { deleteOneItem { name } }");
    expect(result.errors[0].message).toBe('Field "deleteOneItem" argument "query" of type "ItemQueryInput!" is required, but it was not provided.');
    expect((await h.run("mutation { insertOneItem(data: { qty: 1 }) { name } }")).errors[0].message).toMatch(/Field "ItemInsertInput.name" of required type "String!" was not provided/);
  });

  describe("a mutation request is all or nothing", () => {
    it("undoes earlier root mutations when a later one fails, and refuses the ones after", async () => {
      await seed([{ name: "keep", qty: 1 }, { name: "gone", qty: 2 }]);
      const result = await h.run(`mutation {
        a: insertOneItem(data: { name: "new" }) { name }
        b: updateOneItem(query: { name: "keep" }, set: { qty: 10 }) { qty }
        c: deleteOneItem(query: { name: "gone" }) { name }
        d: insertOneLog(data: { text: "x" }) { _id }
        e: insertOneItem(data: { name: "never" }) { name }
      }`);
      expect(result.data).toEqual({ a: null, b: null, c: null, d: null, e: null });
      const messages = result.errors.map((e: { message: string; path?: string[] }) => `${e.path?.[0]}: ${e.message}`);
      expect(messages).toEqual([
        "d: insert not permitted",
        "e: not run: an earlier mutation in this request failed, so the request changes nothing",
        "a: undone: another mutation in this request failed",
        "b: undone: another mutation in this request failed",
        "c: undone: another mutation in this request failed",
      ]);
      const left = await items().find({}, { _id: 0 }, { sort: { name: 1 } });
      expect(left).toEqual([{ name: "gone", qty: 2 }, { name: "keep", qty: 1 }]);
    });

    it("keeps what succeeded when every mutation does", async () => {
      const result = await h.run('mutation { a: insertOneItem(data: { name: "a" }) { name } b: insertOneItem(data: { name: "b" }) { name } }');
      expect(result).toEqual({ data: { a: { name: "a" }, b: { name: "b" } } });
      expect(await items().count()).toBe(2);
    });
  });
});

describe("queries: sortBy and limit", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(appWith(ITEMS));
    await h.raw("shop.items").insertMany(Array.from({ length: 150 }, (_, i) => ({ name: `item ${String(i).padStart(3, "0")}`, qty: i % 7 })));
  });

  it("returns at most 100 documents unless told otherwise", async () => {
    expect((await h.run("{ items { name } }")).data.items).toHaveLength(100);
    expect((await h.run("{ items(limit: 5) { name } }")).data.items).toHaveLength(5);
    expect((await h.run("{ items(limit: 500) { name } }")).data.items).toHaveLength(150);
  });

  it("sorts ascending and descending by one field", async () => {
    const desc = (await h.run("{ items(limit: 3, sortBy: NAME_DESC) { name } }")).data.items;
    expect(desc.map((i: { name: string }) => i.name)).toEqual(["item 149", "item 148", "item 147"]);
    const asc = (await h.run('{ items(query: { qty: 3 }, limit: 2, sortBy: NAME_ASC) { name qty } }')).data.items;
    expect(asc).toEqual([{ name: "item 003", qty: 3 }, { name: "item 010", qty: 3 }]);
    expect((await h.run("{ items(sortBy: SALE_ASC) { name } }")).errors[0].message).toMatch(/Value "SALE_ASC" does not exist in "ItemSortByInput" enum/);
  });

  it("the singular query returns one match or null", async () => {
    expect((await h.run('{ item(query: { name: "item 042" }) { qty } }')).data).toEqual({ item: { qty: 0 } });
    expect((await h.run('{ item(query: { name: "nope" }) { qty } }')).data).toEqual({ item: null });
  });
});
