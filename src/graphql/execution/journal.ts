import type { Document } from "../../bson/types.ts";
import type { MongoCollection } from "../../services/mongodb-atlas/collection.ts";
import type { Target } from "./state.ts";

/**
 * - "inserts": one root mutation; its only earlier steps can be relationship `create`
 *   inserts, since the main write is atomic in the service.
 * - "full": several root mutations; updates and deletes keep the stored pre-images too.
 */
export type JournalMode = "off" | "inserts" | "full";

/**
 * What a GraphQL mutation request wrote, so that a failure leaves the data as it was:
 * App Services ran a mutation request in one transaction. The undo runs through the
 * system service, as it restores what the caller's own writes changed.
 */
export class WriteJournal {
  /** Set when a write failed; later writes are refused and the earlier ones undone. */
  failed = false;
  private readonly undo: (() => Promise<unknown>)[] = [];

  constructor(
    readonly mode: JournalMode,
    private readonly system: (target: Target) => MongoCollection,
  ) {}

  get isEmpty(): boolean {
    return this.undo.length === 0;
  }

  inserted(target: Target, ids: unknown[]): void {
    if (this.mode === "off" || ids.length === 0) return;
    this.undo.push(() => this.system(target).deleteMany({ _id: { $in: ids } }));
  }

  /**
   * Keeps the stored pre-images of the documents a write will touch (the caller's first
   * match, or every match) and returns a filter pinned to those documents.
   */
  async before(target: Target, user: MongoCollection, filter: Document, many: boolean): Promise<Document> {
    if (this.mode !== "full") return filter;
    const visible = await user.find(filter, { _id: 1 }, many ? {} : { limit: 1 });
    const ids = visible.map((doc) => doc._id).filter((id) => id !== undefined);
    if (ids.length === 0) return filter;
    const stored = await this.system(target).find({ _id: { $in: ids } });
    this.undo.push(async () => {
      const collection = this.system(target);
      for (const doc of stored) await collection.replaceOne({ _id: doc._id }, doc, { upsert: true });
    });
    return { $and: [filter, { _id: { $in: ids } }] };
  }

  /** Undoes every recorded write, newest first; returns the messages of steps that failed. */
  async rollback(): Promise<string[]> {
    const problems: string[] = [];
    for (const step of this.undo.reverse()) {
      try {
        await step();
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    this.undo.length = 0;
    return problems;
  }
}
