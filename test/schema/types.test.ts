import { describe, expect, it } from "vitest";

import {
  BSONRegExp,
  Binary,
  Decimal128,
  Double,
  Long,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
} from "../../src/bson/types.ts";
import { type JsonSchema, type SchemaBsonType, type SchemaJsonType, validateDocument } from "../../src/schema/index.ts";
import { field, runCase, type Case } from "./support.ts";

/** One sample per kind of stored value, labelled by what it is. */
const samples: Record<string, unknown> = {
  int: 5,
  negativeInt: -7,
  double: 5.5,
  doubleWrapper: new Double(5),
  bigDouble: 2 ** 40,
  long: Long.fromNumber(5),
  decimal: Decimal128.fromString("5.25"),
  string: "five",
  object: { a: 1 },
  array: [1, 2],
  objectId: new ObjectId("5f1b2c3d4e5f6a7b8c9d0e1f"),
  date: new Date("2020-06-09T00:00:00Z"),
  bool: true,
  null: null,
  regex: /ab+c/i,
  bsonRegex: new BSONRegExp("ab+c", "i"),
  timestamp: new Timestamp({ t: 1, i: 1 }),
  uuid: new UUID("3b241101-e2bb-4255-8caf-4136c566a962"),
  uuidBinary: new Binary(new Uint8Array(16), Binary.SUBTYPE_UUID),
  binData: new Binary(new Uint8Array([1, 2, 3])),
  minKey: new MinKey(),
};
const all = Object.keys(samples);
const numeric = ["int", "negativeInt", "double", "doubleWrapper", "bigDouble", "long", "decimal"];

const bsonTypeAdmits: [SchemaBsonType | SchemaBsonType[], string[]][] = [
  ["int", ["int", "negativeInt"]],
  ["double", ["double", "doubleWrapper", "bigDouble"]],
  ["long", ["long"]],
  ["decimal", ["decimal"]],
  ["number", numeric],
  ["string", ["string"]],
  ["object", ["object"]],
  ["array", ["array"]],
  ["objectId", ["objectId"]],
  ["objectid", ["objectId"]],
  ["date", ["date"]],
  ["bool", ["bool"]],
  ["null", ["null"]],
  ["regex", ["regex", "bsonRegex"]],
  ["timestamp", ["timestamp"]],
  ["uuid", ["uuid", "uuidBinary"]],
  ["binData", ["binData", "uuid", "uuidBinary"]],
  ["mixed", all],
  [["string", "null"], ["string", "null"]],
  [["int", "long"], ["int", "negativeInt", "long"]],
];

const jsonTypeAdmits: [SchemaJsonType | SchemaJsonType[], string[]][] = [
  ["number", numeric],
  ["string", ["string"]],
  ["boolean", ["bool"]],
  ["object", ["object"]],
  ["array", ["array"]],
  ["null", ["null"]],
  [["string", "null"], ["string", "null"]],
];

function passes(schema: JsonSchema, value: unknown): boolean {
  return validateDocument(field(schema), { v: value }).length === 0;
}

describe("bsonType", () => {
  describe.each(bsonTypeAdmits)("bsonType %j", (bsonType, admitted) => {
    it.each(all)("%s", (label) => {
      expect(passes({ bsonType }, samples[label])).toBe(admitted.includes(label));
    });
  });

  it("accepts objectId in any letter case", () => {
    const schema = field({ bsonType: "OBJECTID" as SchemaBsonType });
    expect(validateDocument(schema, { v: new ObjectId() })).toEqual([]);
    expect(validateDocument(schema, { v: "5f1b2c3d4e5f6a7b8c9d0e1f" })).toHaveLength(1);
  });
});

describe("type (JSON types)", () => {
  describe.each(jsonTypeAdmits)("type %j", (type, admitted) => {
    it.each(all)("%s", (label) => {
      expect(passes({ type }, samples[label])).toBe(admitted.includes(label));
    });
  });
});

const messageCases: Case[] = [
  {
    name: "bsonType names the expected and the found type",
    schema: field({ bsonType: "string" }),
    doc: { v: 42 },
    issues: [["v", "bsonType", '"v" must be of bsonType "string", found "int"']],
  },
  {
    name: "a bsonType list reads as alternatives",
    schema: field({ bsonType: ["string", "null", "int"] }),
    doc: { v: 1.5 },
    issues: [["v", "bsonType", '"v" must be of bsonType "string", "null" or "int", found "double"']],
  },
  {
    name: "objectid is reported in its canonical spelling",
    schema: field({ bsonType: "objectid" }),
    doc: { v: "abc" },
    issues: [["v", "bsonType", '"v" must be of bsonType "objectId", found "string"']],
  },
  {
    name: "a Double wrapper is a double, not an int",
    schema: field({ bsonType: "int" }),
    doc: { v: new Double(3) },
    issues: [["v", "bsonType", '"v" must be of bsonType "int", found "double"']],
  },
  {
    name: "Long is not a double",
    schema: field({ bsonType: "double" }),
    doc: { v: Long.fromNumber(3) },
    issues: [["v", "bsonType", '"v" must be of bsonType "double", found "long"']],
  },
  {
    name: "uuid does not admit other binary subtypes",
    schema: field({ bsonType: "uuid" }),
    doc: { v: new Binary(new Uint8Array([1])) },
    issues: [["v", "bsonType", '"v" must be of bsonType "uuid", found "binData"']],
  },
  {
    name: "type uses JSON names for what it found",
    schema: field({ type: "string" }),
    doc: { v: Long.fromNumber(1) },
    issues: [["v", "type", '"v" must be of type "string", found "number"']],
  },
  {
    name: "type reports BSON names for values JSON has no name for",
    schema: field({ type: ["string", "number"] }),
    doc: { v: new ObjectId() },
    issues: [["v", "type", '"v" must be of type "string" or "number", found "objectId"']],
  },
  {
    name: "type boolean",
    schema: field({ type: "boolean" }),
    doc: { v: "true" },
    issues: [["v", "type", '"v" must be of type "boolean", found "string"']],
  },
  {
    name: "the root's type is checked too",
    schema: { bsonType: "object", properties: {} },
    doc: { a: 1 },
    issues: [],
  },
  {
    name: "a missing property is not a type error",
    schema: field({ bsonType: "string" }),
    doc: {},
    issues: [],
  },
  {
    name: "an undefined property counts as missing",
    schema: field({ bsonType: "string" }),
    doc: { v: undefined },
    issues: [],
  },
  {
    name: "mixed still applies the keywords of the value's family",
    schema: field({ bsonType: "mixed", minLength: 2, minimum: 0 }),
    doc: { v: "x" },
    issues: [["v", "minLength"]],
  },
  {
    name: "mixed with a number",
    schema: field({ bsonType: "mixed", minLength: 2, minimum: 0 }),
    doc: { v: -1 },
    issues: [["v", "minimum"]],
  },
  {
    name: "a type mismatch ends the node's checks",
    schema: field({ bsonType: "string", enum: ["a", "b"], minLength: 3 }),
    doc: { v: 7 },
    issues: [["v", "bsonType"]],
  },
];

describe("type messages", () => {
  it.each(messageCases)("$name", runCase);
});
