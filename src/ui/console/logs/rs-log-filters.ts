import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { NO_FILTERS, type LogFilters } from "../../state/logs-api.ts";
import { TYPE_LABELS } from "./log-format.ts";

/**
 * The Logs screen's filters: type, status, user, a time range and free text. Every
 * change fires `filters-changed` with all of them; the screen decides when to ask.
 */
@customElement("rs-log-filters")
export class RsLogFilters extends LitElement {
  @property({ attribute: false }) filters: LogFilters = NO_FILTERS;
  @property({ attribute: false }) users: { id: string; email?: string }[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: grid; gap: var(--rs-space-2); }
      .line { display: flex; flex-wrap: wrap; gap: var(--rs-space-2) var(--rs-space-3); align-items: end; }
      label { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); font-weight: 600; }
      .search { flex: 1 1 14rem; }
      .search input { width: 100%; box-sizing: border-box; }
    `,
  ];

  override render() {
    const f = this.filters;
    const knownUser = !f.user || this.users.some((u) => u.id === f.user);
    return html`<form role="search" aria-label="Filter the log" @submit=${(e: Event) => e.preventDefault()}>
      <div class="line">
      <label class="search">Search
        <input type="search" name="q" .value=${f.q} placeholder="Words in the summary or the details" @input=${this.changed} />
      </label>
      <button type="button" ?disabled=${Object.values(f).every((v) => v === "")} @click=${this.clear}>Clear filters</button>
      </div>
      <div class="line">
      <label>Type
        <select name="type" .value=${f.type} @change=${this.changed}>
          <option value="">All types</option>
          ${Object.entries(TYPE_LABELS).map(([value, label]) => html`<option value=${value} ?selected=${f.type === value}>${label}</option>`)}
        </select>
      </label>
      <label>Status
        <select name="status" .value=${f.status} @change=${this.changed}>
          <option value="">Any status</option>
          <option value="ok" ?selected=${f.status === "ok"}>OK</option>
          <option value="error" ?selected=${f.status === "error"}>Error</option>
        </select>
      </label>
      <label>User
        <select name="user" .value=${f.user} @change=${this.changed}>
          <option value="">Any user</option>
          ${knownUser ? "" : html`<option value=${f.user} selected>${f.user}</option>`}
          ${this.users.map((u) => html`<option value=${u.id} ?selected=${f.user === u.id}>${u.email || u.id}</option>`)}
        </select>
      </label>
      <label>From
        <input type="datetime-local" name="from" .value=${f.from} @change=${this.changed} />
      </label>
      <label>To
        <input type="datetime-local" name="to" .value=${f.to} @change=${this.changed} />
      </label>
      </div>
    </form>`;
  }

  private changed(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    this.emit({ ...this.filters, [input.name]: input.value });
  }

  private clear(): void {
    this.emit({ ...NO_FILTERS });
  }

  private emit(filters: LogFilters): void {
    this.dispatchEvent(new CustomEvent<LogFilters>("filters-changed", { detail: filters, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-log-filters": RsLogFilters;
  }
}
