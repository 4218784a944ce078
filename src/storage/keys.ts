import { stringifyEJSON } from "../bson/ejson.ts";
import { bsonTypeOf, isLong, numericValue, type Binary, type BSONRegExp, type Timestamp } from "../bson/types.ts";

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
      return [RANK.objectId, objectIdHex(value)];
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

/** An `_id` key as one string whose code-unit order is MongoDB's order of the values. */
export function idKey(id: unknown): string {
  const type = bsonTypeOf(id);
  switch (type) {
    case "int":
    case "long":
    case "double":
    case "decimal":
      return rankChar(RANK.number) + orderedNumber(numericValue(id)!) + longRemainder(id);
    case "string":
    case "symbol":
      return rankChar(RANK.string) + String(id);
    case "objectId":
      return rankChar(RANK.objectId) + objectIdHex(id);
    case "bool":
      return rankChar(RANK.bool) + (id ? "1" : "0");
    case "date":
      return rankChar(RANK.date) + orderedNumber((id as Date).getTime());
    case "timestamp":
      return rankChar(RANK.timestamp) + hex((id as Timestamp).t, 8) + hex((id as Timestamp).i, 8);
    case "binData":
    case "uuid": {
      const binary = id as Binary;
      return rankChar(RANK.binData) + hex(binary.length(), 8) + hex(binary.sub_type, 2) + binary.toString("hex");
    }
    case "regex": {
      const regex = id as RegExp | BSONRegExp;
      return rankChar(RANK.regex) + (regex instanceof RegExp ? `${regex.source}\u0000${regex.flags}` : `${regex.pattern}\u0000${regex.options}`);
    }
    case "null":
    case "undefined":
      return rankChar(RANK.null);
    case "minKey":
      return rankChar(RANK.minKey);
    case "maxKey":
      return rankChar(RANK.maxKey);
    default:
      // Documents and arrays: canonical EJSON, exact for equality (field order counts) though not for order.
      return rankChar(type === "array" ? RANK.array : RANK.object) + stringifyEJSON(id);
  }
}

/**
 * Key bounds for an `_id` range, a superset of the matching keys: both bounds are
 * inclusive and a number bound covers every key of its nearest double. An open end
 * stops at the bound's BSON type bracket, as MongoDB's comparison operators do.
 * Undefined for bound types whose key order is not MongoDB's (documents, arrays, regexes…).
 */
export function idRangeKeys(ns: string, lower: unknown, upper: unknown): [string, string] | undefined {
  const prefix = `${ns}\u0000`;
  const low = lower === undefined ? undefined : rangeBound(lower);
  const high = upper === undefined ? undefined : rangeBound(upper);
  if (low === null || high === null || (low === undefined && high === undefined)) return undefined;
  const rank = (low ?? high)!.charCodeAt(0);
  return [
    prefix + (low ?? String.fromCharCode(rank)),
    // Every key of a number bound is its 17-character prefix and a short suffix below U+FFFF.
    prefix + (high === undefined ? String.fromCharCode(rank + 1) : high + "\uffff"),
  ];
}

const RANGE_TYPES = new Set(["int", "long", "double", "decimal", "string", "objectId", "bool", "date", "timestamp", "binData", "uuid"]);

function rangeBound(value: unknown): string | null {
  if (!RANGE_TYPES.has(bsonTypeOf(value))) return null;
  const key = idKey(value);
  return key[0] === rankChar(RANK.number) ? key.slice(0, 17) : key;
}

function rankChar(rank: number): string {
  return String.fromCharCode(64 + rank);
}

const F64 = new DataView(new ArrayBuffer(8));

/**
 * 16 hex digits whose text order is the numeric order of doubles: the sign bit is
 * flipped for positives and every bit for negatives. NaN sorts first, as in MongoDB,
 * and -0 is 0.
 */
function orderedNumber(n: number): string {
  if (Number.isNaN(n)) return "0000000000000000";
  F64.setFloat64(0, n === 0 ? 0 : n);
  let high = F64.getUint32(0);
  let low = F64.getUint32(4);
  if (high & 0x80000000) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  } else high = (high | 0x80000000) >>> 0;
  return hex(high, 8) + hex(low, 8);
}

/**
 * A Long beyond 2^53 rounds to its nearest double; the signed remainder orders and
 * tells apart the Longs that share it ("1" for none, "0"/"2" + 3 hex digits below/above).
 */
function longRemainder(value: unknown): string {
  if (!isLong(value)) return "1";
  const approx = value.toNumber();
  if (Number.isSafeInteger(approx)) return "1";
  const remainder = Number(BigInt(value.toString()) - BigInt(approx));
  if (remainder === 0) return "1";
  return remainder < 0 ? "0" + hex(remainder + 2048, 3) : "2" + hex(remainder, 3);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * Primary key of a stored document: namespace, a NUL separator (namespaces cannot
 * contain NUL) and the `_id` key. A flat string is much cheaper for IndexedDB to
 * compare than a nested array key, and its order is the `_id` order, so a scan
 * returns documents in `_id` order and an `_id` range is a key range.
 */
export function documentKey(ns: string, id: unknown): string {
  return `${ns}\u0000${idKey(id)}`;
}

/** Key bounds covering exactly the documents of one namespace. */
export function namespaceBounds(ns: string): [string, string] {
  return [`${ns}\u0000`, `${ns}\u0001`];
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * An ObjectId's 24 hex digits. bson's browser build makes an array and a string per byte
 * for `toHexString`; every stored document's key needs one, so a batch of 10,000 notices.
 */
function objectIdHex(value: unknown): string {
  const bytes = (value as { id?: unknown }).id;
  if (!(bytes instanceof Uint8Array) || bytes.length !== 12) return (value as { toHexString(): string }).toHexString();
  let hex = "";
  for (let i = 0; i < 12; i++) hex += HEX_BYTES[bytes[i]];
  return hex;
}
