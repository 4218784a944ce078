import { describe, it } from "vitest";

import { Decimal128, Double, Long, ObjectId } from "../../src/bson/types.ts";
import { type Case, field, runCase } from "./support.ts";

const stringCases: Case[] = [
  { name: "minLength met", schema: field({ minLength: 2 }), doc: { v: "ab" }, issues: [] },
  {
    name: "minLength not met",
    schema: field({ minLength: 3 }),
    doc: { v: "ab" },
    issues: [["v", "minLength", '"v" must be at least 3 characters long, found 2']],
  },
  { name: "maxLength met", schema: field({ maxLength: 2 }), doc: { v: "ab" }, issues: [] },
  {
    name: "maxLength exceeded",
    schema: field({ maxLength: 1 }),
    doc: { v: "ab" },
    issues: [["v", "maxLength", '"v" must be at most 1 character long, found 2']],
  },
  { name: "lengths count code points: two emoji are two characters", schema: field({ maxLength: 2 }), doc: { v: "😀😀" }, issues: [] },
  {
    name: "lengths count code points: two emoji are fewer than three",
    schema: field({ minLength: 3 }),
    doc: { v: "😀😀" },
    issues: [["v", "minLength", '"v" must be at least 3 characters long, found 2']],
  },
  { name: "an empty string has length 0", schema: field({ minLength: 1 }), doc: { v: "" }, issues: [["v", "minLength"]] },
  { name: "pattern matches anywhere in the string", schema: field({ pattern: "b+" }), doc: { v: "abbc" }, issues: [] },
  {
    name: "pattern does not match",
    schema: field({ pattern: "^[a-z]+@[a-z]+\\.com$" }),
    doc: { v: "Ada@x.com" },
    issues: [["v", "pattern", '"v" must match the pattern "^[a-z]+@[a-z]+\\\\.com$"']],
  },
  { name: "pattern with a PCRE identity escape", schema: field({ pattern: "^a\\_b$" }), doc: { v: "a_b" }, issues: [] },
  { name: "pattern sees code points", schema: field({ pattern: "^.$" }), doc: { v: "😀" }, issues: [] },
  { name: "string keywords ignore numbers", schema: field({ minLength: 5, pattern: "^x" }), doc: { v: 3 }, issues: [] },
];

const numberCases: Case[] = [
  { name: "minimum met (equal)", schema: field({ minimum: 0 }), doc: { v: 0 }, issues: [] },
  {
    name: "minimum not met",
    schema: field({ minimum: 0 }),
    doc: { v: -1 },
    issues: [["v", "minimum", '"v" must be greater than or equal to 0, found -1']],
  },
  {
    name: "exclusiveMinimum excludes the bound",
    schema: field({ minimum: 0, exclusiveMinimum: true }),
    doc: { v: 0 },
    issues: [["v", "minimum", '"v" must be greater than 0, found 0']],
  },
  { name: "exclusiveMinimum false is inclusive", schema: field({ minimum: 0, exclusiveMinimum: false }), doc: { v: 0 }, issues: [] },
  { name: "maximum met (equal)", schema: field({ maximum: 10 }), doc: { v: 10 }, issues: [] },
  {
    name: "maximum exceeded by a double",
    schema: field({ maximum: 10 }),
    doc: { v: 10.5 },
    issues: [["v", "maximum", '"v" must be less than or equal to 10, found 10.5']],
  },
  {
    name: "exclusiveMaximum excludes the bound",
    schema: field({ maximum: 10, exclusiveMaximum: true }),
    doc: { v: 10 },
    issues: [["v", "maximum", '"v" must be less than 10, found 10']],
  },
  {
    name: "bounds apply to Long",
    schema: field({ maximum: 100 }),
    doc: { v: Long.fromString("9007199254740993") },
    issues: [["v", "maximum", '"v" must be less than or equal to 100, found 9007199254740993']],
  },
  {
    name: "bounds apply to Decimal128",
    schema: field({ minimum: 1 }),
    doc: { v: Decimal128.fromString("0.99") },
    issues: [["v", "minimum", '"v" must be greater than or equal to 1, found 0.99']],
  },
  { name: "bounds apply to the Double wrapper", schema: field({ maximum: 2 }), doc: { v: new Double(3) }, issues: [["v", "maximum"]] },
  {
    name: "NaN fails a minimum and passes a maximum",
    schema: field({ minimum: 0, maximum: 5 }),
    doc: { v: Decimal128.fromString("NaN") },
    issues: [["v", "minimum"]],
  },
  { name: "multipleOf an int", schema: field({ multipleOf: 5 }), doc: { v: 15 }, issues: [] },
  {
    name: "not a multipleOf",
    schema: field({ multipleOf: 5 }),
    doc: { v: 16 },
    issues: [["v", "multipleOf", '"v" must be a multiple of 5, found 16']],
  },
  { name: "multipleOf a fraction tolerates binary rounding", schema: field({ multipleOf: 0.1 }), doc: { v: 0.3 }, issues: [] },
  { name: "not a multipleOf a fraction", schema: field({ multipleOf: 0.25 }), doc: { v: 0.3 }, issues: [["v", "multipleOf"]] },
  { name: "multipleOf an exact large Long", schema: field({ multipleOf: 3 }), doc: { v: Long.fromString("9007199254740993") }, issues: [] },
  {
    name: "not a multipleOf: large Long checked exactly",
    schema: field({ multipleOf: 2 }),
    doc: { v: Long.fromString("9007199254740993") },
    issues: [["v", "multipleOf"]],
  },
  { name: "multipleOf a Decimal128", schema: field({ multipleOf: 0.5 }), doc: { v: Decimal128.fromString("2.5") }, issues: [] },
  { name: "number keywords ignore strings", schema: field({ minimum: 5, multipleOf: 2 }), doc: { v: "3" }, issues: [] },
  { name: "number keywords ignore ObjectIds", schema: field({ minimum: 5 }), doc: { v: new ObjectId() }, issues: [] },
];

const enumCases: Case[] = [
  { name: "enum: listed string", schema: field({ enum: ["Open", "InProgress", "Complete"] }), doc: { v: "Open" }, issues: [] },
  {
    name: "enum: unlisted string",
    schema: field({ enum: ["Open", "InProgress", "Complete"] }),
    doc: { v: "Closed" },
    issues: [["v", "enum", '"v" must be one of "Open", "InProgress", "Complete", found "Closed"']],
  },
  { name: "enum: types matter", schema: field({ enum: ["1", true] }), doc: { v: 1 }, issues: [["v", "enum"]] },
  { name: "enum: null", schema: field({ enum: [null, "a"] }), doc: { v: null }, issues: [] },
  { name: "enum: Long equals a listed int", schema: field({ enum: [1, 2] }), doc: { v: Long.fromNumber(2) }, issues: [] },
  { name: "enum: Double wrapper equals a listed int", schema: field({ enum: [1, 2] }), doc: { v: new Double(2) }, issues: [] },
  { name: "enum: Decimal128 equals a listed number", schema: field({ enum: [1.5] }), doc: { v: Decimal128.fromString("1.5") }, issues: [] },
  { name: "enum: Long not listed", schema: field({ enum: [1, 2] }), doc: { v: Long.fromNumber(3) }, issues: [["v", "enum"]] },
  { name: "enum: embedded documents", schema: field({ enum: [{ a: 1 }, [1, 2]] }), doc: { v: { a: 1 } }, issues: [] },
  { name: "enum: arrays", schema: field({ enum: [{ a: 1 }, [1, 2]] }), doc: { v: [1, 2] }, issues: [] },
  { name: "enum: unlisted document", schema: field({ enum: [{ a: 1 }] }), doc: { v: { a: 2 } }, issues: [["v", "enum"]] },
];

describe("string keywords", () => {
  it.each(stringCases)("$name", runCase);
});

describe("number keywords", () => {
  it.each(numberCases)("$name", runCase);
});

describe("enum", () => {
  it.each(enumCases)("$name", runCase);
});
