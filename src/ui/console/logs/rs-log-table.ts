import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import "@lit-labs/virtualizer";

import { controls } from "../../tokens.ts";
import type { LogRow } from "../../state/logs-api.ts";
import { duration, shortSummary, shortTime, TYPE_LABELS, userLabel } from "./log-format.ts";
import "./rs-log-details.ts";

/**
 * The log as a table, newest first. Only the rows in view are in the page (a
 * virtualizer), so thousands of entries scroll as smoothly as ten. A row opens in place
 * to show its details; a refused write has a Why button that fires `explain`.
 */
@customElement("rs-log-table")
export class RsLogTable extends LitElement {
  @property({ attribute: false }) rows: readonly LogRow[] = [];
  /** What to say when there are no rows. */
  @property() empty = "No entries match.";
  @state() private expanded = new Set<number>();

  static override styles = [
    controls,
    css`
      :host { display: block; --columns: 2.25rem 7.5rem 7.5rem 8rem minmax(8rem, 13rem) 5.5rem minmax(12rem, 1fr); }
      .table { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); font-size: var(--rs-text-sm); background: var(--rs-bg-raised); }
      .row { display: grid; grid-template-columns: var(--columns); align-items: center; width: 100%; border-bottom: 1px solid var(--rs-border); box-sizing: border-box; }
      .head .row { font-weight: 700; background: var(--rs-bg-subtle); border-radius: var(--rs-radius) var(--rs-radius) 0 0; }
      [role="cell"], [role="columnheader"] { padding: var(--rs-space-1) var(--rs-space-2); min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .summary { font-family: var(--rs-font-mono); }
      lit-virtualizer { height: max(20rem, calc(100vh - 22rem)); }
      .row.open { background: var(--rs-bg-subtle); }
      .details { grid-column: 1 / -1; white-space: normal; padding: var(--rs-space-2) var(--rs-space-3) var(--rs-space-3); border-top: 1px dashed var(--rs-border); background: var(--rs-bg); }
      button.toggle { padding: 0 var(--rs-space-1); min-width: 1.75rem; border: 1px solid transparent; background: none; color: var(--rs-fg); }
      button.toggle:hover { border-color: var(--rs-border); }
      [role="cell"].status { overflow: visible; }
      .error { color: var(--rs-danger); font-weight: 700; }
      .ok { color: var(--rs-ok); }
      button.why { margin-left: var(--rs-space-1); padding: 0 var(--rs-space-2); font-size: var(--rs-text-sm); }
      .empty { grid-column: 1 / -1; padding: var(--rs-space-4); white-space: normal; }
    `,
  ];

  override render() {
    return html`<div class="table" role="table" aria-label="Log entries, newest first" aria-rowcount=${this.rows.length + 1}>
      <div class="head" role="rowgroup">
        <div class="row" role="row" aria-rowindex="1">
          <span role="columnheader"><span class="visually-hidden">Details</span></span>
          <span role="columnheader">Time</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">User</span>
          <span role="columnheader">Duration</span>
          <span role="columnheader">Request or function</span>
        </div>
      </div>
      ${this.rows.length === 0
        ? html`<div role="rowgroup"><div class="row" role="row"><span role="cell" class="empty muted">${this.empty}</span></div></div>`
        : html`<lit-virtualizer role="rowgroup" scroller .items=${this.rows} .keyFunction=${(r: LogRow) => r.seq} .renderItem=${(r: LogRow, i: number) => this.row(r, i)}></lit-virtualizer>`}
    </div>`;
  }

  private row(r: LogRow, index: number) {
    const open = this.expanded.has(r.seq);
    const now = Date.now();
    return html`<div class="row ${open ? "open" : ""}" role="row" aria-rowindex=${index + 2}>
      <span role="cell"><button class="toggle" aria-expanded=${open ? "true" : "false"} aria-label=${`Details of ${r.summary}`} @click=${() => this.toggle(r.seq)}>${open ? "▾" : "▸"}</button></span>
      <span role="cell"><time datetime=${new Date(r.time).toISOString()} title=${new Date(r.time).toLocaleString()}>${shortTime(r.time, now)}</time></span>
      <span role="cell">${TYPE_LABELS[r.type] ?? r.type}</span>
      <span role="cell" class="status"><span class=${r.status}>${r.status === "ok" ? "OK" : "Error"}</span>${r.explainable
          ? html`<button class="why" aria-label=${`Why: ${r.summary}`} @click=${() => this.explain(r)}>Why?</button>`
          : nothing}</span>
      <span role="cell" title=${r.userId ?? ""}>${userLabel(r) || html`<span class="muted">—</span>`}</span>
      <span role="cell">${duration(r.durationMs)}</span>
      <span role="cell" class="summary" title=${r.summary}>${shortSummary(r)}</span>
      ${open ? html`<div role="cell" class="details"><rs-log-details .entry=${r}></rs-log-details></div>` : nothing}
    </div>`;
  }

  /** Whether the newest entries are in view (the reader is not reading further down). */
  atTop(): boolean {
    const scroller = this.renderRoot.querySelector("lit-virtualizer");
    return !scroller || scroller.scrollTop < 8;
  }

  /** Back to the newest entry, with focus on it (the button that asked for this goes away). */
  async scrollToTop(): Promise<void> {
    const scroller = this.renderRoot.querySelector("lit-virtualizer");
    if (!scroller) return;
    scroller.scrollTop = 0;
    await this.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    this.renderRoot.querySelector<HTMLButtonElement>("button.toggle")?.focus();
  }

  private toggle(seq: number): void {
    const next = new Set(this.expanded);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    this.expanded = next;
  }

  private explain(entry: LogRow): void {
    this.dispatchEvent(new CustomEvent("explain", { detail: entry, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-log-table": RsLogTable;
  }
}
