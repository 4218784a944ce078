import Dexie, { type Table, type Transaction } from "dexie";

import { decodeDocument } from "../bson/codec.ts";
import { documentKey, type IdbKey } from "./keys.ts";

/** One stored document: its key (see `documentKey`), namespace, BSON bytes and index entries. */
export interface DocumentRecord {
  key: string;
  ns: string;
  doc: Uint8Array;
  /**
   * Index entries `[ns, field, ...key]`, one per indexed value (arrays index each element);
   * empty when the namespace declares no index (records written by some earlier builds have none).
   */
  ix?: IdbKey[][];
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

/** A one-time token of the email/password provider (confirmation or password reset). */
export interface UserpassToken {
  token: string;
  tokenId: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * An email/password account and, once it has logged in (or was created from the
 * console), the app user it stands for. Registration only creates a pending account;
 * the user object exists from `status: "confirmed"` on.
 */
export interface UserRecord {
  /** The user id (24 hex digits), reserved at registration. */
  id: string;
  type: "normal" | "server";
  /** The local-userpass username; case-sensitive, unique. */
  email: string;
  /** bcrypt of the SHA-256 of the password; the password itself is never stored. */
  passwordHash: string;
  /** The local-userpass identity id. */
  identityId: string;
  status: "pending-confirmation" | "pending-login" | "confirmed";
  disabled: boolean;
  createdAt: number;
  confirmedAt?: number;
  lastLoginAt?: number;
  /** The pending confirmation, kept readable so the console can show its link. */
  confirmation?: UserpassToken;
  /** The pending password reset, likewise shown by the console. */
  reset?: UserpassToken;
}

/** A refresh-token session; revoking a session deletes its record. */
export interface SessionRecord {
  id: string;
  userId: string;
  deviceId: string;
  createdAt: number;
  expiresAt: number;
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
  /**
   * Keep documents read in memory for the next reads; default true. Only for a backend
   * that is its database's one writer: false where several tabs each run one on it.
   */
  cacheReads?: boolean;
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
  /** The IDBKeyRange of the IndexedDB in use, for raw requests (see raw-requests.ts). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name: string, dependencies: StorageDependencies = {}) {
    const deps = dependencies.indexedDB
      ? { indexedDB: dependencies.indexedDB, IDBKeyRange: dependencies.IDBKeyRange ?? globalThis.IDBKeyRange }
      : undefined;
    super(name, deps ? { ...deps, cache: "disabled" } : { cache: "disabled" });
    this.keyRange = deps?.IDBKeyRange ?? globalThis.IDBKeyRange;
    const stores = {
      docs: "key, *ix",
      meta: "key",
      users: "id, email",
      sessions: "id, userId",
      log: "++seq, time, type",
    };
    this.version(1).stores(stores);
    // Version 2 orders primary keys as MongoDB orders `_id`s (see `documentKey`).
    this.version(2).stores(stores).upgrade(rekeyDocuments);
  }
}

/** Rewrites every document's primary key in the current key format; nothing else changes. */
async function rekeyDocuments(tx: Transaction): Promise<void> {
  const docs = tx.table<DocumentRecord, string>("docs");
  const records = await docs.toArray();
  await docs.clear();
  await docs.bulkAdd(records.map((record) => ({ ...record, key: documentKey(record.ns, decodeDocument(record.doc)._id) })));
}
