import { ObjectId } from "bson";

/** What `commonFromEJSON` answers for input it leaves to bson. */
export const NOT_COMMON = Symbol("not common Extended JSON");

class NotCommon {}
const BAIL = new NotCommon();
const HEX_ID = /^[0-9a-fA-F]{24}$/;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/**
 * Model values for the Extended JSON most bodies hold: strings, booleans, null, int32
 * numbers, `{"$oid": …}`, documents and arrays, in one walk. bson's own path stringifies
 * the value again and parses it back with a reviver, and the result is walked twice more;
 * for 10,000 tasks that is most of an insertMany's time outside storage. Anything else
 * (another wrapper, a number that is not an int32, a key bson would refuse) answers
 * NOT_COMMON, and the caller takes bson's path for the whole value, so errors and every
 * other type come out exactly as before.
 */
export function commonFromEJSON(json: unknown): unknown {
  try {
    return convert(json, 0);
  } catch (error) {
    if (error === BAIL) return NOT_COMMON;
    throw error;
  }
}

function convert(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // bson makes an Int32 of these, which the model folds back into the number.
      if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0)) return value;
      throw BAIL;
    case "object": {
      if (value === null) return null;
      if (depth > 100) throw BAIL;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = convert(value[i], depth + 1);
        return out;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) throw BAIL;
      const doc = value as Record<string, unknown>;
      const keys = Object.keys(doc);
      if (keys.length === 1 && keys[0] === "$oid") {
        const hex = doc.$oid;
        if (typeof hex === "string" && HEX_ID.test(hex)) return new ObjectId(hex);
        throw BAIL;
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        if (key.charCodeAt(0) === 36 /* $ */ || key === "__proto__" || key.includes("\u0000")) throw BAIL;
        out[key] = convert(doc[key], depth + 1);
      }
      return out;
    }
    default:
      throw BAIL;
  }
}

/**
 * The JSON of canonical Extended JSON for the same common values going out: strings,
 * booleans, null, ObjectIds (`{"$oid": …}`), documents and arrays, in one walk. Numbers,
 * dates and every other type answer NOT_COMMON, and the caller lets bson write the value.
 */
export function commonToEJSON(value: unknown): unknown {
  try {
    return toJson(value, 0);
  } catch (error) {
    if (error === BAIL) return NOT_COMMON;
    throw error;
  }
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function toJson(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "object": {
      if (value === null) return null;
      if (depth > 100) throw BAIL;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = toJson(value[i], depth + 1);
        return out;
      }
      if (value instanceof ObjectId) {
        const bytes = value.id;
        let hex = "";
        for (let i = 0; i < 12; i++) hex += HEX_BYTES[bytes[i]];
        return { $oid: hex };
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw BAIL;
      const doc = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(doc)) {
        if (key === "__proto__" || key === "_bsontype" || key === "toJSON") throw BAIL;
        out[key] = toJson(doc[key], depth + 1);
      }
      return out;
    }
    default:
      throw BAIL;
  }
}
