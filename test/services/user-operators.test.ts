import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Document } from "../../src/bson/types.ts";
import type { MongoCollection } from "../../src/services/mongodb-atlas/collection.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "shop.items";
const DOCS: Document[] = [
  { _id: 1, n: 1, parent: null, tags: ["a"] },
  { _id: 2, n: 2, parent: 1, tags: ["b"] },
  { _id: 3, n: 3, parent: 2, tags: [] },
];

/** Filters and pipelines App Services ran for system users only (CRUD & Aggregation APIs reference). */
const SYSTEM_ONLY_FILTERS: [string, Document][] = [
  ["$expr", { $expr: { $gt: ["$n", 1] } }],
  ["$expr inside $or", { $or: [{ n: 1 }, { $expr: { $gt: ["$n", 1] } }] }],
  ["$jsonSchema", { $jsonSchema: { required: ["n"] } }],
  ["$where", { $where: "this.n > 1" }],
  ["$text", { $text: { $search: "a" } }],
  ["$geoWithin", { loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } }],
  ["$bitsAllSet", { n: { $bitsAllSet: 1 } }],
];

const SYSTEM_ONLY_PIPELINES: [string, string, Document[]][] = [
  ["$graphLookup", "aggregation stage", [{ $graphLookup: { from: "items", startWith: "$parent", connectFromField: "parent", connectToField: "_id", as: "ancestors" } }]],
  ["$facet", "aggregation stage", [{ $facet: { all: [{ $match: {} }] } }]],
  ["$collStats", "aggregation stage", [{ $collStats: {} }]],
  ["$currentOp", "aggregation stage", [{ $currentOp: {} }]],
  ["$indexStats", "aggregation stage", [{ $indexStats: {} }]],
  ["$geoNear", "aggregation stage", [{ $geoNear: { near: [0, 0], distanceField: "d" } }]],
  ["$out", "aggregation stage", [{ $out: "copy" }]],
  ["$merge", "aggregation stage", [{ $merge: { into: "copy" } }]],
  ["$facet inside a $lookup pipeline", "aggregation stage", [{ $lookup: { from: "items", pipeline: [{ $facet: {} }], as: "x" } }]],
  ["$function", "aggregation operator", [{ $project: { x: { $function: { body: "function() { return 1 }", args: [], lang: "js" } } } }]],
  ["$accumulator", "aggregation operator", [{ $group: { _id: null, x: { $accumulator: { init: "function() {}" } } } }]],
];

describe("operators App Services kept for system users", () => {
  let sandbox: TestApp;
  const asUser = (): MongoCollection => sandbox.user(NS);
  const asSystem = (): MongoCollection => sandbox.system(NS);

  beforeAll(async () => {
    sandbox = await openTestApp();
    await asSystem().insertMany(DOCS.map((d) => ({ ...d })));
  });

  afterAll(() => sandbox.close());

  describe.each(SYSTEM_ONLY_FILTERS)("filters with %s", (name, filter) => {
    it.each<[string, (c: MongoCollection) => Promise<unknown>]>([
      ["find", (c) => c.find(filter)],
      ["count", (c) => c.count(filter)],
      ["updateMany", (c) => c.updateMany(filter, { $set: { touched: true } })],
      ["deleteMany", (c) => c.deleteMany(filter)],
      ["findOneAndUpdate", (c) => c.findOneAndUpdate(filter, { $set: { touched: true } })],
    ])("are refused for users in %s", async (_method, call) => {
      expect(await errorOf(() => call(asUser()))).toMatchObject({
        code: "MongoDBError",
        message: `query operator "${name.split(" ")[0]}" is not supported for application users; system functions may use it`,
      });
      expect(await asSystem().count({ touched: true })).toBe(0);
      expect(await asSystem().count()).toBe(3);
    });
  });

  it.each(SYSTEM_ONLY_PIPELINES)("aggregate refuses %s for users", async (name, what, pipeline) => {
    const error = await errorOf(() => asUser().aggregate(pipeline));
    expect(error).toMatchObject({
      code: "MongoDBError",
      message: `${what} "${name.split(" ")[0]}" is not supported for application users; system functions may use it`,
    });
  });

  it("keeps them for system requests", async () => {
    expect(await asSystem().count({ $expr: { $gt: ["$n", 1] } })).toBe(2);
    const [doc] = await asSystem().aggregate([
      { $match: { _id: 3 } },
      { $graphLookup: { from: "items", startWith: "$parent", connectFromField: "parent", connectToField: "_id", as: "ancestors" } },
      { $facet: { ids: [{ $project: { ancestors: "$ancestors._id" } }] } },
    ]);
    expect((doc.ids as Document[])[0].ancestors).toEqual(expect.arrayContaining([1, 2]));
  });

  it("lets users use what App Services allowed them: $lookup with let and $expr, $unionWith, $regex", async () => {
    const joined = await asUser().aggregate([
      { $match: { _id: 2 } },
      { $lookup: { from: "items", let: { p: "$parent" }, pipeline: [{ $match: { $expr: { $eq: ["$_id", "$$p"] } } }], as: "parents" } },
      { $unionWith: { coll: "items", pipeline: [{ $match: { _id: 3 } }] } },
      { $project: { parents: "$parents._id" } },
    ]);
    expect(joined).toEqual([{ _id: 2, parents: [1] }, { _id: 3 }]);
    expect(await asUser().count({ tags: { $regex: "^[ab]$" } })).toBe(2);
  });
});
