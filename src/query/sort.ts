import { resolve } from "mingo/util";

import type { Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { compareBson } from "./compare.ts";
import { toQueryValue } from "./view.ts";

export type SortSpec = Record<string, 1 | -1>;

/** Validates a client sort document: every direction must be 1 or -1. */
export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (typeof sort !== "object" || Array.isArray(sort)) {
    throw new AppServicesError("InvalidParameter", "sort must be a document");
  }
  const spec: SortSpec = {};
  for (const [key, direction] of Object.entries(sort)) {
    const n = Number(toQueryValue(direction));
    if (n !== 1 && n !== -1) throw new AppServicesError("InvalidParameter", `bad sort direction for "${key}": must be 1 or -1`);
    spec[key] = n;
  }
  return spec;
}

/**
 * Sorts documents in MongoDB order. An array field sorts by its smallest element
 * ascending and its largest descending, as MongoDB does. The sort is stable.
 */
export function sortDocuments(docs: Document[], spec: SortSpec | undefined): Document[] {
  if (!spec) return docs;
  const keys = Object.entries(spec);
  if (keys.length === 0) return docs;
  const decorated = docs.map((doc, index) => ({
    doc,
    index,
    values: keys.map(([path, direction]) => sortKey(resolve(doc, path), direction)),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const order = compareKeys(a.values[i], b.values[i]) * keys[i][1];
      if (order !== 0) return order;
    }
    return a.index - b.index;
  });
  return decorated.map((entry) => entry.doc);
}

/** An empty array sorts below null and missing fields, as MongoDB sorts it. */
const EMPTY_ARRAY = Symbol("empty array");

function sortKey(value: unknown, direction: 1 | -1): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return EMPTY_ARRAY;
  return value.reduce((best, item) => {
    const order = compareBson(item, best);
    return (direction === 1 ? order < 0 : order > 0) ? item : best;
  });
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareBson(a, b);
}
