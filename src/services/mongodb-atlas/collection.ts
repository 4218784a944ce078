import type { Document } from "../../bson/types.ts";
import { isPlainObject } from "../../bson/types.ts";
import { AppServicesError } from "../../core/app-services-error.ts";
import type { Clock } from "../../core/clock.ts";
import type { Mutex } from "../../core/mutex.ts";
import { runPipeline } from "../../query/aggregate.ts";
import { valuesEqual } from "../../query/compare.ts";
import { compileProjection } from "../../query/projection.ts";
import { parseSort, sortDocuments, type SortSpec } from "../../query/sort.ts";
import { applyUpdate, buildUpsertDocument, parseUpdate, type ParsedUpdate } from "../../query/update.ts";
import { validateDocument, type JsonSchema } from "../../schema/index.ts";
import type { DocumentStore, WriteOp } from "../../storage/document-store.ts";
import type { ExplainTrace, OperationTrace, TracedOperation } from "../explain-trace.ts";
import type { AccessPolicy, WriteKind } from "./access-policy.ts";
import { readMatching, type MatchedDocument } from "./read.ts";
import { checkUserFilter, checkUserPipeline } from "./user-operators.ts";
import { checkInsertable, checkStorable, schemaError, withId } from "./write-checks.ts";

export interface FindOptions {
  sort?: Document;
  limit?: number;
  skip?: number;
  projection?: Document;
}

export interface UpdateOptions {
  upsert?: boolean;
  arrayFilters?: Document[];
}

export interface FindOneAndModifyOptions {
  upsert?: boolean;
  sort?: Document;
  projection?: Document;
  returnNewDocument?: boolean;
  arrayFilters?: Document[];
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: unknown;
}

/** What a collection handle needs from its service, resolved once per request. */
export interface CollectionBinding {
  ns: string;
  store: DocumentStore;
  mutex: Mutex;
  clock: Clock;
  policy: AccessPolicy;
  /** System requests may use every operator; application users not all (see user-operators.ts). */
  system: boolean;
  schema: JsonSchema | undefined;
  /** Readable documents of a sibling collection, for `$lookup` and friends. */
  readCollection: (ns: string) => Promise<Document[]>;
  /** Explain's sink, when the request is traced. */
  trace?: ExplainTrace;
}

type TraceDetails = Parameters<ExplainTrace["begin"]>[2];

/**
 * The MongoDB collection API of the `mongodb-atlas` service, with the signatures
 * App Services functions use. Every method runs the caller's policy on every
 * document; every write commits atomically or not at all.
 */
export class MongoCollection {
  constructor(private readonly binding: CollectionBinding) {}

  get namespace(): string {
    return this.binding.ns;
  }

  find(filter: Document = {}, projection?: Document, options: FindOptions = {}): Promise<Document[]> {
    return this.traced(
      "find",
      () => ({ filter, projection: projection ?? options.projection, sort: options.sort, limit: options.limit, skip: options.skip }),
      (op) => this.findDocuments(filter, projection, options, op),
      (docs) => docs.length,
    );
  }

  private async findDocuments(filter: Document, projection: Document | undefined, options: FindOptions, op?: OperationTrace): Promise<Document[]> {
    const project = compileProjection(projection ?? options.projection, filter);
    const sort = parseSort(options.sort);
    const skip = nonNegative(options.skip, "skip");
    const limit = nonNegative(options.limit, "limit");
    const matched = await this.read(filter, !sort && limit ? skip + limit : undefined, op);
    // The query, sort included, runs on the stored documents; the rules then shape each result.
    let docs = sortMatches(matched, sort).map((m) => m.visible);
    if (skip) docs = docs.slice(skip);
    if (limit) docs = docs.slice(0, limit);
    return docs.map(project);
  }

  async findOne(filter: Document = {}, projection?: Document, options: FindOptions = {}): Promise<Document | null> {
    const [doc] = await this.traced(
      "findOne",
      () => ({ filter, projection: projection ?? options.projection, sort: options.sort, skip: options.skip }),
      (op) => this.findDocuments(filter, projection, { ...options, limit: 1 }, op),
      (docs) => docs.length,
    );
    return doc ?? null;
  }

  count(filter: Document = {}, options: { limit?: number; skip?: number } = {}): Promise<number> {
    return this.traced(
      "count",
      () => ({ filter, limit: options.limit, skip: options.skip }),
      async (op) => {
        const skip = nonNegative(options.skip, "skip");
        const limit = nonNegative(options.limit, "limit");
        const total = Math.max(0, (await this.read(filter, undefined, op)).length - skip);
        return limit ? Math.min(limit, total) : total;
      },
      (n) => n,
    );
  }

  distinct(field: string, filter: Document = {}): Promise<unknown[]> {
    return this.traced(
      "distinct",
      () => ({ filter }),
      async (op) => {
        if (typeof field !== "string" || field === "") throw new AppServicesError("InvalidParameter", "distinct needs a field name");
        const parts = field.split(".");
        const values = (await this.read(filter, undefined, op)).flatMap((m) => distinctValues(m.visible, parts, 0));
        const unique: unknown[] = [];
        for (const value of values) if (!unique.some((u) => valuesEqual(u, value))) unique.push(value);
        return unique;
      },
      (values) => values.length,
    );
  }

  aggregate(pipeline: Document[]): Promise<Document[]> {
    return this.traced(
      "aggregate",
      () => ({ pipeline }),
      async (op) => {
        if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
          throw new AppServicesError("InvalidParameter", "pipeline must be an array of stage documents");
        }
        if (!this.binding.system) checkUserPipeline(pipeline);
        const source = (await this.read({}, undefined, op)).map((m) => m.visible);
        const others = await preloadLookups(pipeline, this.binding);
        return runPipeline(source, pipeline, (name) => others.get(name) ?? []);
      },
      (docs) => docs.length,
    );
  }

  async insertOne(document: Document): Promise<{ insertedId: unknown }> {
    const { insertedIds } = await this.insertMany([document]);
    return { insertedId: insertedIds[0] };
  }

  insertMany(documents: Document[]): Promise<{ insertedIds: unknown[] }> {
    return this.traced("insert", () => ({}), (op) => this.insertDocuments(documents, op), (result) => result.insertedIds.length);
  }

  private async insertDocuments(documents: Document[], op?: OperationTrace): Promise<{ insertedIds: unknown[] }> {
    if (!Array.isArray(documents) || documents.length === 0) {
      throw new AppServicesError("InvalidParameter", "insertMany needs a non-empty array of documents");
    }
    return this.binding.mutex.run(async () => {
      const now = this.binding.clock();
      const docs = documents.map((doc, i) => withId(checkInsertable(doc, `documents[${i}]`), now));
      // Every check runs before storage is touched; a rule that needs no function answers
      // at once, so a batch of 10,000 waits only on the checks that are asynchronous.
      for (const doc of docs) {
        const pending = this.checkWrite("insert", undefined, doc);
        if (pending) await pending;
      }
      await this.binding.store.commit(this.binding.ns, docs.map((doc) => ({ type: "insert", doc })));
      if (op) op.written = docs.length;
      return { insertedIds: docs.map((doc) => doc._id) };
    });
  }

  updateOne(filter: Document, update: Document, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.updateMatching(filter, parseUpdate(update), options, false);
  }

  updateMany(filter: Document, update: Document, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.updateMatching(filter, parseUpdate(update), options, true);
  }

  replaceOne(filter: Document, replacement: Document, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.updateMatching(filter, asReplacement(replacement), options, false);
  }

  async deleteOne(filter: Document = {}): Promise<{ deletedCount: number }> {
    return { deletedCount: (await this.deleteMatching(filter, false)).length };
  }

  async deleteMany(filter: Document = {}): Promise<{ deletedCount: number }> {
    return { deletedCount: (await this.deleteMatching(filter, true)).length };
  }

  findOneAndUpdate(filter: Document, update: Document, options: FindOneAndModifyOptions = {}): Promise<Document | null> {
    return this.findOneAndModify(filter, parseUpdate(update), options);
  }

  findOneAndReplace(filter: Document, replacement: Document, options: FindOneAndModifyOptions = {}): Promise<Document | null> {
    return this.findOneAndModify(filter, asReplacement(replacement), options);
  }

  async findOneAndDelete(filter: Document = {}, options: { sort?: Document; projection?: Document } = {}): Promise<Document | null> {
    const project = compileProjection(options.projection, filter);
    const [deleted] = await this.deleteMatching(filter, false, parseSort(options.sort));
    return deleted ? project(deleted) : null;
  }

  private read(filter: Document, want?: number, op?: OperationTrace): Promise<MatchedDocument[]> {
    if (!isPlainObject(filter)) throw new AppServicesError("InvalidParameter", "query must be a document");
    if (!this.binding.system) checkUserFilter(filter);
    return readMatching(this.binding.store, this.binding.ns, filter, this.binding.policy, want, op);
  }

  /** Runs one operation; when the request is traced, records it for Explain. */
  private traced<T>(operation: TracedOperation, details: () => TraceDetails, body: (op?: OperationTrace) => Promise<T>, size: (result: T) => number): Promise<T> {
    const trace = this.binding.trace;
    if (!trace) return body();
    const op = trace.begin(operation, this.binding.ns, details());
    return trace.run(op, () => body(op), size);
  }

  /** Throws (or, when a rule is asynchronous, rejects) when the write is not permitted or not valid. */
  private checkWrite(kind: WriteKind, before: Document | undefined, after: Document | undefined): void | Promise<void> {
    if (after && kind !== "delete") checkStorable(after, kind);
    const decided = this.binding.policy.checkWrite(kind, before, after);
    if (decided instanceof Promise) return decided.then(() => this.checkSchema(kind, before, after));
    this.checkSchema(kind, before, after);
  }

  private checkSchema(kind: WriteKind, before: Document | undefined, after: Document | undefined): void {
    if (!after || !this.binding.policy.validatesSchema || !this.binding.schema) return;
    const issues = validateDocument(this.binding.schema, after, { previous: before });
    if (issues.length > 0) throw schemaError(kind === "delete" ? "update" : kind, this.binding.ns, issues);
  }

  private updateMatching(filter: Document, parsed: ParsedUpdate, options: UpdateOptions, many: boolean): Promise<UpdateResult> {
    return this.traced(
      parsed.kind === "replacement" ? "replace" : "update",
      () => ({ filter }),
      (op) => this.updateDocuments(filter, parsed, options, many, op),
      (result) => result.modifiedCount,
    );
  }

  private async updateDocuments(filter: Document, parsed: ParsedUpdate, options: UpdateOptions, many: boolean, op?: OperationTrace): Promise<UpdateResult> {
    return this.binding.mutex.run(async () => {
      const matched = await this.read(filter, many ? undefined : 1, op);
      if (matched.length === 0) {
        if (!options.upsert) return { matchedCount: 0, modifiedCount: 0 };
        const doc = await this.upsertInsert(filter, parsed, options);
        return { matchedCount: 0, modifiedCount: 0, upsertedId: doc._id };
      }
      const ops: WriteOp[] = [];
      const now = this.binding.clock();
      for (const { stored } of matched) {
        const { doc, changed } = applyUpdate(stored, parsed, { arrayFilters: options.arrayFilters, filter, now });
        if (!changed) continue;
        const kind = parsed.kind === "replacement" ? "replace" : "update";
        await this.checkWrite(kind, stored, doc);
        ops.push({ type: kind, before: stored, after: doc });
      }
      await this.binding.store.commit(this.binding.ns, ops);
      if (op) op.written = ops.length;
      return { matchedCount: matched.length, modifiedCount: ops.length };
    });
  }

  private async upsertInsert(filter: Document, parsed: ParsedUpdate, options: UpdateOptions): Promise<Document> {
    const now = this.binding.clock();
    const doc = withId(checkInsertable(buildUpsertDocument(filter, parsed, { arrayFilters: options.arrayFilters, now })), now);
    await this.checkWrite("insert", undefined, doc);
    await this.binding.store.commit(this.binding.ns, [{ type: "insert", doc }]);
    return doc;
  }

  private findOneAndModify(filter: Document, parsed: ParsedUpdate, options: FindOneAndModifyOptions): Promise<Document | null> {
    return this.traced(
      parsed.kind === "replacement" ? "findOneAndReplace" : "findOneAndUpdate",
      () => ({ filter, sort: options.sort, projection: options.projection }),
      (op) => this.modifyOne(filter, parsed, options, op),
      (doc) => (doc ? 1 : 0),
    );
  }

  private async modifyOne(filter: Document, parsed: ParsedUpdate, options: FindOneAndModifyOptions, op?: OperationTrace): Promise<Document | null> {
    const project = compileProjection(options.projection);
    const sort = parseSort(options.sort);
    return this.binding.mutex.run(async () => {
      const matched = await this.read(filter, undefined, op);
      const target = sortMatches(matched, sort)[0];
      if (!target) {
        if (!options.upsert) return null;
        const doc = await this.upsertInsert(filter, parsed, options);
        return options.returnNewDocument ? project(await this.visible(doc)) : null;
      }
      const { doc, changed } = applyUpdate(target.stored, parsed, { arrayFilters: options.arrayFilters, filter, now: this.binding.clock() });
      if (changed) {
        const kind = parsed.kind === "replacement" ? "replace" : "update";
        await this.checkWrite(kind, target.stored, doc);
        await this.binding.store.commit(this.binding.ns, [{ type: kind, before: target.stored, after: doc }]);
        if (op) op.written = 1;
      }
      return project(options.returnNewDocument ? await this.visible(doc) : target.visible);
    });
  }

  private deleteMatching(filter: Document, many: boolean, sort?: SortSpec): Promise<Document[]> {
    return this.traced("delete", () => ({ filter }), (op) => this.deleteDocuments(filter, many, sort, op), (docs) => docs.length);
  }

  private async deleteDocuments(filter: Document, many: boolean, sort: SortSpec | undefined, op?: OperationTrace): Promise<Document[]> {
    return this.binding.mutex.run(async () => {
      let matched = sortMatches(await this.read(filter, many || sort ? undefined : 1, op), sort);
      if (!many) matched = matched.slice(0, 1);
      for (const { stored } of matched) await this.checkWrite("delete", stored, undefined);
      await this.binding.store.commit(this.binding.ns, matched.map(({ stored }) => ({ type: "delete", before: stored })));
      if (op) op.written = matched.length;
      return matched.map((m) => m.visible);
    });
  }

  private async visible(doc: Document): Promise<Document> {
    return (await this.binding.policy.readDocument(doc)) ?? {};
  }
}

/** The values `distinct` collects from one document: missing fields add nothing, arrays add their elements. */
function distinctValues(value: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) return Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => (isPlainObject(item) ? distinctValues(item, parts, i) : []));
  return isPlainObject(value) ? distinctValues(value[parts[i]], parts, i + 1) : [];
}

function asReplacement(replacement: Document): ParsedUpdate {
  if (!isPlainObject(replacement)) throw new AppServicesError("InvalidParameter", "replacement must be a document");
  return { kind: "replacement", replacement };
}

function sortMatches(matched: MatchedDocument[], sort: SortSpec | undefined): MatchedDocument[] {
  if (!sort) return matched;
  const byVisible = new Map(matched.map((m) => [m.stored, m]));
  return sortDocuments(matched.map((m) => m.stored), sort).map((doc) => byVisible.get(doc)!);
}

function nonNegative(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === "number" ? value : Number((value as { valueOf(): unknown }).valueOf());
  if (!Number.isFinite(n) || n < 0) throw new AppServicesError("InvalidParameter", `${name} must be a non-negative number`);
  return Math.floor(n);
}

const LOOKUP_STAGES: Record<string, (stage: Document) => unknown> = {
  $lookup: (stage) => stage.from,
  $graphLookup: (stage) => stage.from,
  $unionWith: (stage) => (typeof stage === "string" ? stage : stage.coll),
};

/** Loads, through the caller's policy, every sibling collection the pipeline reads. */
async function preloadLookups(pipeline: Document[], binding: CollectionBinding): Promise<Map<string, Document[]>> {
  const db = binding.ns.slice(0, binding.ns.indexOf("."));
  const names = new Set<string>();
  const visit = (stages: Document[]) => {
    for (const stage of stages) {
      for (const [op, spec] of Object.entries(stage)) {
        if (op === "$out" || op === "$merge") {
          throw new AppServicesError("MongoDBError", `${op} is not allowed in this aggregation`);
        }
        const from = LOOKUP_STAGES[op]?.(spec as Document);
        if (typeof from === "string") names.add(from);
        const nested = (spec as Document)?.pipeline;
        if (Array.isArray(nested)) visit(nested as Document[]);
        if (op === "$facet" && isPlainObject(spec)) for (const sub of Object.values(spec)) if (Array.isArray(sub)) visit(sub as Document[]);
      }
    }
  };
  visit(pipeline);
  const loaded = new Map<string, Document[]>();
  for (const name of names) loaded.set(name, await binding.readCollection(`${db}.${name}`));
  return loaded;
}
