import { EJSON } from "bson";

/** Caps that keep one entry small enough for a log of thousands. */
export const LOG_VALUE_LIMITS = { string: 4000, array: 100, keys: 100, depth: 8 } as const;

/**
 * A value as the log stores it: plain JSON (BSON values as relaxed Extended JSON, so
 * an ObjectId reads `{"$oid": …}` in the export), with long strings, arrays and deep
 * nesting cut and marked. Never throws: the log must not fail what it records.
 */
export function toLogValue(value: unknown): unknown {
  let json: unknown;
  try {
    json = EJSON.serialize(value === undefined ? null : value, { relaxed: true });
  } catch {
    json = fallback(value);
  }
  return trim(json, 0);
}

function fallback(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  try {
    return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null");
  } catch {
    return String(value);
  }
}

function trim(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return value.length > LOG_VALUE_LIMITS.string ? `${value.slice(0, LOG_VALUE_LIMITS.string)}… (${value.length} characters)` : value;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth >= LOG_VALUE_LIMITS.depth) return "…";
  if (Array.isArray(value)) {
    const items = value.slice(0, LOG_VALUE_LIMITS.array).map((item) => trim(item, depth + 1));
    if (value.length > LOG_VALUE_LIMITS.array) items.push(`… ${value.length - LOG_VALUE_LIMITS.array} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, LOG_VALUE_LIMITS.keys)) out[key] = trim((value as Record<string, unknown>)[key], depth + 1);
  if (keys.length > LOG_VALUE_LIMITS.keys) out["…"] = `${keys.length - LOG_VALUE_LIMITS.keys} more fields`;
  return out;
}
