import { fromEJSON, toEJSON } from "../bson/ejson.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { validateDocument, type JsonSchema, type SchemaIssue } from "../schema/index.ts";
import type { MongoCollection } from "../services/mongodb-atlas/collection.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { AdminContext, AdminRoute } from "./router.ts";
import { explainRequestOf, explainRules } from "./rules-explain.ts";

/*
 * The Data screen's calls as the system: namespaces with their counts, find with
 * paging, insert, replace and delete by `_id`, and schema validation of documents.
 * Rules do not apply here (the console acting as a user goes through the client API,
 * as a client would). Documents travel as canonical Extended JSON both ways; request
 * bodies may also use relaxed Extended JSON.
 */

const SERVICE = "mongodb-atlas";
/** The most documents one page returns. */
const MAX_LIMIT = 1000;

export interface NamespaceSummary {
  database: string;
  collection: string;
  count: number;
  /** Declared in the app's config (it may hold no documents yet). */
  configured: boolean;
  hasSchema: boolean;
  hasRules: boolean;
  /** The deployed schema, for the screen's new-document template. */
  schema?: Record<string, unknown>;
}

export interface FindAnswer {
  /** Canonical Extended JSON. */
  documents: unknown[];
  /** How many documents match the query, whatever the page. */
  total: number;
}

export interface ValidateAnswer {
  hasSchema: boolean;
  /** One entry per document asked about, in order; `found: false` for an `_id` with no document. */
  results: { found: boolean; issues: SchemaIssue[] }[];
}

async function collectionOf(ctx: AdminContext): Promise<MongoCollection> {
  const { app } = await ctx.app();
  return app.mongo(SYSTEM_CONTEXT, SERVICE).db(ctx.params.database).collection(ctx.params.collection);
}

/** An optional document argument in Extended JSON; null counts as absent. */
function ejsonDocument(body: Record<string, unknown>, key: string): Document | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const parsed = isPlainObject(value) ? fromEJSON(value) : undefined;
  if (!isPlainObject(parsed)) throw new AppServicesError("InvalidParameter", `${key} must be a document`);
  return parsed;
}

function count(body: Record<string, unknown>, key: string, max = Infinity): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new AppServicesError("InvalidParameter", `${key} must be a whole number from 0${Number.isFinite(max) ? ` to ${max}` : ""}`);
  }
  return value;
}

/** The `_id` argument in Extended JSON (`{"$oid": …}`, a string, a number…). */
function idOf(body: Record<string, unknown>): unknown {
  if (body.id === undefined) throw new AppServicesError("MissingParameter", "id is required: the document's _id in Extended JSON");
  return (fromEJSON({ id: body.id }) as { id: unknown }).id;
}

function schemaOf(hosted: Awaited<ReturnType<AdminContext["app"]>>, database: string, collection: string): JsonSchema | undefined {
  const config = hosted.app.deployed.collections.find((c) => c.service === SERVICE && c.database === database && c.collection === collection);
  return config?.schema as JsonSchema | undefined;
}

export const DATA_ROUTES: AdminRoute[] = [
  {
    // Configured collections and any namespace that holds documents, by database.
    method: "GET",
    path: "/:appId/data",
    async handle(ctx): Promise<NamespaceSummary[]> {
      const { app } = await ctx.app();
      const byName = new Map<string, NamespaceSummary>();
      for (const c of app.deployed.collections) {
        if (c.service !== SERVICE) continue;
        byName.set(c.namespace, {
          database: c.database,
          collection: c.collection,
          count: 0,
          configured: true,
          hasSchema: c.schema !== undefined,
          hasRules: (c.rules?.roles.length ?? 0) > 0,
          schema: c.schema,
        });
      }
      for (const ns of await app.store.namespaces()) {
        const dot = ns.indexOf(".");
        if (!byName.has(ns)) byName.set(ns, { database: ns.slice(0, dot), collection: ns.slice(dot + 1), count: 0, configured: false, hasSchema: false, hasRules: false });
        byName.get(ns)!.count = await app.store.count(ns);
      }
      return [...byName.values()].sort((a, b) => a.database.localeCompare(b.database) || a.collection.localeCompare(b.collection));
    },
  },
  {
    method: "POST",
    path: "/:appId/data/:database/:collection/find",
    async handle(ctx): Promise<FindAnswer> {
      const body = await ctx.body();
      const collection = await collectionOf(ctx);
      const query = ejsonDocument(body, "query") ?? {};
      const documents = await collection.find(query, ejsonDocument(body, "projection"), {
        sort: ejsonDocument(body, "sort"),
        skip: count(body, "skip"),
        limit: count(body, "limit", MAX_LIMIT) ?? 20,
      });
      return { documents: documents.map(toEJSON), total: await collection.count(query) };
    },
  },
  {
    method: "POST",
    path: "/:appId/data/:database/:collection/count",
    handle: async (ctx) => ({ count: await (await collectionOf(ctx)).count(ejsonDocument(await ctx.body(), "query") ?? {}) }),
  },
  {
    // The system skips schema validation, as on App Services; the answer says what the schema would refuse.
    method: "POST",
    path: "/:appId/data/:database/:collection/insert",
    async handle(ctx) {
      const document = ejsonDocument(await ctx.body(), "document");
      if (!document) throw new AppServicesError("MissingParameter", "document is required");
      const { insertedId } = await (await collectionOf(ctx)).insertOne(document);
      const schema = schemaOf(await ctx.app(), ctx.params.database, ctx.params.collection);
      return { insertedId: toEJSON(insertedId), issues: schema ? validateDocument(schema, { ...document, _id: insertedId }) : [] };
    },
  },
  {
    method: "POST",
    path: "/:appId/data/:database/:collection/replace",
    async handle(ctx) {
      const body = await ctx.body();
      const id = idOf(body);
      const replacement = ejsonDocument(body, "document");
      if (!replacement) throw new AppServicesError("MissingParameter", "document is required");
      if (replacement._id !== undefined && JSON.stringify(toEJSON(replacement._id)) !== JSON.stringify(toEJSON(id))) {
        throw new AppServicesError("InvalidParameter", "a replacement cannot change the document's _id; insert a new document instead");
      }
      const { _id: _, ...rest } = replacement;
      const result = await (await collectionOf(ctx)).replaceOne({ _id: id }, rest);
      if (result.matchedCount === 0) throw new AppServicesError("NotFound", "the document no longer exists (deleted since it was shown); reload the documents");
      const schema = schemaOf(await ctx.app(), ctx.params.database, ctx.params.collection);
      return { ...result, issues: schema ? validateDocument(schema, { _id: id, ...rest }) : [] };
    },
  },
  {
    method: "POST",
    path: "/:appId/data/:database/:collection/delete",
    async handle(ctx) {
      const result = await (await collectionOf(ctx)).deleteOne({ _id: idOf(await ctx.body()) });
      if (result.deletedCount === 0) throw new AppServicesError("NotFound", "the document no longer exists (deleted since it was shown); reload the documents");
      return result;
    },
  },
  {
    // Validates `documents` as given, or the stored documents of `ids`, against the collection's schema.
    method: "POST",
    path: "/:appId/data/:database/:collection/validate",
    async handle(ctx): Promise<ValidateAnswer> {
      const body = await ctx.body();
      const hosted = await ctx.app();
      const schema = schemaOf(hosted, ctx.params.database, ctx.params.collection);
      const ns = `${ctx.params.database}.${ctx.params.collection}`;
      let docs: (Document | undefined)[];
      if (Array.isArray(body.documents)) {
        docs = body.documents.map((d, i) => {
          const doc = isPlainObject(d) ? fromEJSON(d) : undefined;
          if (!isPlainObject(doc)) throw new AppServicesError("InvalidParameter", `documents[${i}] must be a document`);
          return doc;
        });
      } else if (Array.isArray(body.ids)) {
        const ids = (fromEJSON({ ids: body.ids }) as { ids: unknown[] }).ids;
        docs = await Promise.all(ids.map((id) => hosted.app.store.get(ns, id)));
      } else {
        throw new AppServicesError("MissingParameter", "validate needs `documents` or `ids`");
      }
      return {
        hasSchema: schema !== undefined,
        results: docs.map((doc) => ({ found: doc !== undefined, issues: doc && schema ? validateDocument(schema, doc) : [] })),
      };
    },
  },
  {
    // Why a user may or may not read or write one document (see rules-explain.ts).
    method: "POST",
    path: "/:appId/rules/explain",
    handle: async (ctx) => explainRules((await ctx.app()).app, explainRequestOf(await ctx.body())),
  },
];
