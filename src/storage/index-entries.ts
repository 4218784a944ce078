import type { Document } from "../bson/types.ts";
import { encodeKey, type IdbKey } from "./keys.ts";

/**
 * The index entries of one document for the declared fields. Like a MongoDB multikey
 * index, a path through arrays indexes every element it reaches.
 */
export function indexEntries(ns: string, doc: Document, fields: readonly string[]): IdbKey[][] {
  const entries: IdbKey[][] = [];
  for (const field of fields) {
    for (const value of valuesAtPath(doc, field.split("."), 0)) {
      const key = encodeKey(value);
      if (key) entries.push([ns, field, ...key]);
    }
  }
  return entries;
}

function valuesAtPath(value: unknown, parts: string[], index: number): unknown[] {
  if (index === parts.length) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAtPath(item, parts, index));
  if (value === null || typeof value !== "object") return [];
  const next = (value as Document)[parts[index]];
  return next === undefined ? [] : valuesAtPath(next, parts, index + 1);
}
