import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { LogsApi, type LogFilters, type LogRow } from "../../state/logs-api.ts";
import type { RsWhyDialog } from "../../components/rs-why-dialog.ts";
import type { RsLogTable } from "./rs-log-table.ts";
import { exportText, filtersInHash, saveFilters, savedFilters } from "./log-format.ts";
import type { WithheldQuestion } from "./rs-log-details.ts";
import { idLabel, splitNamespace } from "./withheld.ts";
import "../../components/rs-why-dialog.ts";
import "./rs-log-filters.ts";
import "./rs-log-table.ts";

/** How often the screen asks for entries newer than the newest shown, while it is visible. */
const POLL_MS = 1500;
/** Entries fetched per page and the most the screen keeps: the whole log, which keeps 5000. */
const PAGE = 5000;
const KEEP = 5000;

/**
 * The Logs screen (`#/logs`): the app log newest first, filtered by type, status, user,
 * time and text. No backend event carries log changes, so while the screen is visible it
 * asks every 1.5 s for the entries after the newest one it has (a cheap query by `seq`),
 * and new entries appear at the top. Refused writes open the Why view.
 */
@customElement("rs-logs-screen")
export class RsLogsScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private rows: LogRow[] = [];
  @state() private filters: LogFilters = savedFilters("");
  @state() private users: { id: string; email?: string }[] = [];
  @state() private loaded = false;
  @state() private error: string | undefined;
  @state() private live = true;
  @state() private olderFrom: number | undefined;
  /** New entries held back while the reader is scrolled down, so the rows being read do not move. */
  @state() private held: LogRow[] = [];
  @query("rs-why-dialog") private why!: RsWhyDialog;
  @query("rs-log-table") private table!: RsLogTable;
  private api: LogsApi | undefined;
  private seenApp = "";
  private latestSeq = 0;
  /** Bumped on every reload, so an answer to an older question is dropped. */
  private generation = 0;
  private polling = false;
  /** Users not in the filter's list that made the list reload once already (a deleted user stays unknown). */
  private readonly askedFor = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-2); }
      .intro { margin: 0 0 var(--rs-space-3); max-width: 52rem; }
      rs-log-filters { margin-bottom: var(--rs-space-3); }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--rs-space-2) var(--rs-space-3); margin-bottom: var(--rs-space-2); font-size: var(--rs-text-sm); }
      .bar .count { margin-right: auto; }
      .bar label { display: inline-flex; align-items: center; gap: var(--rs-space-1); }
      .more { margin-top: var(--rs-space-2); }
    `,
  ];

  /** A link with filters, followed while the screen is open, applies them. */
  private readonly onHash = () => {
    const linked = location.hash.startsWith("#/logs?") ? filtersInHash(location.hash) : undefined;
    if (linked && this.seenApp) this.applyFilters(linked);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    window.addEventListener("hashchange", this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    window.removeEventListener("hashchange", this.onHash);
    clearTimeout(this.searchTimer);
  }

  override willUpdate(): void {
    const s = this.state.state;
    if (!s || !this.store) return;
    this.api ??= new LogsApi(this.store);
    if (s.appId !== this.seenApp) {
      this.seenApp = s.appId;
      this.filters = filtersInHash(location.hash) ?? savedFilters(s.appId);
      void this.reload();
      void this.loadUsers();
    }
  }

  override render() {
    const f = this.filters;
    const filtered = Object.values(f).some((v) => v !== "");
    return html`
      <h1>Logs</h1>
      <p class="intro muted">
        Everything the backend did for this app: client requests, function calls, trigger runs, sign-ins, deploys,
        and writes the rules refused. New entries appear at the top as they happen. Open an entry to see its details.
      </p>
      <rs-log-filters .filters=${f} .users=${this.users} @filters-changed=${this.filtersChanged}></rs-log-filters>
      ${this.error
        ? html`<p class="notice error" role="alert">${this.error} <button @click=${() => void this.reload()}>Try again</button></p>`
        : nothing}
      <div class="bar">
        <span class="count" role="status">${this.loaded
          ? `${this.rows.length.toLocaleString()} ${this.rows.length === 1 ? "entry" : "entries"}${filtered ? " match the filters" : ""}${this.olderFrom !== undefined ? " (older ones not loaded yet)" : ""}`
          : "Reading the log…"}</span>
        ${this.held.length > 0
          ? html`<button class="primary" @click=${this.showHeld}>Show ${this.held.length} new ${this.held.length === 1 ? "entry" : "entries"}</button>`
          : nothing}
        <label><input type="checkbox" .checked=${this.live} @change=${(e: Event) => this.setLive((e.target as HTMLInputElement).checked)} /> Show new entries as they arrive</label>
        <button @click=${() => this.download("jsonl")} ?disabled=${this.rows.length === 0}>Export as JSON lines</button>
        <button @click=${() => this.download("json")} ?disabled=${this.rows.length === 0}>Export as JSON</button>
      </div>
      <rs-log-table
        .rows=${this.rows}
        .empty=${filtered ? "No entries match these filters." : "Nothing has happened in this app yet. Sign-ins, client requests, function runs and deploys appear here as they happen."}
        @explain=${this.explain}
        @explain-withheld=${this.explainWithheld}
      ></rs-log-table>
      ${this.olderFrom !== undefined ? html`<div class="more"><button @click=${() => void this.loadOlder()}>Load older entries</button></div>` : nothing}
      <rs-why-dialog></rs-why-dialog>
    `;
  }

  private filtersChanged(event: CustomEvent<LogFilters>): void {
    this.applyFilters(event.detail);
  }

  private applyFilters(filters: LogFilters): void {
    const typedOnly = filters.q !== this.filters.q;
    this.filters = filters;
    saveFilters(this.seenApp, this.filters);
    // The address keeps the filters of a link only until they change here.
    if (location.hash.includes("?")) history.replaceState(null, "", "#/logs");
    clearTimeout(this.searchTimer);
    // Typing asks once the words settle; the other filters ask at once.
    if (typedOnly) this.searchTimer = setTimeout(() => void this.reload(), 250);
    else void this.reload();
  }

  private async reload(): Promise<void> {
    if (!this.api) return;
    const generation = ++this.generation;
    try {
      const page = await this.api.list(this.filters, { limit: PAGE });
      if (generation !== this.generation) return;
      this.rows = page.logs;
      this.held = [];
      this.latestSeq = page.latestSeq;
      this.olderFrom = page.nextBefore;
      this.error = undefined;
    } catch (error) {
      if (generation === this.generation) this.error = `The log could not be read: ${(error as Error).message}.`;
    } finally {
      if (generation === this.generation) this.loaded = true;
    }
  }

  /** Entries newer than the newest shown; only while the screen is visible and live. */
  private async poll(): Promise<void> {
    if (!this.api || !this.live || !this.loaded || this.polling || document.visibilityState !== "visible") return;
    const generation = this.generation;
    this.polling = true;
    try {
      const page = await this.api.list(this.filters, { after: this.latestSeq, limit: PAGE });
      if (generation !== this.generation) return;
      // More arrived than one page holds: start again from the newest.
      if (page.nextBefore !== undefined) return void (await this.reload());
      this.latestSeq = page.latestSeq;
      if (page.logs.length > 0 || (this.held.length > 0 && this.table?.atTop())) {
        // Reading further down: hold the new entries until asked for, or until back at the top.
        if (!this.table?.atTop()) {
          this.held = [...page.logs, ...this.held];
          return;
        }
        const rows = [...page.logs, ...this.held, ...this.rows];
        this.held = [];
        if (rows.length > KEEP) {
          rows.length = KEEP;
          this.olderFrom = rows[KEEP - 1].seq;
        }
        this.rows = rows;
        // A user created since the screen opened joins the user filter.
        const unknown = page.logs.find((r) => r.userId && !this.users.some((u) => u.id === r.userId) && !this.askedFor.has(r.userId));
        if (unknown?.userId) {
          this.askedFor.add(unknown.userId);
          void this.loadUsers();
        }
      }
      if (this.error) this.error = undefined;
    } catch (error) {
      if (generation === this.generation) this.error = `New entries could not be read: ${(error as Error).message}. The screen keeps trying.`;
    } finally {
      this.polling = false;
    }
  }

  private showHeld(): void {
    this.rows = [...this.held, ...this.rows].slice(0, KEEP);
    this.held = [];
    void this.table.scrollToTop();
  }

  private async loadOlder(): Promise<void> {
    if (!this.api || this.olderFrom === undefined) return;
    const generation = this.generation;
    try {
      const page = await this.api.list(this.filters, { before: this.olderFrom, limit: PAGE });
      if (generation !== this.generation) return;
      this.rows = [...this.rows, ...page.logs];
      this.olderFrom = page.nextBefore;
    } catch (error) {
      this.error = `Older entries could not be read: ${(error as Error).message}.`;
    }
  }

  private async loadUsers(): Promise<void> {
    try {
      const users = await this.store.api.users(this.seenApp);
      this.users = users.map((u) => ({ id: u.id, email: u.email || undefined }));
    } catch {
      // Without the list the filter still offers the user already chosen.
    }
  }

  private setLive(live: boolean): void {
    this.live = live;
    if (live) void this.poll();
  }

  private download(format: "jsonl" | "json"): void {
    const blob = new Blob([exportText(this.rows, format)], { type: format === "json" ? "application/json" : "application/x-ndjson" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
    link.download = `${this.seenApp}-log-${stamp}.${format === "json" ? "json" : "jsonl"}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private explain(event: CustomEvent<LogRow>): void {
    const entry = event.detail;
    void this.why.explain(`Why the rules refused “${entry.summary}”`, () => this.api!.explain(entry.seq));
  }

  private explainWithheld(event: CustomEvent<WithheldQuestion>): void {
    const { entry, namespace, id, kind } = event.detail;
    const who = entry.userEmail ?? entry.userId ?? "the user";
    const heading = kind === "document" ? `Why ${who} cannot read document ${idLabel(id)}` : `Why ${who} sees only some fields of document ${idLabel(id)}`;
    void this.why.explain(heading, () => this.api!.explainRead({ ...splitNamespace(namespace), userId: entry.userId ?? "", documentId: id }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-logs-screen": RsLogsScreen;
  }
}
