import { compare, isEqual } from "mingo/util";

import { toQueryValue } from "./view.ts";

/** MongoDB equality of two values (numbers across types compare by value). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return isEqual(toQueryValue(a), toQueryValue(b));
}

/** MongoDB sort order of two values: negative, zero or positive. */
export function compareValues(a: unknown, b: unknown): number {
  return compare(toQueryValue(a), toQueryValue(b));
}

/**
 * Equality as a query `{field: value}` means it: an array field matches when it equals
 * the value or any of its elements does.
 */
export function matchesEquality(fieldValue: unknown, value: unknown): boolean {
  const left = toQueryValue(fieldValue);
  const right = toQueryValue(value);
  if (isEqual(left, right)) return true;
  return Array.isArray(left) && left.some((item) => isEqual(item, right));
}
