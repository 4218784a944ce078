import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { MongoCollection } from "../services/mongodb-atlas/collection.ts";

/** `null` arrives for arguments the function left out (EJSON has no undefined). */
const opt = <T>(value: unknown): T | undefined => (value === null || value === undefined ? undefined : (value as T));

type Method = (coll: MongoCollection, args: unknown[]) => Promise<unknown>;

/**
 * The collection API of function code, mapped onto the service's collection. Cursor
 * methods (`find`, `aggregate`) arrive with their modifiers already folded in.
 */
const METHODS: Record<string, Method> = {
  find: (c, [query, projection, options]) => {
    const o = opt<Document>(options) ?? {};
    return c.find(opt(query) ?? {}, opt(projection), { sort: opt(o.sort), skip: opt(o.skip), limit: opt(o.limit) });
  },
  findOne: (c, [query, projection, options]) => c.findOne(opt(query) ?? {}, opt(projection), opt(options) ?? {}),
  aggregate: (c, [pipeline]) => c.aggregate(pipeline as Document[]),
  count: (c, [query, options]) => c.count(opt(query) ?? {}, opt(options) ?? {}),
  distinct: (c, [field, query]) => c.distinct(field as string, opt(query) ?? {}),
  insertOne: (c, [doc]) => c.insertOne(doc as Document),
  insertMany: (c, [docs]) => c.insertMany(docs as Document[]),
  updateOne: (c, [query, update, options]) => c.updateOne(opt(query) ?? {}, update as Document, opt(options) ?? {}),
  updateMany: (c, [query, update, options]) => c.updateMany(opt(query) ?? {}, update as Document, opt(options) ?? {}),
  replaceOne: (c, [query, doc, options]) => c.replaceOne(opt(query) ?? {}, doc as Document, opt(options) ?? {}),
  deleteOne: (c, [query]) => c.deleteOne(opt(query) ?? {}),
  deleteMany: (c, [query]) => c.deleteMany(opt(query) ?? {}),
  findOneAndUpdate: (c, [query, update, options]) => c.findOneAndUpdate(opt(query) ?? {}, update as Document, opt(options) ?? {}),
  findOneAndReplace: (c, [query, doc, options]) => c.findOneAndReplace(opt(query) ?? {}, doc as Document, opt(options) ?? {}),
  findOneAndDelete: (c, [query, options]) => c.findOneAndDelete(opt(query) ?? {}, opt(options) ?? {}),
  bulkWrite: (c, [operations, options]) => bulkWrite(c, operations, opt<Document>(options) ?? {}),
};

export function collectionMethod(name: string): Method {
  const method = Object.prototype.hasOwnProperty.call(METHODS, name) ? METHODS[name] : undefined;
  if (!method) throw new AppServicesError("ServiceCommandNotFound", `unknown collection method "${name}"`);
  return method;
}

interface BulkResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
  insertedIds: Record<string, unknown>;
  upsertedIds: Record<string, unknown>;
}

/**
 * bulkWrite as a sequence of single operations. Each operation commits on its own, so
 * an ordered batch stops at the first failure with the earlier writes kept, as MongoDB
 * does; an unordered one runs everything and then reports the first failure.
 */
async function bulkWrite(c: MongoCollection, operations: unknown, options: Document): Promise<BulkResult> {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new AppServicesError("InvalidParameter", "bulkWrite needs a non-empty array of operations");
  }
  const ordered = options.ordered !== false;
  const result: BulkResult = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0, insertedIds: {}, upsertedIds: {} };
  let firstError: unknown;
  for (const [index, operation] of operations.entries()) {
    try {
      await bulkStep(c, operation, index, result);
    } catch (error) {
      if (ordered) throw error;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return result;
}

async function bulkStep(c: MongoCollection, operation: unknown, index: number, result: BulkResult): Promise<void> {
  const [name, spec] = isPlainObject(operation) ? (Object.entries(operation)[0] ?? []) : [];
  if (typeof name !== "string" || !isPlainObject(spec)) {
    throw new AppServicesError("InvalidParameter", `bulkWrite operation ${index} must look like {insertOne: {document}}`);
  }
  const filter = (spec.filter as Document | undefined) ?? {};
  const upsert = { upsert: spec.upsert === true };
  const updated = (r: { matchedCount: number; modifiedCount: number; upsertedId?: unknown }) => {
    result.matchedCount += r.matchedCount;
    result.modifiedCount += r.modifiedCount;
    if (r.upsertedId !== undefined) {
      result.upsertedCount++;
      result.upsertedIds[index] = r.upsertedId;
    }
  };
  switch (name) {
    case "insertOne": {
      const { insertedId } = await c.insertOne(spec.document as Document);
      result.insertedCount++;
      result.insertedIds[index] = insertedId;
      return;
    }
    case "updateOne":
      return updated(await c.updateOne(filter, spec.update as Document, upsert));
    case "updateMany":
      return updated(await c.updateMany(filter, spec.update as Document, upsert));
    case "replaceOne":
      return updated(await c.replaceOne(filter, spec.replacement as Document, upsert));
    case "deleteOne":
      result.deletedCount += (await c.deleteOne(filter)).deletedCount;
      return;
    case "deleteMany":
      result.deletedCount += (await c.deleteMany(filter)).deletedCount;
      return;
  }
  throw new AppServicesError("InvalidParameter", `bulkWrite operation ${index}: unknown operation "${name}"`);
}
