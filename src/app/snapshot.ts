/**
 * Whole-sandbox snapshots: the app directory, every collection and the auth tables in
 * one JSON file, for moving a sandbox between browsers or keeping a known state.
 */
import { EJSON } from "bson";

import { fromEJSON, toEJSON } from "../bson/ejson.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { UserRecord } from "../storage/database.ts";
import { documentKey } from "../storage/keys.ts";
import type { SandboxApp } from "./app.ts";
import type { AppFiles } from "../config/types.ts";

export const SNAPSHOT_FORMAT = "realm-sandbox-snapshot";
/** Bumped when the file layout changes; older files keep importing. */
export const SNAPSHOT_VERSION = 1;

export interface SandboxSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  appId: string;
  /** ISO time of the export. */
  exportedAt: string;
  app: {
    /** The deployed app directory. */
    deployed: AppFiles;
    /** Undeployed edits, when there are any. */
    draft?: AppFiles;
  };
  /** Namespace ("db.collection") → its documents as canonical Extended JSON. */
  collections: Record<string, unknown[]>;
  /** The auth tables as relaxed Extended JSON, so their plain numbers stay numbers. */
  users: unknown[];
  /**
   * Always empty: sessions are signed with this database's own secret, which a snapshot
   * does not carry, so after an import every user logs in again.
   */
  sessions: unknown[];
}

export async function exportSnapshot(app: SandboxApp, now: () => number = app.clock): Promise<SandboxSnapshot> {
  const collections: Record<string, unknown[]> = {};
  for (const ns of (await app.store.namespaces()).sort()) {
    collections[ns] = (await app.store.scan(ns)).map((doc) => toEJSON(doc));
  }
  const users = await app.db.users.toArray();
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    appId: app.appId,
    exportedAt: new Date(now()).toISOString(),
    app: { deployed: { ...app.deployedFiles }, ...(app.hasDraftChanges ? { draft: { ...app.draft } } : {}) },
    collections,
    users: users.map((user) => EJSON.serialize(user, { relaxed: true })),
    sessions: [],
  };
}

export function snapshotText(snapshot: SandboxSnapshot): string {
  return JSON.stringify(snapshot, null, 1);
}

/** Parses and checks a snapshot file completely, so a bad file is refused before anything changes. */
export function parseSnapshot(text: string): SandboxSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(`the file is not JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(json) || json.format !== SNAPSHOT_FORMAT) {
    throw invalid(`the file is not a Realm Sandbox export (expected "format": "${SNAPSHOT_FORMAT}")`);
  }
  if (typeof json.version !== "number" || json.version > SNAPSHOT_VERSION) {
    throw invalid(`the file was exported by a newer Realm Sandbox (snapshot version ${String(json.version)}; this one reads up to ${SNAPSHOT_VERSION})`);
  }
  const app = json.app;
  if (!isPlainObject(app) || !isFileMap(app.deployed) || (app.draft !== undefined && !isFileMap(app.draft))) {
    throw invalid(`"app.deployed" (and "app.draft", when present) must map file paths to file text`);
  }
  if (!isPlainObject(json.collections)) throw invalid(`"collections" must map namespaces to document arrays`);
  for (const [ns, docs] of Object.entries(json.collections)) {
    if (!/^[^.\u0000$]+\.[^\u0000$]+$/.test(ns)) throw invalid(`"${ns}" is not a namespace of the form "database.collection"`);
    if (!Array.isArray(docs)) throw invalid(`collection ${ns} must be an array of documents`);
  }
  for (const table of ["users", "sessions"] as const) {
    if (!Array.isArray(json[table] ?? [])) throw invalid(`"${table}" must be an array`);
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: json.version,
    appId: typeof json.appId === "string" ? json.appId : "",
    exportedAt: typeof json.exportedAt === "string" ? json.exportedAt : "",
    app: { deployed: app.deployed as AppFiles, ...(app.draft ? { draft: app.draft as AppFiles } : {}) },
    collections: json.collections as Record<string, unknown[]>,
    users: (json.users ?? []) as unknown[],
    sessions: (json.sessions ?? []) as unknown[],
  };
}

/**
 * Replaces the app's configuration, collections and users with the snapshot's and
 * ends every session. Everything is decoded and the app directory validated before the first
 * write; documents are written straight to storage so no database trigger fires for
 * them. Open the app again afterwards so every layer starts from the new state.
 */
export async function importSnapshot(app: SandboxApp, snapshot: SandboxSnapshot): Promise<void> {
  const decoded = decodeCollections(snapshot.collections);
  const users = decodeRecords<UserRecord>(snapshot.users, "users", (r) => typeof r.id === "string");

  await app.importApp(snapshot.app.deployed);
  if (snapshot.app.draft) await app.saveDraft(snapshot.app.draft);

  const records = [...decoded].flatMap(([ns, docs]) => app.store.recordsFor(ns, docs));
  const { db } = app;
  // Written around the store: what it read before (or reads meanwhile) is not to be reused.
  app.store.forgetReads();
  try {
    await db.transaction("rw", db.docs, db.users, db.sessions, async () => {
      await Promise.all([db.docs.clear(), db.users.clear(), db.sessions.clear()]);
      await db.docs.bulkAdd(records);
      await db.users.bulkAdd(users);
    });
  } catch (error) {
    const name = (error as { inner?: { name?: string }; name?: string }).inner?.name ?? (error as Error).name;
    if (name === "QuotaExceededError") {
      throw new AppServicesError("InternalServerError", "storage quota exceeded: the browser refused to store the imported data");
    }
    throw new AppServicesError("InternalServerError", `cannot store the imported data: ${(error as Error).message}`);
  } finally {
    app.store.forgetReads();
  }
}

function decodeCollections(collections: Record<string, unknown[]>): Map<string, Document[]> {
  const result = new Map<string, Document[]>();
  for (const [ns, docs] of Object.entries(collections)) {
    const seen = new Set<string>();
    const decoded = docs.map((json, index) => {
      let doc: unknown;
      try {
        doc = fromEJSON(json);
      } catch (error) {
        throw invalid(`${ns}[${index}]: ${(error as Error).message}`);
      }
      if (!isPlainObject(doc) || doc._id === undefined) throw invalid(`${ns}[${index}] is not a document with an _id`);
      const key = documentKey(ns, doc._id);
      if (seen.has(key)) throw invalid(`${ns}[${index}] repeats the _id of an earlier document`);
      seen.add(key);
      return doc;
    });
    result.set(ns, decoded);
  }
  return result;
}

function decodeRecords<T>(records: unknown[], table: string, valid: (record: Document) => boolean): T[] {
  return records.map((json, index) => {
    const record = isPlainObject(json) ? (EJSON.deserialize(json, { relaxed: true }) as Document) : undefined;
    if (!record || !valid(record)) throw invalid(`${table}[${index}] is not a valid ${table} record`);
    return record as T;
  });
}

function isFileMap(value: unknown): value is AppFiles {
  return isPlainObject(value) && Object.values(value).every((text) => typeof text === "string");
}

function invalid(message: string): AppServicesError {
  return new AppServicesError("BadRequest", `cannot import the sandbox: ${message}`);
}
