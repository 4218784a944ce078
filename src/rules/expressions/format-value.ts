import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, isPlainObject } from "../../bson/types.ts";

/**
 * A short, human-readable rendering of a value for trace lines and error messages:
 * `"alice"`, `ObjectId("5f…")`, `[1, 2]`, `missing` for an absent value. Long values
 * are cut with an ellipsis; this only runs when a trace or an error is being built.
 */
export function formatValue(value: unknown, max = 60): string {
  const text = render(value, 2);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return `Date("${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()}")`;
  if (value instanceof ObjectId) return `ObjectId("${value.toHexString()}")`;
  if (value instanceof Binary) {
    if (value.sub_type === Binary.SUBTYPE_UUID) return `UUID("${value.toUUID().toString()}")`;
    return `Binary(${value.sub_type}, "${value.toString("base64")}")`;
  }
  if (value instanceof Long) return `Long("${value.toString()}")`;
  if (value instanceof Double) return `Double(${value.value.toFixed(1)})`;
  if (value instanceof Int32) return String(value.value);
  if (value instanceof Decimal128) return `Decimal128("${value.toString()}")`;
  if (value instanceof Timestamp) return `Timestamp(${value.t}, ${value.i})`;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) {
    if (depth === 0) return value.length ? "[…]" : "[]";
    return `[${value.map((item) => render(item, depth - 1)).join(", ")}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (depth === 0) return keys.length ? "{…}" : "{}";
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${render(value[key], depth - 1)}`).join(", ")}}`;
  }
  const type = (value as { _bsontype?: string })._bsontype;
  return type ? `${type}(${String(value)})` : String(value);
}
