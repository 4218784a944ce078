import { operationTitle } from "./operation-names.ts";

/** One open query of the playground, with its own variables and headers. */
export interface PlaygroundTab {
  id: string;
  title: string;
  query: string;
  variables: string;
  headers: string;
  operationName?: string;
  /** Set when the person named the tab; otherwise the title follows the operation name. */
  titleSetByUser?: boolean;
}

export interface PlaygroundTabsOptions {
  /** How long edits wait before they are written (keystrokes come in bursts). */
  debounceMs?: number;
  /**
   * Where `pagehide` (write pending edits before the page goes) and `storage` (another
   * window of the site changed the tabs) are heard. Defaults to the window.
   */
  pageEvents?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

/** The title of a tab whose query names no operation. */
export const UNTITLED = "Untitled";

/** The first tab of an app nobody has used the playground for. Works against any generated schema. */
export const STARTER_QUERY = `# Welcome to the GraphQL playground.
#
# Press Run (Ctrl+Enter, or ⌘+Enter on a Mac) to send
# this query. It runs as the identity chosen under
# "Run as" at the top, so the collection rules decide
# what comes back, as they would for a client app.
#
# This query lists the queries the API offers. Each
# collection with a schema gets two: one for a single
# document (like \`task\`) and one for a list (\`tasks\`).
# Browse them under Docs, or press Ctrl+Space inside
# braces for suggestions.
query WhatCanIAsk {
  __schema {
    queryType {
      fields {
        name
        description
      }
    }
  }
}
`;

/** What a tab opened with "New tab" starts with. */
export const NEW_TAB_QUERY = "# A new query: press Ctrl+Space inside braces for suggestions.\n";

const STORAGE_PREFIX = "realm-sandbox:playground:tabs:";
const FORMAT_VERSION = 1;

/**
 * The playground's tabs of one app, kept in localStorage so a reload (or a crash) loses
 * nothing. Writes wait for a pause in typing and are flushed when the page is hidden.
 * When the storage is full, blocked or holds something unreadable, the tabs keep working
 * in memory and `error` says so, once.
 */
export class PlaygroundTabs {
  tabs: PlaygroundTab[] = [];
  activeId = "";
  /** Why the tabs are not being saved (or were not restored), for the page to show. */
  error: string | undefined;

  private readonly key: string;
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly pageEvents: PlaygroundTabsOptions["pageEvents"];
  private pending: ReturnType<typeof setTimeout> | undefined;
  private writeFailed = false;
  /** Ids of the tabs last written or read: a tab missing from another window's save that is known was closed there. */
  private knownIds = new Set<string>();
  private readonly onPageHide = () => this.flush();
  private readonly onStorage = (event: Event) => this.adoptOtherWindow(event as StorageEvent);

  constructor(
    private readonly storage: Storage,
    appId: string,
    options: PlaygroundTabsOptions = {},
  ) {
    this.key = `${STORAGE_PREFIX}${appId}`;
    this.debounceMs = options.debounceMs ?? 300;
    this.pageEvents = options.pageEvents ?? (typeof addEventListener === "function" ? globalThis : undefined);
    this.restore();
    if (this.tabs.length === 0) {
      const first = newTab({ query: STARTER_QUERY });
      this.tabs = [first];
      this.activeId = first.id;
    }
    this.pageEvents?.addEventListener("pagehide", this.onPageHide);
    this.pageEvents?.addEventListener("storage", this.onStorage);
  }

  get active(): PlaygroundTab {
    return this.tabs.find((tab) => tab.id === this.activeId) ?? this.tabs[0];
  }

  /** Opens a tab after the others and makes it the active one. */
  add(init: Partial<PlaygroundTab> = {}): PlaygroundTab {
    const tab = newTab({ query: NEW_TAB_QUERY, ...init });
    this.tabs = [...this.tabs, tab];
    this.activeId = tab.id;
    this.changed();
    return tab;
  }

  /** Closes a tab; the neighbour to its right (else left) becomes active; the last one closed leaves a fresh tab. */
  close(id: string): void {
    const index = this.tabs.findIndex((tab) => tab.id === id);
    if (index < 0) return;
    const rest = this.tabs.filter((tab) => tab.id !== id);
    if (rest.length === 0) rest.push(newTab({ query: NEW_TAB_QUERY }));
    this.tabs = rest;
    if (this.activeId === id || !rest.some((tab) => tab.id === this.activeId)) this.activeId = rest[Math.min(index, rest.length - 1)].id;
    this.changed();
  }

  select(id: string): void {
    if (id === this.activeId || !this.tabs.some((tab) => tab.id === id)) return;
    this.activeId = id;
    this.changed();
  }

  /** Changes a tab's texts; its title follows the operation name unless the person named it. */
  update(id: string, patch: Partial<PlaygroundTab>): void {
    let found = false;
    this.tabs = this.tabs.map((tab) => {
      if (tab.id !== id) return tab;
      found = true;
      const { id: _id, title, ...texts } = patch;
      const next: PlaygroundTab = { ...tab, ...texts };
      if (title !== undefined) return named(next, title);
      return next.titleSetByUser ? next : { ...next, title: derivedTitle(next) };
    });
    if (found) this.changed();
  }

  /** Names a tab; an empty name gives the title back to the operation name. */
  rename(id: string, title: string): void {
    this.update(id, { title });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes pending changes now. */
  flush(): void {
    if (this.pending === undefined) return;
    clearTimeout(this.pending);
    this.pending = undefined;
    this.write();
  }

  /** Writes what is pending and stops listening to the page. */
  dispose(): void {
    this.flush();
    this.pageEvents?.removeEventListener("pagehide", this.onPageHide);
    this.pageEvents?.removeEventListener("storage", this.onStorage);
    this.listeners.clear();
  }

  /**
   * Another window of the sandbox saved this app's tabs: take them, so that neither
   * window's next write drops the other's tabs. This window keeps its own active tab, and
   * its own unsaved edits win (they are written next).
   */
  private adoptOtherWindow(event: StorageEvent): void {
    if (event.key !== this.key || event.newValue === null || this.pending !== undefined) return;
    const saved = parseSaved(event.newValue);
    if (!saved || saved.tabs.length === 0) return;
    const theirs = new Set(saved.tabs.map((tab) => tab.id));
    // Tabs this window opened but never wrote were not closed there: keep them.
    const unseen = this.tabs.filter((tab) => !theirs.has(tab.id) && !this.knownIds.has(tab.id));
    this.tabs = [...saved.tabs, ...unseen];
    this.knownIds = theirs;
    if (!this.tabs.some((tab) => tab.id === this.activeId)) this.activeId = saved.tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : saved.tabs[0].id;
    if (unseen.length) this.changed();
    else this.notify();
  }

  private changed(): void {
    if (this.pending !== undefined) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.write();
    }, this.debounceMs);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private write(): void {
    try {
      this.storage.setItem(this.key, JSON.stringify({ v: FORMAT_VERSION, activeId: this.activeId, tabs: this.tabs }));
      this.knownIds = new Set(this.tabs.map((tab) => tab.id));
      if (this.writeFailed) {
        this.writeFailed = false;
        this.error = undefined;
        this.notify();
      }
    } catch (error) {
      if (this.writeFailed) return;
      this.writeFailed = true;
      this.error = isQuotaError(error)
        ? "The browser's storage for this site is full, so changes to the playground tabs are kept only while this page stays open. Close tabs you no longer need or clear the query history, and they are saved again."
        : `The browser refused to save the playground tabs (${(error as Error).message}); they are kept only while this page stays open.`;
      this.notify();
    }
  }

  private restore(): void {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch (error) {
      this.error = `The browser does not let the playground read its saved tabs (${(error as Error).message}); tabs are kept only while this page stays open.`;
      return;
    }
    if (raw === null) return;
    const saved = parseSaved(raw);
    if (saved) {
      this.tabs = saved.tabs;
      this.knownIds = new Set(saved.tabs.map((tab) => tab.id));
      this.activeId = saved.tabs.some((tab) => tab.id === saved.activeId) ? saved.activeId : saved.tabs[0]?.id ?? "";
      return;
    }
    // Keep the unreadable text where someone can still get at it before it is overwritten.
    const copyKey = `${this.key}:unreadable`;
    try {
      this.storage.setItem(copyKey, raw);
      this.error = `The saved playground tabs could not be read, so the playground starts afresh. Their text was kept in this site's localStorage under "${copyKey}".`;
    } catch {
      this.error = "The saved playground tabs could not be read, so the playground starts afresh.";
    }
  }
}

function newTab(init: Partial<PlaygroundTab>): PlaygroundTab {
  const tab: PlaygroundTab = { query: "", variables: "", headers: "", ...init, id: init.id ?? newId(), title: "" };
  if (init.title?.trim() && init.title.trim() !== derivedTitle(tab)) return named(tab, init.title);
  return { ...tab, title: derivedTitle(tab), titleSetByUser: undefined };
}

function named(tab: PlaygroundTab, title: string): PlaygroundTab {
  const trimmed = title.trim();
  if (!trimmed) return { ...tab, title: derivedTitle(tab), titleSetByUser: undefined };
  return { ...tab, title: trimmed, titleSetByUser: true };
}

function derivedTitle(tab: Pick<PlaygroundTab, "query" | "operationName">): string {
  return operationTitle(tab.query, tab.operationName) ?? UNTITLED;
}

function parseSaved(raw: string): { tabs: PlaygroundTab[]; activeId: string } | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || value.v !== FORMAT_VERSION || !Array.isArray(value.tabs)) return undefined;
    const tabs = value.tabs.filter(isTab);
    if (tabs.length === 0 && value.tabs.length > 0) return undefined;
    return { tabs: tabs.map((tab) => ({ ...tab })), activeId: typeof value.activeId === "string" ? value.activeId : "" };
  } catch {
    return undefined;
  }
}

function isTab(value: unknown): value is PlaygroundTab {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.title === "string" &&
    typeof value.query === "string" &&
    typeof value.variables === "string" &&
    typeof value.headers === "string" &&
    (value.operationName === undefined || typeof value.operationName === "string")
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isQuotaError(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (typeof message === "string" && /quota/i.test(message));
}

/** Ids only need to be unique among one app's tabs and history entries. */
export function newId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
