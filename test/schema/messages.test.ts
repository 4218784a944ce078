import { describe, expect, it } from "vitest";

import { BSONRegExp, Binary, Decimal128, Double, Long, MaxKey, ObjectId, Timestamp, UUID } from "../../src/bson/types.ts";
import { formatValue, plural, quotedList, subject } from "../../src/schema/messages.ts";
import { field, runCase, type Case } from "./support.ts";

describe("formatValue", () => {
  it.each<[unknown, string]>([
    ["Open", '"Open"'],
    [42, "42"],
    [null, "null"],
    [true, "true"],
    [new Double(3), "3"],
    [Long.fromString("9007199254740993"), "9007199254740993"],
    [Decimal128.fromString("1.50"), "1.50"],
    [new ObjectId("5f1b2c3d4e5f6a7b8c9d0e1f"), 'ObjectId("5f1b2c3d4e5f6a7b8c9d0e1f")'],
    [new Date("2020-06-09T12:00:00Z"), "2020-06-09T12:00:00.000Z"],
    [new UUID("3b241101-e2bb-4255-8caf-4136c566a962"), 'UUID("3b241101-e2bb-4255-8caf-4136c566a962")'],
    [new Binary(new Uint8Array([1, 2])), 'Binary("AQI=", 0)'],
    [new Timestamp({ t: 1, i: 2 }), "Timestamp(1, 2)"],
    [/ab/i, "/ab/i"],
    [new BSONRegExp("ab", "i"), "/ab/i"],
    [new MaxKey(), "MaxKey"],
    [{ a: [1, "x"] }, '{"a":[1,"x"]}'],
    ["x".repeat(100), `"${"x".repeat(58)}…`],
  ])("%s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe("message helpers", () => {
  it.each<[string, string]>([
    ["", "the document"],
    ["tasks.0.name", '"tasks.0.name"'],
  ])("subject(%j)", (path, text) => expect(subject(path)).toBe(text));

  it.each<[string[], string]>([
    [["a"], '"a"'],
    [["a", "b"], '"a" or "b"'],
    [["a", "b", "c"], '"a", "b" or "c"'],
  ])("quotedList(%j)", (names, text) => expect(quotedList(names)).toBe(text));

  it.each<[number, string]>([
    [0, "0 items"],
    [1, "1 item"],
    [2, "2 items"],
  ])("plural(%i)", (count, text) => expect(plural(count, "item")).toBe(text));
});

const cases: Case[] = [
  {
    name: "enum shows a BSON value it rejects",
    schema: field({ enum: [1, 2] }),
    doc: { v: new Timestamp({ t: 1, i: 2 }) },
    issues: [["v", "enum", '"v" must be one of 1, 2, found Timestamp(1, 2)']],
  },
  {
    name: "a Timestamp is not a number for numeric keywords",
    schema: field({ maximum: 0 }),
    doc: { v: new Timestamp({ t: 1, i: 2 }) },
    issues: [],
  },
];

describe("messages in issues", () => {
  it.each(cases)("$name", runCase);
});
