import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { DataApi, type NamespaceSummary } from "../../state/data-api.ts";
import { href } from "../../shell/links.ts";
import type { RsCollectionView } from "./rs-collection-view.ts";
import "./rs-collection-view.ts";
import "./rs-namespace-list.ts";

/**
 * The Data screen (`#/data`, `#/data/:database/:collection`): the databases and
 * collections with their counts beside the open collection's documents. Counts and
 * documents follow changes made anywhere (other tabs, clients, triggers).
 */
@customElement("rs-data-screen")
export class RsDataScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private namespaces: NamespaceSummary[] | undefined;
  @state() private error: string | undefined;
  @query("rs-collection-view") private view: RsCollectionView | null | undefined;
  private data: DataApi | undefined;
  private seenBackend: unknown;
  private seenApp = "";
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-3); }
      .layout { display: grid; grid-template-columns: 12rem minmax(0, 1fr); gap: var(--rs-space-6); align-items: start; }
      aside { position: sticky; top: var(--rs-space-4); max-height: calc(100vh - 6rem); overflow: auto; }
      .empty { max-width: 40rem; }
    `,
  ];

  override willUpdate(): void {
    const s = this.state.state;
    if (!s) return;
    if (s.appId !== this.seenApp) {
      this.seenApp = s.appId;
      this.namespaces = undefined;
      void this.loadNamespaces();
    } else if (s.backend !== this.seenBackend && this.seenBackend !== undefined) {
      // Something changed in the backend: refresh soon, once for a burst of changes.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        void this.loadNamespaces();
        void this.view?.load();
      }, 300);
    }
    this.seenBackend = s.backend;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const { database, collection } = this.params;
    const current = database && collection ? `${database}.${collection}` : "";
    const known = this.namespaces?.find((n) => n.database === database && n.collection === collection);
    return html`
      <h1>Data</h1>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      <div class="layout">
        <aside>
          ${this.namespaces ? html`<rs-namespace-list .namespaces=${this.namespaces} .current=${current}></rs-namespace-list>` : html`<p class="muted" role="status">Loading collections…</p>`}
        </aside>
        <div>
          ${current
            ? html`${this.namespaces && !known
                  ? html`<p class="notice" role="status">
                      ${current} is not a collection of this app yet: no configuration names it and it holds no documents. Inserting a document
                      creates it, as in MongoDB; to configure it, add it in the Schema or Rules screen.
                    </p>`
                  : nothing}<rs-collection-view .database=${database} .collection=${collection} ?hasSchema=${known?.hasSchema ?? false} .schema=${known?.schema} @data-changed=${() => this.loadNamespaces()}></rs-collection-view>`
            : this.renderPick()}
        </div>
      </div>
    `;
  }

  private renderPick() {
    const first = this.namespaces?.find((n) => n.count > 0) ?? this.namespaces?.[0];
    return html`<div class="empty">
      <p>Pick a collection to see its documents as the identity chosen in <em>Run as</em> (top bar): the system sees everything; a user sees what the rules give that user's client.</p>
      ${first ? html`<p><a href=${href("data", first.database, first.collection)}>Open ${first.database}.${first.collection}</a></p>` : nothing}
      ${this.namespaces?.length === 0 ? html`<p class="muted">This app has no collections yet. Add one with a schema or rules, or insert documents from a client.</p>` : nothing}
    </div>`;
  }

  private async loadNamespaces(): Promise<void> {
    this.data ??= new DataApi(this.store);
    const appId = this.store.state.appId;
    try {
      const list = await this.data.namespaces();
      if (appId !== this.store.state.appId) return;
      this.namespaces = list;
      this.error = undefined;
    } catch (error) {
      this.error = `The collections could not be listed: ${(error as Error).message}. Reload the page; if it persists, see Sandbox status.`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-data-screen": RsDataScreen;
  }
}
