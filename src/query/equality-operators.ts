import { flatten, resolve } from "mingo/util";

import { isPlainObject } from "../bson/types.ts";
import { bsonEqual } from "./compare.ts";

/*
 * Equality operators that respect field order in embedded documents. They restate
 * mingo's `$eq`, `$ne`, `$in`, `$nin` and `$all` with `bsonEqual` in place of mingo's
 * order-blind `isEqual`; `orderedEquality` sends only conditions whose operand holds a
 * document of two or more fields here, so every other filter runs on mingo's own.
 */

type Predicate = (doc: unknown) => boolean;

/** The value a filter path reaches, as mingo's operators see it, and the array depth to flatten. */
function reader(selector: string): [read: (doc: unknown) => unknown, depth: number] {
  const depth = selector.split(".").length - 1;
  return [(doc) => resolve(doc as Record<string, unknown>, selector, { unwrapArray: true }), depth];
}

function equals(value: unknown, wanted: unknown, depth: number): boolean {
  if (bsonEqual(value, wanted)) return true;
  if (value === undefined || value === null) return wanted === undefined || wanted === null;
  if (!Array.isArray(value)) return false;
  return value.some((item) => bsonEqual(item, wanted)) || flatten(value, depth).some((item) => bsonEqual(item, wanted));
}

function within(value: unknown, list: unknown[]): boolean {
  if (value === undefined || value === null) return list.some((item) => item === null);
  const candidates = Array.isArray(value) ? [value, ...value] : [value];
  return candidates.some((v) =>
    list.some((item) => (item instanceof RegExp ? typeof v === "string" && item.test(v) : bsonEqual(v, item))),
  );
}

export function $bsonEq(selector: string, value: unknown, _options?: unknown): Predicate {
  const [read, depth] = reader(selector);
  return (doc) => equals(read(doc), value, depth);
}

export function $bsonNe(selector: string, value: unknown, _options?: unknown): Predicate {
  const [read, depth] = reader(selector);
  return (doc) => !equals(read(doc), value, depth);
}

export function $bsonIn(selector: string, value: unknown, _options?: unknown): Predicate {
  const list = checkedList(value, "$in");
  const [read] = reader(selector);
  return (doc) => within(read(doc), list);
}

export function $bsonNin(selector: string, value: unknown, _options?: unknown): Predicate {
  const list = checkedList(value, "$nin");
  const [read] = reader(selector);
  return (doc) => !within(read(doc), list);
}

/** `$all` of plain values: the path equals every one of them, as `$and` of equalities would. */
export function $bsonAll(selector: string, value: unknown, _options?: unknown): Predicate {
  const list = checkedList(value, "$all");
  const [read, depth] = reader(selector);
  return (doc) => {
    const found = read(doc);
    return list.length > 0 && list.every((item) => (item instanceof RegExp ? within(found, [item]) : equals(found, item, depth)));
  };
}

function checkedList(value: unknown, op: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${op} needs an array`);
  return value;
}

export const EQUALITY_OPERATORS = { $bsonEq, $bsonNe, $bsonIn, $bsonNin, $bsonAll };

/** True when the value holds an embedded document whose field order could decide equality. */
export function orderMatters(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(orderMatters);
  if (!isPlainObject(value)) return false;
  let fields = 0;
  for (const key in value) {
    if (orderMatters(value[key])) return true;
    fields++;
  }
  return fields > 1;
}
