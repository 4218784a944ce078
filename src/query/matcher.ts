import type { Document } from "../bson/types.ts";
import { useBsonOperators } from "./bson-operators.ts";
import { Query } from "./engine.ts";
import { queryError } from "./errors.ts";
import { toFilterView } from "./filter-view.ts";
import { Budget, chargingTo, withBudget } from "./limits.ts";
import { queryOptions } from "./options.ts";
import { toQueryValue } from "./view.ts";

export type Matcher = (doc: Document) => boolean;

/**
 * Compiles a MongoDB filter once (regexes included, so a bad pattern fails before any
 * document is read); the matcher compares query views of documents. With a `budget`
 * (see limits.ts) every test is charged to it, so one read is bounded as a whole (the
 * caller enters and exits it around its loops); without one, a filter with `$expr`
 * gets a fresh budget per document.
 */
export function compileFilter(filter: Document | undefined, budget?: Budget): Matcher {
  if (!filter || isEmptyObject(filter)) return () => true;
  let query: Query;
  try {
    query = new Query(useBsonOperators(toFilterView(filter)) as Document, queryOptions());
  } catch (error) {
    throw queryError(error, "query");
  }
  const full = (doc: Document) => query.test(toQueryValue(doc) as Document);
  const strings = stringsInFilter(filter);
  // A string field tested against a list of strings is plain set membership; anything else
  // in the field (arrays, other types, none) gets the full comparison.
  const test = strings
    ? (doc: Document) => {
        const value = doc[strings.field];
        return typeof value === "string" ? strings.list.has(value) : full(doc);
      }
    : full;
  const bounded = budget
    ? (doc: Document) => chargingTo(budget, test, doc)
    : hasExpr(filter)
      ? (doc: Document) => withBudget(new Budget(), () => test(doc))
      : test;
  return (doc) => {
    try {
      return bounded(doc);
    } catch (error) {
      throw queryError(error, "query");
    }
  };
}

/**
 * `{field: {$in: [strings]}}` on a top-level field: how relationships and batched lookups
 * ask, each document tested against up to hundreds of keys.
 */
function stringsInFilter(filter: Document): { field: string; list: Set<string> } | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1) return undefined;
  const [field] = keys;
  if (field.startsWith("$") || field.includes(".")) return undefined;
  const condition = filter[field] as Document | null;
  if (condition === null || typeof condition !== "object" || Object.keys(condition).length !== 1) return undefined;
  const list = condition.$in;
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) return undefined;
  return { field, list: new Set(list as string[]) };
}

/** `$expr` sits at the top of a filter or under `$and`, `$or`, `$nor`. */
function hasExpr(filter: unknown): boolean {
  if (Array.isArray(filter)) return filter.some(hasExpr);
  if (filter === null || typeof filter !== "object") return false;
  const doc = filter as Document;
  return "$expr" in doc || hasExpr(doc.$and) || hasExpr(doc.$or) || hasExpr(doc.$nor);
}

export function isEmptyObject(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
