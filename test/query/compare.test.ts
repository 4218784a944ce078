import { describe, expect, it } from "vitest";

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
  UUID,
} from "../../src/bson/types.ts";
import { compareBson, matchesEquality, valuesEqual } from "../../src/query/compare.ts";
import { parseSort, sortDocuments } from "../../src/query/sort.ts";
import { rawValueOf, toQueryValue } from "../../src/query/view.ts";

/** Values in ascending MongoDB order; each row compares equal within itself. */
const ORDER: unknown[][] = [
  [new MinKey()],
  [null, undefined],
  [Number.NaN, new Double(Number.NaN)],
  [-Infinity],
  [Long.fromString("-9007199254740993")],
  [-1, Long.fromNumber(-1), Decimal128.fromString("-1.0")],
  [0, -0, new Double(0), Long.fromNumber(0)],
  [0.5, Decimal128.fromString("0.5")],
  [2, new Double(2), Long.fromNumber(2)],
  [Infinity],
  [""],
  ["A"],
  ["a"],
  ["b"],
  [{}],
  [{ a: 1 }, { a: Long.fromNumber(1) }],
  [{ a: 1, b: 1 }],
  [{ a: 2 }],
  [{ b: 0 }],
  [[]],
  [[1]],
  [[1, 2]],
  [[2]],
  [new Binary(new Uint8Array([9]), 0)],
  [new Binary(new Uint8Array([1]), 5)],
  [new Binary(new Uint8Array([1, 2]), 0)],
  [new UUID("00000000-0000-4000-8000-000000000000")],
  [new ObjectId("000000000000000000000001")],
  [new ObjectId("ffffffffffffffffffffffff")],
  [false],
  [true],
  [new Date(-1)],
  [new Date(0)],
  [new Timestamp({ t: 1, i: 5 })],
  [new Timestamp({ t: 2, i: 0 })],
  [/a/, new BSONRegExp("a", "")],
  [/a/i],
  [/b/],
  [new MaxKey()],
];

describe("compareBson", () => {
  const flat = ORDER.flatMap((row, rank) => row.map((value) => ({ value, rank })));

  it("orders every pair as MongoDB does", () => {
    for (const a of flat) {
      for (const b of flat) {
        const expected = Math.sign(a.rank - b.rank);
        expect(Math.sign(compareBson(a.value, b.value)), `${String(a.value)} vs ${String(b.value)}`).toBe(expected);
      }
    }
  });
});

describe("valuesEqual and matchesEquality", () => {
  it.each<[string, unknown, unknown, boolean]>([
    ["int and Long", 1, Long.fromNumber(1), true],
    ["int and Double", 1, new Double(1), true],
    ["Decimal128 and double", Decimal128.fromString("0.5"), 0.5, true],
    ["different numbers", 1, 2, false],
    ["ObjectIds", new ObjectId("64d000000000000000000001"), new ObjectId("64d000000000000000000001"), true],
    ["nested numbers", { a: [Long.fromNumber(1)] }, { a: [1] }, true],
    ["dates", new Date(5), new Date(5), true],
    ["number and string", 1, "1", false],
  ])("valuesEqual: %s", (_name, a, b, expected) => {
    expect(valuesEqual(a, b)).toBe(expected);
  });

  it("matches an array field by any element", () => {
    expect(matchesEquality([1, Long.fromNumber(2)], 2)).toBe(true);
    expect(matchesEquality([1, 2], [1, 2])).toBe(true);
    expect(matchesEquality([1, 2], 3)).toBe(false);
  });
});

describe("query view", () => {
  it("returns documents without numeric wrappers unchanged", () => {
    const doc = { a: 1, b: ["x", { c: new Date(0) }], d: new ObjectId() };
    expect(toQueryValue(doc)).toBe(doc);
  });

  it("copies only what holds wrappers, and leads back to the stored values", () => {
    const inner = { n: Long.fromNumber(5) };
    const untouched = { s: "x" };
    const doc = { inner, untouched, list: [new Double(1), 2] };
    const view = toQueryValue(doc) as typeof doc;
    expect(view).not.toBe(doc);
    expect(view.untouched).toBe(untouched);
    expect(view.inner).toEqual({ n: 5 });
    expect(view.list).toEqual([1, 2]);
    expect(rawValueOf(view)).toBe(doc);
    expect(rawValueOf(view.inner)).toBe(inner);
    expect(rawValueOf(untouched)).toBe(untouched);
    expect(rawValueOf(5)).toBe(5);
  });

  it("turns BSON regular expressions into native ones, dropping flags JavaScript lacks", () => {
    const view = toQueryValue(new BSONRegExp("^a", "iml")) as RegExp;
    expect(view).toBeInstanceOf(RegExp);
    expect(view.flags).toBe("im");
  });

  it("keeps a BSON regular expression with the x option, which JavaScript cannot express", () => {
    const regex = new BSONRegExp("^a # comment", "ix");
    expect(toQueryValue(regex)).toBe(regex);
  });
});

describe("sort", () => {
  it.each<[string, unknown, string]>([
    ["a direction of 2", { a: 2 }, 'bad sort direction for "a": must be 1 or -1'],
    ["a string direction", { a: "asc" }, 'bad sort direction for "a": must be 1 or -1'],
    ["an array", [["a", 1]], "sort must be a document"],
  ])("parseSort rejects %s", (_name, sort, message) => {
    expect(() => parseSort(sort)).toThrow(message);
  });

  it("parseSort accepts numeric wrappers", () => {
    expect(parseSort({ a: Long.fromNumber(-1), b: new Double(1) })).toEqual({ a: -1, b: 1 });
    expect(parseSort(undefined)).toBeUndefined();
  });

  it("sorts by embedded paths and keeps ties in input order", () => {
    const docs = [
      { _id: 1, m: { k: 2 } },
      { _id: 2, m: { k: 1 } },
      { _id: 3, m: { k: 2 } },
      { _id: 4 },
    ];
    expect(sortDocuments(docs, { "m.k": 1 }).map((d) => d._id)).toEqual([4, 2, 1, 3]);
    expect(sortDocuments(docs, { "m.k": -1 }).map((d) => d._id)).toEqual([1, 3, 2, 4]);
    expect(sortDocuments(docs, undefined)).toBe(docs);
  });
});
