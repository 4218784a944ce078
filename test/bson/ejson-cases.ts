import type { BsonType } from "../../src/bson/types.ts";

/**
 * Canonical Extended JSON of every BSON type the sandbox stores, each with the type the
 * value model must report for it. Written exactly as canonical EJSON is printed, so a
 * round trip must give back the same text.
 */
export const EJSON_CASES: [name: string, ejson: unknown, type: BsonType][] = [
  ["ObjectId", { $oid: "5f1e0f1e0f1e0f1e0f1e0f1e" }, "objectId"],
  ["ObjectId (zero)", { $oid: "000000000000000000000000" }, "objectId"],
  ["Date", { $date: { $numberLong: "1577836800000" } }, "date"],
  ["Date before the epoch", { $date: { $numberLong: "-62135596800000" } }, "date"],
  ["Date with milliseconds", { $date: { $numberLong: "1591660800123" } }, "date"],
  ["Int32", { $numberInt: "42" }, "int"],
  ["Int32 zero", { $numberInt: "0" }, "int"],
  ["Int32 min", { $numberInt: "-2147483648" }, "int"],
  ["Int32 max", { $numberInt: "2147483647" }, "int"],
  ["Long", { $numberLong: "5" }, "long"],
  ["Long beyond 2^53", { $numberLong: "9007199254740993" }, "long"],
  ["Long min", { $numberLong: "-9223372036854775808" }, "long"],
  ["Long max", { $numberLong: "9223372036854775807" }, "long"],
  ["Double", { $numberDouble: "1.5" }, "double"],
  ["Double (integral)", { $numberDouble: "1.0" }, "double"],
  ["Double (integral zero)", { $numberDouble: "0.0" }, "double"],
  ["Double (negative integral)", { $numberDouble: "-7.0" }, "double"],
  ["Double beyond int32", { $numberDouble: "2147483648.0" }, "double"],
  ["Double -0", { $numberDouble: "-0.0" }, "double"],
  ["Double NaN", { $numberDouble: "NaN" }, "double"],
  ["Double Infinity", { $numberDouble: "Infinity" }, "double"],
  ["Double -Infinity", { $numberDouble: "-Infinity" }, "double"],
  ["Double tiny", { $numberDouble: "5e-324" }, "double"],
  ["Decimal128", { $numberDecimal: "1.10" }, "decimal"],
  ["Decimal128 integral", { $numberDecimal: "5" }, "decimal"],
  ["Decimal128 -0", { $numberDecimal: "-0" }, "decimal"],
  ["Decimal128 exponent", { $numberDecimal: "1.234E+300" }, "decimal"],
  ["Decimal128 NaN", { $numberDecimal: "NaN" }, "decimal"],
  ["Decimal128 Infinity", { $numberDecimal: "Infinity" }, "decimal"],
  ["Binary generic", { $binary: { base64: "AQID", subType: "00" } }, "binData"],
  ["Binary empty", { $binary: { base64: "", subType: "00" } }, "binData"],
  ["Binary function", { $binary: { base64: "AQID", subType: "01" } }, "binData"],
  ["Binary old UUID", { $binary: { base64: "yO2rw/c4TKO2jauSqRR4Cg==", subType: "03" } }, "binData"],
  ["Binary MD5", { $binary: { base64: "1B2M2Y8AsgTpgAmY7PhCfg==", subType: "05" } }, "binData"],
  ["Binary encrypted", { $binary: { base64: "AQID", subType: "06" } }, "binData"],
  ["Binary user-defined", { $binary: { base64: "AQID", subType: "80" } }, "binData"],
  ["UUID", { $binary: { base64: "yO2rw/c4TKO2jauSqRR4Cg==", subType: "04" } }, "uuid"],
  ["Timestamp", { $timestamp: { t: 1591660800, i: 3 } }, "timestamp"],
  ["Timestamp max", { $timestamp: { t: 4294967295, i: 4294967295 } }, "timestamp"],
  ["Regex", { $regularExpression: { pattern: "^ta(sk)?s$", options: "" } }, "regex"],
  ["Regex with options", { $regularExpression: { pattern: "a.c", options: "imsux" } }, "regex"],
  ["Regex with escapes", { $regularExpression: { pattern: "\\d+\\.\\/", options: "i" } }, "regex"],
  ["MinKey", { $minKey: 1 }, "minKey"],
  ["MaxKey", { $maxKey: 1 }, "maxKey"],
  ["null", null, "null"],
  ["string", "Clean the kitchen", "string"],
  ["string (unicode)", "héllo \u{1F600} \u0000 end", "string"],
  ["string (empty)", "", "string"],
  ["boolean true", true, "bool"],
  ["boolean false", false, "bool"],
  ["empty document", {}, "object"],
  ["empty array", [], "array"],
  [
    "nested document (key order kept)",
    { z: { $numberInt: "1" }, a: { y: { $numberLong: "2" }, b: [{ $numberDouble: "3.0" }] }, m: null },
    "object",
  ],
  [
    "array of every kind",
    [
      { $numberInt: "1" },
      { $numberLong: "1" },
      { $numberDouble: "1.0" },
      { $numberDecimal: "1" },
      "1",
      [[], [{ $oid: "5f1e0f1e0f1e0f1e0f1e0f1e" }]],
      { k: { $date: { $numberLong: "0" } } },
      null,
    ],
    "array",
  ],
  ["document with keys that look like operators inside", { a: { "x.y": { $numberInt: "1" } } }, "object"],
];

/** One document holding every case, under keys in a deliberately unsorted order. */
export function everyTypeDocument(): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: { $oid: "650000000000000000000001" } };
  EJSON_CASES.forEach(([, ejson], i) => {
    doc[`f${String(EJSON_CASES.length - i).padStart(2, "0")}`] = ejson;
  });
  return doc;
}
