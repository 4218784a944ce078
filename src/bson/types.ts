import { BSONRegExp, Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from "bson";

/**
 * The value model every layer shares. Documents are plain objects and arrays holding:
 * - `number` — an int when integral and within int32, a double otherwise;
 * - `Double` — only for doubles with an integral value, so `1.0` stays a double
 *   (normalize.ts wraps integral numbers beyond int32 this way too);
 * - `Long`, `Decimal128`, `ObjectId`, `Binary`/`UUID`, `Timestamp`, `BSONRegExp`
 *   (or a native `RegExp`), `MinKey`, `MaxKey`, `Date`, strings, booleans and `null`.
 * `Int32` never appears: it is folded into `number` when values enter the backend.
 */
export type BsonType =
  | "double"
  | "string"
  | "object"
  | "array"
  | "binData"
  | "uuid"
  | "undefined"
  | "objectId"
  | "bool"
  | "date"
  | "null"
  | "regex"
  | "javascript"
  | "symbol"
  | "int"
  | "timestamp"
  | "long"
  | "decimal"
  | "minKey"
  | "maxKey";

export type Document = Record<string, unknown>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

/** True for `{...}` literals and null-prototype objects: the "embedded document" case. */
export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The BSON type a value is stored and serialized as. */
export function bsonTypeOf(value: unknown): BsonType {
  switch (typeof value) {
    case "number":
      return isInt32(value) ? "int" : "double";
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "undefined":
      return "undefined";
    case "bigint":
      return "long";
    case "symbol":
      return "symbol";
    case "function":
      return "javascript";
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp || value instanceof BSONRegExp) return "regex";
  if (isPlainObject(value)) return "object";
  switch ((value as { _bsontype?: string })._bsontype) {
    case "ObjectId":
      return "objectId";
    case "Double":
      return "double";
    case "Int32":
      return "int";
    case "Long":
      return "long";
    case "Decimal128":
      return "decimal";
    case "Binary":
      return (value as Binary).sub_type === Binary.SUBTYPE_UUID ? "uuid" : "binData";
    case "Timestamp":
      return "timestamp";
    case "MinKey":
      return "minKey";
    case "MaxKey":
      return "maxKey";
    case "BSONRegExp":
      return "regex";
    case "Code":
      return "javascript";
    case "BSONSymbol":
      return "symbol";
  }
  return "object";
}

/** Numeric BSON types, for schema `number` and comparisons across numeric types. */
export function isNumericType(type: BsonType): boolean {
  return type === "int" || type === "long" || type === "double" || type === "decimal";
}

/** A BSON long. bson's `Timestamp` extends `Long`, yet it is not a number. */
export function isLong(value: unknown): value is Long {
  return value instanceof Long && !(value instanceof Timestamp);
}

/** The numeric value of any numeric BSON value, or undefined for non-numbers. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (isLong(value)) return value.toNumber();
  if (value instanceof Decimal128) return Number.parseFloat(value.toString());
  return undefined;
}

export { BSONRegExp, Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID };
