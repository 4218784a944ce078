import { stringifyEJSON } from "../bson/ejson.ts";
import { bsonTypeOf, numericValue, type Binary, type BSONRegExp, type Timestamp } from "../bson/types.ts";

/** A valid IndexedDB key. */
export type IdbKey = number | string | Date | IdbKey[];

/**
 * Rank of each BSON type in MongoDB's cross-type sort order. Keys are `[rank, ...]`
 * so that IndexedDB's ordering of arrays gives MongoDB's ordering of values.
 */
const RANK = {
  minKey: 1, null: 2, number: 3, string: 4, object: 5, array: 6, binData: 7,
  objectId: 8, bool: 9, date: 10, timestamp: 11, regex: 12, maxKey: 13,
} as const;

/** Index key of a single value, or undefined for values an index does not hold (documents, arrays). */
export function encodeKey(value: unknown): IdbKey[] | undefined {
  const type = bsonTypeOf(value);
  switch (type) {
    case "int":
    case "long":
    case "double":
    case "decimal": {
      const n = numericValue(value)!;
      return Number.isNaN(n) ? [RANK.number, "NaN"] : [RANK.number, n];
    }
    case "string":
      return [RANK.string, value as string];
    case "symbol":
      return [RANK.string, String(value)];
    case "objectId":
      return [RANK.objectId, (value as { toHexString(): string }).toHexString()];
    case "bool":
      return [RANK.bool, value ? 1 : 0];
    case "date": {
      const time = (value as Date).getTime();
      return [RANK.date, Number.isNaN(time) ? "NaN" : time];
    }
    case "binData":
    case "uuid": {
      const binary = value as Binary;
      return [RANK.binData, binary.length(), binary.sub_type, binary.toString("hex")];
    }
    case "timestamp": {
      const ts = value as Timestamp;
      return [RANK.timestamp, ts.t, ts.i];
    }
    case "regex": {
      const regex = value as RegExp | BSONRegExp;
      return regex instanceof RegExp ? [RANK.regex, regex.source, regex.flags] : [RANK.regex, regex.pattern, regex.options];
    }
    case "null":
    case "undefined":
      return [RANK.null];
    case "minKey":
      return [RANK.minKey];
    case "maxKey":
      return [RANK.maxKey];
    default:
      return undefined;
  }
}

/**
 * Primary-key form of an `_id`. Any value works: documents get their canonical
 * EJSON (field order matters for `_id` equality, as in MongoDB).
 */
export function encodeIdKey(id: unknown): IdbKey[] {
  const key = encodeKey(id);
  if (key) return key;
  return [bsonTypeOf(id) === "array" ? RANK.array : RANK.object, stringifyEJSON(id)];
}

/** The rank prefix of a key, for open-ended range bounds within one BSON type bracket. */
export function keyRank(key: IdbKey[]): number {
  return key[0] as number;
}

/**
 * Primary key of a stored document: namespace, a NUL separator (namespaces cannot
 * contain NUL) and the `_id` key as JSON. A flat string is much cheaper for IndexedDB
 * to compare than a nested array key, and `_id` lookups only need equality.
 */
export function documentKey(ns: string, id: unknown): string {
  return `${ns}\u0000${JSON.stringify(encodeIdKey(id))}`;
}

/** Key bounds covering exactly the documents of one namespace. */
export function namespaceBounds(ns: string): [string, string] {
  return [`${ns}\u0000`, `${ns}\u0001`];
}
