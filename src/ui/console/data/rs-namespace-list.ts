import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { NamespaceSummary } from "../../state/data-api.ts";
import { href } from "../../shell/links.ts";

/**
 * The databases and their collections with document counts (as the system counts
 * them): every collection the app configures, and any namespace that holds documents.
 */
@customElement("rs-namespace-list")
export class RsNamespaceList extends LitElement {
  @property({ attribute: false }) namespaces: NamespaceSummary[] = [];
  /** `db.coll` of the open collection. */
  @property() current = "";

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); color: var(--rs-fg-muted); font-weight: 600; }
      h2:first-child { margin-top: 0; }
      ul { list-style: none; margin: 0; padding: 0; }
      a { display: flex; justify-content: space-between; gap: var(--rs-space-2); padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); color: var(--rs-fg); text-decoration: none; }
      a:hover { background: var(--rs-accent-subtle); }
      a[aria-current="page"] { background: var(--rs-accent-subtle); font-weight: 700; box-shadow: inset 3px 0 0 var(--rs-accent); }
      .count { color: var(--rs-fg-muted); font-variant-numeric: tabular-nums; }
      .extra { font-style: italic; }
    `,
  ];

  override render() {
    if (this.namespaces.length === 0) return html`<p class="muted">No collections yet.</p>`;
    const databases = [...new Set(this.namespaces.map((n) => n.database))];
    return html`<nav aria-label="Collections">
      ${databases.map(
        (db) => html`<h2>${db}</h2>
          <ul>
            ${this.namespaces
              .filter((n) => n.database === db)
              .map((n) => {
                const ns = `${n.database}.${n.collection}`;
                const what = `${n.count} ${n.count === 1 ? "document" : "documents"}${n.configured ? "" : ", not configured in the app"}`;
                return html`<li>
                  <a href=${href("data", n.database, n.collection)} aria-current=${ns === this.current ? "page" : nothing} aria-label="${n.collection}, ${what}">
                    <span class=${n.configured ? "" : "extra"}>${n.collection}</span><span class="count">${n.count}</span>
                  </a>
                </li>`;
              })}
          </ul>`,
      )}
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-namespace-list": RsNamespaceList;
  }
}
