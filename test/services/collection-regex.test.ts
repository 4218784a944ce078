import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BSONRegExp, type Document } from "../../src/bson/types.ts";
import type { MongoCollection } from "../../src/services/mongodb-atlas/collection.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "shop.names";
/** The pattern: nested quantifiers that backtrack exponentially on a near-miss. */
const EVIL = "^(a+)+$";
const NEAR_MISS = "a".repeat(30) + "!";

const DOCS: Document[] = [
  { _id: 1, name: "apple", tags: ["red", "Fruit"], notes: "first line\nSecond line" },
  { _id: 2, name: "Banana", tags: ["yellow"], notes: "one line" },
  { _id: 3, name: NEAR_MISS, tags: [NEAR_MISS], items: [{ label: NEAR_MISS }] },
  { _id: 4, name: "naïve café", tags: [] },
];

const ids = (docs: Document[]) => docs.map((d) => d._id as number).sort((a, b) => a - b);

/** Runs a call and asserts it returned within a second, where a backtracking engine takes seconds. */
async function quickly<T>(run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  expect(performance.now() - start).toBeLessThan(1000);
  return result;
}

describe("regular expressions", () => {
  let sandbox: TestApp;
  const coll = (): MongoCollection => sandbox.system(NS);

  beforeAll(async () => {
    sandbox = await openTestApp();
    await coll().insertMany(DOCS.map((d) => ({ ...d })));
  });

  afterAll(() => sandbox.close());

  describe("keep MongoDB's options", () => {
    it.each<[string, Document, number[]]>([
      ["i", { name: { $regex: "^b", $options: "i" } }, [2]],
      ["m", { notes: { $regex: "^second", $options: "im" } }, [1]],
      ["no m: ^ is the start of the string", { notes: { $regex: "^Second" } }, []],
      ["s", { notes: { $regex: "line.Second", $options: "s" } }, [1]],
      ["no s: . stops at a newline", { notes: { $regex: "line.Second" } }, []],
      ["x", { name: { $regex: "^ b a n # a comment\n a n a $", $options: "xi" } }, [2]],
      ["x in a BSON regex", { name: new BSONRegExp("^ app  le $ # the whole name", "x") }, [1]],
      ["PCRE inline options", { name: { $regex: "(?i)^APPLE$" } }, [1]],
      ["unicode", { name: /café$/ }, [4]],
    ])("%s", async (_name, filter, expected) => {
      expect(ids(await coll().find(filter))).toEqual(expected);
    });
  });

  describe("match in linear time on every path", () => {
    it.each<[string, Document, number[]]>([
      ["$regex", { name: { $regex: EVIL } }, []],
      ["a regex value", { name: new BSONRegExp(EVIL) }, []],
      ["a native regex value", { name: /^(a+)+$/ }, []],
      ["$regex with other operators", { name: { $regex: EVIL, $ne: "x" } }, []],
      ["$not", { name: { $not: new BSONRegExp(EVIL) }, _id: 3 }, [3]],
      ["$in", { tags: { $in: ["none", new BSONRegExp(EVIL)] } }, []],
      ["$nin", { tags: { $nin: [new BSONRegExp(EVIL)] }, _id: 3 }, [3]],
      ["$all", { tags: { $all: [new BSONRegExp(EVIL)] } }, []],
      ["$elemMatch on elements", { tags: { $elemMatch: { $regex: EVIL } } }, []],
      ["$elemMatch on fields", { items: { $elemMatch: { label: { $regex: EVIL } } } }, []],
      ["inside $or", { $or: [{ _id: 99 }, { name: { $regex: EVIL } }] }, []],
      ["$expr with $regexMatch", { $expr: { $regexMatch: { input: "$name", regex: EVIL } } }, []],
    ])("find with %s", async (_name, filter, expected) => {
      expect(ids(await quickly(() => coll().find(filter)))).toEqual(expected);
    });

    it.each<[string, Document[], unknown]>([
      ["$match", [{ $match: { name: { $regex: EVIL } } }, { $count: "n" }], []],
      ["$match inside a $lookup pipeline", [{ $match: { _id: 3 } }, { $lookup: { from: "names", pipeline: [{ $match: { name: new BSONRegExp(EVIL) } }], as: "m" } }, { $project: { n: { $size: "$m" } } }], [{ _id: 3, n: 0 }]],
      ["$regexMatch", [{ $match: { _id: 3 } }, { $project: { m: { $regexMatch: { input: "$name", regex: EVIL } } } }], [{ _id: 3, m: false }]],
      ["$regexFind", [{ $match: { _id: 3 } }, { $project: { m: { $regexFind: { input: "$name", regex: new BSONRegExp(EVIL) } } } }], [{ _id: 3, m: null }]],
      ["$regexFindAll", [{ $match: { _id: 3 } }, { $project: { m: { $regexFindAll: { input: "$name", regex: /(a+)+!b/ } } } }], [{ _id: 3, m: [] }]],
    ])("aggregate with %s", async (_name, pipeline, expected) => {
      expect(await quickly(() => coll().aggregate(pipeline))).toEqual(expected);
    });

    it("projections with $elemMatch", async () => {
      const [doc] = await quickly(() => coll().find({ _id: 3 }, { items: { $elemMatch: { label: new BSONRegExp(EVIL) } } }));
      expect(doc).toEqual({ _id: 3 });
      expect(await coll().findOne({ _id: 3 }, { items: { $elemMatch: { label: { $regex: "!$" } } } })).toEqual({ _id: 3, items: [{ label: NEAR_MISS }] });
    });

    it("updates: the filter, $pull conditions and array filters", async () => {
      const scratch = sandbox.system("shop.scratch");
      await scratch.insertOne({ _id: 1, tags: [NEAR_MISS, "keep"], items: [{ label: NEAR_MISS, n: 1 }] });
      await quickly(() => scratch.updateOne({ tags: { $regex: EVIL } }, { $set: { "tags.$": "x" } }));
      await quickly(() => scratch.updateOne({ _id: 1 }, { $pull: { tags: { $regex: EVIL } } }));
      await quickly(() => scratch.updateOne({ _id: 1 }, { $pull: { items: { label: new BSONRegExp(EVIL) } } }));
      await quickly(() =>
        scratch.updateOne({ _id: 1 }, { $set: { "items.$[i].n": 2 } }, { arrayFilters: [{ "i.label": { $regex: EVIL } }] }),
      );
      expect(await scratch.findOne({ _id: 1 })).toEqual({ _id: 1, tags: [NEAR_MISS, "keep"], items: [{ label: NEAR_MISS, n: 1 }] });
      await scratch.updateOne({ _id: 1 }, { $pull: { tags: { $regex: "^k" } } });
      expect(await scratch.findOne({ _id: 1 })).toMatchObject({ tags: [NEAR_MISS] });
    });
  });

  it("finds with regexes inside lists", async () => {
    expect(ids(await coll().find({ tags: { $in: [/^yel/, "red"] } }))).toEqual([1, 2]);
    expect(ids(await coll().find({ tags: { $nin: [/^r/, /^y/] } }))).toEqual([3, 4]);
    expect(ids(await coll().find({ tags: { $all: [/^r/, "Fruit"] } }))).toEqual([1]);
  });

  it("answers $regexFind and $regexFindAll as MongoDB does (idx in code points, missing captures null)", async () => {
    const [doc] = await coll().aggregate([
      { $match: { _id: 4 } },
      {
        $project: {
          _id: 0,
          one: { $regexFind: { input: "$name", regex: "(é)|(c)(a)", options: "i" } },
          all: { $regexFindAll: { input: "$name", regex: /[aeiouï]/ } }, // "naïve café": é is not in the class
          none: { $regexFind: { input: "$missing", regex: "x" } },
          astral: { $regexFind: { input: "😀😀x", regex: "x" } },
        },
      },
    ]);
    expect(doc).toEqual({
      one: { match: "ca", idx: 6, captures: [null, "c", "a"] },
      all: ["a", "ï", "e", "a"].map((match, i) => ({ match, idx: [1, 2, 4, 7][i], captures: [] })),
      none: null,
      astral: { match: "x", idx: 2, captures: [] },
    });
  });

  describe("refuse what cannot run in linear time, before reading", () => {
    it.each<[string, () => Promise<unknown>, RegExp]>([
      ["a backreference in $regex", () => sandbox.system(NS).find({ name: { $regex: "(a)\\1" } }), /^Regular expression is invalid: backreferences are not supported: /],
      ["lookahead in a regex value", () => sandbox.system(NS).find({ name: /a(?=b)/ }), /^Regular expression is invalid: lookahead assertions are not supported: /],
      ["a backreference in $in", () => sandbox.system(NS).count({ tags: { $in: [/(a)\1/] } }), /^Regular expression is invalid: backreferences/],
      ["a syntax error", () => sandbox.system(NS).find({ name: { $regex: "a(" } }), /^Regular expression is invalid: missing closing \)/],
      ["an unknown option", () => sandbox.system(NS).find({ name: { $regex: "a", $options: "q" } }), /^invalid flag in regex options: q$/],
      ["$regexMatch with lookahead", () => sandbox.system(NS).aggregate([{ $project: { m: { $regexMatch: { input: "$name", regex: "a(?!b)" } } } }]), /^Regular expression is invalid: lookahead/],
      ["an empty collection too", () => sandbox.system("shop.empty").find({ name: { $regex: "(a)\\1" } }), /^Regular expression is invalid: /],
    ])("%s", async (_name, call, message) => {
      const error = await errorOf(call);
      expect(error.code).toBe("MongoDBError");
      expect(error.message).toMatch(message);
    });
  });
});
