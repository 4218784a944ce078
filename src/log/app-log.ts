import type { Clock } from "../core/clock.ts";
import type { LogRecord, SandboxDatabase } from "../storage/database.ts";

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
  since?: number;
  until?: number;
  limit?: number;
}

export type LogListener = (entry: LogEntry) => void;

/** The log keeps this many entries; older ones are dropped as new ones arrive. */
export const DEFAULT_LOG_LIMIT = 5000;

/**
 * One structured log of everything the backend does, kept in IndexedDB with a bounded
 * size. Writes are queued and never fail the operation being logged.
 */
export class AppLog {
  private pending: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<LogListener>();
  private writes = 0;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: Clock,
    private readonly limit = DEFAULT_LOG_LIMIT,
  ) {}

  write(input: LogEntryInput): void {
    const record: LogRecord = { ...input, time: this.clock() };
    this.pending = this.pending
      .then(async () => {
        const seq = await this.db.log.add(record);
        const entry = { ...record, seq } as unknown as LogEntry;
        for (const listener of this.listeners) listener(entry);
        if (++this.writes % 100 === 0) await this.trim();
      })
      .catch(() => undefined);
  }

  /** Resolves when every entry written so far is stored. */
  flush(): Promise<void> {
    return this.pending;
  }

  async query(filter: LogFilter = {}): Promise<LogEntry[]> {
    await this.flush();
    const since = filter.since ?? -Infinity;
    const until = filter.until ?? Infinity;
    const types = filter.types && new Set(filter.types);
    const records = await this.db.log
      .where("time")
      .between(since, until, true, true)
      .reverse()
      .filter(
        (r) =>
          (!types || types.has(r.type as LogType)) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.userId || r.userId === filter.userId),
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
