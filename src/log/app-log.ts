import type { Clock } from "../core/clock.ts";
import type { LogRecord, SandboxDatabase } from "../storage/database.ts";
import { toLogValue } from "./log-value.ts";

/** The kinds of things the backend logs, as the console's log filter offers them. */
export type LogType = "auth" | "function" | "trigger" | "request" | "graphql" | "rules" | "deploy" | "system";

export interface LogEntryInput {
  type: LogType;
  status: "ok" | "error";
  /** A one-line summary, e.g. "POST /functions/call 200" or "login alice@example.com". */
  summary: string;
  userId?: string;
  durationMs?: number;
  /** Structured detail: arguments, console output, result, error code and message, trace. */
  details?: Record<string, unknown>;
}

export interface LogEntry extends LogEntryInput {
  seq: number;
  time: number;
}

export interface LogFilter {
  types?: LogType[];
  status?: "ok" | "error";
  userId?: string;
  /** Inclusive bounds on `time` (ms since epoch). */
  since?: number;
  until?: number;
  /** Case-insensitive text the summary contains. */
  text?: string;
  /** Only entries older than this `seq`: the next page after the last entry shown. */
  beforeSeq?: number;
  limit?: number;
}

export type LogListener = (entry: LogEntry) => void;

/** The log keeps this many entries; older ones are dropped as new ones arrive. */
export const DEFAULT_LOG_LIMIT = 5000;

/** How long entries wait for others to share their transaction (a closing tab loses at most these). */
const LOG_GATHER_MS = 100;

/**
 * One structured log of everything the backend does, kept in IndexedDB with a bounded
 * size. Writes are buffered and stored in batches, one transaction per batch, so
 * logging keeps up with the calls it records; they never fail the operation logged.
 */
export class AppLog {
  private buffer: LogRecord[] = [];
  private draining: Promise<void> | undefined;
  /** Ends the wait for more entries before a batch is stored. */
  private gathered: (() => void) | undefined;
  private readonly listeners = new Set<LogListener>();
  private sinceTrim = 0;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: Clock,
    private readonly limit = DEFAULT_LOG_LIMIT,
  ) {}

  write(input: LogEntryInput): void {
    const record: LogRecord = { ...input, time: this.clock() };
    // Stored as plain JSON: IndexedDB would keep BSON values as prototype-less husks.
    if (input.details) record.details = toLogValue(input.details);
    this.buffer.push(record);
    this.draining ??= this.drain();
  }

  /** Resolves when every entry written so far is stored. */
  async flush(): Promise<void> {
    this.gathered?.();
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Let the writes of the next moments gather into one batch: a transaction per call
    // would compete with the calls themselves. A reader of the log (flush) cuts it short.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.gathered?.(), LOG_GATHER_MS);
      this.gathered = () => {
        clearTimeout(timer);
        this.gathered = undefined;
        resolve();
      };
    });
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0);
      try {
        const seqs = await this.db.log.bulkAdd(batch, { allKeys: true });
        batch.forEach((record, i) => this.notify({ ...record, seq: seqs[i] } as unknown as LogEntry));
        this.sinceTrim += batch.length;
        // Trimming on every write would double the cost of logging; every tenth of the limit keeps it bounded.
        if (this.sinceTrim >= Math.max(1, Math.min(100, Math.floor(this.limit / 10)))) {
          this.sinceTrim = 0;
          await this.trim();
        }
      } catch {
        // A closed or failing database loses these entries, never the operation.
      }
    }
    this.draining = undefined;
  }

  private notify(entry: LogEntry): void {
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A failing subscriber must not stop the others.
      }
    }
  }

  async query(filter: LogFilter = {}): Promise<LogEntry[]> {
    await this.flush();
    const since = filter.since ?? -Infinity;
    const until = filter.until ?? Infinity;
    const types = filter.types && new Set(filter.types);
    const text = filter.text?.toLowerCase();
    const records = await this.db.log
      .where("time")
      .between(since, until, true, true)
      .reverse()
      .filter(
        (r) =>
          (!types || types.has(r.type as LogType)) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.userId || r.userId === filter.userId) &&
          (filter.beforeSeq === undefined || (r.seq ?? 0) < filter.beforeSeq) &&
          (!text || String(r.summary ?? "").toLowerCase().includes(text)),
      )
      .limit(filter.limit ?? this.limit)
      .toArray();
    return records as unknown as LogEntry[];
  }

  async exportJson(filter?: LogFilter): Promise<string> {
    return JSON.stringify(await this.query(filter), null, 2);
  }

  async clear(): Promise<void> {
    await this.flush();
    await this.db.log.clear();
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async trim(): Promise<void> {
    const count = await this.db.log.count();
    if (count <= this.limit) return;
    const oldest = await this.db.log.orderBy("seq").limit(count - this.limit).primaryKeys();
    await this.db.log.bulkDelete(oldest);
  }
}
