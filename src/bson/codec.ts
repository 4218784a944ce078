import { BSON } from "bson";

import { normalizeValue } from "./normalize.ts";
import type { Document } from "./types.ts";

/**
 * Documents are stored as BSON bytes: exact for every type, key order kept, and a
 * single Uint8Array is the cheapest thing IndexedDB can structured-clone.
 */
export function encodeDocument(doc: Document): Uint8Array {
  return BSON.serialize(doc, { checkKeys: false, ignoreUndefined: true });
}

export function decodeDocument(bytes: Uint8Array): Document {
  const doc = BSON.deserialize(bytes, { promoteValues: false, bsonRegExp: true });
  return normalizeValue(doc) as Document;
}

/** BSON byte size, used for the 16 MB document limit. */
export function documentSize(doc: Document): number {
  return BSON.calculateObjectSize(doc, { ignoreUndefined: true });
}
