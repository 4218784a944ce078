import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { Decimal128, Double, Long, ObjectId, bsonTypeOf, numericValue, type Document } from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const USERS: Document[] = [
  { _id: new ObjectId("64b000000000000000000001"), user_id: "u1", name: "Ada" },
  { _id: new ObjectId("64b000000000000000000002"), user_id: "u2", name: "Bob" },
];

const TASKS: Document[] = [
  { _id: 1, name: "Plan", status: "Open", assignee: "u1", points: 3, tags: ["x", "y"] },
  { _id: 2, name: "Build", status: "Open", assignee: "u2", points: Long.fromNumber(5), tags: ["y"] },
  { _id: 3, name: "Test", status: "Complete", assignee: "u1", points: 2.5, tags: [] },
  { _id: 4, name: "Ship", status: "InProgress", points: Decimal128.fromString("1"), size: new Double(2) },
];

describe("aggregate", () => {
  let sandbox: TestApp;
  const tasks = () => sandbox.system("tracker.tasks");

  beforeAll(async () => {
    sandbox = await openTestApp();
    await sandbox.system("tracker.users").insertMany(USERS.map((u) => ({ ...u })));
    await tasks().insertMany(TASKS.map((t) => ({ ...t })));
  });

  afterAll(() => sandbox.close());

  it.each<[string, Document[], Document[]]>([
    [
      "$match and $group",
      [{ $match: { status: "Open" } }, { $group: { _id: "$assignee", n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
      [{ _id: "u1", n: 1 }, { _id: "u2", n: 1 }],
    ],
    [
      "$sort across numeric types and $project",
      [{ $sort: { points: -1 } }, { $project: { _id: 1 } }],
      [{ _id: 2 }, { _id: 1 }, { _id: 3 }, { _id: 4 }],
    ],
    [
      "$project with an expression",
      [{ $match: { _id: 1 } }, { $project: { _id: 0, label: { $concat: ["$name", ": ", "$status"] } } }],
      [{ label: "Plan: Open" }],
    ],
    [
      "$lookup against another collection",
      [
        { $match: { assignee: { $exists: true } } },
        { $lookup: { from: "users", localField: "assignee", foreignField: "user_id", as: "user" } },
        { $project: { _id: 1, who: "$user.name" } },
        { $sort: { _id: 1 } },
      ],
      [{ _id: 1, who: ["Ada"] }, { _id: 2, who: ["Bob"] }, { _id: 3, who: ["Ada"] }],
    ],
    [
      "$lookup with a pipeline",
      [
        { $match: { _id: 2 } },
        { $lookup: { from: "users", let: { a: "$assignee" }, pipeline: [{ $match: { $expr: { $eq: ["$user_id", "$$a"] } } }, { $project: { _id: 0, name: 1 } }], as: "user" } },
        { $project: { _id: 0, user: 1 } },
      ],
      [{ user: [{ name: "Bob" }] }],
    ],
    [
      "$unwind and $group",
      [{ $unwind: "$tags" }, { $group: { _id: "$tags", count: { $sum: 1 } } }, { $sort: { _id: 1 } }],
      [{ _id: "x", count: 1 }, { _id: "y", count: 2 }],
    ],
    [
      "$unwind keeping empty arrays",
      [{ $unwind: { path: "$tags", preserveNullAndEmptyArrays: true } }, { $count: "rows" }],
      [{ rows: 5 }],
    ],
    [
      "$skip, $limit and $count",
      [{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }],
      [{ _id: 2 }, { _id: 3 }],
    ],
    [
      "$match with $type",
      [{ $match: { points: { $type: "long" } } }, { $project: { _id: 1 } }],
      [{ _id: 2 }],
    ],
    ["an empty pipeline", [{ $match: { _id: 1 } }, { $project: { name: 1 } }], [{ _id: 1, name: "Plan" }]],
  ])("%s", async (_name, pipeline, expected) => {
    expect(await tasks().aggregate(pipeline)).toEqual(expected);
  });

  it.each<[string, Document, Document[]]>([
    ["counts what matched", { status: "Open" }, [{ open: 2 }]],
    ["returns no document when nothing matched", { status: "Nope" }, []],
  ])("$count %s", async (_name, match, expected) => {
    expect(await tasks().aggregate([{ $match: match }, { $count: "open" }])).toEqual(expected);
  });

  it.each(["", "$n", "a.b", "_id", 3])("$count rejects the field name %j", async (name) => {
    expect((await errorOf(() => tasks().aggregate([{ $count: name }]))).code).toBe("MongoDBError");
  });

  it("sums across numeric types", async () => {
    const [row] = await tasks().aggregate([{ $group: { _id: null, total: { $sum: "$points" } } }]);
    expect(numericValue(row.total)).toBe(11.5);
  });

  it("returns whole documents with their BSON types", async () => {
    const docs = await tasks().aggregate([{ $match: { _id: { $in: [2, 4] } } }, { $sort: { _id: 1 } }]);
    expect(docs.map((d) => stringifyEJSON(d))).toEqual([stringifyEJSON(TASKS[1]), stringifyEJSON(TASKS[3])]);
  });

  it("keeps the types of documents joined by $lookup", async () => {
    const [doc] = await sandbox.system("tracker.users").aggregate([
      { $match: { user_id: "u2" } },
      { $lookup: { from: "tasks", localField: "user_id", foreignField: "assignee", as: "tasks" } },
    ]);
    expect(bsonTypeOf((doc.tasks as Document[])[0].points)).toBe("long");
    expect(bsonTypeOf(doc._id)).toBe("objectId");
  });

  describe("numbers copied by stages that build new documents keep their BSON types", () => {
    const scores = () => sandbox.system("tracker.scores");
    const L = (n: number) => Long.fromNumber(n);
    const D = (s: string) => Decimal128.fromString(s);

    beforeAll(async () => {
      await scores().insertMany([
        { _id: 1, who: "u1", p: L(7), vals: [L(1), D("2.5"), new Double(3)], nested: { d: D("0.1") } },
        { _id: 2, who: "u2", p: L(8), vals: [L(4)], nested: { d: D("9") } },
      ]);
    });

    const types = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(types) : value !== null && typeof value === "object" && value.constructor === Object
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, types(v)]))
        : bsonTypeOf(value);

    it.each<[string, Document[], unknown[]]>([
      ["$project of the fields", [{ $match: { _id: 1 } }, { $project: { p: 1, vals: 1, nested: 1 } }], [{ _id: "int", p: "long", vals: ["long", "decimal", "double"], nested: { d: "decimal" } }]],
      ["$project renaming a field", [{ $match: { _id: 1 } }, { $project: { _id: 0, q: "$p", d: "$nested.d" } }], [{ q: "long", d: "decimal" }]],
      ["$project into an embedded document", [{ $match: { _id: 2 } }, { $project: { _id: 0, out: { q: "$p" } } }], [{ out: { q: "long" } }]],
      ["$unwind", [{ $match: { _id: 1 } }, { $unwind: "$vals" }, { $project: { _id: 0, vals: 1 } }], [{ vals: "long" }, { vals: "decimal" }, { vals: "double" }]],
      ["$group by a Long", [{ $group: { _id: "$p" } }, { $sort: { _id: 1 } }], [{ _id: "long" }, { _id: "long" }]],
      [
        "$group copying accumulators",
        [{ $sort: { _id: 1 } }, { $group: { _id: null, first: { $first: "$p" }, all: { $push: "$nested.d" }, top: { $max: "$p" }, n: { $sum: 1 } } }],
        [{ _id: "null", first: "long", all: ["decimal", "decimal"], top: "long", n: "int" }],
      ],
      ["$addFields copying a field", [{ $match: { _id: 2 } }, { $addFields: { copy: "$p" } }, { $project: { _id: 0, copy: 1 } }], [{ copy: "long" }]],
      ["$replaceRoot", [{ $match: { _id: 1 } }, { $replaceRoot: { newRoot: "$nested" } }], [{ d: "decimal" }]],
      [
        "$lookup, $unwind and $project of joined fields",
        [
          { $match: { _id: 2 } },
          { $lookup: { from: "scores", localField: "who", foreignField: "who", as: "same" } },
          { $unwind: "$same" },
          { $project: { _id: 0, joined: "$same.p" } },
        ],
        [{ joined: "long" }],
      ],
    ])("%s", async (_name, pipeline, expected) => {
      expect(types(await scores().aggregate(pipeline))).toEqual(expected);
    });

    it("computed numbers are not mistaken for copied ones", async () => {
      const [doc] = await scores().aggregate([{ $match: { _id: 2 } }, { $project: { _id: 0, p: { $size: "$vals" }, vals: { $literal: 4 } } }]);
      expect(types(doc)).toEqual({ p: "int", vals: "int" });
    });
  });

  it.each<[string, Document[]]>([
    ["$out", [{ $match: {} }, { $out: "copy" }]],
    ["$merge", [{ $merge: { into: "copy" } }]],
    ["$out inside $facet", [{ $facet: { a: [{ $out: "copy" }] } }]],
    ["$out inside a $lookup pipeline", [{ $lookup: { from: "users", pipeline: [{ $out: "copy" }], as: "x" } }]],
  ])("rejects %s", async (_name, pipeline) => {
    const error = await errorOf(() => tasks().aggregate(pipeline));
    expect(error.code).toBe("MongoDBError");
    expect(error.message).toMatch(/^\$(out|merge) is not allowed in this aggregation$/);
    expect(await sandbox.system("tracker.copy").count()).toBe(0);
  });

  it.each<[string, unknown, string]>([
    ["a pipeline that is not an array", { $match: {} }, "InvalidParameter"],
    ["a stage that is not a document", ["$match"], "InvalidParameter"],
    ["an unknown stage", [{ $frobnicate: {} }], "MongoDBError"],
  ])("rejects %s", async (_name, pipeline, code) => {
    expect((await errorOf(() => tasks().aggregate(pipeline as Document[]))).code).toBe(code);
  });
});
