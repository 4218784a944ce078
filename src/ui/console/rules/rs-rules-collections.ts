import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { listCollections, listServices } from "./rules-files.ts";

/**
 * The collections of the draft and each data source's default rule, as links to their
 * rules, and a small form that opens the rules of a collection not listed yet.
 */
@customElement("rs-rules-collections")
export class RsRulesCollections extends LitElement {
  @property({ attribute: false }) files: Record<string, string> = {};
  /** The hash path shown now, to mark its link. */
  @property() current = "";
  @state() private database = "";
  @state() private collection = "";

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text-sm); text-transform: uppercase; letter-spacing: 0.04em; color: var(--rs-fg-muted); margin: var(--rs-space-3) 0 var(--rs-space-1); }
      ul { list-style: none; margin: 0; padding: 0; }
      a { display: flex; justify-content: space-between; gap: var(--rs-space-2); padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); color: var(--rs-fg); text-decoration: none; }
      a:hover { background: var(--rs-accent-subtle); }
      a[aria-current="page"] { background: var(--rs-accent-subtle); font-weight: 700; box-shadow: inset 3px 0 0 var(--rs-accent); }
      .badge { color: var(--rs-fg-muted); font-weight: 400; }
      form { display: flex; flex-direction: column; gap: var(--rs-space-1); margin-top: var(--rs-space-2); }
      label { display: flex; flex-direction: column; gap: 2px; color: var(--rs-fg-muted); }
      input { width: 100%; }
    `,
  ];

  override render() {
    const collections = listCollections(this.files);
    const databases = [...new Set(collections.map((c) => c.database))];
    const services = listServices(this.files);
    return html`<nav aria-label="Collections">
      <a href="#/rules" aria-current=${this.current === "/rules" ? "page" : nothing}>All collections</a>
      ${databases.map(
        (db) => html`<h2>${db}</h2>
          <ul>
            ${collections
              .filter((c) => c.database === db)
              .map((c) => {
                const path = `/rules/${encodeURIComponent(c.database)}/${encodeURIComponent(c.collection)}`;
                return html`<li><a href="#${path}" aria-current=${this.current === path ? "page" : nothing}>
                  <span>${c.collection}</span>${c.hasRules ? nothing : html`<span class="badge">no rules</span>`}
                </a></li>`;
              })}
          </ul>`,
      )}
      <h2>Default rule</h2>
      <ul>
        ${services.map((s) => {
          const path = `/rules/${encodeURIComponent(s)}`;
          const has = `data_sources/${s}/default_rule.json` in this.files;
          return html`<li><a href="#${path}" aria-current=${this.current === path ? "page" : nothing}>
            <span>${s}</span>${has ? nothing : html`<span class="badge">none</span>`}
          </a></li>`;
        })}
      </ul>
      <h2>Another collection</h2>
      <form @submit=${this.openOther} aria-label="Rules for another collection">
        <label>Database <input required .value=${this.database} @input=${(e: Event) => (this.database = (e.target as HTMLInputElement).value)} /></label>
        <label>Collection <input required .value=${this.collection} @input=${(e: Event) => (this.collection = (e.target as HTMLInputElement).value)} /></label>
        <button type="submit" ?disabled=${!this.database.trim() || !this.collection.trim()}>Open its rules</button>
      </form>
    </nav>`;
  }

  private openOther(event: Event): void {
    event.preventDefault();
    const db = this.database.trim();
    const coll = this.collection.trim();
    if (!db || !coll) return;
    this.database = "";
    this.collection = "";
    location.hash = `#/rules/${encodeURIComponent(db)}/${encodeURIComponent(coll)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-collections": RsRulesCollections;
  }
}
