import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";

interface Tab {
  id: string;
  label: string;
  /** Loads the tab's element the first time it opens. */
  load: () => Promise<unknown>;
  render: (params: Record<string, string>) => unknown;
}

const TABS: Tab[] = [
  { id: "explore", label: "Explore", load: () => import("../../playground/rs-playground.ts"), render: () => html`<rs-playground embedded></rs-playground>` },
  { id: "schema", label: "Schema", load: () => import("./rs-graphql-schema-tab.ts"), render: () => html`<rs-graphql-schema-tab></rs-graphql-schema-tab>` },
  { id: "resolvers", label: "Custom Resolvers", load: () => import("./rs-custom-resolvers-tab.ts"), render: (params) => html`<rs-custom-resolvers-tab .item=${params.item}></rs-custom-resolvers-tab>` },
  { id: "settings", label: "Settings", load: () => import("./rs-graphql-settings-tab.ts"), render: () => html`<rs-graphql-settings-tab></rs-graphql-settings-tab>` },
];

/**
 * The GraphQL screen (`#/graphql/<tab>`, a custom resolver at `#/graphql/resolvers/Query.taskCount`): the API App Services generates from the app's
 * schemas. Each tab is a link, so each has its own address; a tab's code loads when it
 * first opens.
 */
@customElement("rs-graphql-screen")
export class RsGraphqlScreen extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  private loadError: string | undefined;
  private loaded = new Set<string>();

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-3); max-width: 52rem; }
      [role="tablist"] { display: flex; gap: var(--rs-space-1); border-bottom: 1px solid var(--rs-border); margin-bottom: var(--rs-space-4); }
      [role="tab"] { padding: var(--rs-space-2) var(--rs-space-3); color: var(--rs-fg); text-decoration: none; font-weight: 600; font-size: var(--rs-text-sm); border-bottom: 3px solid transparent; margin-bottom: -1px; }
      [role="tab"]:hover { background: var(--rs-bg-subtle); }
      [role="tab"][aria-selected="true"] { border-bottom-color: var(--rs-accent); color: var(--rs-fg); }
      [role="tab"][aria-selected="false"] { color: var(--rs-fg-muted); }
    `,
  ];

  private get tab(): Tab {
    return TABS.find((t) => t.id === this.params.tab) ?? TABS[0];
  }

  override willUpdate(): void {
    const tab = this.tab;
    if (this.loaded.has(tab.id)) return;
    this.loaded.add(tab.id);
    tab.load().then(
      () => this.requestUpdate(),
      (error: Error) => {
        this.loaded.delete(tab.id);
        this.loadError = `The ${tab.label} tab could not be loaded (${error.message}). Check the connection, then reload the page.`;
        this.requestUpdate();
      },
    );
  }

  override render() {
    const current = this.tab;
    const unknown = this.params.tab !== undefined && !TABS.some((t) => t.id === this.params.tab);
    return html`
      <h1>GraphQL</h1>
      <p class="lead">
        App Services builds a GraphQL API from the schemas of your collections: a type per collection, queries to read and mutations to write, with your rules
        applied to every document. Try queries in Explore, read the schema, add fields of your own and change how the API behaves.
      </p>
      <div role="tablist" aria-label="GraphQL sections" @keydown=${this.keys}>
        ${TABS.map(
          (t) => html`<a
            role="tab"
            id=${`tab-${t.id}`}
            href=${`#/graphql/${t.id}`}
            aria-selected=${t === current ? "true" : "false"}
            aria-controls="panel"
            tabindex=${t === current ? "0" : "-1"}
            >${t.label}</a
          >`,
        )}
      </div>
      ${unknown ? html`<p class="notice warning" role="status">There is no GraphQL tab named "${this.params.tab}"; showing ${current.label}.</p>` : nothing}
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      <div role="tabpanel" id="panel" aria-labelledby=${`tab-${current.id}`}>${current.render(this.params)}</div>
    `;
  }

  /** Arrow keys, Home and End move between tabs, as in any tab list; each tab is a link, so moving opens it. */
  private keys(e: KeyboardEvent): void {
    const at = TABS.indexOf(this.tab);
    const next = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    location.hash = `#/graphql/${tab.id}`;
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${tab.id}`) as HTMLElement | null)?.focus());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-screen": RsGraphqlScreen;
  }
}
