import { describe, expect, it } from "vitest";

import { Decimal128, Double, Long, ObjectId, Timestamp } from "../../src/bson/types.ts";
import { fromBson, keyOf, toBson } from "../../src/graphql/execution/values.ts";
import { GraphQLDateTime, GraphQLLong, GraphQLObjectId } from "../../src/graphql/schema/scalars.ts";
import type { ScalarShape } from "../../src/graphql/schema/spec.ts";

const HEX = "5ebe6819197003ddb1f74475";

describe("custom scalars", () => {
  it.each([
    [GraphQLObjectId, new ObjectId(HEX), HEX],
    [GraphQLDateTime, new Date("2020-09-01T15:38:14.918Z"), "2020-09-01T15:38:14.918Z"],
    [GraphQLDateTime, new Timestamp({ t: 1_600_000_000, i: 3 }), "2020-09-13T12:26:40.000Z"],
    [GraphQLLong, Long.fromNumber(42), 42],
    [GraphQLLong, 7, 7],
    [GraphQLLong, Long.fromString("9007199254740993"), "9007199254740993"],
    [GraphQLLong, Long.fromString("-9223372036854775808"), "-9223372036854775808"],
  ] as const)("%s serializes %o as %o", (scalar, value, wire) => {
    expect(scalar.serialize(value)).toEqual(wire);
  });

  it.each([
    [GraphQLObjectId, HEX, new ObjectId(HEX)],
    [GraphQLDateTime, "2020-09-01T15:38:14.918Z", new Date("2020-09-01T15:38:14.918Z")],
    [GraphQLDateTime, "2020-09-01", new Date("2020-09-01T00:00:00Z")],
    [GraphQLLong, 42, Long.fromNumber(42)],
    [GraphQLLong, "9223372036854775807", Long.MAX_VALUE],
  ] as const)("%s parses %o", (scalar, wire, value) => {
    expect(scalar.parseValue(wire)).toEqual(value);
  });

  it.each([
    [GraphQLObjectId, "5ebe68"],
    [GraphQLObjectId, 12],
    [GraphQLDateTime, "not a date"],
    [GraphQLDateTime, true],
    [GraphQLLong, 1.5],
    [GraphQLLong, "9223372036854775808"],
    [GraphQLLong, "12abc"],
  ] as const)("%s refuses %o", (scalar, wire) => {
    expect(() => scalar.parseValue(wire)).toThrow(/cannot represent value/);
  });
});

describe("BSON conversion", () => {
  const shape = (scalar: ScalarShape["scalar"], storage: ScalarShape["storage"]): ScalarShape => ({ kind: "scalar", scalar, storage });

  it("writes Float as a double, decimal or timestamp as the schema says", () => {
    expect(toBson(shape("Float", "double"), 3)).toEqual(new Double(3));
    expect(toBson(shape("Float", "double"), 3.5)).toBe(3.5);
    expect(toBson(shape("Float", "decimal"), 1.25)).toEqual(Decimal128.fromString("1.25"));
    expect(toBson(shape("Int", "int"), 3)).toBe(3);
    expect(toBson(shape("DateTime", "timestamp"), new Date(1_600_000_000_000))).toEqual(new Timestamp({ t: 1_600_000_000, i: 1 }));
  });

  it("reads numbers of any BSON type for Int and Float", () => {
    expect(fromBson(shape("Float", "double"), new Double(2))).toBe(2);
    expect(fromBson(shape("Float", "decimal"), Decimal128.fromString("1.25"))).toBe(1.25);
    expect(fromBson(shape("Int", "int"), Long.fromNumber(5))).toBe(5);
    expect(fromBson(shape("String", "string"), undefined)).toBeNull();
  });

  it("groups keys MongoDB considers equal", () => {
    expect(keyOf(5)).toBe(keyOf(Long.fromNumber(5)));
    expect(keyOf(5)).toBe(keyOf(new Double(5)));
    expect(keyOf(new ObjectId(HEX))).toBe(keyOf(new ObjectId(HEX)));
    expect(keyOf("5")).not.toBe(keyOf(5));
  });
});
