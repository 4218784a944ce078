/** Raw IndexedDB checks made before Dexie touches a database. */

export interface StorageFactory {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export type Inspection = { available: true; version?: number } | { available: false; reason: string };

/**
 * Whether IndexedDB works here, and the stored version of `name` if it exists. Uses
 * `databases()` where there is one, so looking does not create the database.
 */
export async function inspectDatabase(indexedDB: IDBFactory, name: string): Promise<Inspection> {
  try {
    if (typeof indexedDB.databases === "function") {
      const found = (await indexedDB.databases()).find((db) => db.name === name);
      if (found) return { available: true, version: found.version };
      // Listing works but says nothing about writing; fall through to a real open.
    }
    const version = await new Promise<number | undefined>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        const created = db.objectStoreNames.length === 0;
        const stored = db.version;
        db.close();
        // An empty database was made by this open: remove it so Dexie creates it fresh.
        if (created) deleteDatabase(indexedDB, name).then(() => resolve(undefined), reject);
        else resolve(stored);
      };
      request.onerror = () => reject(request.error ?? new Error("open failed"));
      request.onblocked = () => resolve(undefined);
    });
    return { available: true, version };
  } catch (error) {
    return { available: false, reason: (error as Error)?.message || String(error) };
  }
}

/** How long a delete may wait for other connections to close before it gives up. */
const BLOCKED_TIMEOUT_MS = 10_000;

export function deleteDatabase(indexedDB: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`cannot delete ${name}`));
    };
    // Another connection is still open; the delete completes once it closes, if it does.
    request.onblocked = () => {
      timer ??= setTimeout(() => reject(new Error("another tab keeps the sandbox's database open; close it and try again")), BLOCKED_TIMEOUT_MS);
    };
  });
}
