import Dexie, { type Table } from "dexie";
import type { StorageDependencies } from "../storage/database.ts";

/** An app of the sandbox besides the default one, as the registry keeps it. */
export interface AppEntry {
  appId: string;
  name: string;
  databaseName: string;
  createdAt: number;
  origin: "template" | "import";
}

/**
 * The list of apps one sandbox (one origin and base path) holds, in a small database of
 * its own; each app keeps its config, data, users and log in its own database.
 */
export class AppRegistry extends Dexie {
  apps!: Table<AppEntry, string>;

  constructor(name: string, dependencies: StorageDependencies = {}) {
    const deps = dependencies.indexedDB
      ? { indexedDB: dependencies.indexedDB, IDBKeyRange: dependencies.IDBKeyRange ?? globalThis.IDBKeyRange }
      : undefined;
    super(name, deps ? { ...deps, cache: "disabled" } : { cache: "disabled" });
    this.version(1).stores({ apps: "appId" });
  }
}
