import { EJSON } from "bson";
import { describe, expect, it } from "vitest";

import { commonFromEJSON, commonToEJSON, NOT_COMMON } from "../../src/bson/ejson-common.ts";
import { fromEJSON, parseEJSON, stringifyEJSON } from "../../src/bson/ejson.ts";
import { Double, Long, ObjectId } from "../../src/bson/types.ts";
import { normalizeValue } from "../../src/bson/normalize.ts";

/** What bson's path (the one taken before the common path existed) makes of a value. */
function throughBson(json: unknown): unknown {
  return normalizeValue(EJSON.deserialize(json as object, { relaxed: false }));
}

const COMMON: [string, unknown][] = [
  ["a task as realm-web sends it", { _id: { $oid: "5f0c8a1b2c3d4e5f60000000" }, _partition: "p", name: "n", status: "Open", assignee: "u" }],
  ["a call body", { name: "insertMany", service: "mongodb-atlas", arguments: [{ database: "d", collection: "c", documents: [{ a: 1 }, { b: [true, null, "x"] }] }] }],
  ["int32 bounds", { a: 2147483647, b: -2147483648, c: 0 }],
  ["an uppercase ObjectId", { _id: { $oid: "5F0C8A1B2C3D4E5F60000000" } }],
  ["nesting", { a: { b: { c: [[], {}, [{ d: "e" }]] } } }],
  ["scalars", "text"],
  ["an empty array", []],
  ["keys with dots and unicode", { "a.b": 1, "clé": "café" }],
];

describe("commonFromEJSON", () => {
  it.each(COMMON)("makes of %s what bson makes of it", (_, json) => {
    const common = commonFromEJSON(json);
    expect(common).not.toBe(NOT_COMMON);
    expect(common).toEqual(throughBson(json));
  });

  it.each<[string, unknown]>([
    ["a double", { a: 1.5 }],
    ["an integer beyond int32", { a: 2147483648 }],
    ["negative zero", { a: -0 }],
    ["a date wrapper", { a: { $date: { $numberLong: "0" } } }],
    ["a number wrapper", { a: { $numberInt: "5" } }],
    ["an $oid beside another key", { a: { $oid: "5f0c8a1b2c3d4e5f60000000", b: 1 } }],
    ["an $oid that is not 24 hex digits", { a: { $oid: "nope" } }],
    ["an operator key", { $set: { a: 1 } }],
    ["a __proto__ key", JSON.parse('{"__proto__": {"a": 1}}')],
    ["a key with a zero byte", { "a\u0000": 1 }],
    ["a class instance", { a: new Date(0) }],
  ])("leaves %s to bson", (_, json) => {
    expect(commonFromEJSON(json)).toBe(NOT_COMMON);
  });

  it("leaves the errors to bson's path, word for word", () => {
    expect(() => parseEJSON('{"a": {"$oid": "nope"}}')).toThrow(/invalid Extended JSON/);
    expect(() => parseEJSON('{"a\\u0000b": 1}')).toThrow(/null bytes/);
  });

  it("agrees with bson's path on what fromEJSON answers for mixed bodies", () => {
    const body = { documents: [{ _id: { $oid: "5f0c8a1b2c3d4e5f60000000" }, n: 1.5, d: { $date: "2020-01-01T00:00:00Z" } }, { s: "x" }] };
    expect(fromEJSON(body)).toEqual(throughBson(body));
  });
});

describe("commonToEJSON", () => {
  const id = new ObjectId("5f0c8a1b2c3d4e5f60000000");
  it.each<[string, unknown]>([
    ["found tasks", [{ _id: id, _partition: "p", name: "n", status: "Open" }, { _id: new ObjectId(), name: "m" }]],
    ["nesting", { a: { b: [id, [true, null], {}] }, c: "é\u0000\n\"" }],
    ["a string", "text"],
    ["null", null],
    ["a null-prototype document", Object.assign(Object.create(null) as object, { a: "b" })],
  ])("writes %s as bson does", (_, value) => {
    expect(commonToEJSON(value)).not.toBe(NOT_COMMON);
    expect(stringifyEJSON(value)).toBe(EJSON.stringify(value, { relaxed: false }));
    expect(stringifyEJSON(value, 2)).toBe(EJSON.stringify(value, { relaxed: false }, 2));
  });

  it.each<[string, unknown]>([
    ["a number", { a: 1 }],
    ["a Double", { a: new Double(1) }],
    ["a Long", { a: Long.fromNumber(1) }],
    ["a date", { a: new Date(0) }],
    ["undefined", { a: undefined }],
    ["a __proto__ key", JSON.parse('{"__proto__": "x"}')],
  ])("leaves %s to bson", (_, value) => {
    expect(commonToEJSON(value)).toBe(NOT_COMMON);
    expect(stringifyEJSON(value)).toBe(EJSON.stringify(value, { relaxed: false }));
  });

  it("leaves a circular structure to bson, which refuses it", () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(commonToEJSON(loop)).toBe(NOT_COMMON);
    expect(() => stringifyEJSON(loop)).toThrow(/circular/);
  });
});
