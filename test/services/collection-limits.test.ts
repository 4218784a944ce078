import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Document } from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "shop.limits";

/** Runs a refused call and returns its error and how long it took to be refused. */
async function refusal(call: () => Promise<unknown>) {
  const start = performance.now();
  const error = await errorOf(call);
  return { ...error, ms: performance.now() - start };
}

const doubling = (op: "$concat" | "$concatArrays", seed: unknown, times: number): Document => ({
  $reduce: { input: { $range: [0, times] }, initialValue: seed, in: { [op]: ["$$value", "$$value"] } },
});

/** Nested loops that build nothing: only the time check stops them (about 10^10 additions). */
const scalarLoops = (n: number): Document => ({
  $reduce: {
    input: { $range: [0, n] },
    initialValue: 0,
    in: { $add: ["$$value", { $reduce: { input: { $range: [0, n] }, initialValue: 0, in: { $add: ["$$value", { $size: { $literal: [1] } }] } } }] },
  },
});

describe("aggregate and query limits", () => {
  let sandbox: TestApp;
  const coll = () => sandbox.system(NS);

  beforeAll(async () => {
    sandbox = await openTestApp();
    await coll().insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i, n: i })));
  });

  afterAll(() => sandbox.close());

  it("refuses a result document over 16 MB with MongoDB's BSONObjectTooLarge error", async () => {
    const error = await refusal(() => coll().aggregate([{ $match: { _id: 1 } }, { $project: { _id: 1, s: doubling("$concat", "a", 25) } }]));
    expect(error).toMatchObject({ code: "MongoDBError", details: { code: 10334, codeName: "BSONObjectTooLarge" } });
    expect(error.message).toMatch(/^BSONObj size: 335544\d\d \(0x200[0-9A-F]{4}\) is invalid\. Size must be between 0 and 16793600\(16MB\) First element: /);
  });

  it("refuses $range over 5 million elements quickly: the result would be 64 MB", async () => {
    const error = await refusal(() => coll().aggregate([{ $match: { _id: 1 } }, { $project: { r: { $range: [0, 5_000_000] } } }]));
    expect(error.details).toMatchObject({ code: 10334 });
    expect(error.message).toMatch(/^BSONObj size: 63888912 /);
    expect(error.ms).toBeLessThan(3000);
  });

  it("refuses $range beyond MongoDB's 100 MB before building it", async () => {
    const error = await refusal(() => coll().aggregate([{ $match: { _id: 1 } }, { $project: { r: { $range: [0, 10_000_000] } } }]));
    expect(error).toMatchObject({
      code: "MongoDBError",
      message: "$range would use too much memory (160000024 bytes) and cannot spill to disk. Memory limit: 104857600 bytes",
      details: { code: 146, codeName: "ExceededMemoryLimit" },
    });
    expect(error.ms).toBeLessThan(1000);
  });

  it.each<[string, Document[], string]>([
    ["arrays doubled by $concatArrays", [{ $project: { a: doubling("$concatArrays", [1], 40) } }], "$concatArrays"],
    ["ranges built in a loop", [{ $project: { r: { $map: { input: { $range: [0, 100_000] }, in: { $range: [0, 1000] } } } } }], "$range"],
  ])("bounds the memory of %s", async (_name, pipeline, operator) => {
    const error = await refusal(() => coll().aggregate([{ $match: { _id: { $lt: 100 } } }, ...pipeline]));
    expect(error).toMatchObject({
      code: "MongoDBError",
      message: `${operator} used too much memory and cannot spill to disk. Memory limit: 104857600 bytes`,
      details: { code: 146 },
    });
    expect(error.ms).toBeLessThan(3000);
  });

  it("refuses joins of every document with every other, twice, by memory (or by time on a slow machine)", async () => {
    const join = { $lookup: { from: "limits", pipeline: [{ $lookup: { from: "limits", pipeline: [], as: "b" } }], as: "a" } };
    const error = await refusal(() => coll().aggregate([{ $match: { _id: { $lt: 100 } } }, join]));
    expect(error.code).toBe("MongoDBError");
    const expected = { 146: /^\$lookup used too much memory and cannot spill to disk/, 50: /^operation exceeded time limit$/ };
    expect(Object.keys(expected)).toContain(String(error.details?.code));
    expect(error.message).toMatch(expected[error.details?.code as 146 | 50]);
    expect(error.ms).toBeLessThan(4000);
  });

  it.each<[string, () => Promise<unknown>]>([
    ["an aggregate", () => sandbox.system(NS).aggregate([{ $match: { _id: 1 } }, { $project: { x: scalarLoops(100_000) } }])],
    ["a find with $expr", () => sandbox.system(NS).find({ $expr: { $gt: [scalarLoops(100_000), 0] } })],
    ["a find with a huge $in list", () => sandbox.system(NS).find({ n: { $in: Array.from({ length: 100_000 }, (_, i) => -i - 1) } })],
  ])("stops %s that computes for more than a second", async (_name, call) => {
    const error = await refusal(call);
    expect(error).toMatchObject({ code: "MongoDBError", message: "operation exceeded time limit", details: { code: 50, codeName: "MaxTimeMSExpired" } });
    expect(error.ms).toBeLessThan(4000);
  });

  it("still runs ordinary pipelines and finds", async () => {
    expect(await coll().aggregate([{ $match: { n: { $lt: 3 } } }, { $project: { r: { $range: [0, "$n"] }, s: { $concat: ["x", "y"] } } }])).toEqual([
      { _id: 0, r: [], s: "xy" },
      { _id: 1, r: [0], s: "xy" },
      { _id: 2, r: [0, 1], s: "xy" },
    ]);
    expect(await coll().count({ $expr: { $lt: ["$n", 10] } })).toBe(10);
  });
});
