import { Query } from "mingo";

import { isPlainObject, numericValue, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { queryError } from "./errors.ts";
import { compileFilter, isEmptyObject, type Matcher } from "./matcher.ts";
import { queryOptions } from "./options.ts";
import { getPath, setPath } from "./paths.ts";
import { toProjectionView } from "./filter-view.ts";

export type Projector = (doc: Document) => Document;

const identity: Projector = (doc) => doc;

/**
 * Compiles a projection. Mixing inclusion and exclusion (other than `_id: 0`) is the
 * MongoDB error it is on the server, raised before any document is read. `filter` is
 * the query's, for the positional `arr.$` projection.
 */
export function compileProjection(projection: unknown, filter?: Document): Projector {
  if (projection === undefined || projection === null) return identity;
  if (typeof projection !== "object" || Array.isArray(projection)) {
    throw new AppServicesError("InvalidParameter", "projection must be a document");
  }
  const spec = { ...(toProjectionView(projection) as Document) };
  if (isEmptyObject(spec)) return identity;
  const positional = takePositional(spec, filter);
  const kind = checkProjectionKinds(spec);
  // `{f: {$slice: n}}` with no inclusion keeps every other field (MongoDB 4.4+); mingo would
  // count it as an inclusion, so the slices are applied here after the exclusions.
  const slices = kind === "inclusion" ? [] : takeSlices(spec);
  if (kind !== "inclusion" && spec._id) delete spec._id; // `_id` is kept by default; naming it changes nothing.
  const query = new Query({}, queryOptions());
  const base: Projector = isEmptyObject(spec)
    ? identity
    : (doc) => {
        try {
          return inDocumentOrder(query.find<Document>([doc], spec).next() as Document, doc) as Document;
        } catch (error) {
          throw queryError(error, "projection");
        }
      };
  if (slices.length === 0 && !positional) return base;
  return (doc) => {
    let projected = base(doc);
    for (const [path, operand] of slices) projected = sliceAt(projected, path.split("."), 0, operand) as Document;
    return positional ? positional(doc, projected) : projected;
  };
}

/** Projected fields keep the order they have in the document (so `_id` stays first), as on the server. */
function inDocumentOrder(projected: unknown, source: unknown): unknown {
  if (Array.isArray(projected)) {
    return Array.isArray(source) ? projected.map((item, i) => inDocumentOrder(item, source[i])) : projected;
  }
  if (!isPlainObject(projected) || !isPlainObject(source)) return projected;
  const ordered: Document = {};
  for (const key of Object.keys(source)) if (key in projected) ordered[key] = inDocumentOrder(projected[key], source[key]);
  for (const key of Object.keys(projected)) if (!(key in ordered)) ordered[key] = projected[key];
  return ordered;
}

/** Whether the plain (non-operator) values include or exclude; "neither" when there are none besides `_id`. */
function checkProjectionKinds(spec: Document): "inclusion" | "exclusion" | "neither" {
  let includes = false;
  let excludes = false;
  let elemMatch = false;
  for (const [key, value] of Object.entries(spec)) {
    if (value !== null && typeof value === "object") {
      elemMatch ||= isPlainObject(value) && "$elemMatch" in value;
      continue;
    }
    const include = value === true || (typeof value === "number" && value !== 0);
    if (key === "_id") continue;
    if (include) includes = true;
    else excludes = true;
  }
  if (includes && excludes) {
    throw new AppServicesError("MongoDBError", "projection cannot have a mix of inclusion and exclusion");
  }
  // `$elemMatch` projects like an inclusion: only `_id` and the field come back; so does `{_id: 1}` alone.
  if (includes || elemMatch || (Object.keys(spec).length === 1 && spec._id)) return "inclusion";
  return excludes ? "exclusion" : "neither";
}

type Slice = [path: string, operand: unknown];

function takeSlices(spec: Document): Slice[] {
  const slices: Slice[] = [];
  for (const [path, value] of Object.entries(spec)) {
    if (!isPlainObject(value) || !("$slice" in value)) continue;
    slices.push([path, checkSlice(value.$slice)]);
    delete spec[path];
  }
  return slices;
}

function checkSlice(operand: unknown): unknown {
  const valid = Array.isArray(operand)
    ? operand.length === 2 && operand.every((n) => Number.isInteger(numericValue(n))) && numericValue(operand[1])! > 0
    : Number.isInteger(numericValue(operand));
  if (!valid) throw new AppServicesError("MongoDBError", "$slice takes a number or an array of [skip, limit] with a positive limit");
  return operand;
}

/** `$slice` at a path, copying only what it changes; paths go through embedded documents and arrays of them. */
function sliceAt(value: unknown, parts: string[], i: number, operand: unknown): unknown {
  if (i === parts.length) return Array.isArray(value) ? slice(value, operand) : value;
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? sliceAt(item, parts, i, operand) : item));
  if (!isPlainObject(value) || !(parts[i] in value)) return value;
  return { ...value, [parts[i]]: sliceAt(value[parts[i]], parts, i + 1, operand) };
}

function slice(items: unknown[], operand: unknown): unknown[] {
  if (!Array.isArray(operand)) {
    const n = numericValue(operand)!;
    return n >= 0 ? items.slice(0, n) : items.slice(Math.max(items.length + n, 0));
  }
  const [skip, limit] = operand.map((n) => numericValue(n)!);
  const start = skip >= 0 ? Math.min(skip, items.length) : Math.max(items.length + skip, 0);
  return items.slice(start, start + limit);
}

type Positional = (doc: Document, projected: Document) => Document;

/**
 * The positional `arr.$` projection: the first element of `arr` that matches the
 * query's conditions on `arr` (or on fields of its elements). The spec keeps `arr` as
 * an inclusion; the element is put in after mingo projected.
 */
function takePositional(spec: Document, filter: Document | undefined): Positional | undefined {
  const keys = Object.keys(spec).filter((key) => key.endsWith(".$"));
  if (keys.length === 0) return undefined;
  if (keys.length > 1) throw new AppServicesError("MongoDBError", "Cannot specify more than one positional projection per query.");
  const key = keys[0];
  const path = key.slice(0, -2);
  const value = spec[key];
  if (value === false || value === 0 || value === null || path.includes("$")) {
    throw new AppServicesError("MongoDBError", `positional projection '${key}' must be an inclusion of a field path`);
  }
  delete spec[key];
  spec[path] = 1;
  const conditions = conditionsOn(filter, path);
  const matches: Matcher | undefined = conditions.length > 0 ? compileFilter({ $and: conditions }) : undefined;
  return (doc, projected) => {
    const array = getPath(doc, path);
    if (!Array.isArray(array)) return projected;
    const index = matches ? array.findIndex((item) => matches(wrapped(path, item))) : -1;
    if (index < 0) throw new AppServicesError("MongoDBError", "positional operator '.$' couldn't find a matching element in the array");
    return replaceAt(projected, path.split("."), 0, [array[index]]) as Document;
  };
}

/** The filter's top-level conditions (and `$and` branches) on `path` or below it. */
function conditionsOn(filter: Document | undefined, path: string): Document[] {
  const found: Document[] = [];
  const visit = (conditions: Document) => {
    for (const [key, value] of Object.entries(conditions)) {
      if (key === "$and" && Array.isArray(value)) for (const branch of value) isPlainObject(branch) && visit(branch);
      else if (key === path || key.startsWith(`${path}.`)) found.push({ [key]: value });
    }
  };
  if (filter) visit(filter);
  return found;
}

/** A copy of `value` with `replacement` at the path, copying only the documents along it. */
function replaceAt(value: unknown, parts: string[], i: number, replacement: unknown): unknown {
  if (i === parts.length) return replacement;
  const doc = isPlainObject(value) ? value : {};
  return { ...doc, [parts[i]]: replaceAt(doc[parts[i]], parts, i + 1, replacement) };
}

/** A document holding only `[item]` at `path`, to test one element against the conditions. */
function wrapped(path: string, item: unknown): Document {
  const doc: Document = {};
  setPath(doc, path, [item]);
  return doc;
}
