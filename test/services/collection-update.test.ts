import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { Decimal128, Double, Long, ObjectId, Timestamp, bsonTypeOf, type Document } from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

interface UpdateCase {
  name: string;
  before: Document;
  update: Document;
  after: Document;
  filter?: Document;
  arrayFilters?: Document[];
  /** False when the update leaves the document as it was. */
  modified?: boolean;
}

const L = (n: number | string) => (typeof n === "string" ? Long.fromString(n) : Long.fromNumber(n));
const D = (s: string) => Decimal128.fromString(s);

const UPDATE_CASES: Record<string, UpdateCase[]> = {
  $set: [
    { name: "adds a field at the end", before: { a: 1 }, update: { $set: { b: 2 } }, after: { a: 1, b: 2 } },
    { name: "sets an embedded field", before: { a: { x: 1 } }, update: { $set: { "a.y": 2 } }, after: { a: { x: 1, y: 2 } } },
    { name: "creates embedded documents", before: {}, update: { $set: { "a.b.c": 1 } }, after: { a: { b: { c: 1 } } } },
    { name: "sets an array element by index", before: { arr: [1, 2, 3] }, update: { $set: { "arr.1": 9 } }, after: { arr: [1, 9, 3] } },
    { name: "writes a Long", before: { a: 1 }, update: { $set: { a: L(5) } }, after: { a: L(5) } },
    { name: "changes int to an integral Double", before: { a: 1 }, update: { $set: { a: new Double(1) } }, after: { a: new Double(1) } },
    { name: "changes a Long to int", before: { a: L(1) }, update: { $set: { a: 1 } }, after: { a: 1 } },
    { name: "writes a Decimal128", before: { a: 1 }, update: { $set: { a: D("1.10") } }, after: { a: D("1.10") } },
    { name: "writes a whole document", before: { a: 1 }, update: { $set: { a: { b: L(2), c: [new Double(1)] } } }, after: { a: { b: L(2), c: [new Double(1)] } } },
    { name: "same value is no modification", before: { a: 1 }, update: { $set: { a: 1 } }, after: { a: 1 }, modified: false },
    { name: "keeps _id when set to the same value", before: { a: 1 }, update: { $set: { a: 2 } }, after: { a: 2 } },
  ],
  $unset: [
    { name: "removes a field", before: { a: 1, b: 2 }, update: { $unset: { a: "" } }, after: { b: 2 } },
    { name: "removes an embedded field", before: { a: { x: 1, y: 2 } }, update: { $unset: { "a.x": 1 } }, after: { a: { y: 2 } } },
    { name: "nulls an array element", before: { arr: [1, 2] }, update: { $unset: { "arr.0": "" } }, after: { arr: [null, 2] } },
    { name: "a missing field is no modification", before: { a: 1 }, update: { $unset: { b: "" } }, after: { a: 1 }, modified: false },
  ],
  $inc: [
    { name: "int + int", before: { n: 1 }, update: { $inc: { n: 2 } }, after: { n: 3 } },
    { name: "Long + int stays Long", before: { n: L(1) }, update: { $inc: { n: 2 } }, after: { n: L(3) } },
    { name: "int + Long becomes Long", before: { n: 1 }, update: { $inc: { n: L(2) } }, after: { n: L(3) } },
    { name: "int + double", before: { n: 1 }, update: { $inc: { n: 0.5 } }, after: { n: 1.5 } },
    { name: "Double + int stays Double", before: { n: new Double(1) }, update: { $inc: { n: 1 } }, after: { n: new Double(2) } },
    { name: "int + Double becomes Double", before: { n: 1 }, update: { $inc: { n: new Double(1) } }, after: { n: new Double(2) } },
    { name: "Decimal128 + int stays Decimal128", before: { n: D("1.5") }, update: { $inc: { n: 1 } }, after: { n: D("2.5") } },
    { name: "Long + double becomes double", before: { n: L(1) }, update: { $inc: { n: 0.5 } }, after: { n: 1.5 } },
    { name: "a missing field starts at 0", before: {}, update: { $inc: { n: 5 } }, after: { n: 5 } },
    { name: "an embedded counter", before: { c: { n: 1 } }, update: { $inc: { "c.n": -1 } }, after: { c: { n: 0 } } },
    { name: "int overflow becomes Long", before: { n: 2147483647 }, update: { $inc: { n: 1 } }, after: { n: L(2147483648) } },
    { name: "a large Long stays exact", before: { n: L("9007199254740993") }, update: { $set: { x: 1 } }, after: { n: L("9007199254740993"), x: 1 } },
  ],
  $mul: [
    { name: "int * int", before: { n: 2 }, update: { $mul: { n: 3 } }, after: { n: 6 } },
    { name: "Long * int stays Long", before: { n: L(2) }, update: { $mul: { n: 3 } }, after: { n: L(6) } },
    { name: "int * double is a double even when integral", before: { n: 2 }, update: { $mul: { n: 1.5 } }, after: { n: new Double(3) } },
    { name: "a missing field becomes 0", before: {}, update: { $mul: { n: 2 } }, after: { n: 0 } },
  ],
  "$min and $max": [
    { name: "$min lowers", before: { n: 5 }, update: { $min: { n: 3 } }, after: { n: 3 } },
    { name: "$min keeps a lower value", before: { n: 5 }, update: { $min: { n: 7 } }, after: { n: 5 }, modified: false },
    { name: "$max across types", before: { n: 5 }, update: { $max: { n: L(7) } }, after: { n: L(7) } },
    { name: "$max on dates", before: { d: new Date(Date.UTC(2020, 0, 1)) }, update: { $max: { d: new Date(Date.UTC(2021, 0, 1)) } }, after: { d: new Date(Date.UTC(2021, 0, 1)) } },
    { name: "$min on a missing field sets it", before: {}, update: { $min: { n: 1 } }, after: { n: 1 } },
  ],
  $rename: [
    { name: "moves a field to the end", before: { a: 1, b: 2 }, update: { $rename: { a: "c" } }, after: { b: 2, c: 1 } },
    { name: "renames an embedded field", before: { a: { x: 1 } }, update: { $rename: { "a.x": "a.y" } }, after: { a: { y: 1 } } },
    { name: "keeps the value's type", before: { a: L(1) }, update: { $rename: { a: "b" } }, after: { b: L(1) } },
    { name: "a missing field is no modification", before: { a: 1 }, update: { $rename: { z: "y" } }, after: { a: 1 }, modified: false },
  ],
  $push: [
    { name: "appends", before: { arr: [1] }, update: { $push: { arr: 2 } }, after: { arr: [1, 2] } },
    { name: "creates the array", before: {}, update: { $push: { arr: 1 } }, after: { arr: [1] } },
    { name: "appends an array as one element", before: { arr: [1] }, update: { $push: { arr: [2, 3] } }, after: { arr: [1, [2, 3]] } },
    { name: "$each", before: { arr: [1] }, update: { $push: { arr: { $each: [2, 3] } } }, after: { arr: [1, 2, 3] } },
    { name: "$each with $slice", before: { arr: [1, 2, 3] }, update: { $push: { arr: { $each: [4], $slice: -2 } } }, after: { arr: [3, 4] } },
    { name: "$each with $sort", before: { arr: [3, 1] }, update: { $push: { arr: { $each: [2], $sort: 1 } } }, after: { arr: [1, 2, 3] } },
    { name: "$each with $position", before: { arr: [1, 2] }, update: { $push: { arr: { $each: [9], $position: 0 } } }, after: { arr: [9, 1, 2] } },
    {
      name: "$each with $sort by field and $slice",
      before: { arr: [{ s: 2 }, { s: 1 }] },
      update: { $push: { arr: { $each: [{ s: 3 }], $sort: { s: -1 }, $slice: 2 } } },
      after: { arr: [{ s: 3 }, { s: 2 }] },
    },
    { name: "keeps types of pushed values", before: { arr: [L(1)] }, update: { $push: { arr: new Double(2) } }, after: { arr: [L(1), new Double(2)] } },
    {
      name: "keeps types when pushing at a position",
      before: { arr: [L(1), D("2")] },
      update: { $push: { arr: { $each: [3], $position: 0 } } },
      after: { arr: [3, L(1), D("2")] },
    },
  ],
  $addToSet: [
    { name: "skips a present value", before: { arr: [1, 2] }, update: { $addToSet: { arr: 2 } }, after: { arr: [1, 2] }, modified: false },
    { name: "adds a new value", before: { arr: [1, 2] }, update: { $addToSet: { arr: 3 } }, after: { arr: [1, 2, 3] } },
    { name: "$each adds each new value once", before: { arr: [1] }, update: { $addToSet: { arr: { $each: [1, 2, 2, 3] } } }, after: { arr: [1, 2, 3] } },
    { name: "equal across numeric types", before: { arr: [1] }, update: { $addToSet: { arr: L(1) } }, after: { arr: [1] }, modified: false },
    { name: "creates the array", before: {}, update: { $addToSet: { arr: "x" } }, after: { arr: ["x"] } },
  ],
  $pop: [
    { name: "last", before: { arr: [1, 2, 3] }, update: { $pop: { arr: 1 } }, after: { arr: [1, 2] } },
    { name: "first", before: { arr: [1, 2, 3] }, update: { $pop: { arr: -1 } }, after: { arr: [2, 3] } },
  ],
  "$pull and $pullAll": [
    { name: "$pull a value", before: { arr: [1, 2, 3, 2] }, update: { $pull: { arr: 2 } }, after: { arr: [1, 3] } },
    { name: "$pull by condition", before: { arr: [1, 2, 3] }, update: { $pull: { arr: { $gte: 2 } } }, after: { arr: [1] } },
    { name: "$pull documents by query", before: { arr: [{ k: 1 }, { k: 2 }] }, update: { $pull: { arr: { k: 1 } } }, after: { arr: [{ k: 2 }] } },
    { name: "$pull across numeric types", before: { arr: [L(1), 2] }, update: { $pull: { arr: 1 } }, after: { arr: [2] } },
    { name: "$pullAll", before: { arr: [1, 2, 3, 1] }, update: { $pullAll: { arr: [1, 3] } }, after: { arr: [2] } },
    { name: "$pop keeps the types of the rest", before: { arr: [L(1), 2, D("3")] }, update: { $pop: { arr: -1 } }, after: { arr: [2, D("3")] } },
  ],
  "positional operators": [
    {
      name: "$ sets the matched element",
      before: { arr: [{ k: 1, v: 0 }, { k: 2, v: 0 }] },
      filter: { "arr.k": 2 },
      update: { $set: { "arr.$.v": 9 } },
      after: { arr: [{ k: 1, v: 0 }, { k: 2, v: 9 }] },
    },
    { name: "$ on scalars", before: { arr: [1, 2, 3] }, filter: { arr: 2 }, update: { $inc: { "arr.$": 10 } }, after: { arr: [1, 12, 3] } },
    { name: "$[] on every element", before: { arr: [1, 2] }, update: { $inc: { "arr.$[]": 1 } }, after: { arr: [2, 3] } },
    {
      name: "$[<id>] with arrayFilters",
      before: { arr: [1, 5, 10] },
      update: { $set: { "arr.$[big]": 0 } },
      arrayFilters: [{ big: { $gte: 5 } }],
      after: { arr: [1, 0, 0] },
    },
    {
      name: "$[<id>] on documents",
      before: { arr: [{ k: 1, v: 0 }, { k: 2, v: 0 }] },
      update: { $set: { "arr.$[e].v": 1 } },
      arrayFilters: [{ "e.k": 2 }],
      after: { arr: [{ k: 1, v: 0 }, { k: 2, v: 1 }] },
    },
    {
      name: "$[] and $[<id>] nested",
      before: { g: [{ xs: [1, 2] }, { xs: [3] }] },
      update: { $inc: { "g.$[].xs.$[x]": 100 } },
      arrayFilters: [{ x: { $gt: 1 } }],
      after: { g: [{ xs: [1, 102] }, { xs: [103] }] },
    },
    {
      name: "arrayFilters compare across numeric types",
      before: { arr: [L(1), L(5), 7] },
      update: { $set: { "arr.$[x]": "big" } },
      arrayFilters: [{ x: { $gt: L(2) } }],
      after: { arr: [L(1), "big", "big"] },
    },
    { name: "$[] keeps Longs Long under $inc", before: { arr: [L(1), L(2)] }, update: { $inc: { "arr.$[]": 1 } }, after: { arr: [L(2), L(3)] } },
    {
      name: "a positional $set writes the operand's type",
      before: { arr: [L(1), L(5)] },
      update: { $set: { "arr.$[x]": 0 } },
      arrayFilters: [{ x: { $gt: 2 } }],
      after: { arr: [L(1), 0] },
    },
    {
      name: "a positional $set of an equal int over a Long changes the type",
      before: { arr: [L(1), L(5)] },
      update: { $set: { "arr.$[x]": 5 } },
      arrayFilters: [{ x: { $gt: 2 } }],
      after: { arr: [L(1), 5] },
    },
    { name: "$ sets a Long over an int", before: { arr: [1, 2] }, filter: { arr: 2 }, update: { $set: { "arr.$": L(7) } }, after: { arr: [1, L(7)] } },
    { name: "$[] sets a Decimal128 in documents", before: { g: [{ v: 1 }, { v: L(2) }] }, update: { $set: { "g.$[].v": D("0.5") } }, after: { g: [{ v: D("0.5") }, { v: D("0.5") }] } },
    { name: "$[] $inc of a double over Longs widens to double", before: { arr: [L(1), L(2)] }, update: { $inc: { "arr.$[]": new Double(1) } }, after: { arr: [new Double(2), new Double(3)] } },
    { name: "$[] $max keeps the Longs it does not replace", before: { arr: [L(1), L(9)] }, update: { $max: { "arr.$[]": 5 } }, after: { arr: [5, L(9)] } },
  ],
  "several operators": [
    {
      name: "$set, $push and $unset together",
      before: { a: 1, b: [1], c: 1 },
      update: { $set: { a: 2 }, $push: { b: 2 }, $unset: { c: "" } },
      after: { a: 2, b: [1, 2] },
    },
    {
      name: "untouched fields keep their types",
      before: { big: L("9007199254740993"), d: D("1.10"), dbl: new Double(4), x: 1 },
      update: { $set: { x: 2 } },
      after: { big: L("9007199254740993"), d: D("1.10"), dbl: new Double(4), x: 2 },
    },
    { name: "$setOnInsert does nothing on update", before: { a: 1 }, update: { $setOnInsert: { b: 1 } }, after: { a: 1 }, modified: false },
  ],
};

const ALL_CASES = Object.entries(UPDATE_CASES).flatMap(([group, cases]) => cases.map((c) => ({ ...c, group })));

describe("update operators", () => {
  let sandbox: TestApp;
  const coll = () => sandbox.system("ops.docs");

  beforeAll(async () => {
    sandbox = await openTestApp();
    await coll().insertMany(ALL_CASES.map((c, i) => ({ _id: i, ...c.before })));
  });

  afterAll(() => sandbox.close());

  for (const [group, cases] of Object.entries(UPDATE_CASES)) {
    describe(group, () => {
      const run = async (c: UpdateCase) => {
        const _id = ALL_CASES.findIndex((x) => x.name === c.name && x.group === group);
        const result = await coll().updateOne({ _id, ...c.filter }, c.update, c.arrayFilters ? { arrayFilters: c.arrayFilters } : {});
        expect(result).toEqual({ matchedCount: 1, modifiedCount: c.modified === false ? 0 : 1 });
        expect(stringifyEJSON(await coll().findOne({ _id }))).toBe(stringifyEJSON({ _id, ...c.after }));
      };
      it.each(cases)("$name", run);
    });
  }
});

describe("updates", () => {
  let sandbox: TestApp;
  const coll = (name = "things") => sandbox.system(`upd.${name}`);

  beforeAll(async () => {
    sandbox = await openTestApp();
  });

  afterAll(() => sandbox.close());

  it("$currentDate writes the injected clock's time as a Date or a Timestamp", async () => {
    const c = coll("dates");
    await c.insertOne({ _id: 1 });
    sandbox.clock.advance(1500);
    await c.updateOne({ _id: 1 }, { $currentDate: { at: true, when: { $type: "date" }, ts: { $type: "timestamp" } } });
    const doc = (await c.findOne({ _id: 1 }))!;
    expect(doc.at).toEqual(new Date(sandbox.clock.now()));
    expect(doc.when).toEqual(new Date(sandbox.clock.now()));
    expect(bsonTypeOf(doc.ts)).toBe("timestamp");
    expect((doc.ts as Timestamp).t).toBe(Math.floor(sandbox.clock.now() / 1000));
  });

  it("leaves other fields' types alone when the update writes an equal number of another type", async () => {
    const c = coll("equal-numbers");
    await c.insertOne({ _id: 1, a: 1, n: 1, list: [1, 2] });
    await c.updateOne({ _id: 1 }, { $inc: { n: L(1) }, $set: { b: new Double(2) } });
    expect(stringifyEJSON(await c.findOne({}))).toBe(stringifyEJSON({ _id: 1, a: 1, n: L(2), list: [1, 2], b: new Double(2) }));
  });

  it("updateMany updates every match and counts them", async () => {
    const c = coll("many");
    await c.insertMany([{ g: 1, n: 1 }, { g: 1, n: 2 }, { g: 2, n: 3 }, { g: 1, n: 4 }]);
    expect(await c.updateMany({ g: 1 }, { $inc: { n: 10 } })).toEqual({ matchedCount: 3, modifiedCount: 3 });
    expect((await c.find({}, { _id: 0, n: 1 }, { sort: { n: 1 } })).map((d) => d.n)).toEqual([3, 11, 12, 14]);
    expect(await c.updateMany({ g: 1 }, { $max: { n: 12 } })).toEqual({ matchedCount: 3, modifiedCount: 1 });
    expect(await c.updateMany({ g: 9 }, { $set: { n: 0 } })).toEqual({ matchedCount: 0, modifiedCount: 0 });
  });

  it("updateOne changes only the first match", async () => {
    const c = coll("one");
    await c.insertMany([{ _id: 1, g: 1 }, { _id: 2, g: 1 }]);
    expect(await c.updateOne({ g: 1 }, { $set: { hit: true } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.count({ hit: true })).toBe(1);
  });

  it.each<[string, Document, RegExp]>([
    ["an unknown operator", { $foo: { a: 1 } }, /^Unknown modifier: \$foo\. Expected a valid update modifier$/],
    ["operators mixed with fields", { $set: { a: 1 }, b: 2 }, /cannot mix update operators and plain fields/],
    ["an operator without a document", { $set: 5 }, /Modifiers operate on fields but we found a number instead for \$set/],
    ["$inc of a string", { $inc: { s: 1 } }, /^Cannot apply \$inc to a value of non-numeric type\. \{_id: \{"\$numberInt":"1"\}\} has the field 's' of non-numeric type string$/],
    ["$mul by a string", { $mul: { n: "2" } }, /^Cannot multiply with non-numeric argument: \{n: "2"\}$/],
    ["$push onto a non-array", { $push: { s: 1 } }, /^The field 's' must be an array but is of type string in document \{_id: /],
    ["$pull from a non-array", { $pull: { s: 1 } }, /must be an array/],
    ["conflicting paths", { $set: { a: 1 }, $inc: { a: 1 } }, /^invalid update: updating the path 'a' would create a conflict at 'a'$/],
    ["a bad $currentDate", { $currentDate: { at: "now" } }, /^\$currentDate: /],
  ])("rejects %s and changes nothing", async (_name, update, message) => {
    const c = coll("errors");
    await c.deleteMany({});
    await c.insertOne({ _id: 1, s: "text" });
    const error = await errorOf(() => c.updateOne({ _id: 1 }, update));
    expect(error.code).toBe("MongoDBError");
    expect(error.message).toMatch(message);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: "text" });
  });

  describe("fields inside values that are not documents", () => {
    const BEFORE = { _id: 1, s: "text", list: [{ x: 1 }], nil: null, sub: { k: 1 } };
    const c = () => coll("create");

    it.each<[string, Document, RegExp]>([
      ["$set in a string", { $set: { "s.x": 1 } }, /^Cannot create field 'x' in element \{s: "text"\}$/],
      ["$set by name in an array", { $set: { "list.x": 1 } }, /^Cannot create field 'x' in element \{list: \[/],
      ["$inc in null", { $inc: { "nil.n": 1 } }, /^Cannot create field 'n' in element \{nil: null\}$/],
      ["$push deeper in a string", { $push: { "s.a.b": 1 } }, /^Cannot create field 'a' in element \{s: "text"\}$/],
      ["$rename into a string", { $rename: { sub: "s.y" } }, /^Cannot create field 'y' in element \{s: "text"\}$/],
    ])("refuses %s and changes nothing", async (_name, update, message) => {
      await c().deleteMany({});
      await c().insertOne(structuredClone(BEFORE));
      const error = await errorOf(() => c().updateOne({ _id: 1 }, update));
      expect(error.code).toBe("MongoDBError");
      expect(error.message).toMatch(message);
      expect(await c().findOne({ _id: 1 })).toEqual(BEFORE);
    });

    it.each<[string, Document, Document]>([
      ["$set through an array by index", { $set: { "list.0.y": 2 } }, { ...BEFORE, list: [{ x: 1, y: 2 }] }],
      ["$set in a document", { $set: { "sub.k2": 2 } }, { ...BEFORE, sub: { k: 1, k2: 2 } }],
      ["$set under a missing field", { $set: { "new.a": 1 } }, { ...BEFORE, new: { a: 1 } }],
      ["$unset inside a string does nothing", { $unset: { "s.x": "" } }, BEFORE],
    ])("allows %s", async (_name, update, after) => {
      await c().deleteMany({});
      await c().insertOne(structuredClone(BEFORE));
      await c().updateOne({ _id: 1 }, update);
      expect(await c().findOne({ _id: 1 })).toEqual(after);
    });
  });

  it.each<[string, Document]>([
    ["$set", { $set: { _id: 2 } }],
    ["$unset", { $unset: { _id: "" } }],
    ["$inc", { $inc: { _id: 1 } }],
    ["$rename", { $rename: { _id: "old" } }],
    ["a replacement with another _id", { _id: 2, a: 1 }],
  ])("refuses to change _id with %s", async (_name, update) => {
    const c = coll("immutable");
    await c.deleteMany({});
    await c.insertOne({ _id: 1, a: 0 });
    const error = await errorOf(() => c.updateOne({ _id: 1 }, update));
    expect(error).toMatchObject({
      code: "MongoDBError",
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    expect(await c.findOne({})).toEqual({ _id: 1, a: 0 });
  });

  it("allows setting _id to its current value", async () => {
    const c = coll("same-id");
    await c.insertOne({ _id: L(1), a: 0 });
    expect(await c.updateOne({ _id: 1 }, { $set: { _id: 1, a: 1 } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect(stringifyEJSON(await c.findOne({}))).toBe(stringifyEJSON({ _id: L(1), a: 1 }));
  });

  it("refuses an update of many documents as a whole when one fails", async () => {
    const c = coll("atomic");
    await c.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: "two" }, { _id: 3, n: 3 }]);
    expect((await errorOf(() => c.updateMany({}, { $inc: { n: 1 } }))).code).toBe("MongoDBError");
    expect((await c.find({}, undefined, { sort: { _id: 1 } })).map((d) => d.n)).toEqual([1, "two", 3]);
  });

  describe("replacement-style updates", () => {
    it("replaces every field but _id", async () => {
      const c = coll("replace-style");
      await c.insertOne({ _id: 1, a: 1, b: 2 });
      expect(await c.updateOne({ _id: 1 }, { name: "x", b: L(3) })).toEqual({ matchedCount: 1, modifiedCount: 1 });
      expect(stringifyEJSON(await c.findOne({ _id: 1 }))).toBe(stringifyEJSON({ _id: 1, name: "x", b: L(3) }));
    });

    it("accepts the document's own _id in the replacement", async () => {
      const c = coll("replace-own-id");
      await c.insertOne({ _id: 1, a: 1 });
      await c.updateOne({ _id: 1 }, { a: 2, _id: 1 });
      expect(await c.findOne({})).toEqual({ _id: 1, a: 2 });
    });

    it("writes a type change even when the values are equal", async () => {
      const c = coll("replace-types");
      await c.insertOne({ _id: 1, n: 1 });
      expect(await c.updateOne({ _id: 1 }, { n: L(1) })).toEqual({ matchedCount: 1, modifiedCount: 1 });
      expect(bsonTypeOf((await c.findOne({}))!.n)).toBe("long");
    });

    it("replaceOne replaces, keeping the replacement's field order", async () => {
      const c = coll("replace-one");
      await c.insertMany([{ _id: 1, k: 1, a: 1 }, { _id: 2, k: 1, a: 2 }]);
      expect(await c.replaceOne({ k: 1 }, { z: 1, y: 2 })).toEqual({ matchedCount: 1, modifiedCount: 1 });
      expect(Object.keys((await c.findOne({ _id: 1 }))!)).toEqual(["_id", "z", "y"]);
      expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, k: 1, a: 2 });
      expect(await c.replaceOne({ k: 99 }, { z: 1 })).toEqual({ matchedCount: 0, modifiedCount: 0 });
    });

    it("replaceOne refuses operators", async () => {
      const c = coll("replace-ops");
      await c.insertOne({ _id: 1 });
      const error = await errorOf(() => c.replaceOne({ _id: 1 }, { $set: { a: 1 } }));
      expect(error).toMatchObject({ code: "MongoDBError", message: "replacement document cannot contain operator $set" });
    });
  });

  describe("upsert", () => {
    it("inserts a document seeded from the filter's equality conditions", async () => {
      const c = coll("upsert-seed");
      const result = await c.updateOne(
        { name: "new", "meta.kind": "a", n: { $gt: 1 }, $and: [{ tag: { $eq: "t" } }], re: /x/ },
        { $set: { x: 1 }, $setOnInsert: { created: true } },
        { upsert: true },
      );
      expect(result.matchedCount).toBe(0);
      expect(result.modifiedCount).toBe(0);
      expect(bsonTypeOf(result.upsertedId)).toBe("objectId");
      const doc = (await c.findOne({ _id: result.upsertedId }))!;
      expect(Object.keys(doc)[0]).toBe("_id");
      expect(doc).toEqual({ _id: result.upsertedId, name: "new", meta: { kind: "a" }, tag: "t", x: 1, created: true });
    });

    it("takes _id from the filter", async () => {
      const c = coll("upsert-id");
      const result = await c.updateOne({ _id: "fixed" }, { $inc: { n: 1 } }, { upsert: true });
      expect(result.upsertedId).toBe("fixed");
      await c.updateOne({ _id: "fixed" }, { $inc: { n: 1 } }, { upsert: true });
      expect(await c.find({})).toEqual([{ _id: "fixed", n: 2 }]);
    });

    it("takes _id from $setOnInsert or $set when inserting", async () => {
      const c = coll("upsert-set-id");
      expect((await c.updateOne({ k: 1 }, { $setOnInsert: { _id: "custom" }, $set: { v: 1 } }, { upsert: true })).upsertedId).toBe("custom");
      expect((await c.updateOne({ k: 2 }, { $set: { _id: "other", v: 2 } }, { upsert: true })).upsertedId).toBe("other");
      expect(await c.find({}, undefined, { sort: { k: 1 } })).toEqual([
        { _id: "custom", k: 1, v: 1 },
        { _id: "other", k: 2, v: 2 },
      ]);
      // Once the document exists, $setOnInsert is skipped and $set may not change _id.
      expect(await c.updateOne({ k: 1 }, { $setOnInsert: { _id: "again" }, $set: { v: 3 } }, { upsert: true })).toEqual({ matchedCount: 1, modifiedCount: 1 });
      expect((await errorOf(() => c.updateOne({ k: 2 }, { $set: { _id: "changed" } }, { upsert: true }))).code).toBe("MongoDBError");
    });

    it("assigns the generated _id from the injected clock", async () => {
      const c = coll("upsert-clock");
      const { upsertedId } = await c.updateOne({ k: 1 }, { $set: { v: 1 } }, { upsert: true });
      expect((upsertedId as ObjectId).getTimestamp().getTime()).toBe(Math.floor(sandbox.clock.now() / 1000) * 1000);
    });

    it("updates instead when something matches", async () => {
      const c = coll("upsert-match");
      await c.insertOne({ _id: 1, k: 1 });
      expect(await c.updateOne({ k: 1 }, { $set: { v: 1 }, $setOnInsert: { created: true } }, { upsert: true })).toEqual({
        matchedCount: 1,
        modifiedCount: 1,
      });
      expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, k: 1, v: 1 });
    });

    it("upserts a replacement without the filter's fields (but with its _id)", async () => {
      const c = coll("upsert-replace");
      await c.replaceOne({ _id: 7, k: 1 }, { v: 2 }, { upsert: true });
      await c.updateOne({ k: 2 }, { v: 3 }, { upsert: true });
      const docs = await c.find({}, undefined, { sort: { v: 1 } });
      expect(docs[0]).toEqual({ _id: 7, v: 2 });
      expect(Object.keys(docs[1])).toEqual(["_id", "v"]);
    });

    it("updateMany upserts one document", async () => {
      const c = coll("upsert-many");
      const result = await c.updateMany({ g: 5 }, { $set: { seen: true } }, { upsert: true });
      expect(result.upsertedId).toBeDefined();
      expect(await c.find({}, { _id: 0 })).toEqual([{ g: 5, seen: true }]);
    });
  });

  describe("deletes", () => {
    it("deleteOne removes the first match, deleteMany every match", async () => {
      const c = coll("deletes");
      await c.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }, { g: 1 }]);
      expect(await c.deleteOne({ g: 1 })).toEqual({ deletedCount: 1 });
      expect(await c.count({ g: 1 })).toBe(2);
      expect(await c.deleteMany({ g: 1 })).toEqual({ deletedCount: 2 });
      expect(await c.deleteOne({ g: 1 })).toEqual({ deletedCount: 0 });
      expect(await c.deleteMany({})).toEqual({ deletedCount: 1 });
      expect(await c.count()).toBe(0);
    });

    it("deletes by _id across numeric types", async () => {
      const c = coll("delete-id");
      await c.insertOne({ _id: L(3) });
      expect(await c.deleteOne({ _id: 3 })).toEqual({ deletedCount: 1 });
    });
  });

  describe("findOneAndUpdate / findOneAndReplace / findOneAndDelete", () => {
    const seed = async (name: string) => {
      const c = coll(name);
      await c.insertMany([
        { _id: 1, g: 1, n: 10, s: "a" },
        { _id: 2, g: 1, n: 30, s: "b" },
        { _id: 3, g: 1, n: 20, s: "c" },
      ]);
      return c;
    };

    it("findOneAndUpdate returns the document before, or after with returnNewDocument", async () => {
      const c = await seed("fau");
      expect(await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } })).toEqual({ _id: 1, g: 1, n: 10, s: "a" });
      expect(await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnNewDocument: true })).toEqual({ _id: 1, g: 1, n: 12, s: "a" });
      expect(await c.findOneAndUpdate({ _id: 99 }, { $inc: { n: 1 } })).toBeNull();
    });

    it("findOneAndUpdate picks the first by sort and projects", async () => {
      const c = await seed("fau-sort");
      const doc = await c.findOneAndUpdate({ g: 1 }, { $set: { top: true } }, { sort: { n: -1 }, projection: { s: 1, top: 1 }, returnNewDocument: true });
      expect(doc).toEqual({ _id: 2, s: "b", top: true });
      const low = await c.findOneAndUpdate({ g: 1 }, { $set: { low: true } }, { sort: { n: 1 }, projection: { _id: 1 } });
      expect(low).toEqual({ _id: 1 });
      expect(await c.count({ low: true })).toBe(1);
    });

    it("findOneAndUpdate upserts", async () => {
      const c = coll("fau-upsert");
      expect(await c.findOneAndUpdate({ k: 1 }, { $set: { v: 1 } }, { upsert: true })).toBeNull();
      const created = await c.findOneAndUpdate({ k: 2 }, { $set: { v: 2 } }, { upsert: true, returnNewDocument: true, projection: { _id: 0 } });
      expect(created).toEqual({ k: 2, v: 2 });
      expect(await c.count()).toBe(2);
    });

    it("findOneAndUpdate supports arrayFilters", async () => {
      const c = coll("fau-filters");
      await c.insertOne({ _id: 1, xs: [1, 5, 9] });
      const doc = await c.findOneAndUpdate({ _id: 1 }, { $set: { "xs.$[x]": 0 } }, { arrayFilters: [{ x: { $gt: 4 } }], returnNewDocument: true });
      expect(doc).toEqual({ _id: 1, xs: [1, 0, 0] });
    });

    it("findOneAndUpdate with no change still returns the document", async () => {
      const c = await seed("fau-noop");
      expect(await c.findOneAndUpdate({ _id: 1 }, { $set: { n: 10 } }, { returnNewDocument: true })).toEqual({ _id: 1, g: 1, n: 10, s: "a" });
    });

    it("findOneAndReplace replaces the first by sort", async () => {
      const c = await seed("far");
      const before = await c.findOneAndReplace({ g: 1 }, { g: 2, s: "z" }, { sort: { n: -1 } });
      expect(before).toEqual({ _id: 2, g: 1, n: 30, s: "b" });
      expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, g: 2, s: "z" });
      const after = await c.findOneAndReplace({ _id: 3 }, { s: "y" }, { returnNewDocument: true, projection: { s: 1 } });
      expect(after).toEqual({ _id: 3, s: "y" });
    });

    it("findOneAndReplace upserts", async () => {
      const c = coll("far-upsert");
      const doc = await c.findOneAndReplace({ _id: 5 }, { v: 1 }, { upsert: true, returnNewDocument: true });
      expect(doc).toEqual({ _id: 5, v: 1 });
    });

    it("findOneAndDelete deletes the first by sort and returns it projected", async () => {
      const c = await seed("fad");
      expect(await c.findOneAndDelete({ g: 1 }, { sort: { n: 1 }, projection: { n: 1, _id: 0 } })).toEqual({ n: 10 });
      expect(await c.findOneAndDelete({ g: 1 }, { sort: { s: -1 } })).toEqual({ _id: 3, g: 1, n: 20, s: "c" });
      expect(await c.count()).toBe(1);
      expect(await c.findOneAndDelete({ g: 9 })).toBeNull();
    });

    it("rejects a bad projection before changing anything", async () => {
      const c = await seed("fam-bad");
      const error = await errorOf(() => c.findOneAndUpdate({ _id: 1 }, { $set: { n: 0 } }, { projection: { a: 1, b: 0 } }));
      expect(error.code).toBe("MongoDBError");
      expect((await c.findOne({ _id: 1 }))!.n).toBe(10);
    });
  });
});
