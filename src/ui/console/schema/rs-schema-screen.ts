import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { draftNotice } from "../../components/draft-notice.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { defaultService, listCollections, namespace, type CollectionEntry } from "./collections.ts";
import "./rs-collection-list.ts";
import "./rs-schema-editor.ts";
import "./rs-relationships.ts";

/**
 * The Schema screen: the app's collections (from the draft), and for the one in the URL
 * (`#/schema/<db>/<coll>`) its schema.json in an editor and its relationships. Everything
 * is saved to the draft; the top bar deploys it.
 */
@customElement("rs-schema-screen")
export class RsSchemaScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);
  /** Whether the schema editor holds unsaved text, so relationships can say what they are checked against. */
  @state() private schemaDirty = false;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
      .layout { display: grid; grid-template-columns: 13rem minmax(0, 1fr); gap: var(--rs-space-6); align-items: start; }
      .detail { display: flex; flex-direction: column; gap: var(--rs-space-6); min-width: 0; }
      h2.ns { font-size: var(--rs-text-lg); margin: 0; font-family: var(--rs-font-mono); }
      .empty { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-4); color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const collections = this.draft.files ? listCollections(this.draft.files) : [];
    const current = this.current(collections);
    return html`
      <h1>Schema</h1>
      <p class="lead">
        A schema describes the documents of a collection: App Services checks every write from a client against it, and the GraphQL API
        gets a type for each collection that has one. Relationships let GraphQL follow a field to documents of another collection.
        What you save goes to the draft; deploy it from the top bar.
      </p>
      ${draftNotice(this.draft)}
      ${this.draft.files
        ? html`<div class="layout">
            <rs-collection-list .collections=${collections} .current=${current} .service=${defaultService(this.draft.files)} @collection-added=${this.changed}></rs-collection-list>
            <div class="detail">${this.renderDetail(collections, current)}</div>
          </div>`
        : nothing}
    `;
  }

  private renderDetail(collections: CollectionEntry[], current: CollectionEntry | undefined) {
    const { database, collection } = this.params;
    if (!current) {
      if (database !== undefined) {
        return html`<p class="notice warning" role="status">This app has no collection ${database}.${collection}. Pick one from the list, or add it.</p>`;
      }
      return html`<p class="empty">
        ${collections.length === 0
          ? "This app has no collections yet. Add one (a database and a collection name) to give it a schema."
          : "Choose a collection on the left to see and edit its schema and relationships."}
      </p>`;
    }
    return html`
      <h2 class="ns">${namespace(current)}</h2>
      <rs-schema-editor
        .target=${current}
        .files=${this.draft.files}
        @draft-changed=${this.changed}
        @schema-dirty=${(e: CustomEvent<boolean>) => (this.schemaDirty = e.detail)}
      ></rs-schema-editor>
      <rs-relationships .target=${current} .files=${this.draft.files} .collections=${collections} ?schema-unsaved=${this.schemaDirty} @draft-changed=${this.changed}></rs-relationships>
    `;
  }

  /** The collection in the URL; the default data source wins when several hold that name. */
  private current(collections: CollectionEntry[]): CollectionEntry | undefined {
    const { database, collection } = this.params;
    const matches = collections.filter((c) => c.database === database && c.collection === collection);
    return matches.find((c) => c.service === "mongodb-atlas") ?? matches[0];
  }

  /** A child saved to the draft. */
  private changed(): Promise<void> {
    return this.draft.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-schema-screen": RsSchemaScreen;
  }
}
