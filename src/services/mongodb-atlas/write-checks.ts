import { isPlainObject, ObjectId, type Document } from "../../bson/types.ts";
import { AppServicesError } from "../../core/app-services-error.ts";
import type { SchemaIssue } from "../../schema/index.ts";

/** A document to insert must be a plain document without top-level operators. */
export function checkInsertable(doc: unknown, argument = "document"): Document {
  if (!isPlainObject(doc)) throw new AppServicesError("InvalidParameter", `${argument} must be a document`);
  for (const key of Object.keys(doc)) {
    if (key.startsWith("$")) throw new AppServicesError("MongoDBError", `Document can't have $ prefixed field names: ${key}`);
  }
  if (Array.isArray(doc._id)) throw new AppServicesError("MongoDBError", "The '_id' value cannot be of type array");
  return doc;
}

/** MongoDB's documented limit: "no more than 100 levels of nesting for BSON documents". */
export const MAX_NESTING_DEPTH = 100;

/**
 * What storage cannot hold, refused before anything is written: nesting deeper than
 * 100 levels (counted as the server counts them: the document is the first level, and
 * an empty embedded document or array adds none), with the server's error (Overflow),
 * and dates that are not dates (`new Date("nonsense")`), which BSON would store as
 * 1970-01-01.
 */
export function checkStorable(doc: Document, kind: "insert" | "update" | "replace"): void {
  const problem = storageProblem(doc, 1, "");
  if (problem === undefined) return;
  if (problem.kind === "depth") {
    const verb = kind === "insert" ? "insert" : "update";
    throw new AppServicesError("MongoDBError", `cannot ${verb} document because it exceeds ${MAX_NESTING_DEPTH} levels of nesting`, {
      code: 15,
      codeName: "Overflow",
    });
  }
  throw new AppServicesError("InvalidParameter", `invalid date at '${problem.path}': a date must be a valid point in time`);
}

type StorageProblem = { kind: "depth" } | { kind: "date"; path: string };

function storageProblem(value: Document | unknown[], depth: number, path: string): StorageProblem | undefined {
  const visit = (item: unknown, key: string): StorageProblem | undefined => {
    if (item === null || typeof item !== "object") return undefined;
    const at = path === "" ? key : `${path}.${key}`;
    if (item instanceof Date) return Number.isNaN(item.getTime()) ? { kind: "date", path: at } : undefined;
    if (!Array.isArray(item) && !isPlainObject(item)) return undefined;
    if (isEmpty(item)) return undefined;
    if (depth >= MAX_NESTING_DEPTH) return { kind: "depth" };
    return storageProblem(item, depth + 1, at);
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = visit(value[i], String(i));
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key in value) {
    const problem = visit(value[key], key);
    if (problem) return problem;
  }
  return undefined;
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/** MongoDB stores `_id` first and assigns an ObjectId when it is missing. */
export function withId(doc: Document, now: number): Document {
  if (doc._id === undefined) return { _id: new ObjectId(ObjectId.generate(Math.floor(now / 1000))), ...doc };
  if (Object.keys(doc)[0] === "_id") return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** The write-denied wording clients match on ("insert not permitted"), with the schema detail after it. */
export function schemaError(kind: "insert" | "update" | "replace", ns: string, issues: SchemaIssue[]): AppServicesError {
  const verb = kind === "replace" ? "update" : kind;
  const detail = issues.map((issue) => issue.message).join("; ");
  return new AppServicesError("SchemaValidationFailedWrite", `${verb} not permitted: schema validation failed for ${ns}: ${detail}`, {
    namespace: ns,
    issues,
  });
}
