import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { SchemaIssue } from "../../state/data-api.ts";
import { idText, toRelaxed } from "../../components/ejson-values.ts";
import "../../components/rs-ejson-tree.ts";

export type DocumentView = "tree" | "relaxed" | "canonical";

/**
 * One document as the Run-as identity got it: a tree or raw Extended JSON, its schema
 * problems inline, and the fields the rules hide from the user, with a way to ask why.
 * Fires `edit-document`, `delete-document` and `explain-hidden` (detail: the `_id`).
 */
@customElement("rs-document-card")
export class RsDocumentCard extends LitElement {
  /** Canonical Extended JSON. */
  @property({ attribute: false }) document: Record<string, unknown> = {};
  @property() view: DocumentView = "tree";
  @property({ attribute: false }) issues: SchemaIssue[] = [];
  /** Paths the system sees in this document and the user does not. */
  @property({ attribute: false }) hiddenPaths: string[] = [];
  /** Who reads it, for the hidden-fields line: an email, or undefined for the system. */
  @property() reader: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      article { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); padding: var(--rs-space-2) var(--rs-space-3); }
      article.invalid { border-left: 4px solid var(--rs-warning); }
      header { display: flex; align-items: center; gap: var(--rs-space-2); flex-wrap: wrap; margin-bottom: var(--rs-space-1); }
      h3 { font-size: var(--rs-text-sm); font-weight: 600; margin: 0; flex: 1; min-width: 12rem; font-family: var(--rs-font-mono); color: var(--rs-fg-muted); }
      h3 strong { color: var(--rs-fg); font-family: var(--rs-font); }
      .actions { display: flex; gap: var(--rs-space-1); }
      pre { margin: 0; white-space: pre-wrap; word-break: break-word; max-height: 24rem; overflow: auto; }
      .problems { margin: var(--rs-space-1) 0 var(--rs-space-2); font-size: var(--rs-text-sm); }
      .problems ul { margin: var(--rs-space-1) 0 0; padding-left: var(--rs-space-4); }
      .hidden { display: flex; align-items: center; gap: var(--rs-space-2); flex-wrap: wrap; font-size: var(--rs-text-sm); margin-top: var(--rs-space-2); color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const id = this.document._id;
    const idLabel = id === undefined ? "(no _id visible)" : idText(id);
    const title = typeof this.document.name === "string" ? this.document.name : typeof this.document.title === "string" ? this.document.title : undefined;
    const name = `Document ${title ? `${title} (${idLabel})` : idLabel}`;
    return html`<article aria-label=${name} class=${this.issues.length ? "invalid" : ""}>
      <header>
        <h3>${title ? html`<strong>${title}</strong> · ` : nothing}_id ${idLabel}</h3>
        ${id === undefined
          ? nothing
          : html`<div class="actions">
              <button @click=${() => this.fire("edit-document")} aria-label="Edit ${name}">Edit</button>
              <button class="danger" @click=${() => this.fire("delete-document")} aria-label="Delete ${name}">Delete</button>
            </div>`}
      </header>
      ${this.issues.length
        ? html`<div class="problems notice warning" role="note">
            Does not match the collection's schema (a user's write of it would be refused):
            <ul>${this.issues.map((i) => html`<li><code>${i.path || "(document)"}</code>: ${i.message}</li>`)}</ul>
          </div>`
        : nothing}
      ${this.body(name)}
      ${this.hiddenPaths.length && this.reader
        ? html`<div class="hidden">
            <span>${this.hiddenPaths.length} ${this.hiddenPaths.length === 1 ? "field" : "fields"} hidden from ${this.reader}: <code>${this.hiddenPaths.join(", ")}</code></span>
            <button @click=${() => this.fire("explain-hidden")} aria-label="Why are fields of ${name} hidden?">Why?</button>
          </div>`
        : nothing}
    </article>`;
  }

  private body(name: string) {
    if (this.view === "tree") {
      const marks = this.issues.map((i) => ({ path: i.path, message: i.message }));
      return html`<rs-ejson-tree .value=${this.document} .marks=${marks} .hiddenPaths=${this.hiddenPaths} label="Fields of ${name}"></rs-ejson-tree>`;
    }
    const value = this.view === "relaxed" ? toRelaxed(this.document) : this.document;
    return html`<pre tabindex="0" role="group" aria-label="${this.view === "relaxed" ? "Relaxed" : "Canonical"} Extended JSON of ${name}"><code>${JSON.stringify(value, null, 2)}</code></pre>`;
  }

  private fire(type: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail: this.document._id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-document-card": RsDocumentCard;
  }
}
