import { beforeAll, describe, expect, it } from "vitest";

import { Double, Long, ObjectId, type Document } from "../../src/bson/types.ts";
import { queryTable } from "../../src/graphql/schema/operators.ts";
import { appSchemaOf } from "../../src/graphql/index.ts";
import { appWith, harness, ids, type Harness } from "./support.ts";

const THINGS = {
  "lab.things": {
    title: "Thing",
    required: ["_id"],
    properties: {
      _id: { bsonType: "objectId" },
      name: { bsonType: "string" },
      n: { bsonType: "int" },
      score: { bsonType: "double" },
      big: { bsonType: "long" },
      at: { bsonType: "date" },
      flag: { bsonType: "bool" },
      tags: { bsonType: "array", items: { bsonType: "string" } },
      dims: { bsonType: "object", properties: { w: { bsonType: "int" }, h: { bsonType: "int" } } },
      parts: { bsonType: "array", items: { bsonType: "object", properties: { sku: { bsonType: "string" }, qty: { bsonType: "int" } } } },
    },
  },
};

const oid = (n: number) => new ObjectId(n.toString(16).padStart(24, "0"));
const hex = (n: number) => oid(n).toHexString();
const day = (month: number) => new Date(Date.UTC(2020, month - 1, 1));
const iso = (month: number) => day(month).toISOString();

const DOCS: Document[] = [
  { _id: oid(1), name: "apple", n: 1, score: 1.5, big: Long.fromNumber(10), at: day(1), flag: true, tags: ["red", "fruit"], dims: { w: 1, h: 2 }, parts: [{ sku: "a", qty: 1 }, { sku: "b", qty: 5 }] },
  { _id: oid(2), name: "banana", n: 2, score: new Double(2), big: Long.fromNumber(20), at: day(2), flag: false, tags: ["yellow", "fruit"], dims: { w: 2, h: 2 }, parts: [{ sku: "b", qty: 2 }] },
  { _id: oid(3), name: "cherry", n: 3, score: 3.5, big: Long.fromNumber(30), at: day(3), flag: true, tags: ["red"], dims: { w: 3, h: 1 }, parts: [] },
  { _id: oid(4), name: "date", n: 4, score: 4.25, at: day(4), tags: [], parts: [{ sku: "c", qty: 9 }] },
  { _id: oid(5), name: null, n: 5, score: 5.5, big: Long.fromNumber(50), flag: null, tags: ["green"], dims: { w: 5 } },
  { _id: oid(6), n: 6, big: Long.fromNumber(60), flag: false },
];

/** GraphQL QueryInput → the MongoDB filter it means, with whether it may select none or all documents. */
const CASES: [Record<string, unknown>, Document, ("none" | "all")?][] = [
  [{ _id: hex(2) }, { _id: oid(2) }],
  [{ _id_ne: hex(2) }, { _id: { $ne: oid(2) } }],
  [{ _id_gt: hex(3) }, { _id: { $gt: oid(3) } }],
  [{ _id_gte: hex(3) }, { _id: { $gte: oid(3) } }],
  [{ _id_lt: hex(3) }, { _id: { $lt: oid(3) } }],
  [{ _id_lte: hex(3) }, { _id: { $lte: oid(3) } }],
  [{ _id_in: [hex(1), hex(4), hex(9)] }, { _id: { $in: [oid(1), oid(4), oid(9)] } }],
  [{ _id_nin: [hex(1), hex(4)] }, { _id: { $nin: [oid(1), oid(4)] } }],
  [{ _id_exists: true }, { _id: { $ne: null } }, "all"],
  [{ _id_exists: false }, { _id: null }, "none"],
  [{ name: "banana" }, { name: "banana" }],
  [{ name: null }, { name: null }],
  [{ name_ne: "banana" }, { name: { $ne: "banana" } }],
  [{ name_ne: null }, { name: { $ne: null } }],
  [{ name_gt: "b" }, { name: { $gt: "b" } }],
  [{ name_gte: "banana" }, { name: { $gte: "banana" } }],
  [{ name_lt: "c" }, { name: { $lt: "c" } }],
  [{ name_lte: "cherry" }, { name: { $lte: "cherry" } }],
  [{ name_in: ["apple", "date"] }, { name: { $in: ["apple", "date"] } }],
  [{ name_nin: ["apple", "date"] }, { name: { $nin: ["apple", "date"] } }],
  [{ name_exists: true }, { name: { $ne: null } }],
  [{ name_exists: false }, { name: null }],
  [{ n: 3 }, { n: 3 }],
  [{ n_ne: 3 }, { n: { $ne: 3 } }],
  [{ n_gt: 2 }, { n: { $gt: 2 } }],
  [{ n_gte: 2 }, { n: { $gte: 2 } }],
  [{ n_lt: 4 }, { n: { $lt: 4 } }],
  [{ n_lte: 4 }, { n: { $lte: 4 } }],
  [{ n_in: [1, 6] }, { n: { $in: [1, 6] } }],
  [{ n_nin: [1, 6] }, { n: { $nin: [1, 6] } }],
  [{ n_exists: true }, { n: { $ne: null } }, "all"],
  [{ score: 2 }, { score: 2 }],
  [{ score_ne: 2 }, { score: { $ne: 2 } }],
  [{ score_gt: 2.5 }, { score: { $gt: 2.5 } }],
  [{ score_gte: 3.5 }, { score: { $gte: 3.5 } }],
  [{ score_lt: 3.5 }, { score: { $lt: 3.5 } }],
  [{ score_lte: 3.5 }, { score: { $lte: 3.5 } }],
  [{ score_in: [1.5, 4.25] }, { score: { $in: [1.5, 4.25] } }],
  [{ score_nin: [1.5, 4.25] }, { score: { $nin: [1.5, 4.25] } }],
  [{ score_exists: false }, { score: null }],
  [{ big: "30" }, { big: Long.fromNumber(30) }],
  [{ big_ne: 30 }, { big: { $ne: Long.fromNumber(30) } }],
  [{ big_gt: 25 }, { big: { $gt: Long.fromNumber(25) } }],
  [{ big_gte: "30" }, { big: { $gte: Long.fromNumber(30) } }],
  [{ big_lt: 30 }, { big: { $lt: Long.fromNumber(30) } }],
  [{ big_lte: 30 }, { big: { $lte: Long.fromNumber(30) } }],
  [{ big_in: [10, "50"] }, { big: { $in: [Long.fromNumber(10), Long.fromNumber(50)] } }],
  [{ big_nin: [10, "50"] }, { big: { $nin: [Long.fromNumber(10), Long.fromNumber(50)] } }],
  [{ big_exists: true }, { big: { $ne: null } }],
  [{ at: iso(2) }, { at: day(2) }],
  [{ at_ne: iso(2) }, { at: { $ne: day(2) } }],
  [{ at_gt: iso(2) }, { at: { $gt: day(2) } }],
  [{ at_gte: iso(2) }, { at: { $gte: day(2) } }],
  [{ at_lt: iso(3) }, { at: { $lt: day(3) } }],
  [{ at_lte: iso(3) }, { at: { $lte: day(3) } }],
  [{ at_in: [iso(1), iso(4)] }, { at: { $in: [day(1), day(4)] } }],
  [{ at_nin: [iso(1), iso(4)] }, { at: { $nin: [day(1), day(4)] } }],
  [{ at_exists: false }, { at: null }],
  [{ flag: true }, { flag: true }],
  [{ flag_ne: true }, { flag: { $ne: true } }],
  [{ flag_exists: true }, { flag: { $ne: null } }],
  [{ tags: ["red", "fruit"] }, { tags: { $eq: ["red", "fruit"] } }],
  [{ tags_in: ["red", "green"] }, { tags: { $in: ["red", "green"] } }],
  [{ tags_nin: ["red", "green"] }, { tags: { $nin: ["red", "green"] } }],
  [{ tags_exists: false }, { tags: null }],
  [{ dims: { w: 2 } }, { "dims.w": 2 }],
  [{ dims: { w_gte: 2, h: 2 } }, { $and: [{ "dims.w": { $gte: 2 } }, { "dims.h": 2 }] }],
  [{ dims: { OR: [{ w: 1 }, { h: 1 }] } }, { $or: [{ "dims.w": 1 }, { "dims.h": 1 }] }],
  [{ dims: { h_exists: false } }, { "dims.h": null }],
  [{ dims_exists: false }, { dims: null }],
  [{ parts: [{ sku: "b" }] }, { parts: { $elemMatch: { sku: "b" } } }],
  [{ parts: [{ sku: "a" }, { sku: "b" }] }, { $and: [{ parts: { $elemMatch: { sku: "a" } } }, { parts: { $elemMatch: { sku: "b" } } }] }],
  [{ parts_in: [{ qty_gt: 4 }, { sku: "c" }] }, { parts: { $elemMatch: { $or: [{ qty: { $gt: 4 } }, { sku: "c" }] } } }],
  [{ parts_nin: [{ sku: "b" }] }, { $nor: [{ parts: { $elemMatch: { sku: "b" } } }] }],
  [{ parts_exists: true }, { parts: { $ne: null } }],
  [{ AND: [{ n_gt: 1 }, { n_lt: 5 }] }, { $and: [{ n: { $gt: 1 } }, { n: { $lt: 5 } }] }],
  [{ OR: [{ name: "apple" }, { flag: false }] }, { $or: [{ name: "apple" }, { flag: false }] }],
  [{ OR: [{ AND: [{ n_gt: 4 }, { big_exists: true }] }, { name: "apple" }] }, { $or: [{ n: { $gt: 4 }, big: { $ne: null } }, { name: "apple" }] }],
  [{ name_gt: "a", n_lt: 3 }, { name: { $gt: "a" }, n: { $lt: 3 } }],
  [{ n_gt: 1, n_lt: 4, n_ne: 2 }, { n: { $gt: 1, $lt: 4, $ne: 2 } }],
  [{}, {}, "all"],
];

describe("QueryInput operators match the equivalent MongoDB query", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(appWith(THINGS));
    await h.raw("lab.things").insertMany(DOCS.map((doc) => ({ ...doc })));
  });

  it("covers every generated QueryInput field", () => {
    const spec = appSchemaOf(h.model).types[0];
    const covered = new Set(CASES.flatMap(([input]) => Object.keys(input)));
    expect([...queryTable(spec).keys()].filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(CASES.map(([input, filter, extent]) => [JSON.stringify(input), input, filter, extent] as const))("%s", async (_label, input, filter, extent) => {
    const result = await h.run("query Q($q: ThingQueryInput) { things(query: $q, limit: 0, sortBy: _ID_ASC) { _id } }", { q: input });
    expect(result.errors).toBeUndefined();
    const expected = ids(await h.raw("lab.things").find(filter, undefined, { sort: { _id: 1 } })).map((id) => new ObjectId(id).toHexString());
    expect(result.data.things.map((t: { _id: string }) => t._id)).toEqual(expected);
    if (extent !== "none") expect(expected.length).toBeGreaterThan(0);
    if (extent !== "all") expect(expected.length).toBeLessThan(DOCS.length);
  });

  it("takes inline literals as well as variables", async () => {
    const result = await h.run(`{ things(query: { big_in: [10, "50"], at_lt: "${iso(2)}" }) { name big at } }`);
    expect(result).toEqual({ data: { things: [{ name: "apple", big: 10, at: iso(1) }] } });
  });

  it("rejects values the scalars cannot parse", async () => {
    const result = await h.run('{ things(query: { _id: "not-an-id" }) { _id } }');
    expect(result.errors[0].message).toMatch(/ObjectId cannot represent value/);
    const bad = await h.run("query Q($q: ThingQueryInput) { things(query: $q) { _id } }", { q: { at: "yesterday" } });
    expect(bad.errors[0].message).toMatch(/DateTime cannot represent value: "yesterday"/);
  });
});
