/**
 * Conversions between coerced GraphQL values and the BSON value model. Custom scalars
 * already parse to ObjectId, Date and Long; what is left is the number typing the schema
 * checks strictly: a Float field stores a double (integral values wrapped in `Double`),
 * a decimal field a Decimal128 and a timestamp field a Timestamp.
 */
import { stringifyEJSON } from "../../bson/ejson.ts";
import { Decimal128, Double, ObjectId, Timestamp, isLong, isPlainObject, numericValue } from "../../bson/types.ts";
import type { ScalarShape } from "../schema/spec.ts";

export function toBson(shape: ScalarShape, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.storage) {
    case "double":
    case "number":
      return typeof value === "number" && Number.isInteger(value) && !Object.is(value, -0) ? new Double(value) : value;
    case "decimal":
      return typeof value === "number" ? Decimal128.fromString(String(value)) : value;
    case "timestamp":
      return value instanceof Date ? new Timestamp({ t: Math.floor(value.getTime() / 1000), i: 1 }) : value;
    default:
      return value;
  }
}

/** A stored value as the GraphQL scalar serializers expect it; null for missing values. */
export function fromBson(shape: ScalarShape, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (shape.scalar === "Float" || shape.scalar === "Int") return numericValue(value) ?? value;
  return value;
}

/** A key under which values MongoDB considers equal meet, for grouping batched lookups. */
export function keyOf(value: unknown): string {
  if (typeof value === "string") return `s:${value}`;
  if (isLong(value)) return `n:${value.toString()}`;
  const n = numericValue(value);
  if (n !== undefined) return `n:${n}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (typeof value === "boolean" || value === null || value === undefined) return `v:${value}`;
  return `j:${stringifyEJSON(isPlainObject(value) || Array.isArray(value) ? value : { v: value })}`;
}

/** Reads a dotted path of plain objects. */
export function getPath(doc: unknown, path: string): unknown {
  let value = doc;
  for (const part of path.split(".")) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}
