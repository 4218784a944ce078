import type { Document } from "../../bson/types.ts";
import type { RelationSpec } from "../schema/spec.ts";
import { getPath, keyOf } from "./values.ts";

/** Reads the target documents whose foreign key is one of `keys`, in one query. */
export type RelationFetch = (relation: RelationSpec, keys: unknown[]) => Promise<Document[]>;

interface Pending {
  relation: RelationSpec;
  keys: Map<string, { key: unknown; resolve: (docs: Document[]) => void; reject: (error: unknown) => void }>;
}

/**
 * Collects relationship lookups and runs one query per relationship once the current
 * level of the result has been walked. graphql-js calls the resolvers of all items of a
 * list before any of their promises settle, so waiting for the next macrotask gathers a
 * whole level however many promise hops each item took.
 */
export class RelationLoader {
  private readonly cache = new Map<string, Map<string, Promise<Document[]>>>();
  private pending = new Map<string, Pending>();
  private scheduled = false;

  constructor(
    private readonly fetch: RelationFetch,
    private readonly schedule: (task: () => void) => void = nextTurn,
  ) {}

  /** The target documents whose foreign key equals `key` (several when the key is not unique). */
  load(relation: RelationSpec, key: unknown): Promise<Document[]> {
    const k = keyOf(key);
    let cached = this.cache.get(relation.id);
    if (!cached) this.cache.set(relation.id, (cached = new Map()));
    const hit = cached.get(k);
    if (hit) return hit;
    let batch = this.pending.get(relation.id);
    if (!batch) this.pending.set(relation.id, (batch = { relation, keys: new Map() }));
    const entry = batch.keys;
    const promise = new Promise<Document[]>((resolve, reject) => entry.set(k, { key, resolve, reject }));
    cached.set(k, promise);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.dispatch());
    }
    return promise;
  }

  /** Forgets what was read; called after every write so later fields see its effect. */
  clear(): void {
    this.cache.clear();
  }

  private dispatch(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const { relation, keys } of batches.values()) {
      this.fetch(relation, [...keys.values()].map((entry) => entry.key)).then(
        (docs) => {
          const groups = new Map<string, Document[]>();
          for (const doc of docs) {
            const value = getPath(doc, relation.foreignKey);
            for (const item of Array.isArray(value) ? value : [value]) {
              const k = keyOf(item);
              const group = groups.get(k);
              if (group) group.push(doc);
              else groups.set(k, [doc]);
            }
          }
          for (const [k, entry] of keys) entry.resolve(groups.get(k) ?? []);
        },
        (error) => {
          for (const entry of keys.values()) entry.reject(error);
        },
      );
    }
  }
}

/** The next macrotask: setImmediate in Node, a MessageChannel hop in browsers and workers. */
export const nextTurn: (task: () => void) => void = (() => {
  if (typeof setImmediate === "function") return (task: () => void) => void setImmediate(task);
  if (typeof MessageChannel === "function") {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (task: () => void) => {
      queue.push(task);
      channel.port2.postMessage(null);
    };
  }
  return (task: () => void) => void setTimeout(task, 0);
})();
