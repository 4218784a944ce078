import type { ChangeEvent } from "../storage/change-event.ts";
import type { DocumentStore, WriteOp } from "../storage/document-store.ts";

interface PendingCommit {
  ns: string;
  id: unknown;
  depth: number;
}

/**
 * Remembers which trigger depth a write came from, so trigger cascades can be bounded.
 * Functions get a view of the document store whose commits are tagged with their
 * depth; change events are matched to a tagged commit by namespace and the first
 * document's `_id` (the same value object the event's documentKey holds). Listeners
 * run synchronously inside `commit`, while the tag is still registered.
 */
export class WriteOrigins {
  private readonly pending: PendingCommit[] = [];
  private readonly views = new Map<number, DocumentStore>();

  constructor(private readonly store: DocumentStore) {}

  /** The store as seen by functions running at `depth` (0 for client calls). */
  storeAt(depth: number): DocumentStore {
    if (depth === 0) return this.store;
    let view = this.views.get(depth);
    if (!view) {
      const store = this.store;
      const commit = async (ns: string, ops: WriteOp[]) => {
        const first = ops[0];
        if (!first) return store.commit(ns, ops);
        // The same document the store builds the event's documentKey from.
        const doc = first.type === "insert" ? first.doc : first.type === "delete" ? first.before : first.after;
        const entry: PendingCommit = { ns, id: doc._id, depth };
        this.pending.push(entry);
        try {
          return await store.commit(ns, ops);
        } finally {
          this.pending.splice(this.pending.indexOf(entry), 1);
        }
      };
      view = new Proxy(store, {
        get(target, key) {
          if (key === "commit") return commit;
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      this.views.set(depth, view);
    }
    return view;
  }

  /** The depth of the function whose write produced these events (0 when none did). */
  depthOf(events: readonly ChangeEvent[]): number {
    const first = events[0];
    if (!first) return 0;
    const ns = `${first.ns.db}.${first.ns.coll}`;
    const id = first.documentKey._id;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const entry = this.pending[i];
      if (entry.ns === ns && entry.id === id) return entry.depth;
    }
    return 0;
  }
}
