import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { href } from "../../shell/links.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { ConsoleApiError } from "../../state/console-api.ts";
import { namespaceProblem, newCollectionFiles, sameCollection, type CollectionEntry } from "./collections.ts";

/**
 * The collections of the app, grouped by database, each a link to its schema; and "Add a
 * collection", which adds its folder to the draft (as the rules editor's Add Collection
 * did) and opens it. Fires `collection-added` after the draft changed.
 */
@customElement("rs-collection-list")
export class RsCollectionList extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) collections: CollectionEntry[] = [];
  @property({ attribute: false }) current: CollectionEntry | undefined;
  /** The data source new collections go to; none means the app has no linked cluster. */
  @property() service: string | undefined;
  @state() private adding = false;
  @state() private problem: { field: "database" | "collection" | "form"; message: string } | undefined;
  @state() private busy = false;

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-2); }
      h3 { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: var(--rs-space-3) 0 var(--rs-space-1); font-weight: 600; }
      ul { list-style: none; margin: 0; padding: 0; }
      a { display: flex; justify-content: space-between; gap: var(--rs-space-2); padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); color: var(--rs-fg); text-decoration: none; }
      a:hover { background: var(--rs-accent-subtle); }
      a[aria-current="page"] { background: var(--rs-accent-subtle); font-weight: 700; box-shadow: inset 3px 0 0 var(--rs-accent); }
      .tag { color: var(--rs-fg-muted); font-weight: 400; }
      form { display: flex; flex-direction: column; gap: var(--rs-space-2); margin-top: var(--rs-space-3); padding: var(--rs-space-3); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-subtle); }
      label { display: flex; flex-direction: column; gap: 2px; font-weight: 600; }
      .error { color: var(--rs-danger); font-weight: 400; }
      .row { display: flex; gap: var(--rs-space-2); }
      .add { margin-top: var(--rs-space-3); }
    `,
  ];

  override render() {
    const databases = [...new Set(this.collections.map((c) => c.database))];
    return html`
      <nav aria-label="Collections">
        <h2>Collections</h2>
        ${this.collections.length === 0 ? html`<p class="muted">None yet.</p>` : nothing}
        ${databases.map(
          (db) => html`<h3>${db}</h3>
            <ul>
              ${this.collections
                .filter((c) => c.database === db)
                .map(
                  (c) => html`<li>
                    <a href=${href("schema", c.database, c.collection)} aria-current=${sameCollection(c, this.current) ? "page" : nothing}>
                      <span>${c.collection}</span>
                      ${c.hasSchema ? nothing : html`<span class="tag">no schema</span>`}
                    </a>
                  </li>`,
                )}
            </ul>`,
        )}
      </nav>
      ${this.adding ? this.renderForm() : html`<button class="add" @click=${this.open}>Add a collection</button>`}
    `;
  }

  private renderForm() {
    const p = this.problem;
    return html`<form aria-label="Add a collection" @submit=${this.add} novalidate>
      <label>Database
        <input name="database" autocomplete="off" placeholder="tracker" aria-invalid=${p?.field === "database" ? "true" : "false"} aria-describedby="database-error" />
        <span id="database-error" class="error">${p?.field === "database" ? p.message : ""}</span>
      </label>
      <label>Collection
        <input name="collection" autocomplete="off" placeholder="tasks" aria-invalid=${p?.field === "collection" ? "true" : "false"} aria-describedby="collection-error" />
        <span id="collection-error" class="error">${p?.field === "collection" ? p.message : ""}</span>
      </label>
      ${p?.field === "form" ? html`<p class="notice error" role="alert">${p.message}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>Add collection</button>
        <button type="button" @click=${() => ((this.adding = false), (this.problem = undefined))}>Cancel</button>
      </div>
    </form>`;
  }

  private async open(): Promise<void> {
    this.adding = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("input[name=database]")?.focus();
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const database = (form.elements.namedItem("database") as HTMLInputElement).value.trim();
    const collection = (form.elements.namedItem("collection") as HTMLInputElement).value.trim();
    this.problem = namespaceProblem(database, collection);
    if (!this.problem && this.collections.some((c) => c.database === database && c.collection === collection)) {
      this.problem = { field: "collection", message: `${database}.${collection} is already in the list.` };
    }
    if (this.problem) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`input[name=${this.problem.field}]`)?.focus();
      return;
    }
    if (!this.service) {
      this.problem = { field: "form", message: "This app has no linked data source (data_sources/<name>/config.json), so it cannot hold collections." };
      return;
    }
    this.busy = true;
    try {
      const ref = { service: this.service, database, collection };
      await this.store.api.patchDraft(this.store.state.appId, newCollectionFiles(ref));
      this.adding = false;
      this.dispatchEvent(new CustomEvent("collection-added", { detail: ref, bubbles: true, composed: true }));
      location.hash = href("schema", database, collection);
    } catch (error) {
      const problems = error instanceof ConsoleApiError ? error.problems.map((p) => `${p.path}: ${p.message}`) : [];
      this.problem = { field: "form", message: `The collection was not added: ${[(error as Error).message, ...problems].join("; ")}` };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-collection-list": RsCollectionList;
  }
}
