import Dexie, { type Table } from "dexie";

import type { IdbKey } from "./keys.ts";

/** One stored document: its key (see `documentKey`), namespace, BSON bytes and index entries. */
export interface DocumentRecord {
  key: string;
  ns: string;
  doc: Uint8Array;
  /** Index entries `[ns, field, ...key]`, one per indexed value (arrays index each element). */
  ix: IdbKey[][];
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

/** An app user; the auth layer owns the shape beyond `id`. */
export interface UserRecord {
  id: string;
  [key: string]: unknown;
}

/** A refresh-token session; the auth layer owns the shape beyond `id` and `userId`. */
export interface SessionRecord {
  id: string;
  userId: string;
  [key: string]: unknown;
}

/** One app log entry; `seq` is assigned on insert and orders the log. */
export interface LogRecord {
  seq?: number;
  time: number;
  type: string;
  [key: string]: unknown;
}

export interface StorageDependencies {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * The sandbox's IndexedDB database. Every collection shares one object store keyed
 * by namespace and `_id` (see `documentKey`), so new collections need no schema upgrade, and one multi-entry index
 * over `ix` serves every declared secondary index.
 */
export class SandboxDatabase extends Dexie {
  docs!: Table<DocumentRecord, string>;
  meta!: Table<MetaRecord, string>;
  users!: Table<UserRecord, string>;
  sessions!: Table<SessionRecord, string>;
  log!: Table<LogRecord, number>;

  constructor(name: string, dependencies: StorageDependencies = {}) {
    const deps = dependencies.indexedDB
      ? { indexedDB: dependencies.indexedDB, IDBKeyRange: dependencies.IDBKeyRange ?? globalThis.IDBKeyRange }
      : undefined;
    super(name, deps ? { ...deps, cache: "disabled" } : { cache: "disabled" });
    this.version(1).stores({
      docs: "key, *ix",
      meta: "key",
      users: "id, email",
      sessions: "id, userId",
      log: "++seq, time, type",
    });
  }
}
