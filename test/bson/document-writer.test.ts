import { BSON } from "bson";
import { describe, expect, it } from "vitest";

import { decodeDocument, encodeDocument } from "../../src/bson/codec.ts";
import { writeCommonDocument } from "../../src/bson/document-writer.ts";
import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from "../../src/bson/types.ts";

const OPTIONS = { checkKeys: false, ignoreUndefined: true } as const;

function written(doc: Record<string, unknown>, size = 4096): Uint8Array | undefined {
  const buffer = new Uint8Array(size);
  const end = writeCommonDocument(doc, buffer);
  return end === undefined ? undefined : buffer.slice(0, end);
}

const COMMON: [string, Record<string, unknown>][] = [
  ["an empty document", {}],
  ["a task", { _id: new ObjectId("5f0c8a1b2c3d4e5f60000000"), _partition: "project=1", name: "task", status: "Open", assignee: "user-1" }],
  ["int32 bounds and beyond", { a: 0, b: -1, c: 2147483647, d: -2147483648, e: 2147483648, f: -2147483649, g: 2 ** 53, h: 2 ** 60 }],
  ["doubles", { a: 1.5, b: -0, c: Number.NaN, d: Number.POSITIVE_INFINITY, e: Number.NEGATIVE_INFINITY, f: 1e-300, g: new Double(3) }],
  ["booleans and null", { t: true, f: false, n: null }],
  ["dates", { a: new Date(0), b: new Date(-86400000), c: new Date(8.64e15), d: new Date(1700000000123) }],
  ["nesting and arrays", { a: { b: { c: [1, "two", { d: [true, null, []] }] } }, e: [], f: {} }],
  ["non-ASCII text", { "clé": "café ☕", emoji: "😀 ok", cjk: "漢字", lone: "\ud800x", mixed: "abc\u00e9" }],
  ["long strings", { s: "x".repeat(1000), u: "é".repeat(500) }],
  ["keys that look like operators or paths", { $set: 1, "a.b": 2, "": 3, __proto__x: 4 }],
  ["a null-prototype document", Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, b: "two" })],
];

describe("writeCommonDocument", () => {
  it.each(COMMON)("writes %s exactly as bson does", (_, doc) => {
    expect(written(doc)).toEqual(new Uint8Array(BSON.serialize(doc, OPTIONS)));
  });

  it.each<[string, Record<string, unknown>]>([
    ["an undefined value", { a: undefined }],
    ["an undefined array element", { a: [1, undefined] }],
    ["a Long", { a: Long.fromNumber(5) }],
    ["an Int32 wrapper", { a: new Int32(5) }],
    ["a Decimal128", { a: Decimal128.fromString("1.5") }],
    ["a Binary", { a: new Binary(new Uint8Array([1, 2])) }],
    ["a Timestamp", { a: new Timestamp({ t: 1, i: 2 }) }],
    ["a regular expression", { a: /x/i }],
    ["a key with a zero byte", { "a\u0000b": 1 }],
    ["an invalid date", { a: new Date(Number.NaN) }],
    ["a Map", { a: new Map([["k", 1]]) }],
    ["a function", { a: () => 1 }],
    ["a bigint", { a: 1n }],
  ])("leaves %s to bson", (_, doc) => {
    expect(written(doc)).toBeUndefined();
  });

  it("leaves a document larger than its buffer to bson", () => {
    expect(written({ s: "x".repeat(100) }, 64)).toBeUndefined();
    expect(written({ s: "é".repeat(30) }, 64)).toBeUndefined();
  });

  it("leaves nesting deeper than 100 levels to bson", () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 120; i++) deep = { d: deep };
    expect(written(deep, 1 << 16)).toBeUndefined();
  });

  it("agrees with bson on random documents, and storage reads back what it wrote", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const values: (() => unknown)[] = [
      () => Math.floor(random() * 2 ** 40) - 2 ** 39,
      () => Math.floor(random() * 1000) - 500,
      () => random() * 1e6,
      () => String.fromCharCode(...Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * (random() < 0.8 ? 128 : 0xffff)))),
      () => random() < 0.5,
      () => null,
      () => new ObjectId(),
      () => new Date(Math.floor(random() * 2e12)),
    ];
    const value = (depth: number): unknown => {
      const pick = random();
      if (depth < 3 && pick < 0.1) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      if (depth < 3 && pick < 0.2) return doc(depth + 1);
      return values[Math.floor(random() * values.length)]();
    };
    const doc = (depth: number): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, (_, i) => [`k${i}${random() < 0.1 ? "é" : ""}`, value(depth)]));
    for (let i = 0; i < 500; i++) {
      const sample = doc(0);
      expect(written(sample, 1 << 16)).toEqual(new Uint8Array(BSON.serialize(sample, OPTIONS)));
      expect(decodeDocument(encodeDocument(sample))).toEqual(decodeDocument(new Uint8Array(BSON.serialize(sample, OPTIONS))));
    }
  });
});
