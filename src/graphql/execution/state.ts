import { GraphQLError } from "graphql";

import type { AppModel } from "../../config/types.ts";
import type { Document } from "../../bson/types.ts";
import type { MongoCollection } from "../../services/mongodb-atlas/collection.ts";
import type { MongoDBService } from "../../services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, type RequestContext } from "../../services/request-context.ts";
import type { RelationSpec } from "../schema/spec.ts";
import { WriteJournal, type JournalMode } from "./journal.ts";
import { RelationLoader } from "./loader.ts";
import { getPath, keyOf } from "./values.ts";

/** What the GraphQL endpoint needs from the running app. */
export interface GraphQLHost {
  /** The deployed configuration; a new object after each deploy. */
  model(): AppModel;
  /** The MongoDB service as `context` sees it; `serviceName` is the data source (default "mongodb-atlas"). */
  service(context: RequestContext, serviceName?: string): MongoDBService;
  /** Runs an app function for a custom resolver, as the caller. */
  callFunction(name: string, args: unknown[], context: RequestContext): Promise<unknown>;
  /**
   * Told once per deployed model, when its schema is first generated, what was left out
   * (`warnings`) or why there is no schema (`errors`), so the app log can say so.
   */
  schemaGenerated?(report: { warnings: string[]; errors: string[] }): void;
}

/** A collection by data source, database and name. */
export interface Target {
  service: string;
  database: string;
  collection: string;
}

/** Per-request state every resolver receives as the GraphQL context value. */
export class RequestState {
  readonly loader: RelationLoader;
  readonly journal: WriteJournal;
  private readonly handles = new Map<string, MongoCollection>();

  constructor(
    readonly host: GraphQLHost,
    readonly context: RequestContext,
    journalMode: JournalMode,
  ) {
    this.loader = new RelationLoader((relation, keys) => this.collection(relation.target).find({ [relation.foreignKey]: { $in: keys } }));
    this.journal = new WriteJournal(journalMode, (target) => this.collection(target, true));
  }

  /** The collection as the caller (or, for undoing writes, the system) sees it. */
  collection(target: Target, system = false): MongoCollection {
    const id = `${system ? "system" : "user"}/${target.service}/${target.database}.${target.collection}`;
    let handle = this.handles.get(id);
    if (!handle) {
      const service = this.host.service(system ? SYSTEM_CONTEXT : this.context, target.service);
      handle = service.db(target.database).collection(target.collection);
      this.handles.set(id, handle);
    }
    return handle;
  }

  /** Foreign-key values of the target documents the caller can see that match `filter`. */
  async foreignKeys(relation: RelationSpec, filter: Document): Promise<unknown[]> {
    const docs = await this.collection(relation.target).find(filter, { [relation.foreignKey]: 1 });
    const keys = new Map<string, unknown>();
    for (const doc of docs) {
      const value = getPath(doc, relation.foreignKey);
      for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) keys.set(keyOf(item), item);
    }
    return [...keys.values()];
  }

  /** Inserts relationship `create` documents and returns the foreign-key values to store. */
  async createRelated(relation: RelationSpec, docs: Document[]): Promise<unknown[]> {
    const { foreignKey, target } = relation;
    const keys = docs.map((doc) => (foreignKey === "_id" ? doc._id : getPath(doc, foreignKey)));
    if (foreignKey !== "_id" && keys.some((key) => key === undefined || key === null)) {
      throw new GraphQLError(`cannot link the created ${target.name}: it has no value for the foreign key "${foreignKey}"`);
    }
    const { insertedIds } = await this.write(() => this.collection(target).insertMany(docs));
    this.journal.inserted(target, insertedIds);
    return foreignKey === "_id" ? insertedIds : keys;
  }

  /** Runs one write: refused after an earlier write of the request failed, and recorded as failed when it throws. */
  async write<T>(step: () => Promise<T>): Promise<T> {
    if (this.journal.failed) {
      throw new GraphQLError("not run: an earlier mutation in this request failed, so the request changes nothing");
    }
    try {
      return await step();
    } catch (error) {
      this.journal.failed = true;
      throw error;
    } finally {
      this.loader.clear();
    }
  }
}
