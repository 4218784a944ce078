import type { DocumentRecord } from "./database.ts";

/**
 * Bulk work as plain IndexedDB requests inside a transaction Dexie opened. Every request
 * is sent at once and only the last one is waited for: Dexie's bulk methods add a
 * promise and bookkeeping per record, which at 10,000 records costs more than a tenth
 * of the writes themselves. Dexie still owns the transaction: its promise settles when
 * IndexedDB reports the transaction complete (durable) or aborted (nothing written).
 */

export interface RecordWrites {
  deletes: string[];
  puts: DocumentRecord[];
  inserts: DocumentRecord[];
  /**
   * Set to the position (among the inserts) of the insert IndexedDB refused, for the
   * E11000 message: Dexie may reject the transaction with its own error first.
   */
  refusedInsert?: number;
}

/**
 * Sends the deletes, then the puts, then the inserts, in that order, and settles when the
 * last request has succeeded or the first one failed. A failed request aborts the
 * transaction, so a batch is written whole or not at all.
 */
export function writeRecords(store: IDBObjectStore, writes: RecordWrites): Promise<void> {
  const total = writes.deletes.length + writes.puts.length + writes.inserts.length;
  if (total === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let sent = 0;
    let failed = false;
    // Requests of a transaction succeed in the order they were sent, so the last one's
    // success means every one succeeded; only failures are heard from each.
    const settle = (request: IDBRequest, insertPosition?: number) => {
      if (++sent === total) request.onsuccess = () => !failed && resolve();
      request.onerror = () => {
        if (failed) return;
        failed = true;
        writes.refusedInsert = insertPosition;
        reject(request.error);
      };
    };
    for (const key of writes.deletes) settle(store.delete(key));
    for (const record of writes.puts) settle(store.put(record));
    writes.inserts.forEach((record, position) => settle(store.add(record), position));
  });
}

/** Every record of a primary-key range (or its first `count`) in one `getAll`: no cursor, no per-record callback. */
export function readRange(store: IDBObjectStore, range: IDBKeyRange, count?: number): Promise<DocumentRecord[]> {
  return new Promise((resolve, reject) => {
    const request = store.getAll(range, count);
    request.onsuccess = () => resolve(request.result as DocumentRecord[]);
    request.onerror = () => reject(request.error);
  });
}
