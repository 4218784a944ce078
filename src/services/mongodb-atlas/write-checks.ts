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
