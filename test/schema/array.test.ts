import { describe, it } from "vitest";

import { Decimal128, Double, Long, ObjectId } from "../../src/bson/types.ts";
import { type Case, field, runCase } from "./support.ts";

const id = "5f1b2c3d4e5f6a7b8c9d0e1f";

const cases: Case[] = [
  // items (one schema)
  { name: "items: every element matches", schema: field({ items: { bsonType: "string" } }), doc: { v: ["a", "b"] }, issues: [] },
  {
    name: "items: each bad element is reported with its index",
    schema: field({ bsonType: "array", items: { bsonType: "string" } }),
    doc: { v: ["a", 1, "c", true] },
    issues: [
      ["v.1", "bsonType", '"v.1" must be of bsonType "string", found "int"'],
      ["v.3", "bsonType", '"v.3" must be of bsonType "string", found "bool"'],
    ],
  },
  { name: "items: an empty array passes", schema: field({ items: { bsonType: "string" } }), doc: { v: [] }, issues: [] },
  {
    name: "items: arrays of arrays",
    schema: field({ items: { bsonType: "array", items: { bsonType: "int" } } }),
    doc: { v: [[1, 2], [3, "x"]] },
    issues: [["v.1.1", "bsonType"]],
  },
  { name: "items: ignored for non-arrays", schema: field({ items: { bsonType: "string" } }), doc: { v: 3 }, issues: [] },

  // items (tuple) and additionalItems
  {
    name: "tuple items: positions have their own schemas",
    schema: field({ items: [{ bsonType: "string" }, { bsonType: "int" }] }),
    doc: { v: [1, "a"] },
    issues: [
      ["v.0", "bsonType"],
      ["v.1", "bsonType"],
    ],
  },
  {
    name: "tuple items: shorter arrays are fine",
    schema: field({ items: [{ bsonType: "string" }, { bsonType: "int" }] }),
    doc: { v: ["a"] },
    issues: [],
  },
  {
    name: "tuple items: extra elements are allowed by default",
    schema: field({ items: [{ bsonType: "string" }] }),
    doc: { v: ["a", 1, null] },
    issues: [],
  },
  {
    name: "additionalItems false",
    schema: field({ items: [{ bsonType: "string" }], additionalItems: false }),
    doc: { v: ["a", "b", "c"] },
    issues: [["v", "additionalItems", '"v" must have at most 1 item, found 3']],
  },
  {
    name: "additionalItems schema",
    schema: field({ items: [{ bsonType: "string" }], additionalItems: { bsonType: "int" } }),
    doc: { v: ["a", 1, "b"] },
    issues: [["v.2", "bsonType"]],
  },
  {
    name: "additionalItems means nothing next to a single items schema",
    schema: field({ items: { bsonType: "string" }, additionalItems: false }),
    doc: { v: ["a", "b"] },
    issues: [],
  },

  // minItems / maxItems
  {
    name: "minItems",
    schema: field({ minItems: 1 }),
    doc: { v: [] },
    issues: [["v", "minItems", '"v" must have at least 1 item, found 0']],
  },
  {
    name: "maxItems",
    schema: field({ maxItems: 2 }),
    doc: { v: [1, 2, 3] },
    issues: [["v", "maxItems", '"v" must have at most 2 items, found 3']],
  },
  { name: "min/maxItems within bounds", schema: field({ minItems: 1, maxItems: 2 }), doc: { v: [1, 2] }, issues: [] },

  // uniqueItems
  { name: "uniqueItems: distinct strings", schema: field({ uniqueItems: true }), doc: { v: ["a", "b"] }, issues: [] },
  {
    name: "uniqueItems: repeated strings",
    schema: field({ uniqueItems: true }),
    doc: { v: ["a", "b", "a"] },
    issues: [["v", "uniqueItems", '"v" must not contain duplicate items (items 0 and 2 are equal)']],
  },
  { name: "uniqueItems false allows repeats", schema: field({ uniqueItems: false }), doc: { v: [1, 1] }, issues: [] },
  { name: "uniqueItems: 1 and \"1\" differ", schema: field({ uniqueItems: true }), doc: { v: [1, "1"] }, issues: [] },
  {
    name: "uniqueItems: numbers compare by value across BSON types",
    schema: field({ uniqueItems: true }),
    doc: { v: [2, Long.fromNumber(1), new Double(1)] },
    issues: [["v", "uniqueItems", '"v" must not contain duplicate items (items 1 and 2 are equal)']],
  },
  {
    name: "uniqueItems: Decimal128 equals an int of the same value",
    schema: field({ uniqueItems: true }),
    doc: { v: [3, Decimal128.fromString("3")] },
    issues: [["v", "uniqueItems"]],
  },
  {
    name: "uniqueItems: equal embedded documents",
    schema: field({ uniqueItems: true }),
    doc: { v: [{ a: 1 }, { a: 2 }, { a: 1 }] },
    issues: [["v", "uniqueItems"]],
  },
  {
    name: "uniqueItems: equal ObjectIds",
    schema: field({ uniqueItems: true }),
    doc: { v: [new ObjectId(id), new ObjectId(id)] },
    issues: [["v", "uniqueItems"]],
  },
  {
    name: "uniqueItems: distinct ObjectIds",
    schema: field({ uniqueItems: true }),
    doc: { v: [new ObjectId(id), new ObjectId()] },
    issues: [],
  },
  {
    name: "array keywords together: counts, then uniqueness, then items",
    schema: field({ bsonType: "array", maxItems: 2, uniqueItems: true, items: { bsonType: "string" } }),
    doc: { v: ["a", "a", 3] },
    issues: [
      ["v", "maxItems"],
      ["v", "uniqueItems"],
      ["v.2", "bsonType"],
    ],
  },
];

describe("array keywords", () => {
  it.each(cases)("$name", runCase);
});
