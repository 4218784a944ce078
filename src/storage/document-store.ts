import type { IndexableType } from "dexie";

import { decodeDocument, encodeDocument } from "../bson/codec.ts";
import { stringifyEJSON } from "../bson/ejson.ts";
import { Timestamp, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { Clock } from "../core/clock.ts";
import type { AccessPlan, Bound } from "../query/plan.ts";
import { splitNamespace, type ChangeEvent, type OperationType } from "./change-event.ts";
import type { DocumentRecord, SandboxDatabase } from "./database.ts";
import { indexEntries } from "./index-entries.ts";
import { documentKey, encodeKey, idRangeKeys, namespaceBounds, type IdbKey } from "./keys.ts";
import { readRange, writeRecords, type RecordWrites } from "./raw-requests.ts";
import { DEFAULT_CACHE_BYTES, RecordCache, indexKeyName } from "./record-cache.ts";
import { describeUpdate } from "./update-description.ts";

/** MongoDB's BSON document size limit. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export type WriteOp =
  | { type: "insert"; doc: Document }
  | { type: "update" | "replace"; before: Document; after: Document }
  | { type: "delete"; before: Document };

export type ChangeListener = (events: ChangeEvent[]) => void;

/** How one storage read found its documents: `keys` looked up (0 for a scan). */
export interface StorageAccess {
  kind: "id lookup" | "index lookup" | "id range" | "index range" | "scan";
  field?: string;
  keys: number;
}

export type StorageObserver = (access: StorageAccess, documents: number) => void;

const INDEXES_META_KEY = "storage.indexes";

/** Records per read when warming up: about a millisecond of decoding by IndexedDB each. */
const WARM_UP_PAGE = 256;
/** Records decoded (and dropped) while warming up. */
const WARM_UP_DECODES = 512;

export interface DocumentStoreOptions {
  /**
   * Keep records read in memory (see RecordCache). Only where this store is the database's
   * one writer: not where several tabs each run a backend on the same database.
   */
  cacheReads?: boolean;
}

/**
 * Collections over one Dexie table. Reads decode BSON records; writes for one
 * operation commit in one transaction, and their change events reach listeners only
 * after that transaction committed.
 */
export class DocumentStore {
  private readonly indexes = new Map<string, readonly string[]>();
  private readonly listeners = new Set<ChangeListener>();
  private eventCounter = 0;
  private readonly cache: RecordCache | undefined;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: Clock,
    options: DocumentStoreOptions = {},
  ) {
    this.cache = options.cacheReads === false ? undefined : new RecordCache();
  }

  /** Storage was written around this store (a restore): nothing read before may be reused. */
  forgetReads(): void {
    this.cache?.clear();
  }

  indexedFields(ns: string): ReadonlySet<string> {
    return new Set(this.indexes.get(ns) ?? []);
  }

  /**
   * Declares the secondary indexes per namespace and rebuilds the entries of every
   * namespace whose field list changed since the index was last built.
   */
  async configureIndexes(indexes: Record<string, string[]>): Promise<void> {
    const built = ((await this.db.meta.get(INDEXES_META_KEY))?.value ?? {}) as Record<string, string[]>;
    const namespaces = new Set([...Object.keys(built), ...Object.keys(indexes)]);
    this.indexes.clear();
    for (const [ns, fields] of Object.entries(indexes)) this.indexes.set(ns, [...fields].sort());
    const changed = [...namespaces].filter((ns) => (built[ns] ?? []).join("\n") !== (this.indexes.get(ns) ?? []).join("\n"));
    if (changed.length === 0) return;
    this.cache?.clear();
    await this.db.transaction("rw", this.db.docs, this.db.meta, async () => {
      for (const ns of changed) {
        const fields = this.indexes.get(ns) ?? [];
        await this.namespaceRange(ns).modify((record) => {
          record.ix = fields.length ? indexEntries(ns, decodeDocument(record.doc), fields) : [];
        });
      }
      await this.db.meta.put({ key: INDEXES_META_KEY, value: Object.fromEntries(this.indexes) });
    });
    this.cache?.clear();
  }

  async get(ns: string, id: unknown): Promise<Document | undefined> {
    const [record] = await this.readKeys(ns, [documentKey(ns, id)]);
    return record && decodeDocument(record.doc);
  }

  /** Records by key, from memory where they were read before, else in one `bulkGet`. */
  private async readKeys(ns: string, keys: string[]): Promise<(DocumentRecord | undefined)[]> {
    const cache = this.cache;
    if (!cache) return this.db.docs.bulkGet(keys);
    const found = keys.map((key) => cache.record(ns, key));
    const missing = keys.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) {
      const version = cache.version(ns);
      const read = await this.db.docs.bulkGet(missing);
      cache.keepRecords(ns, version, missing, read);
      let next = 0;
      for (let i = 0; i < found.length; i++) if (found[i] === undefined) found[i] = read[next++] ?? null;
    }
    return found.map((record) => record ?? undefined);
  }

  /**
   * The documents a plan selects: a superset of the matches, never a full scan unless the
   * plan says so. `observe` (Explain only) is told how storage was read.
   */
  async candidates(ns: string, plan: AccessPlan, observe?: StorageObserver): Promise<Document[]> {
    if (observe) {
      const docs = await this.candidates(ns, plan);
      observe(this.accessOf(ns, plan), docs.length);
      return docs;
    }
    let records: (DocumentRecord | undefined)[];
    switch (plan.kind) {
      case "ids":
        // Sorted keys return the documents in `_id` order, as an `_id` index scan would.
        records = await this.readKeys(ns, [...new Set(plan.ids.map((id) => documentKey(ns, id)))].sort());
        break;
      case "values": {
        if (!this.indexes.get(ns)?.includes(plan.field)) return this.scan(ns);
        const keys = plan.values.map((value) => [ns, plan.field, ...encodeKey(value)!] as IndexableType);
        records = uniqueRecords(await this.cachedIndexLookups(ns, keys));
        break;
      }
      case "range": {
        if (plan.field === "_id") {
          const bounds = idRangeKeys(ns, plan.lower?.value, plan.upper?.value);
          if (!bounds) return this.scan(ns);
          // Bounds of different types in the wrong order match nothing.
          if (bounds[0] > bounds[1]) return [];
          records = await this.db.docs.where(":id").between(bounds[0], bounds[1], true, true).toArray();
          break;
        }
        if (!this.indexes.get(ns)?.includes(plan.field)) return this.scan(ns);
        const [lower, upper, includeLower, includeUpper] = rangeKeys(ns, plan.field, plan.lower, plan.upper);
        records = await this.db.docs.where("ix").between(lower, upper, includeLower, includeUpper).distinct().toArray();
        break;
      }
      default:
        return this.scan(ns);
    }
    const docs: Document[] = [];
    for (const record of records) if (record) docs.push(decodeDocument(record.doc));
    return docs;
  }

  /** Index lookups, from memory where the same key was looked up before. */
  private async cachedIndexLookups(ns: string, keys: IndexableType[]): Promise<DocumentRecord[][]> {
    const cache = this.cache;
    if (!cache) return this.indexLookups(keys);
    const names = keys.map(indexKeyName);
    const lists = names.map((name) => cache.lookup(ns, name));
    const missing = keys.filter((_, i) => lists[i] === undefined);
    if (missing.length > 0) {
      const version = cache.version(ns);
      const read = await this.indexLookups(missing);
      let next = 0;
      for (let i = 0; i < lists.length; i++) {
        if (lists[i] !== undefined) continue;
        lists[i] = read[next++];
        cache.keepLookup(ns, version, names[i], lists[i]!);
      }
    }
    return lists as DocumentRecord[][];
  }

  /**
   * The records under each key of the `ix` index, read as one batch: every lookup is sent at
   * once in one transaction and they settle together. An equality lookup per key is much
   * cheaper than `anyOf` (a cursor walk), and raw requests skip Dexie's per-request promises,
   * which cost more than the reads themselves.
   */
  private indexLookups(keys: IndexableType[]): Promise<DocumentRecord[][]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db.transaction("r", this.db.docs, (transaction) => {
      const index = transaction.idbtrans.objectStore(this.db.docs.name).index("ix");
      return new Promise<DocumentRecord[][]>((resolve, reject) => {
        const lists: DocumentRecord[][] = new Array(keys.length);
        let pending = keys.length;
        keys.forEach((key, i) => {
          const request = index.getAll(key as IDBValidKey);
          request.onsuccess = () => {
            lists[i] = request.result as DocumentRecord[];
            if (--pending === 0) resolve(lists);
          };
          request.onerror = () => reject(request.error);
        });
      });
    });
  }

  /** How `candidates` reads storage for a plan: the same choices, described. */
  private accessOf(ns: string, plan: AccessPlan): StorageAccess {
    const indexed = (field: string) => this.indexes.get(ns)?.includes(field) === true;
    switch (plan.kind) {
      case "ids":
        return { kind: "id lookup", keys: new Set(plan.ids.map((id) => documentKey(ns, id))).size };
      case "values":
        return indexed(plan.field) ? { kind: "index lookup", field: plan.field, keys: plan.values.length } : { kind: "scan", keys: 0 };
      case "range":
        if (plan.field === "_id") return idRangeKeys(ns, plan.lower?.value, plan.upper?.value) ? { kind: "id range", keys: 1 } : { kind: "scan", keys: 0 };
        return indexed(plan.field) ? { kind: "index range", field: plan.field, keys: 1 } : { kind: "scan", keys: 0 };
      default:
        return { kind: "scan", keys: 0 };
    }
  }

  /**
   * The namespace's documents in storage order, a page at a time, so a reader that
   * needs only the first few matches stops early. Pages grow from `firstPage` up to 1,024.
   */
  async *scanPages(ns: string, firstPage = 64): AsyncGenerator<Document[]> {
    let after: string | undefined;
    const cached = this.cache?.prefix(ns);
    if (cached) {
      const records = cached.records.slice();
      for (let i = 0; i < records.length; i += 1024) yield records.slice(i, i + 1024).map((record) => decodeDocument(record.doc));
      if (cached.complete) return;
      after = records[records.length - 1].key;
    }
    for (let size = firstPage; ; size = Math.min(size * 2, 1024)) {
      const version = this.cache?.version(ns);
      const records = await this.readFrom(ns, after, size);
      if (version !== undefined) this.cache!.keepPrefix(ns, version, after, records, records.length < size);
      if (records.length > 0) yield records.map((record) => decodeDocument(record.doc));
      if (records.length < size) return;
      after = records[records.length - 1].key;
    }
  }

  /** The namespace's records in key order, after the key `after` (from its start without one), `count` at most. */
  private readFrom(ns: string, after: string | undefined, count?: number): Promise<DocumentRecord[]> {
    const [lower, upper] = namespaceBounds(ns);
    const range = this.db.keyRange.bound(after ?? lower, upper, after !== undefined, true);
    return this.db.transaction("r", this.db.docs, (transaction) => readRange(transaction.idbtrans.objectStore(this.db.docs.name), range, count));
  }

  /**
   * Reads whole namespaces into memory while the backend has nothing else to do, so the
   * first requests after a start answer as fast as later ones. A few hundred records at a
   * time, letting requests in between (decoding a large `getAll` holds the thread); skips
   * namespaces of more than `maxDocuments`, stops once `maxBytes` are held, decodes nothing.
   */
  async warmUp(maxBytes = DEFAULT_CACHE_BYTES / 2, maxDocuments = 50_000): Promise<void> {
    const cache = this.cache;
    if (!cache) return;
    let held = 0;
    let decoded = 0;
    for (const ns of await this.namespaces()) {
      if (cache.prefix(ns)?.complete || (await this.count(ns)) > maxDocuments) continue;
      for (;;) {
        // From where the records kept so far end (a request's reads may have added some).
        const kept = cache.prefix(ns);
        if (kept?.complete) break;
        const after = kept?.records.at(-1)?.key;
        const version = cache.version(ns);
        const records = await this.readFrom(ns, after, WARM_UP_PAGE);
        for (const record of records) held += record.doc.byteLength;
        if (held > maxBytes) return;
        // Decoding code that has run a few hundred times runs compiled when a request needs it.
        for (const record of records.slice(0, Math.max(0, WARM_UP_DECODES - decoded))) decodeDocument(record.doc);
        decoded = Math.min(WARM_UP_DECODES, decoded + records.length);
        cache.keepPrefix(ns, version, after, records, records.length < WARM_UP_PAGE);
        // Written meanwhile, or read to its end.
        if (version !== cache.version(ns) || records.length < WARM_UP_PAGE) break;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  async scan(ns: string): Promise<Document[]> {
    const cached = this.cache?.prefix(ns);
    if (cached?.complete) return cached.records.map((record) => decodeDocument(record.doc));
    const version = this.cache?.version(ns);
    const records = await this.readFrom(ns, undefined);
    if (version !== undefined) this.cache!.keepAll(ns, version, records);
    const docs: Document[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) docs[i] = decodeDocument(records[i].doc);
    return docs;
  }

  count(ns: string): Promise<number> {
    return this.namespaceRange(ns).count();
  }

  /** Namespaces that hold at least one document, found by skipping from one namespace to the next. */
  async namespaces(): Promise<string[]> {
    const found: string[] = [];
    let lower: string | undefined;
    for (;;) {
      const key = lower === undefined ? await this.db.docs.orderBy(":id").firstKey() : await this.db.docs.where(":id").above(lower).firstKey();
      if (key === undefined) return found;
      const ns = String(key).slice(0, String(key).indexOf("\u0000"));
      found.push(ns);
      lower = namespaceBounds(ns)[1];
    }
  }

  async drop(ns: string): Promise<number> {
    this.cache?.invalidate(ns);
    try {
      return await this.namespaceRange(ns).delete();
    } finally {
      this.cache?.invalidate(ns);
    }
  }

  /** Commits the writes of one operation atomically; duplicate `_id`s fail the whole batch. */
  async commit(ns: string, ops: WriteOp[]): Promise<ChangeEvent[]> {
    if (ops.length === 0) return [];
    const fields = this.indexes.get(ns) ?? [];
    const inserts: DocumentRecord[] = [];
    const puts: DocumentRecord[] = [];
    const deletes: string[] = [];
    for (const op of ops) {
      if (op.type === "delete") deletes.push(documentKey(ns, op.before._id));
      else (op.type === "insert" ? inserts : puts).push(this.toRecord(ns, op.type === "insert" ? op.doc : op.after, fields));
    }
    const writes: RecordWrites = { deletes, puts, inserts };
    // Before (a read running now keeps nothing) and after (nor one that began meanwhile).
    this.cache?.invalidate(ns);
    try {
      // Resolves once IndexedDB reports the transaction complete: the write is durable
      // when the call returns, and a failed request (or a crash) leaves nothing behind.
      await this.db.transaction("rw", this.db.docs, (transaction) => writeRecords(transaction.idbtrans.objectStore(this.db.docs.name), writes));
    } catch (error) {
      throw storageError(error, ns, ops, writes.refusedInsert);
    } finally {
      this.cache?.invalidate(ns);
    }
    const events = ops.map((op) => this.changeEvent(ns, op));
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // A failing listener must not undo or hide a committed write.
      }
    }
    return events;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stored records for documents of one namespace, for bulk restores that bypass change events. */
  recordsFor(ns: string, docs: Document[]): DocumentRecord[] {
    const fields = this.indexes.get(ns) ?? [];
    return docs.map((doc) => this.toRecord(ns, doc, fields));
  }

  private toRecord(ns: string, doc: Document, fields: readonly string[]): DocumentRecord {
    const bytes = encodeDocument(doc);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new AppServicesError("MongoDBError", `document is larger than the maximum size ${MAX_DOCUMENT_BYTES} bytes`);
    }
    // An empty list rather than no field: fake-indexeddb (Node) pays for a missing index
    // key path with an exception per record, and Chromium stores an empty list as cheaply.
    return { key: documentKey(ns, doc._id), ns, doc: bytes, ix: fields.length ? indexEntries(ns, doc, fields) : [] };
  }

  private namespaceRange(ns: string) {
    const [lower, upper] = namespaceBounds(ns);
    return this.db.docs.where(":id").between(lower, upper, true, false);
  }

  private changeEvent(ns: string, op: WriteOp): ChangeEvent {
    const now = this.clock();
    const counter = ++this.eventCounter;
    const clusterTime = new Timestamp({ t: Math.floor(now / 1000), i: counter });
    const operationType: OperationType = op.type;
    const doc = op.type === "insert" ? op.doc : op.type === "delete" ? op.before : op.after;
    const event: ChangeEvent = {
      _id: { _data: `${now.toString(16)}${counter.toString(16).padStart(8, "0")}` },
      operationType,
      clusterTime,
      wallTime: new Date(now),
      ns: splitNamespace(ns),
      documentKey: { _id: doc._id },
    };
    if (op.type !== "delete") event.fullDocument = doc;
    if (op.type !== "insert") event.fullDocumentBeforeChange = op.before;
    if (op.type === "update") event.updateDescription = describeUpdate(op.before, op.after);
    return event;
  }
}

/** Records found by several keys of a multikey index, each once, in first-found order. */
function uniqueRecords(lists: DocumentRecord[][]): DocumentRecord[] {
  if (lists.length === 1) return lists[0];
  const seen = new Set<string>();
  const records: DocumentRecord[] = [];
  for (const list of lists) {
    for (const record of list) {
      if (seen.has(record.key)) continue;
      seen.add(record.key);
      records.push(record);
    }
  }
  return records;
}

/** IndexedDB bounds for a range within one BSON type bracket, as MongoDB compares. */
function rangeKeys(ns: string, field: string, lower?: Bound, upper?: Bound): [IdbKey[], IdbKey[], boolean, boolean] {
  const lowerKey = lower && encodeKey(lower.value);
  const upperKey = upper && encodeKey(upper.value);
  const rank = (lowerKey ?? upperKey)![0] as number;
  return [
    lowerKey ? [ns, field, ...lowerKey] : [ns, field, rank],
    upperKey ? [ns, field, ...upperKey] : [ns, field, rank + 1],
    lowerKey ? lower!.inclusive : true,
    upperKey ? upper!.inclusive : false,
  ];
}

function storageError(error: unknown, ns: string, ops: WriteOp[], refusedInsert?: number): Error {
  if (error instanceof AppServicesError) return error;
  const failures = (error as { failures?: unknown[] }).failures;
  const inner = failures?.find(Boolean) ?? (error as { inner?: unknown }).inner ?? error;
  const name = (inner as { name?: string }).name ?? (error as { name?: string }).name;
  if (name === "ConstraintError" || name === "BulkError") {
    const duplicate = findDuplicate(ops, error, refusedInsert);
    return new AppServicesError(
      "MongoDBError",
      `E11000 duplicate key error collection: ${ns} index: _id_ dup key: { _id: ${duplicate} }`,
    );
  }
  if (name === "QuotaExceededError") {
    return new AppServicesError("MongoDBError", "storage quota exceeded: the browser refused to store more data; nothing was written");
  }
  return new AppServicesError("InternalServerError", `storage error: ${(inner as Error)?.message ?? String(inner)}`);
}

function findDuplicate(ops: WriteOp[], error: unknown, refusedInsert: number | undefined): string {
  const failedPositions = (error as { failuresByPos?: Record<number, unknown> }).failuresByPos;
  const inserts = ops.filter((op): op is { type: "insert"; doc: Document } => op.type === "insert");
  const position = refusedInsert ?? (failedPositions ? Number(Object.keys(failedPositions)[0]) : 0);
  const doc = inserts[position]?.doc ?? inserts[0]?.doc;
  return doc ? stringifyEJSON(doc._id) : "?";
}
