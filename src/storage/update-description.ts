import { isPlainObject, type Document } from "../bson/types.ts";
import { valuesEqual } from "../query/compare.ts";
import type { UpdateDescription } from "./change-event.ts";

/**
 * The `updateDescription` of an update event, derived from the before and after
 * images: changed embedded fields are reported by dotted path, a changed array as a
 * whole (or as a truncation when it only shrank from the end).
 */
export function describeUpdate(before: Document, after: Document): UpdateDescription {
  const description: UpdateDescription = { updatedFields: {}, removedFields: [], truncatedArrays: [] };
  diff(before, after, "", description);
  return description;
}

function diff(before: Document, after: Document, prefix: string, out: UpdateDescription): void {
  for (const key of Object.keys(before)) {
    if (!(key in after)) out.removedFields.push(prefix + key);
  }
  for (const [key, value] of Object.entries(after)) {
    const path = prefix + key;
    const old = before[key];
    if (!(key in before)) {
      out.updatedFields[path] = value;
    } else if (isPlainObject(old) && isPlainObject(value)) {
      diff(old, value, path + ".", out);
    } else if (Array.isArray(old) && Array.isArray(value) && value.length < old.length && value.every((v, i) => valuesEqual(v, old[i]))) {
      out.truncatedArrays.push({ field: path, newSize: value.length });
    } else if (!sameValue(old, value)) {
      out.updatedFields[path] = value;
    }
  }
}

/** Equality that also tells BSON types apart (an int changed to a long is an update). */
function sameValue(a: unknown, b: unknown): boolean {
  if (!valuesEqual(a, b)) return false;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return typeof a === typeof b;
  return a.constructor === b.constructor;
}
