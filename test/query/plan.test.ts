import { describe, expect, it } from "vitest";

import { BSONRegExp, Long, MaxKey, MinKey, ObjectId, type Document } from "../../src/bson/types.ts";
import { isIndexableScalar, planQuery, type AccessPlan } from "../../src/query/plan.ts";

const OID = new ObjectId("64d000000000000000000001");
const INDEXED = new Set(["user_id", "n"]);

describe("planQuery", () => {
  it.each<[string, Document | undefined, AccessPlan]>([
    ["no filter", undefined, { kind: "scan" }],
    ["an empty filter", {}, { kind: "scan" }],
    ["_id equality", { _id: OID }, { kind: "ids", ids: [OID] }],
    ["_id $eq", { _id: { $eq: 5 } }, { kind: "ids", ids: [5] }],
    ["_id $in", { _id: { $in: [1, 2] } }, { kind: "ids", ids: [1, 2] }],
    ["_id before an indexed field", { user_id: "u", _id: 1 }, { kind: "ids", ids: [1] }],
    ["_id inside $and", { $and: [{ x: 1 }, { _id: 3 }] }, { kind: "ids", ids: [3] }],
    ["_id range", { _id: { $gt: 1, $lte: 9 } }, { kind: "range", field: "_id", lower: { value: 1, inclusive: false }, upper: { value: 9, inclusive: true } }],
    ["indexed equality", { user_id: "u1" }, { kind: "values", field: "user_id", values: ["u1"] }],
    ["indexed $in", { user_id: { $in: ["a", "b"] } }, { kind: "values", field: "user_id", values: ["a", "b"] }],
    ["indexed range", { n: { $gte: 2, $lt: Long.fromNumber(5) } }, { kind: "range", field: "n", lower: { value: 2, inclusive: true }, upper: { value: Long.fromNumber(5), inclusive: false } }],
    ["equality beats a range on another index", { n: { $gt: 1 }, user_id: "u" }, { kind: "values", field: "user_id", values: ["u"] }],
    ["a non-indexed field", { name: "x" }, { kind: "scan" }],
    ["$or is not planned", { $or: [{ _id: 1 }, { _id: 2 }] }, { kind: "scan" }],
    ["null equality scans", { user_id: null }, { kind: "scan" }],
    ["a regex scans", { user_id: /^u/ }, { kind: "scan" }],
    ["a document value scans", { user_id: { a: 1 } }, { kind: "scan" }],
    ["$in with a regex scans", { user_id: { $in: ["a", /b/] } }, { kind: "scan" }],
    ["an empty $in scans", { user_id: { $in: [] } }, { kind: "scan" }],
    ["$ne scans", { user_id: { $ne: "u" } }, { kind: "scan" }],
    ["$exists scans", { user_id: { $exists: true } }, { kind: "scan" }],
  ])("%s", (_name, filter, plan) => {
    expect(planQuery(filter, INDEXED)).toEqual(plan);
  });

  it.each<[unknown, boolean]>([
    ["s", true],
    [1, true],
    [Long.fromNumber(1), true],
    [OID, true],
    [new Date(0), true],
    [true, true],
    [null, false],
    [undefined, false],
    [[1], false],
    [{ a: 1 }, false],
    [/a/, false],
    [new BSONRegExp("a"), false],
    [new MinKey(), false],
    [new MaxKey(), false],
  ])("isIndexableScalar(%s) is %s", (value, expected) => {
    expect(isIndexableScalar(value)).toBe(expected);
  });
});
