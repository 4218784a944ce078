import { BSONRegExp, Decimal128, Double, Int32, isLong, isPlainObject } from "../bson/types.ts";

/**
 * The query view of a value: what mingo compares. Every numeric BSON type becomes a
 * plain number (MongoDB compares numbers by value across types) and BSON regular
 * expressions become native ones, to compare (see `toNativeRegExp`). Unchanged subtrees
 * are returned as they are, so a document without numeric wrappers costs one walk and
 * no copies.
 */
export function toQueryValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const viewed = toQueryValue(item);
      if (viewed !== item) {
        copy ??= value.slice();
        copy[i] = viewed;
      }
    }
    if (copy) RAW.set(copy, value);
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const key in value) {
      const item = value[key];
      const viewed = toQueryValue(item);
      if (viewed !== item) {
        copy ??= { ...value };
        copy[key] = viewed;
      }
    }
    if (copy) RAW.set(copy, value);
    return copy ?? value;
  }
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (isLong(value)) return value.toNumber();
  if (value instanceof Decimal128) return Number.parseFloat(value.toString());
  if (value instanceof BSONRegExp) return toNativeRegExp(value);
  return value;
}

/** The stored value behind a document or array of the query view (itself when nothing was converted). */
export function rawValueOf(view: unknown): unknown {
  return (view !== null && typeof view === "object" && RAW.get(view)) || view;
}

const RAW = new WeakMap<object, unknown>();

/**
 * Stored regexes become native ones for mingo's comparisons (equality, sorting, hashing);
 * filters never run them: the filter view (filter-view.ts) puts every regex that is
 * matched on the linear-time engine. A regex with the `x` option, or with syntax only
 * PCRE knows, stays a BSONRegExp.
 */
function toNativeRegExp(regex: BSONRegExp): RegExp | BSONRegExp {
  if (regex.options.includes("x")) return regex;
  const flags = [...regex.options].filter((f) => "ims".includes(f)).join("");
  try {
    return new RegExp(regex.pattern, flags);
  } catch {
    return regex;
  }
}
