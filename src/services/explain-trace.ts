import { isPlainObject, type Document } from "../bson/types.ts";
import { createRulesTrace, type RulesTrace } from "../rules/roles/index.ts";
import type { StorageAccess } from "../storage/document-store.ts";

/*
 * What the MongoDB service did for one part of a request, recorded only when the
 * request carries a trace (`RequestContext.trace`, set by the playground's Explain).
 * Without one, the service checks one optional field per operation and records nothing.
 */

/** How many documents' ids an operation keeps (withheld, filtered out, with hidden fields). */
export const TRACE_ID_LIMIT = 20;
/** How many ids of returned documents an operation keeps, in the order returned. */
export const RETURNED_ID_LIMIT = 100;

/** One read of the storage layer, as it ran; a paged scan counts its pages as `keys`. */
export interface StorageRead extends StorageAccess {
  /** Documents storage returned. */
  documents: number;
  ms: number;
}

export type TracedOperation =
  | "find"
  | "findOne"
  | "count"
  | "distinct"
  | "aggregate"
  | "insert"
  | "update"
  | "replace"
  | "delete"
  | "findOneAndUpdate"
  | "findOneAndReplace"
  | "findOneAndDelete";

/** One call of the collection API, with what its reads found. */
export interface OperationTrace {
  operation: TracedOperation;
  namespace: string;
  /** The filter the caller passed. */
  filter?: Document;
  /** The filter that ran, after the rules' query filters were merged in. */
  restrictedFilter?: Document;
  sort?: Document;
  limit?: number;
  skip?: number;
  projection?: Document;
  pipeline?: Document[];
  /** Documents written (inserted, or matched for an update or delete). */
  written?: number;
  storage: StorageRead[];
  /** Documents storage returned, and how many of them matched the filter that ran. */
  read: number;
  matched: number;
  /** What the operation answered (documents, or a count). */
  returned: number;
  /** `_id`s of the documents answered, in order (the first RETURNED_ID_LIMIT), so a result's position names its document. */
  returnedIds: unknown[];
  /** Documents that match the caller's filter but not a query filter of the rules (never matched). */
  filteredOut: { count: number; ids: unknown[] };
  /** Matched documents no role lets the caller read. */
  withheld: { count: number; ids: unknown[] };
  /** Documents returned with fields the rules hid: their ids and the hidden paths. */
  hidden: { count: number; documents: { id: unknown; paths: string[] }[] };
  /** Returned documents by the role that applied to them. */
  roles: Record<string, number>;
  /** The rules' decisions of this namespace (filters, and each document's role). */
  rules: RulesTrace;
  startedAt: number;
  ms: number;
  /** Time spent waiting for storage. */
  storageMs: number;
  error?: string;
}

/** The sink one part of a request (a GraphQL field) records into. */
export class ExplainTrace {
  readonly operations: OperationTrace[] = [];
  private readonly rules = new Map<string, RulesTrace>();
  private readonly running = new Set<Promise<unknown>>();

  now(): number {
    return performance.now();
  }

  /** One rules trace per namespace, shared by the policy that records into it and the reads that look up decisions in it. */
  rulesFor(namespace: string): RulesTrace {
    let trace = this.rules.get(namespace);
    if (!trace) this.rules.set(namespace, (trace = createRulesTrace(namespace)));
    return trace;
  }

  begin(operation: TracedOperation, namespace: string, details: Partial<Pick<OperationTrace, "filter" | "sort" | "limit" | "skip" | "projection" | "pipeline">> = {}): OperationTrace {
    const entry: OperationTrace = {
      operation,
      namespace,
      ...details,
      storage: [],
      read: 0,
      matched: 0,
      returned: 0,
      returnedIds: [],
      filteredOut: { count: 0, ids: [] },
      withheld: { count: 0, ids: [] },
      hidden: { count: 0, documents: [] },
      roles: {},
      rules: this.rulesFor(namespace),
      startedAt: this.now(),
      ms: 0,
      storageMs: 0,
    };
    this.operations.push(entry);
    return entry;
  }

  /** Resolves once no operation is running (GraphQL answers as soon as a field fails; others may still be reading). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Runs one operation and records its time, result size and failure. */
  run<T>(entry: OperationTrace, body: () => Promise<T>, size: (result: T) => number): Promise<T> {
    const running = this.record(entry, body, size);
    this.running.add(running);
    const done = () => void this.running.delete(running);
    running.then(done, done);
    return running;
  }

  private async record<T>(entry: OperationTrace, body: () => Promise<T>, size: (result: T) => number): Promise<T> {
    try {
      const result = await body();
      entry.returned = size(result);
      entry.returnedIds = idsOf(result);
      return result;
    } catch (error) {
      entry.error = (error as Error).message;
      throw error;
    } finally {
      entry.ms = this.now() - entry.startedAt;
    }
  }
}

/** Adds an id to a capped list, counting every one. */
export function noteId(list: { count: number; ids: unknown[] }, id: unknown): void {
  list.count++;
  if (list.ids.length < TRACE_ID_LIMIT) list.ids.push(id);
}

function idsOf(result: unknown): unknown[] {
  const docs = Array.isArray(result) ? result.slice(0, RETURNED_ID_LIMIT) : [result];
  return docs.filter((doc): doc is Document => isPlainObject(doc) && doc._id !== undefined).map((doc) => doc._id);
}
