import { matchesEquality } from "../../../query/compare.ts";

/**
 * Equality as a MongoDB query means it (`{field: value}`): an array on the left matches
 * when it equals the value or one of its elements does; no coercion (an ObjectId never
 * equals its hex string); `null` matches null or missing. An operand that resolved to
 * missing matches nothing, so two absent values are never "equal".
 */
export function equalityMatch(left: unknown, right: unknown): boolean {
  if (right === undefined) return false;
  if (left === undefined) return right === null;
  if (left === right) return true;
  // Two primitives (strings, booleans, plain numbers) are equal only when identical;
  // NaN equals NaN as in MongoDB. Everything else goes through the query layer.
  if (typeof left !== "object" && typeof right !== "object") return left !== left && right !== right;
  return matchesEquality(left, right);
}
