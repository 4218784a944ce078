import { describe, it } from "vitest";

import type { JsonSchema } from "../../src/schema/index.ts";
import { type Case, runCase } from "./support.ts";

const address: JsonSchema = {
  bsonType: "object",
  required: ["city"],
  properties: { city: { bsonType: "string" }, zip: { bsonType: "string", pattern: "^[0-9]{5}$" } },
};
const person: JsonSchema = {
  bsonType: "object",
  required: ["name"],
  properties: { name: { bsonType: "string" }, address },
};

const cases: Case[] = [
  // properties
  { name: "properties: matching values pass", schema: person, doc: { name: "Ada", address: { city: "London" } }, issues: [] },
  {
    name: "properties: nested paths are dotted",
    schema: person,
    doc: { name: "Ada", address: { city: 1, zip: "ABC" } },
    issues: [
      ["address.city", "bsonType", '"address.city" must be of bsonType "string", found "int"'],
      ["address.zip", "pattern", '"address.zip" must match the pattern "^[0-9]{5}$"'],
    ],
  },
  {
    name: "properties: a non-object where an object is expected",
    schema: person,
    doc: { name: "Ada", address: "London" },
    issues: [["address", "bsonType", '"address" must be of bsonType "object", found "string"']],
  },
  {
    name: "properties: fields not listed are allowed by default",
    schema: person,
    doc: { name: "Ada", age: 36 },
    issues: [],
  },
  {
    name: "properties: inherited names such as toString are ordinary fields",
    schema: { bsonType: "object", required: ["toString"], properties: Object.fromEntries([["constructor", { bsonType: "string" }]]) },
    doc: { constructor: 1 },
    issues: [
      ["toString", "required", 'property "toString" is required'],
      ["constructor", "bsonType"],
    ],
  },

  // required
  {
    name: "required: missing at the root",
    schema: person,
    doc: {},
    issues: [["name", "required", 'property "name" is required']],
  },
  {
    name: "required: missing in an embedded object names the full path",
    schema: person,
    doc: { name: "Ada", address: {} },
    issues: [["address.city", "required", 'property "address.city" is required']],
  },
  { name: "required: null counts as present", schema: { required: ["a"] }, doc: { a: null }, issues: [] },
  { name: "required: undefined counts as missing", schema: { required: ["a"] }, doc: { a: undefined }, issues: [["a", "required"]] },
  {
    name: "required: every missing field is reported, in schema order",
    schema: { required: ["b", "a", "c"] },
    doc: { a: 1 },
    issues: [
      ["b", "required"],
      ["c", "required"],
    ],
  },

  // additionalProperties
  {
    name: "additionalProperties false: extra fields are reported one by one",
    schema: { additionalProperties: false, properties: { a: {} } },
    doc: { a: 1, b: 2, c: 3 },
    issues: [
      ["b", "additionalProperties", 'property "b" is not allowed by the schema'],
      ["c", "additionalProperties"],
    ],
  },
  {
    name: "additionalProperties false: listed fields pass",
    schema: { additionalProperties: false, properties: { a: {}, b: {} } },
    doc: { a: 1, b: 2 },
    issues: [],
  },
  {
    name: "additionalProperties true is the default",
    schema: { additionalProperties: true, properties: { a: {} } },
    doc: { a: 1, z: 2 },
    issues: [],
  },
  {
    name: "additionalProperties schema: a dictionary of ints",
    schema: { properties: { scores: { bsonType: "object", additionalProperties: { bsonType: "int" } } } },
    doc: { scores: { ada: 3, bob: "four", cy: 5 } },
    issues: [["scores.bob", "bsonType", '"scores.bob" must be of bsonType "int", found "string"']],
  },

  // patternProperties
  {
    name: "patternProperties: matching keys are checked",
    schema: { patternProperties: { "^x_": { bsonType: "string" } } },
    doc: { x_a: "ok", x_b: 2, y: 3 },
    issues: [["x_b", "bsonType"]],
  },
  {
    name: "patternProperties: matched keys are not additional",
    schema: { additionalProperties: false, patternProperties: { "^x_": {} }, properties: { id: {} } },
    doc: { id: 1, x_a: 1, other: 1 },
    issues: [["other", "additionalProperties"]],
  },
  {
    name: "patternProperties: a listed property that matches a pattern meets both schemas",
    schema: { properties: { x_a: { bsonType: "string" } }, patternProperties: { "^x_": { minLength: 3 } } },
    doc: { x_a: "ab" },
    issues: [["x_a", "minLength"]],
  },

  // minProperties / maxProperties
  {
    name: "minProperties",
    schema: { properties: { o: { bsonType: "object", minProperties: 2 } } },
    doc: { o: { a: 1 } },
    issues: [["o", "minProperties", '"o" must have at least 2 properties, found 1']],
  },
  {
    name: "maxProperties at the root",
    schema: { maxProperties: 1 },
    doc: { a: 1, b: 2 },
    issues: [["", "maxProperties", "the document must have at most 1 property, found 2"]],
  },
  { name: "min/maxProperties within bounds", schema: { minProperties: 1, maxProperties: 2 }, doc: { a: 1, b: 2 }, issues: [] },
  { name: "minProperties skips undefined fields", schema: { minProperties: 1 }, doc: { a: undefined }, issues: [["", "minProperties"]] },

  // dependencies
  {
    name: "dependencies (property list): required when the key is present",
    schema: { dependencies: { card: ["billing", "expiry"] } },
    doc: { card: "1234", expiry: "01/30" },
    issues: [["billing", "dependencies", 'property "billing" is required when "card" is present']],
  },
  {
    name: "dependencies (property list): nothing required when the key is absent",
    schema: { dependencies: { card: ["billing"] } },
    doc: { name: "x" },
    issues: [],
  },
  {
    name: "dependencies (schema): the whole object must also match it",
    schema: { properties: { pay: { bsonType: "object", dependencies: { card: { required: ["billing"] } } } } },
    doc: { pay: { card: "1234" } },
    issues: [["pay.billing", "required"]],
  },

  // nesting through arrays
  {
    name: "objects inside arrays use the index in the path",
    schema: {
      bsonType: "object",
      properties: {
        tasks: {
          bsonType: "array",
          items: { bsonType: "object", required: ["name"], properties: { name: { bsonType: "string" } } },
        },
      },
    },
    doc: { tasks: [{ name: "a" }, {}, { name: 3 }] },
    issues: [
      ["tasks.1.name", "required", 'property "tasks.1.name" is required'],
      ["tasks.2.name", "bsonType", '"tasks.2.name" must be of bsonType "string", found "int"'],
    ],
  },
];

describe("object keywords", () => {
  it.each(cases)("$name", runCase);
});
