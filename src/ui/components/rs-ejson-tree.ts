import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { bsonScalar, isDocument } from "./ejson-values.ts";

/** A problem on one field, by dotted path (`memberOf.0.name`). */
export interface FieldMark {
  path: string;
  message: string;
}

/**
 * A document in canonical Extended JSON as an expandable tree: every value with its BSON
 * type (ObjectId, Date, Long, Decimal128…), embedded documents and arrays opened and
 * closed by a button. Fields with a schema problem carry it inline; fields the rules hide
 * from the current user appear as placeholders, so the shape of what is missing stays visible.
 */
@customElement("rs-ejson-tree")
export class RsEjsonTree extends LitElement {
  @property({ attribute: false }) value: unknown = {};
  /** Schema problems, shown beside their field. */
  @property({ attribute: false }) marks: FieldMark[] = [];
  /** Paths present in the stored document but not in this one (hidden by the rules). */
  @property({ attribute: false }) hiddenPaths: string[] = [];
  /** Accessible name of the tree. */
  @property() label = "Document";
  /** Levels opened at first. */
  @property({ type: Number }) depth = 1;
  /** Paths the user opened or closed, against the default of `depth`. */
  @state() private toggled = new Set<string>();

  static override styles = [
    controls,
    css`
      :host { display: block; font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); line-height: 1.6; }
      ul { list-style: none; margin: 0; padding: 0 0 0 var(--rs-space-4); }
      ul.root { padding-left: 0; }
      li { margin: 0; }
      .row { display: flex; align-items: baseline; gap: var(--rs-space-2); flex-wrap: wrap; min-height: 1.6em; }
      .key { color: var(--rs-fg); font-weight: 600; }
      .type { font-family: var(--rs-font); font-size: 0.75rem; color: var(--rs-fg-muted); border: 1px solid var(--rs-border); border-radius: 999px; padding: 0 var(--rs-space-2); white-space: nowrap; }
      .value { color: var(--rs-fg); word-break: break-all; }
      .value.string { color: var(--rs-accent); }
      .summary { color: var(--rs-fg-muted); }
      button.toggle { min-height: 1.5rem; padding: 0 var(--rs-space-1); font-family: var(--rs-font-mono); font-weight: 600; border-color: transparent; background: transparent; }
      button.toggle:hover { border-color: var(--rs-border); }
      .chevron { display: inline-block; width: 1ch; }
      .spacer { display: inline-block; width: calc(1ch + var(--rs-space-1) + 1px - var(--rs-space-2)); }
      .mark { font-family: var(--rs-font); color: var(--rs-warning); background: var(--rs-warning-subtle); border-radius: var(--rs-radius); padding: 0 var(--rs-space-2); }
      .hidden .key { color: var(--rs-fg-muted); font-weight: 400; font-style: italic; }
      .hidden-note { font-family: var(--rs-font); color: var(--rs-fg-muted); font-style: italic; }
    `,
  ];

  override render() {
    if (!isDocument(this.value)) return html`<div role="group" aria-label=${this.label}>${this.leaf(this.value)}</div>`;
    return html`<ul class="root" role="list" aria-label=${this.label}>${this.fields(this.value, "", 0)}</ul>`;
  }

  private fields(value: Record<string, unknown> | unknown[], prefix: string, level: number): TemplateResult[] {
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const rows = entries.map(([key, item]) => this.row(key, item, prefix ? `${prefix}.${key}` : key, level));
    for (const path of this.hiddenPaths) {
      const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
      if (parent !== prefix) continue;
      rows.push(html`<li class="hidden"><div class="row"><span class="spacer"></span><span class="key">${path.slice(parent ? parent.length + 1 : 0)}</span><span class="hidden-note">hidden from this user</span></div></li>`);
    }
    return rows;
  }

  private row(key: string, value: unknown, path: string, level: number): TemplateResult {
    const marks = this.marks.filter((m) => m.path === path);
    const markup = marks.map((m) => html`<span class="mark" role="note">⚠ ${m.message}</span>`);
    const container = isDocument(value) || Array.isArray(value);
    if (!container) {
      return html`<li><div class="row"><span class="spacer"></span><span class="key">${key}:</span>${this.leaf(value)}${markup}</div></li>`;
    }
    const size = Array.isArray(value) ? value.length : Object.keys(value as object).length;
    const summary = Array.isArray(value) ? `Array (${size} ${size === 1 ? "item" : "items"})` : `Object (${size} ${size === 1 ? "field" : "fields"})`;
    const open = (level < this.depth) !== this.toggled.has(path);
    const nestedHidden = this.hiddenPaths.some((h) => h.startsWith(`${path}.`));
    return html`<li>
      <div class="row">
        <button class="toggle" aria-expanded=${open ? "true" : "false"} @click=${() => this.toggle(path)}>
          <span class="chevron" aria-hidden="true">${open ? "▾" : "▸"}</span><span class="key">${key}</span>
        </button>
        <span class="summary">${summary}${nestedHidden && !open ? " · some fields hidden" : ""}</span>${markup}
      </div>
      ${open && size + (nestedHidden ? 1 : 0) > 0 ? html`<ul role="list">${this.fields(value as Record<string, unknown> | unknown[], path, level + 1)}</ul>` : nothing}
    </li>`;
  }

  private leaf(value: unknown): TemplateResult {
    const scalar = bsonScalar(value);
    if (!scalar) return html`<span class="value">${JSON.stringify(value)}</span>`;
    const plain = scalar.type === "String" || scalar.type === "Boolean" || scalar.type === "Null";
    return html`${plain ? nothing : html`<span class="type">${scalar.type}</span>`}<span class="value ${scalar.type === "String" ? "string" : ""}">${scalar.text}</span>`;
  }

  private toggle(path: string): void {
    const next = new Set(this.toggled);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    this.toggled = next;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-ejson-tree": RsEjsonTree;
  }
}
