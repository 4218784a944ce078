import { Double, Int32, isInt32, isPlainObject } from "./types.ts";

/**
 * Folds values into the shared value model (see types.ts) in place and returns the
 * (possibly replaced) value:
 * - `Int32` becomes a number;
 * - a `Double` keeps its wrapper only when its value is integral, since a plain number
 *   with that value would be taken for an int;
 * - a plain integral number outside the int32 range becomes a `Double`, which is what
 *   JavaScript numbers are and how BSON stores them.
 */
export function normalizeValue(value: unknown): unknown {
  if (typeof value === "number") return isIntegralDouble(value) && !isInt32(value) ? new Double(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeValue(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key in value) value[key] = normalizeValue(value[key]);
    return value;
  }
  if (value instanceof Int32) return value.value;
  if (value instanceof Double) return isIntegralDouble(value.value) ? value : value.value;
  return value;
}

function isIntegralDouble(n: number): boolean {
  return Number.isInteger(n) && !Object.is(n, -0);
}
