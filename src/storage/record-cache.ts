import type { DocumentRecord } from "./database.ts";

/** What the cache may hold at most, counted in stored BSON bytes; past it, it starts again empty. */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

interface Space {
  /** Records by key; `null` where storage was asked and had none. */
  records: Map<string, DocumentRecord | null>;
  /** Index lookups by key (`JSON` of the index key), with the records they found. */
  lookups: Map<string, DocumentRecord[]>;
  /** The namespace's first records in key order, as far as they were read. */
  prefix: DocumentRecord[];
  /** The prefix holds every record of the namespace, and `lookups` every index key of it. */
  complete: boolean;
}

/**
 * Records the backend has read, kept in memory so reading them again costs no trip to
 * IndexedDB. Only correct where the store holding it is the database's one writer (the
 * tab that holds the sandbox's lock). Each namespace has a version that every write
 * moves on before and after its transaction; a read keeps what it found only when the
 * version it started with is still current, so nothing older than a write survives it.
 * Pure: no storage of its own.
 */
export class RecordCache {
  private readonly spaces = new Map<string, Space>();
  /** Counts writes and clears; a namespace's version is the count at its last write or the last clear. */
  private moves = 0;
  private lastClear = 0;
  private readonly lastWrite = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** Taken before a read; hand it back with what the read found. */
  version(ns: string): number {
    return Math.max(this.lastClear, this.lastWrite.get(ns) ?? 0);
  }

  /** A write to `ns` is about to start or has ended: what was kept of it goes. */
  invalidate(ns: string): void {
    this.lastWrite.set(ns, ++this.moves);
    const space = this.spaces.get(ns);
    if (!space) return;
    for (const record of space.records.values()) this.bytes -= sizeOf(record);
    this.bytes -= space.lookups.size * ENTRY_BYTES;
    this.spaces.delete(ns);
  }

  /** Everything goes (a restore wrote storage directly, or the cache outgrew its bytes). */
  clear(): void {
    this.lastClear = ++this.moves;
    this.spaces.clear();
    this.bytes = 0;
  }

  /** The record under `key`, `null` when storage had none, `undefined` when not known here. */
  record(ns: string, key: string): DocumentRecord | null | undefined {
    return this.spaces.get(ns)?.records.get(key);
  }

  keepRecords(ns: string, version: number, keys: readonly string[], records: readonly (DocumentRecord | undefined)[]): void {
    const space = this.space(ns, version);
    if (!space) return;
    keys.forEach((key, i) => this.put(space, key, records[i] ?? null));
    this.trim();
  }

  lookup(ns: string, indexKey: string): DocumentRecord[] | undefined {
    const space = this.spaces.get(ns);
    return space?.lookups.get(indexKey) ?? (space?.complete ? [] : undefined);
  }

  keepLookup(ns: string, version: number, indexKey: string, records: DocumentRecord[]): void {
    const space = this.space(ns, version);
    if (!space) return;
    for (const record of records) this.put(space, record.key, record);
    if (!space.lookups.has(indexKey)) this.bytes += ENTRY_BYTES;
    space.lookups.set(indexKey, records);
    this.trim();
  }

  /** The first records of the namespace in key order, and whether they are all of them. */
  prefix(ns: string): { records: readonly DocumentRecord[]; complete: boolean } | undefined {
    const space = this.spaces.get(ns);
    if (!space || (space.prefix.length === 0 && !space.complete)) return undefined;
    return { records: space.prefix, complete: space.complete };
  }

  /**
   * Records read in key order after the prefix kept so far (`after`, the last key of that
   * prefix, or undefined from the start); `complete` when storage had no more.
   */
  keepPrefix(ns: string, version: number, after: string | undefined, records: readonly DocumentRecord[], complete: boolean): void {
    const space = this.space(ns, version);
    if (!space) return;
    const last = space.prefix.length > 0 ? space.prefix[space.prefix.length - 1].key : undefined;
    if (last !== after) return;
    for (const record of records) {
      this.put(space, record.key, record);
      space.prefix.push(record);
    }
    if (complete) this.complete(space);
    this.trim();
  }

  /** Every record of the namespace, in key order. */
  keepAll(ns: string, version: number, records: readonly DocumentRecord[]): void {
    const space = this.space(ns, version);
    if (!space) return;
    for (const record of records) this.put(space, record.key, record);
    space.prefix = [...records];
    this.complete(space);
    this.trim();
  }

  /** Every record is here: so is every index key, and a key not found has no records. */
  private complete(space: Space): void {
    const lookups = new Map<string, DocumentRecord[]>();
    for (const record of space.prefix) {
      for (const entry of record.ix ?? []) {
        const name = indexKeyName(entry);
        const list = lookups.get(name);
        if (!list) lookups.set(name, [record]);
        else if (list[list.length - 1] !== record) list.push(record);
      }
    }
    this.bytes += (lookups.size - space.lookups.size) * ENTRY_BYTES;
    space.lookups = lookups;
    space.complete = true;
  }

  private space(ns: string, version: number): Space | undefined {
    if (version !== this.version(ns)) return undefined;
    let space = this.spaces.get(ns);
    if (!space) {
      space = { records: new Map(), lookups: new Map(), prefix: [], complete: false };
      this.spaces.set(ns, space);
    }
    return space;
  }

  private put(space: Space, key: string, record: DocumentRecord | null): void {
    const before = space.records.get(key);
    if (before !== undefined) this.bytes -= sizeOf(before);
    this.bytes += sizeOf(record);
    space.records.set(key, record);
  }

  private trim(): void {
    if (this.bytes > this.maxBytes) this.clear();
  }
}

/** What an entry costs beside its BSON (keys, map slots), so keys found absent count too. */
const ENTRY_BYTES = 64;

function sizeOf(record: DocumentRecord | null): number {
  return ENTRY_BYTES + (record ? record.doc.byteLength : 0);
}

/** The cache's name for an index key (strings and numbers only, as `encodeKey` makes them). */
export function indexKeyName(key: unknown): string {
  return JSON.stringify(key);
}
