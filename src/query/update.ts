import { update as mingoUpdate } from "mingo";
import { cloneDeep } from "mingo/util";

import { encodeDocument } from "../bson/codec.ts";
import { stringifyEJSON } from "../bson/ejson.ts";
import { normalizeValue } from "../bson/normalize.ts";
import {
  Decimal128,
  Double,
  Long,
  ObjectId,
  Timestamp,
  bsonTypeOf,
  isLong,
  isPlainObject,
  numericValue,
  type Document,
} from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { valuesEqual } from "./compare.ts";
import { queryError } from "./errors.ts";
import { queryOptions } from "./options.ts";
import { getPath, setPath } from "./paths.ts";
import { toFilterView, toUpdateView } from "./filter-view.ts";
import { toQueryValue } from "./view.ts";

const UPDATE_OPERATORS = new Set([
  "$set", "$unset", "$setOnInsert", "$inc", "$mul", "$min", "$max", "$rename",
  "$currentDate", "$push", "$addToSet", "$pull", "$pullAll", "$pop", "$bit",
]);

export type ParsedUpdate =
  | { kind: "operators"; modifier: Document }
  | { kind: "replacement"; replacement: Document };

/**
 * Classifies an update document. A document of plain fields is a replacement, as
 * realm-web's `updateOne(filter, {name: "x"})` relies on; mixing fields and operators
 * or naming an unknown operator is rejected with MongoDB's wording.
 */
export function parseUpdate(update: unknown): ParsedUpdate {
  if (!isPlainObject(update)) throw new AppServicesError("InvalidParameter", "update must be a document");
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith("$"));
  if (operators.length === 0) return { kind: "replacement", replacement: update };
  if (operators.length !== keys.length) {
    throw new AppServicesError("MongoDBError", "update document cannot mix update operators and plain fields");
  }
  for (const op of operators) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new AppServicesError("MongoDBError", `Unknown modifier: ${op}. Expected a valid update modifier`);
    }
    if (!isPlainObject(update[op])) {
      throw new AppServicesError("MongoDBError", `Modifiers operate on fields but we found a ${typeof update[op]} instead for ${op}`);
    }
  }
  return { kind: "operators", modifier: update };
}

/** Checks a replacement document: no operators at the top level. */
export function checkReplacement(replacement: Document): void {
  for (const key of Object.keys(replacement)) {
    if (key.startsWith("$")) throw new AppServicesError("MongoDBError", `replacement document cannot contain operator ${key}`);
  }
}

export interface ApplyOptions {
  arrayFilters?: Document[];
  /** The request's filter, for the positional `$` operator. */
  filter?: Document;
  /** True when an upsert inserts: `$setOnInsert` applies. */
  inserting?: boolean;
  /** The request's time (ms since epoch) for `$currentDate` and generated ids. */
  now?: number;
}

/** Applies a parsed update to a copy of `doc`; returns the new document and whether it changed. */
export function applyUpdate(doc: Document, parsed: ParsedUpdate, options: ApplyOptions = {}): { doc: Document; changed: boolean } {
  if (parsed.kind === "replacement") {
    checkReplacement(parsed.replacement);
    const next: Document = { _id: doc._id };
    for (const [key, value] of Object.entries(parsed.replacement)) {
      if (key === "_id") continue;
      next[key] = cloneDeep(value);
    }
    if ("_id" in parsed.replacement && !valuesEqual(parsed.replacement._id, doc._id)) throw immutableIdError();
    return { doc: next, changed: !sameBson(next, doc) };
  }
  const modifier: Document = { ...parsed.modifier };
  const onInsert = modifier.$setOnInsert as Document | undefined;
  delete modifier.$setOnInsert;
  if (options.inserting && onInsert) modifier.$set = { ...(modifier.$set as Document | undefined), ...onInsert };
  currentDatesAsSet(modifier, options.now ?? Date.now());
  const set = modifier.$set as Document | undefined;
  if (doc._id === undefined && set && "_id" in set) {
    // An upsert's new document takes its _id from $set or $setOnInsert, and keeps it first.
    doc = { _id: set._id, ...doc };
  }
  checkTargets(modifier, doc);
  if (Object.keys(modifier).length === 0) return { doc, changed: false };

  const working = viewCopy(doc) as Document;
  let paths: string[];
  try {
    paths = mingoUpdate(
      working,
      toUpdateView(modifier) as Document,
      options.arrayFilters?.map((f) => toFilterView(f) as Document),
      options.filter ? (toFilterView(options.filter) as Document) : undefined,
      { cloneMode: "copy", queryOptions: queryOptions() },
    );
  } catch (error) {
    throw queryError(error, "update");
  }
  // When mingo changed no value, only the exact-path rules may still change a type ($set 1 → 1.0).
  const written = paths.length > 0 ? collectWrappers(modifier) : new Map<number, unknown>();
  const targets = [...exactTargets(modifier), ...positionalTargets(modifier, doc, options)];
  const next = retype(working, doc, written, typeHints(targets, doc)) as Document;
  if (!valuesEqual(next._id, doc._id)) throw immutableIdError();
  // MongoDB counts a write as a modification when the stored bytes change, a type change included.
  return sameBson(next, doc) ? { doc, changed: false } : { doc: next, changed: true };
}

type TypeHint = (value: unknown) => unknown;

/** One field an operator writes: the operator, the field's concrete path and the operand. */
type Target = [op: string, path: string, operand: unknown];

const TYPED_OPERATORS = new Set(["$set", "$inc", "$mul", "$min", "$max", "$rename"]);

function exactTargets(modifier: Document): Target[] {
  const targets: Target[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!TYPED_OPERATORS.has(op)) continue;
    for (const [path, operand] of Object.entries(fields as Document)) if (!path.includes("$")) targets.push([op, path, operand]);
  }
  return targets;
}

/**
 * The concrete paths that positional paths (`$`, `$[]`, `$[<id>]`) of typed operators
 * reached. mingo resolves positions while it writes and does not report them, so a
 * copy of the document takes a unique marker at each positional path through the same
 * resolution, and the markers' places are the paths.
 */
function positionalTargets(modifier: Document, doc: Document, options: ApplyOptions): Target[] {
  const wanted: [op: string, operand: unknown][] = [];
  const markers: Document = {};
  for (const [op, fields] of Object.entries(modifier)) {
    if (op === "$rename" || !TYPED_OPERATORS.has(op)) continue;
    for (const [path, operand] of Object.entries(fields as Document)) {
      if (!path.includes("$")) continue;
      markers[path] = `${MARKER}${wanted.length}`;
      wanted.push([op, operand]);
    }
  }
  if (wanted.length === 0) return [];
  const scratch = viewCopy(doc) as Document;
  mingoUpdate(
    scratch,
    { $set: markers },
    options.arrayFilters?.map((f) => toFilterView(f) as Document),
    options.filter ? (toFilterView(options.filter) as Document) : undefined,
    { cloneMode: "copy", queryOptions: queryOptions() },
  );
  const targets: Target[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === "string" && value.startsWith(MARKER)) {
      const [op, operand] = wanted[Number(value.slice(MARKER.length))];
      targets.push([op, path, operand]);
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}.${i}`));
    else if (isPlainObject(value)) for (const key in value) visit(value[key], path === "" ? key : `${path}.${key}`);
  };
  visit(scratch, "");
  return targets;
}

/** Marks the places positional paths reach; NUL keeps it apart from any stored string. */
const MARKER = "\u0000positional:";

/**
 * The result types MongoDB defines for the fields an operator writes: `$set` writes its
 * operand's types, `$inc`/`$mul` widen to the wider operand (int overflow to long),
 * `$min`/`$max` write the operand when they replace the value, `$rename` moves it.
 */
function typeHints(targets: Target[], doc: Document): Map<string, TypeHint> {
  const hints = new Map<string, TypeHint>();
  for (const [op, path, operand] of targets) {
    const previous = getPath(doc, path);
    if (op === "$set") hints.set(path, (value) => like(value, operand));
    else if (op === "$inc" || op === "$mul") hints.set(path, (value) => widened(value, previous, operand));
    else if (op === "$min" || op === "$max") {
      hints.set(path, (value) => (valuesEqual(value, previous) ? retype(value, previous, new Map()) : like(value, operand)));
    } else if (op === "$rename" && typeof operand === "string" && !operand.includes("$")) {
      hints.set(operand, (value) => retype(value, previous, new Map()));
    }
  }
  return hints;
}

/** A value as written from `operand`: numbers take the operand's BSON types. */
function like(value: unknown, operand: unknown): unknown {
  if (typeof value === "number") return operand !== null && typeof operand === "object" && numericValue(operand) === value ? operand : normalizeValue(value);
  if (Array.isArray(value)) return value.map((item, i) => like(item, Array.isArray(operand) ? operand[i] : undefined));
  if (isPlainObject(value)) {
    for (const key in value) value[key] = like(value[key], isPlainObject(operand) ? operand[key] : undefined);
  }
  return value;
}

const NUMERIC_RANK: Partial<Record<string, number>> = { int: 0, long: 1, double: 2, decimal: 3 };

function widened(value: unknown, previous: unknown, operand: unknown): unknown {
  if (typeof value !== "number") return value;
  let rank = Math.max(previous === undefined ? 0 : (NUMERIC_RANK[bsonTypeOf(previous)] ?? 2), NUMERIC_RANK[bsonTypeOf(operand)] ?? 2);
  if (rank === 0 && (value > 2147483647 || value < -2147483648)) rank = 1;
  if (rank === 1 && !Number.isInteger(value)) rank = 2;
  if (rank === 0) return value;
  if (rank === 1) return Long.fromNumber(value);
  if (rank === 2) return normalizeValue(new Double(value));
  return Decimal128.fromString(String(value));
}

/** `$currentDate` with the request's clock: a Date, or a Timestamp for `{$type: "timestamp"}`. */
function currentDatesAsSet(modifier: Document, now: number): void {
  const spec = modifier.$currentDate as Document | undefined;
  if (!spec) return;
  const set: Document = { ...(modifier.$set as Document | undefined) };
  for (const [path, kind] of Object.entries(spec)) {
    const type = isPlainObject(kind) ? kind.$type : kind === true ? "date" : undefined;
    if (type !== "date" && type !== "timestamp") {
      throw new AppServicesError("MongoDBError", `$currentDate: the value of "${path}" must be true or {$type: "date" | "timestamp"}`);
    }
    set[path] = type === "date" ? new Date(now) : new Timestamp({ t: Math.floor(now / 1000), i: 1 });
  }
  delete modifier.$currentDate;
  modifier.$set = set;
}

const NUMERIC_OPERATORS = ["$inc", "$mul"];
const ARRAY_OPERATORS = ["$push", "$addToSet", "$pop", "$pull", "$pullAll"];
/** Operators that create the fields they write when missing. */
const CREATING_OPERATORS = ["$set", "$inc", "$mul", "$min", "$max", "$push", "$addToSet", "$bit"];

/**
 * The checks mingo leaves out: `_id` is immutable (setting it to its own value is
 * allowed and dropped), arithmetic needs numbers, array operators need arrays and
 * new fields need a document to go in.
 */
function checkTargets(modifier: Document, doc: Document): void {
  for (const [op, operand] of Object.entries(modifier)) {
    const fields: Document = { ...(operand as Document) };
    for (const [path, value] of Object.entries(fields)) {
      const touchesId = path === "_id" || path.startsWith("_id.") || (op === "$rename" && (value === "_id" || String(value).startsWith("_id.")));
      if (touchesId) {
        if (op === "$set" && path === "_id" && valuesEqual(value, doc._id)) delete fields[path];
        else throw immutableIdError();
      }
      if (path.includes("$")) continue;
      const current = getPath(doc, path);
      if (NUMERIC_OPERATORS.includes(op)) {
        if (numericValue(value) === undefined) {
          throw new AppServicesError("MongoDBError", `Cannot ${op === "$inc" ? "increment" : "multiply"} with non-numeric argument: {${path}: ${stringifyEJSON(value)}}`);
        }
        if (current !== undefined && numericValue(current) === undefined) {
          throw new AppServicesError("MongoDBError", `Cannot apply ${op} to a value of non-numeric type. {_id: ${stringifyEJSON(doc._id)}} has the field '${path}' of non-numeric type ${bsonTypeOf(current)}`);
        }
      }
      if (ARRAY_OPERATORS.includes(op) && current !== undefined && !Array.isArray(current)) {
        throw new AppServicesError("MongoDBError", `The field '${path}' must be an array but is of type ${bsonTypeOf(current)} in document {_id: ${stringifyEJSON(doc._id)}}`);
      }
      if (CREATING_OPERATORS.includes(op)) checkCreatable(doc, path);
      if (op === "$rename" && typeof value === "string" && !value.includes("$")) checkCreatable(doc, value);
    }
    if (Object.keys(fields).length === 0) delete modifier[op];
    else modifier[op] = fields;
  }
}

/**
 * A path an operator writes must run through embedded documents (or arrays, by index):
 * MongoDB refuses to create a field inside a string, a number, null or an array.
 */
function checkCreatable(doc: Document, path: string): void {
  const parts = path.split(".");
  let value: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    value = (value as Document)[parts[i]];
    if (value === undefined) return;
    const next = parts[i + 1];
    if (isPlainObject(value) || (Array.isArray(value) && /^\d+$/.test(next))) continue;
    throw new AppServicesError("MongoDBError", `Cannot create field '${next}' in element {${parts[i]}: ${stringifyEJSON(value)}}`);
  }
}

/** For each element of `next`, the element of `before` it continues (in order), or undefined for new ones. */
function matchInOrder(next: unknown[], before: unknown[]): unknown[] {
  const pairs: unknown[] = [];
  let j = 0;
  for (const item of next) {
    let k = j;
    while (k < before.length && !valuesEqual(before[k], item)) k++;
    if (k < before.length) {
      pairs.push(before[k]);
      j = k + 1;
    } else pairs.push(undefined);
  }
  return pairs;
}

/** Byte-for-byte equality of two documents: field order and BSON types count. */
function sameBson(a: Document, b: Document): boolean {
  const x = encodeDocument(a);
  const y = encodeDocument(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/**
 * Builds the document an upsert inserts: the equality conditions of the filter
 * (including `$and` branches and `$eq`), as MongoDB seeds it.
 */
export function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (conditions: Document) => {
    for (const [key, value] of Object.entries(conditions)) {
      if (key === "$and" && Array.isArray(value)) {
        for (const branch of value) if (isPlainObject(branch)) visit(branch);
        continue;
      }
      if (key.startsWith("$")) continue;
      if (isPlainObject(value)) {
        const ops = Object.keys(value).filter((k) => k.startsWith("$"));
        if (ops.length === 0) setPath(seed, key, cloneDeep(value));
        else if ("$eq" in value) setPath(seed, key, cloneDeep(value.$eq));
        continue;
      }
      if (value instanceof RegExp) continue;
      setPath(seed, key, cloneDeep(value));
    }
  };
  if (filter) visit(filter);
  return seed;
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsertDocument(filter: Document | undefined, parsed: ParsedUpdate, options: ApplyOptions = {}): Document {
  const seed = seedFromFilter(filter);
  let doc: Document;
  if (parsed.kind === "replacement") {
    checkReplacement(parsed.replacement);
    doc = { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...(cloneDeep(parsed.replacement) as Document) };
  } else {
    doc = applyUpdate(seed, parsed, { ...options, inserting: true }).doc;
  }
  if (doc._id === undefined) doc = { _id: new ObjectId(ObjectId.generate(Math.floor((options.now ?? Date.now()) / 1000))), ...doc };
  return doc;
}

function immutableIdError(): AppServicesError {
  return new AppServicesError("MongoDBError", "Performing an update on the path '_id' would modify the immutable field '_id'");
}

/** A deep copy in which numeric wrappers are plain numbers, for mingo to update in place. */
function viewCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(viewCopy);
  if (isPlainObject(value)) {
    const copy: Document = {};
    for (const key in value) copy[key] = viewCopy(value[key]);
    return copy;
  }
  const n = value instanceof Double || isLong(value) || value instanceof Decimal128 ? numericValue(value) : undefined;
  return n ?? value;
}

function collectWrappers(value: unknown, into: Map<number, unknown> = new Map()): Map<number, unknown> {
  if (Array.isArray(value)) for (const item of value) collectWrappers(item, into);
  else if (isPlainObject(value)) for (const key in value) collectWrappers(value[key], into);
  else if (value instanceof Double || isLong(value) || value instanceof Decimal128) {
    const n = numericValue(value)!;
    if (!into.has(n)) into.set(n, value);
  }
  return into;
}

/**
 * Restores BSON numeric types after mingo worked on plain numbers: exact-path rules
 * (`typeHints`) decide where an operator's result type is known; elsewhere an unchanged
 * value keeps its type, a value written by the update takes the type it was written
 * with, and arithmetic on a long or decimal keeps that type.
 */
function retype(next: unknown, previous: unknown, written: Map<number, unknown>, hints?: Map<string, TypeHint>, path = ""): unknown {
  if (typeof next === "number") {
    // An unchanged number keeps its type (and a hint for an equal value elsewhere must not retype it).
    if (previous !== undefined && numericValue(previous) === next) return previous;
    const hinted = written.get(next);
    if (hinted !== undefined) return hinted;
    if (isLong(previous) && Number.isInteger(next)) return Long.fromNumber(next);
    if (previous instanceof Decimal128) return Decimal128.fromString(String(next));
    if (previous instanceof Double) return normalizeValue(new Double(next));
    return normalizeValue(next);
  }
  const child = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  if (Array.isArray(next)) {
    const before = Array.isArray(previous) ? previous : [];
    // A resized array ($pull, $pop, $push) keeps its old elements in order: pair them by value, not index.
    const counterparts = before.length === next.length ? before : matchInOrder(next, before);
    for (let i = 0; i < next.length; i++) {
      const hint = hints?.get(child(i));
      next[i] = hint ? hint(next[i]) : retype(next[i], counterparts[i], written, hints, child(i));
    }
    return next;
  }
  if (isPlainObject(next)) {
    for (const key in next) {
      const hint = hints?.get(child(key));
      next[key] = hint ? hint(next[key]) : retype(next[key], isPlainObject(previous) ? previous[key] : undefined, written, hints, child(key));
    }
    return next;
  }
  return next;
}
