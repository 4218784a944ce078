import { describe, expect, it } from "vitest";

import { decodeDocument, documentSize, encodeDocument } from "../../src/bson/codec.ts";
import { fromEJSON, parseEJSON, stringifyEJSON, toEJSON } from "../../src/bson/ejson.ts";
import { normalizeValue } from "../../src/bson/normalize.ts";
import {
  BSONRegExp,
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  bsonTypeOf,
  isInt32,
  isLong,
  isNumericType,
  numericValue,
} from "../../src/bson/types.ts";
import { isAppServicesError } from "../../src/core/app-services-error.ts";
import { EJSON_CASES, everyTypeDocument } from "./ejson-cases.ts";

describe("EJSON round trips", () => {
  describe.each(EJSON_CASES)("%s", (_name, ejson, type) => {
    const text = JSON.stringify({ v: ejson });

    it("parses to the value model and prints the same canonical text", () => {
      const parsed = parseEJSON(text) as { v: unknown };
      expect(bsonTypeOf(parsed.v)).toBe(type);
      expect(stringifyEJSON(parsed)).toBe(text);
      expect(toEJSON(parsed)).toEqual({ v: ejson });
    });

    it("survives the BSON byte codec", () => {
      const parsed = parseEJSON(text) as Record<string, unknown>;
      const decoded = decodeDocument(encodeDocument(parsed));
      expect(bsonTypeOf(decoded.v)).toBe(type);
      expect(stringifyEJSON(decoded)).toBe(text);
    });

    it("reads the same from already-parsed JSON", () => {
      expect(stringifyEJSON(fromEJSON(JSON.parse(text)))).toBe(text);
    });
  });

  it("keeps key order of a document holding every type", () => {
    const text = JSON.stringify(everyTypeDocument());
    const parsed = parseEJSON(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(JSON.parse(text)));
    expect(stringifyEJSON(decodeDocument(encodeDocument(parsed)))).toBe(text);
  });

  it("pretty-prints with an indent", () => {
    expect(stringifyEJSON({ a: 1 }, 2)).toBe('{\n  "a": {\n    "$numberInt": "1"\n  }\n}');
  });

  it.each([
    ["not JSON", "{"],
    ["a bad ObjectId", '{"$oid": "xyz"}'],
    ["a bad Long", '{"$numberLong": "1.5"}'],
  ])("rejects %s with BadRequest", (_name, text) => {
    try {
      parseEJSON(text);
      expect.unreachable();
    } catch (error) {
      expect(isAppServicesError(error) && error.code).toBe("BadRequest");
      expect((error as Error).message).toMatch(/^invalid Extended JSON: /);
    }
  });

  it("rejects bad wrappers in already-parsed JSON with BadRequest", () => {
    expect(() => fromEJSON({ a: { $numberLong: "1.5" } })).toThrow(/invalid Extended JSON/);
  });

  it("reads relaxed numbers as the Extended JSON spec says: int32, then int64, else double", () => {
    const parsed = parseEJSON('{"a": 1, "b": 1.5, "c": 3000000000, "d": 1.0}') as Record<string, unknown>;
    expect([bsonTypeOf(parsed.a), bsonTypeOf(parsed.b), bsonTypeOf(parsed.c)]).toEqual(["int", "double", "long"]);
    // JSON cannot tell 1.0 from 1: relaxed input means int.
    expect(bsonTypeOf(parsed.d)).toBe("int");
  });
});

describe("value model", () => {
  it.each<[string, unknown, string]>([
    ["int", 7, "int"],
    ["-0", -0, "double"],
    ["fraction", 0.25, "double"],
    ["beyond int32", 2 ** 31, "double"],
    ["bigint", 10n, "long"],
    ["Int32 wrapper", new Int32(3), "int"],
    ["Double wrapper", new Double(3), "double"],
    ["Long", Long.fromNumber(3), "long"],
    ["Timestamp (a Long subclass)", new Timestamp({ t: 1, i: 1 }), "timestamp"],
    ["Decimal128", Decimal128.fromString("3"), "decimal"],
    ["ObjectId", new ObjectId(), "objectId"],
    ["UUID", new UUID(), "uuid"],
    ["Binary", new Binary(new Uint8Array([1])), "binData"],
    ["native RegExp", /a/i, "regex"],
    ["BSONRegExp", new BSONRegExp("a", "i"), "regex"],
    ["MinKey", new MinKey(), "minKey"],
    ["MaxKey", new MaxKey(), "maxKey"],
    ["Date", new Date(0), "date"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["array", [], "array"],
    ["null-prototype object", Object.create(null), "object"],
  ])("bsonTypeOf(%s)", (_name, value, type) => {
    expect(bsonTypeOf(value)).toBe(type);
  });

  it.each<[string, unknown, unknown]>([
    ["Int32 → number", new Int32(5), 5],
    ["integral Double keeps its wrapper", new Double(5), new Double(5)],
    ["fractional Double → number", new Double(5.5), 5.5],
    ["Double -0 → number -0", new Double(-0), -0],
    ["integral number beyond int32 → Double", 2 ** 40, new Double(2 ** 40)],
    ["int stays", -12, -12],
    ["Long stays", Long.fromNumber(5), Long.fromNumber(5)],
  ])("normalizeValue: %s", (_name, input, output) => {
    const result = normalizeValue(input);
    expect(bsonTypeOf(result)).toBe(bsonTypeOf(output));
    expect(numericValue(result)).toBe(numericValue(output));
  });

  it("normalizes nested documents and arrays in place", () => {
    const doc = { a: [new Int32(1), { b: new Double(2.5) }], c: { d: 2 ** 32 } };
    expect(normalizeValue(doc)).toBe(doc);
    expect(doc.a[0]).toBe(1);
    expect((doc.a[1] as { b: unknown }).b).toBe(2.5);
    expect(doc.c.d).toBeInstanceOf(Double);
  });

  it("tells numeric types apart", () => {
    expect(["int", "long", "double", "decimal"].every((t) => isNumericType(t as never))).toBe(true);
    expect(isNumericType("string")).toBe(false);
    expect(isLong(Long.fromNumber(1))).toBe(true);
    expect(isLong(new Timestamp({ t: 1, i: 1 }))).toBe(false);
    expect(isInt32(2147483647)).toBe(true);
    expect(isInt32(2147483648)).toBe(false);
    expect(isInt32(-0)).toBe(false);
    expect(numericValue(Decimal128.fromString("2.5"))).toBe(2.5);
    expect(numericValue("2")).toBeUndefined();
  });
});

describe("codec", () => {
  it("stores integral numbers beyond int32 as doubles", () => {
    const decoded = decodeDocument(encodeDocument({ _id: 1, n: 2 ** 40 }));
    expect(bsonTypeOf(decoded.n)).toBe("double");
    expect(numericValue(decoded.n)).toBe(2 ** 40);
  });

  it("drops undefined fields and keeps native regular expressions as regex", () => {
    const decoded = decodeDocument(encodeDocument({ _id: 1, gone: undefined, re: /x+/im }));
    expect(Object.keys(decoded)).toEqual(["_id", "re"]);
    expect(toEJSON(decoded.re)).toEqual({ $regularExpression: { pattern: "x+", options: "im" } });
  });

  it("returns an exactly sized array, also for documents larger than the scratch buffer", () => {
    const small = encodeDocument({ _id: 1 });
    expect(small.byteLength).toBe(documentSize({ _id: 1 }));
    expect(small.buffer.byteLength).toBe(small.byteLength);
    const big = { _id: 2, text: "x".repeat(400 * 1024) };
    const bytes = encodeDocument(big);
    expect(bytes.byteLength).toBe(documentSize(big));
    expect(decodeDocument(bytes)).toEqual(big);
  });
});
