/**
 * Reading canonical Extended JSON in the page without the bson library: what BSON type
 * a wrapper object stands for, how to show it, and the relaxed form of a value.
 * https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/
 */

export interface BsonScalar {
  /** The BSON type as people know it: ObjectId, Date, Int32, Long, Double, Decimal128… */
  type: string;
  /** The value as one short line. */
  text: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** The BSON scalar an Extended JSON wrapper object stands for, or undefined for documents, arrays and plain JSON. */
export function bsonScalar(value: unknown): BsonScalar | undefined {
  if (value === null) return { type: "Null", text: "null" };
  if (typeof value === "string") return { type: "String", text: JSON.stringify(value) };
  if (typeof value === "boolean") return { type: "Boolean", text: String(value) };
  if (typeof value === "number") return { type: Number.isInteger(value) ? "Int32" : "Double", text: String(value) };
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const inner = only === undefined ? undefined : value[only];
  switch (only) {
    case "$oid":
      return { type: "ObjectId", text: String(inner) };
    case "$date":
      return { type: "Date", text: dateText(inner) };
    case "$numberInt":
      return { type: "Int32", text: String(inner) };
    case "$numberLong":
      return { type: "Long", text: String(inner) };
    case "$numberDouble":
      return { type: "Double", text: String(inner) };
    case "$numberDecimal":
      return { type: "Decimal128", text: String(inner) };
    case "$binary": {
      const b = inner as { base64?: string; subType?: string };
      if (b?.subType === "04") return { type: "UUID", text: uuidText(b.base64 ?? "") };
      return { type: `Binary (subtype ${b?.subType ?? "00"})`, text: b?.base64 ?? "" };
    }
    case "$regularExpression": {
      const r = inner as { pattern?: string; options?: string };
      return { type: "Regex", text: `/${r?.pattern ?? ""}/${r?.options ?? ""}` };
    }
    case "$timestamp": {
      const t = inner as { t?: number; i?: number };
      return { type: "Timestamp", text: `t: ${t?.t}, i: ${t?.i}` };
    }
    case "$minKey":
      return { type: "MinKey", text: "MinKey" };
    case "$maxKey":
      return { type: "MaxKey", text: "MaxKey" };
    case "$undefined":
      return { type: "Undefined", text: "undefined" };
    case "$symbol":
      return { type: "Symbol", text: String(inner) };
    case "$code":
      return { type: "JavaScript", text: String(inner) };
  }
  if (keys.length === 2 && "$code" in value && "$scope" in value) return { type: "JavaScript with scope", text: String(value.$code) };
  if (only === "$dbPointer") return { type: "DBPointer", text: JSON.stringify(inner) };
  return undefined;
}

function dateText(inner: unknown): string {
  if (typeof inner === "string") return inner;
  const ms = isObject(inner) ? Number(inner.$numberLong) : Number(inner);
  if (!Number.isFinite(ms)) return String(inner);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `${ms} ms` : date.toISOString();
}

function uuidText(base64: string): string {
  try {
    const hex = Array.from(atob(base64), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return base64;
  }
}

/**
 * The relaxed Extended JSON form of a canonical value: plain numbers and ISO dates where
 * they are exact. With `keepTypes` (for editing), a number stays wrapped when reading it
 * back would change its BSON type: whole doubles and every Long.
 */
export function toRelaxed(value: unknown, keepTypes = false): unknown {
  if (Array.isArray(value)) return value.map((v) => toRelaxed(v, keepTypes));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const inner = value[keys[0]];
    switch (keys[0]) {
      case "$numberInt":
        return Number(inner);
      case "$numberDouble": {
        const n = Number(inner);
        // NaN and the infinities stay wrapped; a whole double would read back as an Int32.
        return Number.isFinite(n) && !(keepTypes && Number.isInteger(n)) ? n : value;
      }
      case "$numberLong": {
        const n = Number(inner);
        return Number.isSafeInteger(n) && !keepTypes ? n : value;
      }
      case "$date": {
        const ms = isObject(inner) ? Number(inner.$numberLong) : Number.NaN;
        // Relaxed form writes dates from 1970 to 9999 as ISO strings.
        return Number.isFinite(ms) && ms >= 0 && ms <= 253402300799999 ? { $date: new Date(ms).toISOString() } : value;
      }
    }
    if (keys[0].startsWith("$") && bsonScalar(value)) return value;
  }
  return Object.fromEntries(keys.map((k) => [k, toRelaxed(value[k], keepTypes)]));
}

/** A stable key for an `_id` value. */
export function idKey(id: unknown): string {
  return JSON.stringify(id);
}

/** An `_id` as people read it: the ObjectId's hex, a string as it is, anything else as JSON. */
export function idText(id: unknown): string {
  const scalar = bsonScalar(id);
  if (scalar?.type === "String") return String(id);
  if (scalar) return scalar.type === "ObjectId" ? scalar.text : `${scalar.type} ${scalar.text}`;
  return JSON.stringify(id);
}

/** Whether a value is a document (not a BSON scalar wrapper) whose fields the tree can open. */
export function isDocument(value: unknown): value is Json {
  return isObject(value) && bsonScalar(value) === undefined;
}

/** Dotted paths present in `full` and absent from `shown` (fields the rules hide); scalars and arrays count whole. */
export function missingPaths(full: unknown, shown: unknown, prefix = ""): string[] {
  if (!isDocument(full) || !isDocument(shown)) return [];
  const out: string[] = [];
  for (const key of Object.keys(full)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(shown, key)) out.push(path);
    else out.push(...missingPaths(full[key], shown[key], path));
  }
  return out;
}
