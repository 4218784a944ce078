import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decodeDocument, encodeDocument } from "../../src/bson/codec.ts";
import { stringifyEJSON } from "../../src/bson/ejson.ts";
import {
  BSONRegExp,
  Binary,
  Decimal128,
  Double,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  type Document,
} from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "shop.items";
const OID = new ObjectId("64a000000000000000000003");

/** Seven documents covering every numeric type, arrays, embedded documents and missing fields. */
const DOCS: Document[] = [
  { _id: 1, n: 1, s: "apple", tags: ["a", "b"], sub: { x: 1, y: "q" }, arr: [{ k: 1, v: "x" }, { k: 2, v: "y" }], d: new Date("2020-01-01"), flag: true },
  { _id: 2, n: Long.fromNumber(2), s: "Banana", tags: ["b", "c"], sub: { x: 2 }, arr: [{ k: 1, v: "y" }], d: new Date("2021-01-01"), flag: false },
  { _id: 3, n: new Double(3), s: "cherry", tags: [], sub: { x: 3, y: null }, arr: [], oid: OID },
  { _id: 4, n: 4.5, s: "date", tags: ["a"], sub: { x: Decimal128.fromString("4") }, matrix: [[1, 2], [3]] },
  { _id: 5, n: Decimal128.fromString("5.5"), s: null, tags: "a" },
  { _id: 6, n: "6", s: "elder\nberry", nested: [{ a: [{ b: 1 }, { b: 2 }] }] },
  { _id: 7 },
];

type Case = [name: string, filter: Document, ids: number[]];

const QUERY_CASES: Record<string, Case[]> = {
  "comparison across numeric types": [
    ["int equals Long", { n: 2 }, [2]],
    ["Long equals integral Double", { n: Long.fromNumber(3) }, [3]],
    ["Decimal128 equals double", { n: Decimal128.fromString("4.5") }, [4]],
    ["integral Double equals int", { n: new Double(1) }, [1]],
    ["$gt int", { n: { $gt: 2 } }, [3, 4, 5]],
    ["$gte Long", { n: { $gte: Long.fromNumber(3) } }, [3, 4, 5]],
    ["$lt Decimal128", { n: { $lt: Decimal128.fromString("4.6") } }, [1, 2, 3, 4]],
    ["$lte Double", { n: { $lte: new Double(2) } }, [1, 2]],
    ["range", { n: { $gt: 1, $lt: 5 } }, [2, 3, 4]],
    ["strings compare only with strings", { n: { $gt: "5" } }, [6]],
    ["string order is binary", { s: { $gt: "b" } }, [3, 4, 6]],
    ["$ne includes missing", { n: { $ne: 1 } }, [2, 3, 4, 5, 6, 7]],
    ["$eq null matches missing", { n: { $eq: null } }, [7]],
    ["null matches null and missing", { s: null }, [5, 7]],
    ["$ne null", { s: { $ne: null } }, [1, 2, 3, 4, 6]],
    ["dates", { d: { $gt: new Date("2020-06-01") } }, [2]],
    ["dates below", { d: { $lt: new Date("2020-06-01") } }, [1]],
    ["ObjectId equality", { oid: new ObjectId(OID.toHexString()) }, [3]],
    ["booleans", { flag: false }, [2]],
  ],
  "$in and $nin": [
    ["$in across types", { n: { $in: [1, Long.fromNumber(3), "6"] } }, [1, 3, 6]],
    ["$in null matches missing", { n: { $in: [null] } }, [7]],
    ["$in on array elements", { tags: { $in: ["c"] } }, [2]],
    ["$in on arrays and scalars", { tags: { $in: ["a"] } }, [1, 4, 5]],
    ["$in with a regex", { s: { $in: [/^b/i] } }, [2]],
    ["$nin", { n: { $nin: [1, 2] } }, [3, 4, 5, 6, 7]],
    ["$nin on arrays", { tags: { $nin: ["a"] } }, [2, 3, 6, 7]],
    ["$in on _id", { _id: { $in: [1, 3, 99] } }, [1, 3]],
  ],
  $exists: [
    ["true", { sub: { $exists: true } }, [1, 2, 3, 4]],
    ["a null field exists", { "sub.y": { $exists: true } }, [1, 3]],
    ["false", { n: { $exists: false } }, [7]],
  ],
  $type: [
    ["long", { n: { $type: "long" } }, [2]],
    ["int", { n: { $type: "int" } }, [1]],
    ["double (integral Double too)", { n: { $type: "double" } }, [3, 4]],
    ["decimal", { n: { $type: "decimal" } }, [5]],
    ["number", { n: { $type: "number" } }, [1, 2, 3, 4, 5]],
    ["string", { n: { $type: "string" } }, [6]],
    ["a list of types", { n: { $type: ["string", "long"] } }, [2, 6]],
    ["numeric code 18 (long)", { n: { $type: 18 } }, [2]],
    ["numeric code 16 (int)", { n: { $type: 16 } }, [1]],
    ["array", { tags: { $type: "array" } }, [1, 2, 3, 4]],
    ["string matches arrays holding strings", { tags: { $type: "string" } }, [1, 2, 4, 5]],
    ["null", { s: { $type: "null" } }, [5]],
    ["objectId", { oid: { $type: "objectId" } }, [3]],
    ["date", { d: { $type: "date" } }, [1, 2]],
    ["bool", { flag: { $type: "bool" } }, [1, 2]],
    ["object", { sub: { $type: "object" } }, [1, 2, 3, 4]],
    ["decimal in a nested field", { "sub.x": { $type: "decimal" } }, [4]],
    ["through arrays of documents", { "arr.k": { $type: "int" } }, [1, 2]],
    ["under $not", { n: { $not: { $type: "number" } } }, [6, 7]],
    ["inside $or", { $or: [{ n: { $type: "long" } }, { n: { $type: "decimal" } }] }, [2, 5]],
    ["on scalars inside $elemMatch", { tags: { $elemMatch: { $type: "string", $eq: "c" } } }, [2]],
    ["on documents inside $elemMatch", { arr: { $elemMatch: { k: { $type: "int" }, v: "y" } } }, [1, 2]],
    ["missing fields match no type", { nope: { $type: ["null", "undefined", "object"] } }, []],
  ],
  $regex: [
    ["$regex with $options", { s: { $regex: "^b", $options: "i" } }, [2]],
    ["regex literal", { s: /an/ }, [2]],
    ["BSONRegExp with multiline", { s: new BSONRegExp("^berry", "m") }, [6]],
    ["$regex with a native regex", { s: { $regex: /E/i } }, [1, 3, 4, 6]],
    ["regex over array elements", { tags: /^c/ }, [2]],
    ["$not with a regex", { s: { $not: /a/ } }, [3, 5, 6, 7]],
  ],
  $elemMatch: [
    ["both conditions on one element", { arr: { $elemMatch: { k: 1, v: "y" } } }, [2]],
    ["without $elemMatch, on any elements", { "arr.k": 1, "arr.v": "y" }, [1, 2]],
    ["operator condition", { arr: { $elemMatch: { k: { $gte: 2 } } } }, [1]],
    ["scalar elements", { tags: { $elemMatch: { $gte: "b", $lt: "c" } } }, [1, 2]],
  ],
  "$all and $size": [
    ["$all", { tags: { $all: ["a", "b"] } }, [1]],
    ["$all one", { tags: { $all: ["b"] } }, [1, 2]],
    ["$all empty matches nothing", { tags: { $all: [] } }, []],
    ["$all with $elemMatch", { arr: { $all: [{ $elemMatch: { k: 2 } }] } }, [1]],
    ["$size 0", { tags: { $size: 0 } }, [3]],
    ["$size 2", { tags: { $size: 2 } }, [1, 2]],
    ["$size 1", { arr: { $size: 1 } }, [2]],
  ],
  "array contains": [
    ["an element", { tags: "b" }, [1, 2]],
    ["the whole array", { tags: ["a", "b"] }, [1]],
    ["the whole array in another order", { tags: ["b", "a"] }, []],
    ["an element that is an array", { matrix: [3] }, [4]],
    ["not elements of nested arrays", { matrix: 3 }, []],
  ],
  "dotted paths": [
    ["embedded field", { "sub.x": 2 }, [2]],
    ["embedded range across types", { "sub.x": { $gte: 3 } }, [3, 4]],
    ["array index", { "arr.1.k": 2 }, [1]],
    ["array index 0", { "arr.0.v": "y" }, [2]],
    ["through arrays of documents", { "nested.a.b": 2 }, [6]],
    ["embedded document equality", { sub: { x: 2 } }, [2]],
    ["embedded document equality in order", { sub: { x: 1, y: "q" } }, [1]],
  ],
  "embedded documents by field order": [
    ["the same fields in another order", { sub: { y: "q", x: 1 } }, []],
    ["numbers across types inside", { sub: { x: Long.fromNumber(1), y: "q" } }, [1]],
    ["$eq in another order", { sub: { $eq: { y: "q", x: 1 } } }, []],
    ["$ne in another order", { sub: { $ne: { y: "q", x: 1 } } }, [1, 2, 3, 4, 5, 6, 7]],
    ["$ne in order", { sub: { $ne: { x: 1, y: "q" } } }, [2, 3, 4, 5, 6, 7]],
    ["$in", { sub: { $in: [{ x: 1, y: "q" }, { y: null, x: 3 }] } }, [1]],
    ["$nin", { sub: { $nin: [{ x: 1, y: "q" }, { y: null, x: 3 }] } }, [2, 3, 4, 5, 6, 7]],
    ["array elements", { arr: { v: "x", k: 1 } }, []],
    ["array elements in order", { arr: { k: 1, v: "x" } }, [1]],
    ["the whole array", { arr: [{ k: 1, v: "y" }] }, [2]],
    ["the whole array in another order", { arr: [{ v: "y", k: 1 }] }, []],
    ["$all", { arr: { $all: [{ k: 2, v: "y" }, { k: 1, v: "x" }] } }, [1]],
    ["$all in another order", { arr: { $all: [{ v: "y", k: 2 }] } }, []],
    ["$elemMatch with $eq", { arr: { $elemMatch: { $eq: { v: "y", k: 1 } } } }, []],
    ["$not $eq", { sub: { $not: { $eq: { y: "q", x: 1 } } } }, [1, 2, 3, 4, 5, 6, 7]],
    ["inside $or", { $or: [{ sub: { y: "q", x: 1 } }, { _id: 2 }] }, [2]],
    ["a dotted path to an array of documents", { "nested.a": { b: 2 } }, [6]],
  ],
  "logical operators": [
    ["$and", { $and: [{ n: { $gt: 1 } }, { n: { $lt: 4 } }] }, [2, 3]],
    ["$or", { $or: [{ n: 1 }, { s: "date" }] }, [1, 4]],
    ["$nor", { $nor: [{ n: { $exists: false } }, { tags: "a" }] }, [2, 3, 6]],
    ["$not", { n: { $not: { $gt: 2 } } }, [1, 2, 6, 7]],
    ["nested", { $and: [{ $or: [{ n: 1 }, { n: 2 }] }, { flag: false }] }, [2]],
    ["$or on _id", { $or: [{ _id: 1 }, { _id: 7 }] }, [1, 7]],
  ],
  $expr: [
    ["field against a constant", { $expr: { $gt: ["$sub.x", 2] } }, [3, 4]],
    ["two fields across numeric types", { "sub.x": { $exists: true }, $expr: { $eq: ["$n", "$sub.x"] } }, [1, 2, 3]],
  ],
  "other operators": [
    ["$mod", { n: { $mod: [3, 0] } }, [3]],
    ["$mod truncates doubles and ignores strings", { n: { $mod: [2, 0] } }, [2, 4]],
    ["$mod with a remainder", { n: { $mod: [Long.fromNumber(2), 1] } }, [1, 3, 5]],
    ["empty filter", {}, [1, 2, 3, 4, 5, 6, 7]],
    ["_id range", { _id: { $gt: 5 } }, [6, 7]],
    ["_id as a Long", { _id: Long.fromNumber(2) }, [2]],
    ["_id as an integral Double", { _id: new Double(2) }, [2]],
  ],
};

const sortedIds = (docs: Document[]) => docs.map((d) => d._id as number).sort((a, b) => a - b);

describe("find", () => {
  let sandbox: TestApp;
  const coll = () => sandbox.system(NS);

  beforeAll(async () => {
    sandbox = await openTestApp();
    await coll().insertMany(DOCS.map((d) => decodeDocument(encodeDocument(d))));
    await sandbox.system("shop.mixed").insertMany(MIXED.map(([_id, v]) => (v === undefined ? { _id } : { _id, v })));
  });

  afterAll(() => sandbox.close());

  for (const [group, cases] of Object.entries(QUERY_CASES)) {
    describe(`query: ${group}`, () => {
      it.each(cases)("%s", async (_name, filter, ids) => {
        expect(sortedIds(await coll().find(filter))).toEqual(ids);
        expect(await coll().count(filter)).toBe(ids.length);
      });
    });
  }

  it.each<[string, Document, RegExp]>([
    ["an unknown operator", { n: { $foo: 1 } }, /^invalid query: /],
    ["$where (scripts are off)", { $where: "this.n > 1" }, /^invalid query: /],
    ["an unknown $type alias", { n: { $type: "integer" } }, /^invalid query: unknown type name alias: integer$/],
    ["a $mod without a remainder", { n: { $mod: [2] } }, /^invalid query: malformed mod/],
    ["a $mod by zero", { n: { $mod: [0, 0] } }, /^invalid query: divisor cannot be 0$/],
  ])("rejects %s with MongoDBError", async (_name, filter, message) => {
    const error = await errorOf(() => coll().find(filter));
    expect(error.code).toBe("MongoDBError");
    expect(error.message).toMatch(message);
  });

  it("rejects a filter that is not a document", async () => {
    expect((await errorOf(() => coll().find([] as unknown as Document))).code).toBe("InvalidParameter");
  });

  describe("projection", () => {
    const one = async (projection: Document, filter: Document = { _id: 1 }) => (await coll().find(filter, projection))[0];

    it.each<[string, Document, Document]>([
      ["inclusion", { s: 1 }, { _id: 1, s: "apple" }],
      ["inclusion without _id", { s: 1, _id: 0 }, { s: "apple" }],
      ["inclusion with true", { s: true }, { _id: 1, s: "apple" }],
      ["inclusion keeps document order", { tags: 1, s: 1 }, { _id: 1, s: "apple", tags: ["a", "b"] }],
      ["nested inclusion", { "sub.x": 1 }, { _id: 1, sub: { x: 1 } }],
      ["inclusion through an array", { "arr.k": 1 }, { _id: 1, arr: [{ k: 1 }, { k: 2 }] }],
      ["only _id", { _id: 1 }, { _id: 1 }],
      ["exclusion", { s: 0, tags: 0, arr: 0, d: 0, flag: 0 }, { _id: 1, n: 1, sub: { x: 1, y: "q" } }],
      ["nested exclusion", { "sub.y": 0, arr: 0, d: 0, tags: 0, s: 0, flag: 0, _id: 0 }, { n: 1, sub: { x: 1 } }],
      ["$slice with inclusion", { tags: { $slice: 1 }, s: 1 }, { _id: 1, s: "apple", tags: ["a"] }],
      ["$slice with a range", { tags: { $slice: [1, 1] }, s: 1 }, { _id: 1, s: "apple", tags: ["b"] }],
      ["$elemMatch", { arr: { $elemMatch: { k: 2 } } }, { _id: 1, arr: [{ k: 2, v: "y" }] }],
      ["an empty projection", {}, DOCS[0]],
    ])("%s", async (_name, projection, expected) => {
      expect(stringifyEJSON(await one(projection))).toBe(stringifyEJSON(expected));
    });

    it.each<[string, Document, Document, Document]>([
      ["the element a field condition matched", { "arr.k": 2 }, { "arr.$": 1 }, { _id: 1, arr: [{ k: 2, v: "y" }] }],
      ["the element $elemMatch matched", { arr: { $elemMatch: { k: 1, v: "x" } } }, { "arr.$": 1 }, { _id: 1, arr: [{ k: 1, v: "x" }] }],
      ["a scalar element", { _id: 1, tags: "b" }, { "tags.$": 1 }, { _id: 1, tags: ["b"] }],
      ["with other inclusions", { "arr.v": "y", _id: 1 }, { s: 1, "arr.$": 1 }, { _id: 1, s: "apple", arr: [{ k: 2, v: "y" }] }],
      ["inside $and", { $and: [{ _id: 1 }, { "arr.k": { $gt: 1 } }] }, { "arr.$": 1, _id: 0 }, { arr: [{ k: 2, v: "y" }] }],
    ])("positional $: %s", async (_name, filter, projection, expected) => {
      expect(stringifyEJSON(await one(projection, filter))).toBe(stringifyEJSON(expected));
    });

    it.each<[string, Document, Document]>([
      ["without a condition on the array", { _id: 1 }, { "arr.$": 1 }],
      ["twice", { "arr.k": 1, tags: "a" }, { "arr.$": 1, "tags.$": 1 }],
      ["as an exclusion", { "arr.k": 1 }, { "arr.$": 0 }],
    ])("rejects a positional projection %s", async (_name, filter, projection) => {
      expect((await errorOf(() => coll().find(filter, projection))).code).toBe("MongoDBError");
    });

    it.each<[string, Document, Document]>([
      ["first n", { tags: { $slice: 1 } }, { ...DOCS[0], tags: ["a"] }],
      ["last n", { tags: { $slice: -1 } }, { ...DOCS[0], tags: ["b"] }],
      ["skip and limit", { arr: { $slice: [1, 5] } }, { ...DOCS[0], arr: [{ k: 2, v: "y" }] }],
      ["a negative skip", { tags: { $slice: [-1, 1] } }, { ...DOCS[0], tags: ["b"] }],
      ["with exclusions", { tags: { $slice: 1 }, arr: 0, _id: 0 }, { n: 1, s: "apple", tags: ["a"], sub: DOCS[0].sub, d: DOCS[0].d, flag: true }],
      ["with _id: 1", { tags: { $slice: 1 }, _id: 1 }, { ...DOCS[0], tags: ["a"] }],
      ["on a field that is not an array", { s: { $slice: 1 } }, DOCS[0]],
    ])("$slice alone keeps every other field: %s", async (_name, projection, expected) => {
      expect(stringifyEJSON(await one(projection))).toBe(stringifyEJSON(expected));
    });

    it("keeps BSON types of projected fields", async () => {
      expect(stringifyEJSON(await one({ n: 1, sub: 1 }, { _id: 2 }))).toBe(
        stringifyEJSON({ _id: 2, n: Long.fromNumber(2), sub: { x: 2 } }),
      );
    });

    it.each([
      ["inclusion then exclusion", { s: 1, tags: 0 }],
      ["exclusion then inclusion", { s: 0, "sub.x": 1 }],
    ])("rejects a mix of %s before reading", async (_name, projection) => {
      const error = await errorOf(() => coll().find({}, projection));
      expect(error).toMatchObject({ code: "MongoDBError", message: "projection cannot have a mix of inclusion and exclusion" });
    });

    it("allows _id: 0 with inclusion and _id: 1 with exclusion", async () => {
      expect(await one({ _id: 0, s: 1 })).toEqual({ s: "apple" });
      expect(Object.keys(await one({ _id: 1, s: 0 }))).not.toContain("s");
    });

    it("takes the projection from options too", async () => {
      expect(await coll().findOne({ _id: 1 }, undefined, { projection: { s: 1 } })).toEqual({ _id: 1, s: "apple" });
    });

    it("rejects a projection that is not a document", async () => {
      expect((await errorOf(() => coll().find({}, [] as unknown as Document))).code).toBe("InvalidParameter");
    });
  });

  describe("sort, skip and limit", () => {
    it("sorts numbers across types by value", async () => {
      const docs = await coll().find({ n: { $type: "number" } }, { _id: 1 }, { sort: { n: -1 } });
      expect(docs.map((d) => d._id)).toEqual([5, 4, 3, 2, 1]);
    });

    it("sorts mixed types in MongoDB's type order, missing with null, stably", async () => {
      const asc = await sandbox.system("shop.mixed").find({}, undefined, { sort: { v: 1 } });
      expect(asc.map((d) => d._id)).toEqual(MIXED_ORDER);
      const desc = await sandbox.system("shop.mixed").find({}, undefined, { sort: { v: -1 } });
      // Equal keys keep their relative order in both directions.
      const reversed = [...MIXED_ORDER].reverse();
      const nulls = reversed.filter((id) => id === "null" || id === "missing").reverse();
      expect(desc.map((d) => d._id)).toEqual(reversed.map((id) => (id === "null" || id === "missing" ? nulls.shift() : id)));
    });

    it("sorts by several keys, and arrays by their smallest or largest element", async () => {
      const c = sandbox.system("shop.sorting");
      await c.insertMany([
        { _id: "a", g: 2, n: 1, list: [5, 1] },
        { _id: "b", g: 1, n: 1, list: [3] },
        { _id: "c", g: 2, n: 3, list: [2, 9] },
        { _id: "d", g: 1, n: 2, list: [] },
        { _id: "e", g: 2, n: 2 },
      ]);
      const ids = async (sort: Document) => (await c.find({}, undefined, { sort })).map((d) => d._id);
      expect(await ids({ g: 1, n: -1 })).toEqual(["d", "b", "c", "e", "a"]);
      expect(await ids({ g: -1, n: 1 })).toEqual(["a", "e", "c", "b", "d"]);
      // MongoDB: ascending by the smallest element, descending by the largest; [] sorts before null/missing.
      expect(await ids({ list: 1 })).toEqual(["d", "e", "a", "c", "b"]);
      expect(await ids({ list: -1 })).toEqual(["c", "a", "b", "e", "d"]);
    });

    it("keeps the stored order for equal keys", async () => {
      const c = sandbox.system("shop.stable");
      await c.insertMany(["a", "b", "c", "d", "e", "f"].map((id, i) => ({ _id: id, g: i % 2 })));
      const docs = await c.find({}, undefined, { sort: { g: 1 } });
      expect(docs.map((d) => d._id)).toEqual(["a", "c", "e", "b", "d", "f"]);
    });

    describe("without a sort, in _id order", () => {
      const IDS: unknown[] = [
        "b", 10, new ObjectId("64a000000000000000000002"), 9, Long.fromNumber(100), -1, "a", 2.5,
        new ObjectId("64a000000000000000000001"), Decimal128.fromString("3"), new Date(5), 1e21,
      ];
      const ORDER = ["-1", "2.5", "3", "9", "10", "100", "1e+21", "a", "b", "64a000000000000000000001", "64a000000000000000000002", "5"];
      const shown = (docs: Document[]) => docs.map((d) => (d._id instanceof Date ? String(d._id.getTime()) : String(d._id)));
      const natural = () => sandbox.system("shop.natural");

      beforeAll(async () => {
        await natural().insertMany(IDS.map((_id) => ({ _id })));
      });

      it.each<[string, Document, { skip?: number; limit?: number }, string[]]>([
        ["find", {}, {}, ORDER],
        ["find with a limit", {}, { limit: 4 }, ORDER.slice(0, 4)],
        ["find with skip and limit", {}, { skip: 3, limit: 3 }, ORDER.slice(3, 6)],
        ["an _id range", { _id: { $gte: 3 } }, {}, ["3", "9", "10", "100", "1e+21"]],
        ["an _id $in", { _id: { $in: [100, "a", 9, -1] } }, {}, ["-1", "9", "100", "a"]],
      ])("%s", async (_name, filter, options, expected) => {
        expect(shown(await natural().find(filter, undefined, options))).toEqual(expected);
      });
    });

    it.each<[string, { skip?: number; limit?: number }, number[]]>([
      ["skip", { skip: 5 }, [6, 7]],
      ["limit", { limit: 2 }, [1, 2]],
      ["skip and limit", { skip: 2, limit: 3 }, [3, 4, 5]],
      ["limit 0 means no limit", { limit: 0 }, [1, 2, 3, 4, 5, 6, 7]],
      ["skip past the end", { skip: 50 }, []],
      ["limit as a Long", { limit: Long.fromNumber(1) as unknown as number }, [1]],
    ])("%s", async (_name, options, ids) => {
      const docs = await coll().find({}, { _id: 1 }, { sort: { _id: 1 }, ...options });
      expect(docs.map((d) => d._id)).toEqual(ids);
    });

    it.each<[string, Document]>([
      ["a bad direction", { sort: { n: 2 } }],
      ["a negative skip", { skip: -1 }],
      ["a negative limit", { limit: -1 }],
      ["a non-number limit", { limit: "x" }],
    ])("rejects %s with InvalidParameter", async (_name, options) => {
      expect((await errorOf(() => coll().find({}, undefined, options))).code).toBe("InvalidParameter");
    });

    it("accepts sort directions given as other numeric types", async () => {
      const docs = await coll().find({ _id: { $lte: 3 } }, { _id: 1 }, { sort: { _id: Long.fromNumber(-1) } });
      expect(docs.map((d) => d._id)).toEqual([3, 2, 1]);
    });
  });

  describe("findOne", () => {
    it("returns the first match in sort order, or null", async () => {
      expect((await coll().findOne({ tags: "a" }, { _id: 1 }, { sort: { _id: -1 } }))!._id).toBe(5);
      expect(await coll().findOne({ _id: 99 })).toBeNull();
      expect(await coll().findOne()).not.toBeNull();
    });

    it("returns the stored document with its types", async () => {
      expect(stringifyEJSON(await coll().findOne({ _id: 3 }))).toBe(stringifyEJSON(DOCS[2]));
    });
  });

  describe("count", () => {
    it.each<[string, Document, { skip?: number; limit?: number }, number]>([
      ["all", {}, {}, 7],
      ["filtered", { tags: "a" }, {}, 3],
      ["with limit", {}, { limit: 3 }, 3],
      ["with skip", {}, { skip: 5 }, 2],
      ["with skip past the end", {}, { skip: 10 }, 0],
      ["with skip and limit", { n: { $exists: true } }, { skip: 1, limit: 10 }, 5],
    ])("%s", async (_name, filter, options, expected) => {
      expect(await coll().count(filter, options)).toBe(expected);
    });
  });

  describe("distinct", () => {
    const asSet = (values: unknown[]) => values.map((v) => stringifyEJSON(v)).sort();

    it.each<[string, string, Document, unknown[]]>([
      ["unwinds arrays", "tags", {}, ["a", "b", "c"]],
      ["with a filter", "tags", { n: { $lt: 3 } }, ["a", "b", "c"]],
      ["of an embedded field, across numeric types", "sub.x", {}, [1, 2, 3, Decimal128.fromString("4")]],
      ["of a missing field", "nope", {}, []],
      ["through arrays of documents", "arr.k", {}, [1, 2]],
    ])("%s", async (_name, field, filter, expected) => {
      expect(asSet(await coll().distinct(field, filter))).toEqual(asSet(expected));
    });

    it("keeps the BSON types of the values", async () => {
      const values = await coll().distinct("n");
      expect(asSet(values)).toEqual(
        asSet([1, Long.fromNumber(2), new Double(3), 4.5, Decimal128.fromString("5.5"), "6"]),
      );
    });

    it("treats values equal across numeric types as one", async () => {
      const c = sandbox.system("shop.distinct");
      await c.insertMany([{ v: 1 }, { v: Long.fromNumber(1) }, { v: new Double(1) }, { v: [1, 2] }, { v: null }]);
      const values = await c.distinct("v");
      expect(values).toHaveLength(3);
    });

    it("needs a field name", async () => {
      expect((await errorOf(() => coll().distinct(""))).code).toBe("InvalidParameter");
    });
  });
});

/** One value per BSON type bracket, with `_id` naming it; listed in ascending MongoDB order. */
const MIXED: [string, unknown][] = [
  ["max", new MaxKey()],
  ["re", /a/],
  ["ts", new Timestamp({ t: 5, i: 1 })],
  ["date", new Date(0)],
  ["bool", false],
  ["oid", new ObjectId("64a000000000000000000001")],
  ["bin", new Binary(new Uint8Array([1]))],
  ["obj", { a: 1 }],
  ["str", "a"],
  ["long", Long.fromNumber(10)],
  ["int", 3],
  ["dbl", 2.5],
  ["dec", Decimal128.fromString("1")],
  ["null", null],
  ["missing", undefined],
  ["min", new MinKey()],
];

/** Stored order of `_id` strings decides ties: "missing" < "null". */
const MIXED_ORDER = ["min", "missing", "null", "dec", "dbl", "int", "long", "str", "obj", "bin", "oid", "bool", "date", "ts", "re", "max"];
