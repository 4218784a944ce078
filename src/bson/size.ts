import { BSON } from "bson";

import { isPlainObject } from "./types.ts";

/**
 * The BSON size of a document, as `BSON.calculateObjectSize` with `ignoreUndefined`
 * computes it, without building index keys as strings: a result holding an array of
 * millions of numbers is measured in a few milliseconds, before it is ever encoded.
 */
export function bsonDocumentSize(doc: Record<string, unknown>): number {
  let size = 5; // int32 length + trailing 0
  for (const key in doc) {
    const value = doc[key];
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    size += 1 + utf8Length(key) + 1 + valueSize(value);
  }
  return size;
}

function arraySize(array: readonly unknown[]): number {
  let size = 5;
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    // bson writes undefined array elements as null.
    size += 1 + digits(i) + 1 + (value === undefined ? 0 : valueSize(value));
  }
  return size;
}

function valueSize(value: unknown): number {
  switch (typeof value) {
    case "string":
      return 4 + utf8Length(value) + 1;
    case "number":
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 4 : 8;
    case "boolean":
      return 1;
    case "bigint":
      return 8;
  }
  if (value === null) return 0;
  if (Array.isArray(value)) return arraySize(value);
  if (isPlainObject(value)) return bsonDocumentSize(value);
  if (value instanceof Date) return 8;
  if (value instanceof RegExp) {
    // bson writes only the i, m and g flags of a JavaScript RegExp.
    return utf8Length(value.source) + 1 + Number(value.ignoreCase) + Number(value.multiline) + Number(value.global) + 1;
  }
  // Other BSON values (ObjectId, Long, Decimal128, Binary, …) are small or rare: ask bson.
  return BSON.calculateObjectSize({ v: value }, { ignoreUndefined: true }) - 8;
}

function digits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if ((unit & 0xfc00) === 0xd800 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
