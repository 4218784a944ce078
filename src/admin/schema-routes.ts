import type { Document } from "../bson/types.ts";
import { fromEJSON, toEJSON } from "../bson/ejson.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { definitionProblems } from "../schema/definition.ts";
import { generateSchema } from "../schema/generate.ts";
import { validateDocument } from "../schema/compile.ts";
import type { JsonSchema, SchemaIssue } from "../schema/types.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { AdminContext, AdminRoute } from "./router.ts";

/** App Services sampled 500 documents unless told otherwise, and at most 50,000. */
export const DEFAULT_SAMPLE = 500;
export const MAX_SAMPLE = 50_000;
/** Failing documents answered in full; the count covers every one. */
export const MAX_FAILURES_LISTED = 100;

export interface GeneratedSchema {
  schema: JsonSchema;
  /** How many documents the schema was inferred from (0: an empty collection). */
  sampled: number;
  limit: number;
}

export interface SchemaValidation {
  /** Documents checked (the whole collection, up to the limit). */
  checked: number;
  failed: number;
  /** The first MAX_FAILURES_LISTED failing documents: their `_id` (canonical EJSON) and issues. */
  failures: { _id: unknown; issues: SchemaIssue[] }[];
  limit: number;
}

/**
 * The Schema screen's calls, after the Admin API's service commands
 * (`POST …/services/{service}/commands/generate_schema`, body `{database_name,
 * collection_name, limit}`). Both read the documents as the system, so rules never hide
 * any, and run in the backend: the page only sends the text and shows the answer.
 */
export const SCHEMA_ROUTES: AdminRoute[] = [
  {
    method: "POST",
    path: "/:appId/services/:service/commands/generate_schema",
    async handle(ctx): Promise<GeneratedSchema> {
      const { collection, limit, filter, name } = await target(ctx);
      const docs = await collection.find(filter, undefined, { limit });
      return { schema: generateSchema(name, docs), sampled: docs.length, limit };
    },
  },
  {
    // Checks documents against a schema that need not be saved (the editor's text).
    method: "POST",
    path: "/:appId/services/:service/commands/validate_schema",
    async handle(ctx): Promise<SchemaValidation> {
      const { collection, limit, filter, body } = await target(ctx);
      const schema = body.schema;
      const fatal = definitionProblems(schema).filter((p) => p.fatal);
      if (fatal.length > 0) {
        throw new AppServicesError("InvalidParameter", `the schema is invalid: ${fatal.map((p) => p.message).join("; ")}`, {
          problems: fatal.map((p) => p.message),
        });
      }
      const docs = await collection.find(filter, undefined, { limit });
      const failures: SchemaValidation["failures"] = [];
      let failed = 0;
      for (const doc of docs) {
        // As writes are checked: `validate` expressions are not evaluated here either.
        const issues = validateDocument(schema as JsonSchema, doc);
        if (issues.length === 0) continue;
        failed++;
        if (failures.length < MAX_FAILURES_LISTED) failures.push({ _id: toEJSON(doc._id), issues });
      }
      return { checked: docs.length, failed, failures, limit };
    },
  },
];

/** The collection a command names, read as the system, with the sample limit and filter. */
async function target(ctx: AdminContext) {
  const body = await ctx.body();
  const database = body.database_name;
  const name = body.collection_name;
  if (typeof database !== "string" || database === "" || typeof name !== "string" || name === "") {
    throw new AppServicesError("InvalidParameter", "database_name and collection_name must name the collection");
  }
  const limit = body.limit ?? DEFAULT_SAMPLE;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_SAMPLE) {
    throw new AppServicesError("InvalidParameter", `limit must be a whole number from 1 to ${MAX_SAMPLE}`);
  }
  const filter = body.filter === undefined ? {} : (fromEJSON(body.filter) as Document);
  const { app } = await ctx.app();
  const collection = app.mongo(SYSTEM_CONTEXT, ctx.params.service).db(database).collection(name);
  return { collection, limit, filter, name, body };
}
