import { BSON } from "bson";

import { writeCommonDocument } from "./document-writer.ts";
import { normalizeValue } from "./normalize.ts";
import type { Document } from "./types.ts";

/**
 * Documents are stored as BSON bytes: exact for every type, key order kept, and a
 * single Uint8Array is the cheapest thing IndexedDB can structured-clone.
 */
export function encodeDocument(doc: Document): Uint8Array {
  // Serializing into a reused scratch buffer and copying out once is cheaper than
  // bson's own allocation, and gives an exactly sized array: in Node bson hands out
  // views into a shared pool, and a structured clone copies a view's whole buffer.
  const written = writeCommonDocument(doc, scratch);
  if (written !== undefined) return scratch.slice(0, written);
  try {
    const end = BSON.serializeWithBufferAndIndex(doc, scratch, SERIALIZE_OPTIONS);
    return scratch.slice(0, end + 1);
  } catch (error) {
    if (!(error instanceof RangeError) && !/buffer|size|bounds/i.test(String((error as Error)?.message))) throw error;
    const bytes = BSON.serialize(doc, SERIALIZE_OPTIONS);
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  }
}

const SERIALIZE_OPTIONS = { checkKeys: false, ignoreUndefined: true } as const;

/** Most documents are small; larger ones take the slower path above. */
const scratch = new Uint8Array(256 * 1024);

export function decodeDocument(bytes: Uint8Array): Document {
  const doc = BSON.deserialize(bytes, { promoteValues: false, bsonRegExp: true });
  return normalizeValue(doc) as Document;
}

/** BSON byte size, used for the 16 MB document limit. */
export function documentSize(doc: Document): number {
  return BSON.calculateObjectSize(doc, { ignoreUndefined: true });
}
