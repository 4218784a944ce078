import { isPlainObject, type Document } from "../bson/types.ts";

/** Sets a dotted path on a plain document, creating embedded documents as needed. */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split(".");
  let target: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = target[parts[i]];
    if (!isPlainObject(next)) target[parts[i]] = {};
    target = target[parts[i]] as Document;
  }
  target[parts[parts.length - 1]] = value;
}

/** Reads a dotted path through embedded documents (not through arrays). */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Document)[part];
  }
  return value;
}
