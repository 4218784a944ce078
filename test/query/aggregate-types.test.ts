import { describe, expect, it } from "vitest";

import { Decimal128, Long, type Document } from "../../src/bson/types.ts";
import { StoredNumbers, foreignPath, traceSources } from "../../src/query/aggregate-types.ts";

describe("traceSources", () => {
  it.each<[string, Document[], string, string | undefined]>([
    ["no stages", [], "a.b", "a.b"],
    ["$match and $sort", [{ $match: {} }, { $sort: { a: 1 } }], "a", "a"],
    ["$project inclusion", [{ $project: { a: 1 } }], "a.x", "a.x"],
    ["$project drops what it does not name", [{ $project: { a: 1 } }], "b", undefined],
    ["$project keeps _id", [{ $project: { a: 1 } }], "_id", "_id"],
    ["$project exclusion", [{ $project: { a: 0 } }], "b", "b"],
    ["$project rename", [{ $project: { q: "$a.b" } }], "q.c", "a.b.c"],
    ["$project nested spec", [{ $project: { o: { q: "$a" } } }], "o.q", "a"],
    ["$project expression", [{ $project: { q: { $add: ["$a", 1] } } }], "q", undefined],
    ["$project variable", [{ $project: { q: "$$ROOT" } }], "q", undefined],
    ["$addFields keeps the rest", [{ $addFields: { q: "$a" } }], "b", "b"],
    ["$addFields computed", [{ $addFields: { q: { $sum: "$a" } } }], "q", undefined],
    ["$group _id", [{ $group: { _id: "$a" } }], "_id", "a"],
    ["$group compound _id", [{ $group: { _id: { x: "$a", y: "$b" } } }], "_id.y", "b"],
    ["$group $push", [{ $group: { _id: null, all: { $push: "$a" } } }], "all", "a"],
    ["$group $sum", [{ $group: { _id: null, s: { $sum: "$a" } } }], "s", undefined],
    ["$replaceRoot", [{ $replaceRoot: { newRoot: "$a" } }], "b", "a.b"],
    ["chained stages", [{ $project: { q: "$a" } }, { $group: { _id: "$q" } }], "_id", "a"],
    ["$lookup's joined fields", [{ $lookup: { from: "o", localField: "a", foreignField: "b", as: "j" } }], "j.x", foreignPath("o", "x")],
    ["$lookup with a pipeline", [{ $lookup: { from: "o", pipeline: [], as: "j" } }], "j.x", undefined],
    ["a joined field renamed later", [{ $lookup: { from: "o", localField: "a", foreignField: "b", as: "j" } }, { $project: { v: "$j.x" } }], "v", foreignPath("o", "x")],
    ["an unknown stage", [{ $bucketAuto: {} }], "a", undefined],
  ])("%s", (_name, pipeline, path, expected) => {
    expect(traceSources(pipeline)(path)).toBe(expected);
  });
});

describe("StoredNumbers", () => {
  it("finds the stored value by path through arrays, and none when its type is ambiguous", () => {
    const numbers = new StoredNumbers([
      { a: Long.fromNumber(5), list: [Decimal128.fromString("1")], b: 2 },
      { a: Long.fromNumber(6), b: Long.fromNumber(2) },
    ]);
    expect(numbers.find("a", 5)).toEqual(Long.fromNumber(5));
    expect(numbers.find("list", 1)).toEqual(Decimal128.fromString("1"));
    expect(numbers.find("b", 2)).toBeUndefined();
    expect(numbers.find("a", 7)).toBeUndefined();
  });
});
