import { update as mingoUpdate } from "mingo";
import { cloneDeep } from "mingo/util";

import { normalizeValue } from "../bson/normalize.ts";
import {
  Decimal128,
  Double,
  Long,
  ObjectId,
  isLong,
  isPlainObject,
  numericValue,
  type Document,
} from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { valuesEqual } from "./compare.ts";
import { queryError } from "./errors.ts";
import { queryOptions } from "./options.ts";
import { setPath } from "./paths.ts";
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
    return { doc: next, changed: !valuesEqual(next, doc) };
  }
  const modifier: Document = { ...parsed.modifier };
  const onInsert = modifier.$setOnInsert as Document | undefined;
  delete modifier.$setOnInsert;
  if (options.inserting && onInsert) modifier.$set = { ...(modifier.$set as Document | undefined), ...onInsert };
  if (Object.keys(modifier).length === 0) return { doc, changed: false };

  const working = viewCopy(doc) as Document;
  let paths: string[];
  try {
    paths = mingoUpdate(
      working,
      toQueryValue(modifier) as Document,
      options.arrayFilters?.map((f) => toQueryValue(f) as Document),
      options.filter ? (toQueryValue(options.filter) as Document) : undefined,
      { cloneMode: "copy", queryOptions: queryOptions() },
    );
  } catch (error) {
    throw queryError(error, "update");
  }
  if (paths.length === 0) return { doc, changed: false };
  const next = retype(working, doc, collectWrappers(modifier)) as Document;
  if (!valuesEqual(next._id, doc._id)) throw immutableIdError();
  return { doc: next, changed: true };
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
  if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
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
 * Restores BSON numeric types after mingo worked on plain numbers: an unchanged
 * value keeps its wrapper, a value written by the update takes the type it was
 * written with, and arithmetic on a long or decimal keeps that type.
 */
function retype(next: unknown, previous: unknown, written: Map<number, unknown>): unknown {
  if (typeof next === "number") {
    if (numericValue(previous) === next && previous !== null && typeof previous === "object") return previous;
    const hinted = written.get(next);
    if (hinted !== undefined) return hinted;
    if (isLong(previous) && Number.isInteger(next)) return Long.fromNumber(next);
    if (previous instanceof Decimal128) return Decimal128.fromString(String(next));
    if (previous instanceof Double) return normalizeValue(new Double(next));
    return normalizeValue(next);
  }
  if (Array.isArray(next)) {
    for (let i = 0; i < next.length; i++) next[i] = retype(next[i], Array.isArray(previous) ? previous[i] : undefined, written);
    return next;
  }
  if (isPlainObject(next)) {
    for (const key in next) next[key] = retype(next[key], isPlainObject(previous) ? previous[key] : undefined, written);
    return next;
  }
  return next;
}
