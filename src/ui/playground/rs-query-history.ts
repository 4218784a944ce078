import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { HistoryEntry } from "../state/query-history.ts";
import { firstMeaningfulLine, operationTitle } from "../state/operation-names.ts";

/**
 * The playground's past runs, newest first: when, which operation, as whom, whether it
 * worked and how long it took. "Open in new tab" fires `history-open` (detail: the entry);
 * "Clear history", once confirmed, fires `history-clear`.
 */
@customElement("rs-query-history")
export class RsQueryHistory extends LitElement {
  @property({ attribute: false }) entries: HistoryEntry[] = [];
  /** Why runs are not being saved (QueryHistory.error), shown above the list. */
  @property() error: string | undefined;
  /** The clock, for "2 min ago" (tests set it). */
  @property({ attribute: false }) now: () => number = Date.now;
  @state() private confirming = false;
  @state() private filter = "";
  @query(".keep") private keepButton: HTMLButtonElement | undefined;
  @query(".clear") private clearButton: HTMLButtonElement | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-2); min-height: 0; }
      .top { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-2); }
      h2 { font-size: var(--rs-text); margin: 0; }
      h2:focus { outline: none; }
      ul { list-style: none; margin: 0; padding: 0; overflow-y: auto; min-height: 0; display: flex; flex-direction: column; gap: var(--rs-space-1); }
      li { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2); display: grid; grid-template-columns: 1fr auto; gap: var(--rs-space-1) var(--rs-space-2); align-items: center; background: var(--rs-bg-raised); }
      .name { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
      .meta { grid-column: 1; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); display: flex; flex-wrap: wrap; gap: 0 var(--rs-space-2); }
      li button { grid-row: 1 / span 2; grid-column: 2; }
      .ok { color: var(--rs-ok); font-weight: 600; }
      .failed { color: var(--rs-danger); font-weight: 600; }
      .confirm { display: flex; flex-wrap: wrap; align-items: center; gap: var(--rs-space-2); margin: 0; }
      .empty { margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    // "Just now" becomes "1 min ago" without anything else changing.
    this.ticker = setInterval(() => this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  override render() {
    const now = this.now();
    return html`
      <div class="top">
        <h2 id="history-title" tabindex="-1">History</h2>
        ${this.entries.length && !this.confirming ? html`<button class="clear" @click=${this.askToClear}>Clear history</button>` : nothing}
      </div>
      ${this.error ? html`<p class="notice warning" role="status">${this.error}</p>` : nothing}
      ${this.confirming
        ? html`<p class="confirm notice warning" role="group" aria-label="Confirm clearing the history">
            Remove all ${this.entries.length} run${this.entries.length === 1 ? "" : "s"} from the history? Your tabs stay as they are.
            <button class="danger" @click=${this.clear}>Remove all</button>
            <button class="keep" @click=${this.keep}>Keep them</button>
          </p>`
        : nothing}
      ${this.entries.length > FILTER_FROM
        ? html`<input type="search" aria-label="Filter the history" placeholder="Filter by operation, text or user" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />`
        : nothing}
      ${this.renderList(now)}
    `;
  }

  private renderList(now: number) {
    if (this.entries.length === 0) {
      return html`<p class="empty">Nothing run yet. Each query you run is listed here, newest first, with who ran it and how it went; it stays after a reload.</p>`;
    }
    const shown = this.entries.length > FILTER_FROM ? this.entries.filter((entry) => matches(entry, this.filter)) : this.entries;
    if (shown.length === 0) return html`<p class="empty" role="status">No run matches “${this.filter}”.</p>`;
    return html`<ul aria-labelledby="history-title">
      ${shown.map((entry) => this.renderEntry(entry, now))}
    </ul>`;
  }

  private renderEntry(entry: HistoryEntry, now: number) {
    const name = operationTitle(entry.query, entry.operationName) ?? (firstMeaningfulLine(entry.query) || "(empty query)");
    const who = entry.runAs.kind === "user" ? entry.runAs.email : "System";
    return html`<li>
      <span class="name" id="entry-${entry.id}" title=${entry.query}>${name}</span>
      <span class="meta">
        <time datetime=${new Date(entry.at).toISOString()} title=${new Date(entry.at).toLocaleString()}>${timeAgo(now - entry.at)}</time>
        <span>as ${who}</span>
        ${entry.ok ? html`<span class="ok">✓ ok</span>` : html`<span class="failed">✗ failed</span>`}
        <span>${formatMs(entry.ms)}</span>
      </span>
      <button aria-describedby="entry-${entry.id}" @click=${() => this.open(entry)}>Open in new tab</button>
    </li>`;
  }

  private open(entry: HistoryEntry): void {
    this.dispatchEvent(new CustomEvent<HistoryEntry>("history-open", { detail: entry, bubbles: true, composed: true }));
  }

  private async askToClear(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    this.keepButton?.focus();
  }

  private async keep(): Promise<void> {
    this.confirming = false;
    await this.updateComplete;
    this.clearButton?.focus();
  }

  private async clear(): Promise<void> {
    this.confirming = false;
    this.dispatchEvent(new CustomEvent("history-clear", { bubbles: true, composed: true }));
    // The buttons that had focus are gone: keep the reader's place at the heading.
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>("h2")?.focus();
  }
}

/** The filter field shows once the list is longer than this. */
const FILTER_FROM = 5;

/** Whether every word of the filter is in the entry's operation name, text or user. */
function matches(entry: HistoryEntry, filter: string): boolean {
  const who = entry.runAs.kind === "user" ? entry.runAs.email : "system";
  const haystack = `${entry.operationName ?? ""}\n${entry.query}\n${who}`.toLowerCase();
  return filter.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
function timeAgo(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-query-history": RsQueryHistory;
  }
}
