import { compare, isEqual } from "mingo/util";

import {
  bsonTypeOf,
  isPlainObject,
  numericValue,
  type BSONRegExp,
  type Binary,
  type BsonType,
  type Document,
  type ObjectId,
  type Timestamp,
} from "../bson/types.ts";
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

/** MongoDB's ranking of BSON types for comparison and sort; missing sorts with null. */
const TYPE_RANK: Partial<Record<BsonType, number>> = {
  minKey: 1, undefined: 2, null: 2, int: 3, long: 3, double: 3, decimal: 3, string: 4, symbol: 4,
  object: 5, array: 6, binData: 7, uuid: 7, objectId: 8, bool: 9, date: 10, timestamp: 11, regex: 12,
  javascript: 13, maxKey: 14,
};

/**
 * MongoDB's total order over stored values (wrappers included): type rank first, then
 * the value within the type; NaN sorts below every other number.
 */
export function compareBson(a: unknown, b: unknown): number {
  const typeA = bsonTypeOf(a);
  const typeB = bsonTypeOf(b);
  const rank = TYPE_RANK[typeA] ?? 0;
  if (rank !== (TYPE_RANK[typeB] ?? 0)) return rank - (TYPE_RANK[typeB] ?? 0);
  switch (rank) {
    case 3: {
      const x = numericValue(a)!;
      const y = numericValue(b)!;
      if (Number.isNaN(x) || Number.isNaN(y)) return Number(!Number.isNaN(x)) - Number(!Number.isNaN(y));
      return order(x, y);
    }
    case 4:
    case 13:
      return order(String(a), String(b));
    case 5: {
      const x = Object.entries(a as Document);
      const y = Object.entries(b as Document);
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const diff = (TYPE_RANK[bsonTypeOf(x[i][1])] ?? 0) - (TYPE_RANK[bsonTypeOf(y[i][1])] ?? 0) ||
          order(x[i][0], y[i][0]) || compareBson(x[i][1], y[i][1]);
        if (diff !== 0) return diff;
      }
      return x.length - y.length;
    }
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const diff = compareBson(x[i], y[i]);
        if (diff !== 0) return diff;
      }
      return x.length - y.length;
    }
    case 7:
      return (a as Binary).length() - (b as Binary).length() || (a as Binary).sub_type - (b as Binary).sub_type ||
        order((a as Binary).toString("hex"), (b as Binary).toString("hex"));
    case 8:
      return order((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return Number(a) - Number(b);
    case 10:
      return order((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return order((a as Timestamp).t, (b as Timestamp).t) || order((a as Timestamp).i, (b as Timestamp).i);
    case 12: {
      const [x, y] = [a, b].map((r) => (r instanceof RegExp ? [r.source, r.flags] : [(r as BSONRegExp).pattern, (r as BSONRegExp).options]));
      return order(x[0], y[0]) || order(x[1], y[1]);
    }
    default:
      return 0;
  }
}

function order<T extends string | number>(x: T, y: T): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * MongoDB equality over query views: embedded documents are equal only with the same
 * fields in the same order (mingo's `isEqual` ignores the order).
 */
export function bsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => bsonEqual(item, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return keysA.length === keysB.length && keysA.every((key, i) => key === keysB[i] && bsonEqual(a[key], b[key]));
  }
  return isEqual(a, b);
}
