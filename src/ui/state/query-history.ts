import type { RunAs } from "./console-store.ts";
import { isQuotaError, newId } from "./playground-tabs.ts";

/** One run of the playground: what was sent, as whom, and how it went. */
export interface HistoryEntry {
  id: string;
  /** When it ran (ms since the epoch). */
  at: number;
  query: string;
  variables: string;
  operationName?: string;
  runAs: RunAs;
  ok: boolean;
  ms: number;
}

/** How many runs are kept per app; the oldest go first. */
export const HISTORY_LIMIT = 100;

const STORAGE_PREFIX = "realm-sandbox:playground:history:";
const FORMAT_VERSION = 1;

/**
 * The playground's runs of one app, newest first, kept in localStorage across reloads.
 * Running the same thing again as the same identity moves it to the top instead of
 * adding a copy. Storage that is full, blocked or unreadable leaves the history working
 * in memory, with `error` saying so once.
 */
export class QueryHistory {
  entries: HistoryEntry[] = [];
  error: string | undefined;

  private readonly key: string;
  private readonly listeners = new Set<() => void>();

  private readonly pageEvents: Pick<EventTarget, "addEventListener" | "removeEventListener"> | undefined;
  private readonly onStorage = (event: Event) => this.adoptOtherWindow(event as StorageEvent);

  /**
   * `pageEvents` is where `storage` events of other windows of the site are heard (the
   * window by default), so that runs made there are not overwritten by this one.
   */
  constructor(
    private readonly storage: Storage,
    appId: string,
    private readonly now: () => number = Date.now,
    pageEvents?: Pick<EventTarget, "addEventListener" | "removeEventListener">,
  ) {
    this.key = `${STORAGE_PREFIX}${appId}`;
    this.restore();
    this.pageEvents = pageEvents ?? (typeof addEventListener === "function" ? globalThis : undefined);
    this.pageEvents?.addEventListener("storage", this.onStorage);
  }

  /** Stops following other windows. */
  dispose(): void {
    this.pageEvents?.removeEventListener("storage", this.onStorage);
    this.listeners.clear();
  }

  record(entry: Omit<HistoryEntry, "id" | "at">): void {
    const same = this.entries.find((old) => sameRun(old, entry));
    const fresh: HistoryEntry = { ...entry, id: same?.id ?? newId(), at: this.now() };
    this.entries = [fresh, ...this.entries.filter((old) => old !== same)].slice(0, HISTORY_LIMIT);
    this.changed();
  }

  clear(): void {
    this.entries = [];
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every run is written at once, so what another window saved already holds this one's runs. */
  private adoptOtherWindow(event: StorageEvent): void {
    if (event.key !== this.key || event.newValue === null) return;
    const entries = parseSaved(event.newValue);
    if (!entries) return;
    this.entries = entries.slice(0, HISTORY_LIMIT);
    for (const listener of this.listeners) listener();
  }

  private changed(): void {
    // Runs come seconds apart at most, so each is written at once rather than debounced.
    const problem = this.write();
    if (problem !== this.error) this.error = problem;
    for (const listener of this.listeners) listener();
  }

  /** Writes the history; when the storage is full, as many of the newest runs as fit. Answers what went wrong, if anything. */
  private write(): string | undefined {
    for (const count of [this.entries.length, 50, 20, 5]) {
      if (count > this.entries.length) continue;
      try {
        this.storage.setItem(this.key, JSON.stringify({ v: FORMAT_VERSION, entries: this.entries.slice(0, count) }));
        if (count === this.entries.length) return undefined;
        return `The browser's storage for this site is nearly full, so only the newest ${count} runs are kept after a reload. Clearing the history frees space.`;
      } catch (error) {
        if (!isQuotaError(error)) return `The browser refused to save the query history (${(error as Error).message}); runs are kept only while this page stays open.`;
      }
    }
    return "The browser's storage for this site is full, so new runs are kept in the history only while this page stays open. Clearing the history frees space.";
  }

  private restore(): void {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch (error) {
      this.error = `The browser does not let the playground read its query history (${(error as Error).message}); runs are kept only while this page stays open.`;
      return;
    }
    if (raw === null) return;
    const entries = parseSaved(raw);
    if (entries) {
      this.entries = entries.slice(0, HISTORY_LIMIT);
      return;
    }
    this.error = "The saved query history could not be read, so it starts empty; new runs are saved as usual.";
  }
}

function sameRun(a: Omit<HistoryEntry, "id" | "at">, b: Omit<HistoryEntry, "id" | "at">): boolean {
  return a.query === b.query && a.variables === b.variables && (a.operationName ?? "") === (b.operationName ?? "") && sameIdentity(a.runAs, b.runAs);
}

function sameIdentity(a: RunAs, b: RunAs): boolean {
  return a.kind === "system" ? b.kind === "system" : b.kind === "user" && a.userId === b.userId;
}

function parseSaved(raw: string): HistoryEntry[] | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || value.v !== FORMAT_VERSION || !Array.isArray(value.entries)) return undefined;
    return value.entries.filter(isEntry);
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!isRecord(value)) return false;
  const runAs = value.runAs;
  const identityOk = isRecord(runAs) && (runAs.kind === "system" || (runAs.kind === "user" && typeof runAs.userId === "string" && typeof runAs.email === "string"));
  return (
    identityOk &&
    typeof value.id === "string" &&
    typeof value.at === "number" &&
    typeof value.query === "string" &&
    typeof value.variables === "string" &&
    (value.operationName === undefined || typeof value.operationName === "string") &&
    typeof value.ok === "boolean" &&
    typeof value.ms === "number"
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
