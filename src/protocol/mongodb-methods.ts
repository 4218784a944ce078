import type { SandboxApp } from "../app/app.ts";
import { isPlainObject, Long, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { MongoCollection } from "../services/mongodb-atlas/collection.ts";
import type { RequestContext } from "../services/request-context.ts";

type Method = (collection: MongoCollection, args: Document) => Promise<unknown>;

/** An optional document argument; null counts as absent. */
function doc(args: Document, key: string): Document | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new AppServicesError("InvalidParameter", `${key} must be a document`);
  return value;
}

function flag(args: Document, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new AppServicesError("InvalidParameter", `${key} must be a boolean`);
  return value;
}

/** A count argument; realm-web sends int32, other clients may send a long or a double. */
function num(args: Document, key: string): number | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  const n = value instanceof Long ? value.toNumber() : typeof value === "number" ? value : Number((value as { valueOf(): unknown }).valueOf());
  if (!Number.isFinite(n)) throw new AppServicesError("InvalidParameter", `${key} must be a number`);
  return n;
}

function documents(args: Document, key: string): Document[] | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isPlainObject)) throw new AppServicesError("InvalidParameter", `${key} must be an array of documents`);
  return value as Document[];
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new AppServicesError("MissingParameter", `${key} is required`);
  return value;
}

/** realm-web names the find projection `project` and the findOneAndX one `projection`; take either. */
const projectionOf = (args: Document) => doc(args, "project") ?? doc(args, "projection");

/**
 * The `mongodb-atlas` service methods as realm-web's MongoDBCollection sends them:
 * one argument document per call, results shaped as the server returned them.
 */
const METHODS: Record<string, Method> = {
  find: (c, a) => c.find(doc(a, "query") ?? {}, projectionOf(a), { sort: doc(a, "sort"), limit: num(a, "limit") }),
  findOne: (c, a) => c.findOne(doc(a, "query") ?? {}, projectionOf(a), { sort: doc(a, "sort") }),
  count: async (c, a) => Long.fromNumber(await c.count(doc(a, "query") ?? {}, { limit: num(a, "limit") })),
  aggregate: (c, a) => c.aggregate(required(documents(a, "pipeline"), "pipeline")),
  insertOne: (c, a) => c.insertOne(required(doc(a, "document"), "document")),
  insertMany: (c, a) => c.insertMany(required(documents(a, "documents"), "documents")),
  updateOne: (c, a) => c.updateOne(doc(a, "query") ?? {}, required(doc(a, "update"), "update"), updateOptions(a)),
  updateMany: (c, a) => c.updateMany(doc(a, "query") ?? {}, required(doc(a, "update"), "update"), updateOptions(a)),
  deleteOne: (c, a) => c.deleteOne(doc(a, "query") ?? {}),
  deleteMany: (c, a) => c.deleteMany(doc(a, "query") ?? {}),
  findOneAndUpdate: (c, a) => c.findOneAndUpdate(doc(a, "filter") ?? {}, required(doc(a, "update"), "update"), modifyOptions(a)),
  // realm-web 2.x sends findOneAndDelete as findOneAndReplace without `update` (realm/realm-js#6497);
  // the server then replaced the match with an empty document, which schema validation may refuse.
  findOneAndReplace: (c, a) => c.findOneAndReplace(doc(a, "filter") ?? {}, doc(a, "update") ?? {}, modifyOptions(a)),
  findOneAndDelete: (c, a) => c.findOneAndDelete(doc(a, "filter") ?? {}, { sort: doc(a, "sort"), projection: projectionOf(a) }),
};

function updateOptions(args: Document) {
  return { upsert: flag(args, "upsert"), arrayFilters: documents(args, "arrayFilters") };
}

function modifyOptions(args: Document) {
  return {
    sort: doc(args, "sort"),
    projection: projectionOf(args),
    upsert: flag(args, "upsert"),
    returnNewDocument: flag(args, "returnNewDocument"),
  };
}

export function isServiceMethod(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}

/** Runs one service method as the caller; rules and schema apply through `app.mongo(context)`. */
export async function callServiceMethod(
  app: SandboxApp,
  context: RequestContext,
  service: string,
  name: string,
  args: unknown[],
): Promise<unknown> {
  const mongo = app.mongo(context, service);
  if (!isServiceMethod(name)) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
  const [first] = args;
  if (!isPlainObject(first)) throw new AppServicesError("InvalidParameter", `${name}: arguments[0] must be a document`);
  if (typeof first.database !== "string") throw new AppServicesError("MissingParameter", `${name}: database is required`);
  if (typeof first.collection !== "string") throw new AppServicesError("MissingParameter", `${name}: collection is required`);
  const collection = mongo.db(first.database).collection(first.collection);
  return METHODS[name](collection, first);
}
