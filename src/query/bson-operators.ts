import { bsonTypeOf, isPlainObject, numericValue, type BsonType } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { orderMatters } from "./equality-operators.ts";
import { rawValueOf } from "./view.ts";

/** `$type` aliases by number, as MongoDB numbers BSON types. */
const TYPE_NUMBERS: Record<number, string> = {
  1: "double", 2: "string", 3: "object", 4: "array", 5: "binData", 6: "undefined", 7: "objectId", 8: "bool",
  9: "date", 10: "null", 11: "regex", 13: "javascript", 14: "symbol", 16: "int", 17: "timestamp", 18: "long",
  19: "decimal", [-1]: "minKey", 127: "maxKey",
};
const TYPE_NAMES = new Set([...Object.values(TYPE_NUMBERS), "number"]);

/**
 * MongoDB's `$type` query operator. The query view folds every numeric type into plain
 * numbers, so the operator reads the stored values behind the view to tell int, long,
 * double and decimal apart (and knows ObjectId, Binary, Timestamp, MinKey, MaxKey…).
 * mingo keeps its own operators over added ones, so filters name this one `$bsonType`
 * (see `useBsonOperators`).
 */
export function $bsonType(selector: string, value: unknown, _options: unknown): (doc: unknown) => boolean {
  const wanted = new Set((Array.isArray(value) ? value : [value]).map(typeName));
  const parts = selector.split(".");
  return (doc) => valuesAt(rawValueOf(doc), parts, 0).some((v) => matches(v, wanted));
}

function typeName(alias: unknown): string {
  const name = typeof alias === "number" ? TYPE_NUMBERS[alias] : alias;
  if (typeof name !== "string" || !TYPE_NAMES.has(name)) {
    throw new AppServicesError("MongoDBError", `invalid query: unknown type name alias: ${String(alias)}`);
  }
  return name;
}

function matches(value: unknown, wanted: Set<string>): boolean {
  // A number seen only through the view (a scalar inside $elemMatch) counts as int or double.
  let type: BsonType = bsonTypeOf(value);
  if (type === "uuid") type = "binData";
  return wanted.has(type) || (wanted.has("number") && (type === "int" || type === "long" || type === "double" || type === "decimal"));
}

/**
 * MongoDB's `$mod`: numbers of any numeric type only (never strings), with the divisor,
 * the remainder and the value truncated toward zero.
 */
export function $bsonMod(selector: string, value: unknown, _options: unknown): (doc: unknown) => boolean {
  const operands = Array.isArray(value) ? value.map(numericValue) : [];
  if (operands.length !== 2 || operands.some((n) => n === undefined || !Number.isFinite(n))) {
    throw new AppServicesError("MongoDBError", "invalid query: malformed mod, needs an array of [divisor, remainder]");
  }
  const [divisor, remainder] = operands.map((n) => Math.trunc(n!));
  if (divisor === 0) throw new AppServicesError("MongoDBError", "invalid query: divisor cannot be 0");
  const parts = selector.split(".");
  return (doc) =>
    valuesAt(rawValueOf(doc), parts, 0).some((v) => {
      const n = numericValue(v);
      return n !== undefined && Number.isFinite(n) && Math.trunc(n) % divisor === remainder;
    });
}

/** The values a path reaches: through embedded documents and arrays; an array counts itself and its elements. */
function valuesAt(value: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) return Array.isArray(value) ? [value, ...value] : value === undefined ? [] : [value];
  if (Array.isArray(value)) {
    const found: unknown[] = [];
    if (/^\d+$/.test(parts[i]) && Number(parts[i]) < value.length) found.push(...valuesAt(value[Number(parts[i])], parts, i + 1));
    for (const item of value) if (isPlainObject(item)) found.push(...valuesAt(item, parts, i));
    return found;
  }
  if (!isPlainObject(value)) return [];
  return valuesAt(value[parts[i]], parts, i + 1);
}

const RENAMED: Record<string, string> = { $type: "$bsonType", $mod: "$bsonMod" };
const ORDERED: Record<string, string> = { $eq: "$bsonEq", $ne: "$bsonNe", $in: "$bsonIn", $nin: "$bsonNin", $all: "$bsonAll" };
const LOGICAL = new Set(["$and", "$or", "$nor"]);

/**
 * Rewrites a filter for the operators above: `$type` and `$mod` become `$bsonType` and
 * `$bsonMod`, and equality against embedded documents of several fields (implicit,
 * `$eq`, `$ne`, `$in`, `$nin`, `$all`) becomes the order-aware operators of
 * equality-operators.ts. Expressions (`$expr`) and schemas (`$jsonSchema`) stay as they are.
 */
export function useBsonOperators(filter: unknown): unknown {
  if (!isPlainObject(filter)) return filter;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL.has(key) && Array.isArray(value)) out[key] = value.map(useBsonOperators);
    else if (key.startsWith("$")) out[key] = value;
    else out[key] = condition(value);
  }
  return out;
}

/** A field's condition: an operator document or a value to equal. */
function condition(value: unknown): unknown {
  if (!isOperatorDocument(value)) return orderMatters(value) ? { $bsonEq: value } : value;
  const out: Record<string, unknown> = {};
  for (const [op, operand] of Object.entries(value)) {
    if (op === "$not") out[op] = isOperatorDocument(operand) ? condition(operand) : operand;
    else if (op === "$elemMatch") out[op] = elemMatch(operand);
    else if (op === "$all" && Array.isArray(operand) && operand.some(isOperatorDocument)) {
      out[op] = operand.map((item) => (isPlainObject(item) && "$elemMatch" in item ? { ...item, $elemMatch: elemMatch(item.$elemMatch) } : item));
    } else if (op in ORDERED && (Array.isArray(operand) && op !== "$eq" && op !== "$ne" ? operand.some(orderMatters) : orderMatters(operand))) {
      out[ORDERED[op]] = operand;
    } else out[RENAMED[op] ?? op] = operand;
  }
  return out;
}

/** `$elemMatch` criteria: conditions on each element (operators only) or a filter over its fields. */
function elemMatch(criteria: unknown): unknown {
  if (!isPlainObject(criteria)) return criteria;
  const keys = Object.keys(criteria);
  const onElement = keys.length > 0 && keys.every((key) => key.startsWith("$") && !LOGICAL.has(key));
  return onElement ? condition(criteria) : useBsonOperators(criteria);
}

function isOperatorDocument(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key in value) return key.startsWith("$");
  return false;
}
