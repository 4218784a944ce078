/**
 * Explain for GraphQL: which field asked the MongoDB service for what. A traced request
 * runs with an ExplainRequestState; every root field's resolver then gets a view of it
 * whose collection handles record into that field's trace, and the relationship loader's
 * batched reads record under the collection they read. Untraced requests never see any
 * of this: root fields only check which kind of state they were given.
 */
import type { GraphQLFieldConfigMap, GraphQLFieldResolver } from "graphql";

import type { MongoCollection } from "../../services/mongodb-atlas/collection.ts";
import { ExplainTrace } from "../../services/explain-trace.ts";
import { SYSTEM_CONTEXT, type RequestContext } from "../../services/request-context.ts";
import type { JournalMode } from "./journal.ts";
import { RequestState, type GraphQLHost, type Target } from "./state.ts";

export interface FieldTrace {
  /**
   * `root`: a Query or Mutation field; `relationship`: the batched reads of related
   * documents of one collection; `nested`: what custom resolvers on document types did;
   * `undo`: writes undone as the system.
   */
  kind: "root" | "relationship" | "nested" | "undo";
  /** The field's key in the response (its alias when it has one), or the collection read. */
  key: string;
  /** `Query.tasks`, or for relationships the target type's name. */
  field: string;
  args?: Record<string, unknown>;
  /** The service's record of this field's operations. */
  trace: ExplainTrace;
  startedAt: number;
  ms: number;
  error?: string;
}

/** Every field's trace of one request. */
export class GraphQLExplain {
  readonly fields: FieldTrace[] = [];
  readonly startedAt = performance.now();
  private readonly shared = new Map<string, FieldTrace>();
  private readonly running = new Set<Promise<unknown>>();

  /**
   * Resolves once every field's work is over. graphql-js answers as soon as a non-null
   * field fails, while other fields may still be reading: their reads belong in the report.
   */
  async settled(): Promise<void> {
    for (;;) {
      const busy = [...this.running];
      await Promise.allSettled(busy);
      await Promise.all(this.fields.map((f) => f.trace.settled()));
      if (this.running.size === 0 && busy.length === 0) return;
    }
  }

  /** The trace of fields below the root that call functions (custom resolvers on document types). */
  nestedTrace(): ExplainTrace {
    const field: FieldTrace = { kind: "nested", key: "nested", field: "custom resolvers on document types", trace: new ExplainTrace(), startedAt: performance.now(), ms: 0 };
    this.fields.push(field);
    return field.trace;
  }

  /** Tracks a root field's resolver until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => void this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** The trace of reads not made by one root field: relationship batches, undone writes. */
  sharedTrace(target: Target, system: boolean): ExplainTrace {
    const kind = system ? "undo" : "relationship";
    const id = `${kind}/${target.service}/${target.database}.${target.collection}`;
    let field = this.shared.get(id);
    if (!field) {
      const name = (target as { name?: string }).name ?? target.collection;
      field = { kind, key: `${target.database}.${target.collection}`, field: name, trace: new ExplainTrace(), startedAt: performance.now(), ms: 0 };
      this.shared.set(id, field);
      this.fields.push(field);
    }
    return field.trace;
  }
}

/** The request state of a traced request. */
export class ExplainRequestState extends RequestState {
  private readonly tracedHandles = new Map<string, MongoCollection>();
  /** Set on a root field's view: the trace its reads and writes go to. */
  private fieldTrace: ExplainTrace | undefined;

  constructor(
    host: GraphQLHost,
    context: RequestContext,
    journalMode: JournalMode,
    readonly explain: GraphQLExplain,
  ) {
    // Resolvers below the root get this state, and functions they call get its context.
    super(host, { ...context, trace: explain.nestedTrace() }, journalMode);
  }

  override collection(target: Target, system = false): MongoCollection {
    const id = `${system ? "system" : "user"}/${target.service}/${target.database}.${target.collection}`;
    let handle = this.tracedHandles.get(id);
    if (!handle) {
      const trace = (!system && this.fieldTrace) || this.explain.sharedTrace(target, system);
      const service = this.host.service({ ...(system ? SYSTEM_CONTEXT : this.context), trace }, target.service);
      handle = service.db(target.database).collection(target.collection);
      this.tracedHandles.set(id, handle);
    }
    return handle;
  }

  /** Runs a root field's resolver with a view of this state that records under that field. */
  runField<T>(field: FieldTrace, resolve: (view: RequestState) => T | Promise<T>): Promise<T> {
    this.explain.fields.push(field);
    return this.explain.track(this.resolveField(field, resolve));
  }

  private async resolveField<T>(field: FieldTrace, resolve: (view: RequestState) => T | Promise<T>): Promise<T> {
    // The view shares the loader and the journal (they belong to the request), not the handles.
    const view = Object.create(this) as ExplainRequestState;
    Object.defineProperty(view, "tracedHandles", { value: new Map() });
    Object.defineProperty(view, "fieldTrace", { value: field.trace });
    // Functions of custom resolvers get the traced context, so their service calls are recorded too.
    Object.defineProperty(view, "context", { value: { ...this.context, trace: field.trace } });
    try {
      return await resolve(view);
    } catch (error) {
      field.error = (error as Error).message;
      throw error;
    } finally {
      field.ms = performance.now() - field.startedAt;
    }
  }
}

type Fields = GraphQLFieldConfigMap<unknown, RequestState>;

/** Lets Explain see each root field's work; an untraced request pays one `instanceof` per root field. */
export function explainRootFields(root: "Query" | "Mutation", fields: Fields): void {
  for (const [name, config] of Object.entries(fields)) {
    const resolve = config.resolve as GraphQLFieldResolver<unknown, RequestState> | undefined;
    if (!resolve) continue;
    config.resolve = (source, args: Record<string, unknown>, state, info) => {
      if (!(state instanceof ExplainRequestState)) return resolve(source, args, state, info);
      const field: FieldTrace = { kind: "root", key: info.path.key as string, field: `${root}.${name}`, args, trace: new ExplainTrace(), startedAt: performance.now(), ms: 0 };
      return state.runField(field, (view) => resolve(source, args, view, info));
    };
  }
}
