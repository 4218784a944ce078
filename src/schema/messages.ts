import {
  BSONRegExp,
  type Binary,
  Decimal128,
  Double,
  Long,
  type ObjectId,
  type Timestamp,
  bsonTypeOf,
} from "../bson/types.ts";

/** How a path reads as the subject of a message. */
export function subject(path: string): string {
  return path === "" ? "the document" : `"${path}"`;
}

/** Child path of a property or array index. */
export function childPath(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  if (quoted.length < 2) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

const MAX_VALUE_TEXT = 60;

/** A short, readable rendering of a value for messages (never the whole of a large document). */
export function formatValue(value: unknown): string {
  const text = renderValue(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  // Dispatch on the BSON type, not instanceof: Timestamp is a subclass of Long.
  switch (bsonTypeOf(value)) {
    case "long":
    case "decimal":
    case "double":
      return formatNumber(value);
    case "objectId":
      return `ObjectId("${(value as ObjectId).toHexString()}")`;
    case "date":
      return Number.isNaN((value as Date).getTime()) ? "Invalid Date" : (value as Date).toISOString();
    case "uuid":
      return `UUID("${(value as Binary).toUUID().toHexString(true)}")`;
    case "binData":
      return `Binary("${(value as Binary).toString("base64")}", ${(value as Binary).sub_type})`;
    case "timestamp":
      return `Timestamp(${(value as Timestamp).t}, ${(value as Timestamp).i})`;
    case "regex":
      return value instanceof BSONRegExp ? `/${value.pattern}/${value.options}` : String(value);
    case "minKey":
      return "MinKey";
    case "maxKey":
      return "MaxKey";
    default:
      try {
        return JSON.stringify(value) ?? String(value);
      } catch {
        return String(value);
      }
  }
}

/** A numeric BSON value as written in a message, without losing Long or Decimal128 digits. */
export function formatNumber(value: unknown): string {
  if (value instanceof Long || value instanceof Decimal128 || typeof value === "bigint") return value.toString();
  if (value instanceof Double) return String(value.value);
  return String(value);
}
