import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { controls } from "../../tokens.ts";
import { SchemaLoader, type SchemaSource } from "./schema-loader.ts";
import { filterSdl } from "./sdl-filter.ts";
import "../../editors/rs-code-editor.ts";
import "../../playground/rs-docs-explorer.ts";

const SOURCE_KEY = "realm-sandbox:console:graphql-schema-source";

/**
 * The Schema tab: the SDL App Services would generate from the app's schemas and
 * relationships (deployed, or the draft's), narrowed by a search, downloadable, with
 * what generation left out and why; the docs explorer beside it.
 */
@customElement("rs-graphql-schema-tab")
export class RsGraphqlSchemaTab extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @state() private source: SchemaSource = readSource();
  @state() private term = "";
  private readonly loader = new SchemaLoader(this, () => this.store, () => this.source);

  static override styles = [
    controls,
    css`
      /* The column beside it may be narrow (the tutorial panel open): lay out by this element's width. */
      :host { display: block; container-type: inline-size; }
      .bar { display: flex; flex-wrap: wrap; gap: var(--rs-space-3); align-items: end; margin-bottom: var(--rs-space-3); }
      fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: var(--rs-space-3); align-items: center; }
      legend { font-weight: 600; font-size: var(--rs-text-sm); float: left; margin-right: var(--rs-space-2); }
      .radio { display: inline-flex; gap: var(--rs-space-1); align-items: center; font-size: var(--rs-text-sm); }
      .find { display: flex; flex-direction: column; gap: 2px; font-weight: 600; font-size: var(--rs-text-sm); }
      .find input { width: 18rem; }
      .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(16rem, 22rem); gap: var(--rs-space-4); align-items: start; }
      @container (max-width: 52rem) { .columns { grid-template-columns: minmax(0, 1fr); } }
      rs-code-editor { --rs-editor-max-height: 34rem; }
      .docs { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); background: var(--rs-bg-subtle); max-height: 36rem; overflow: auto; }
      .docs h2 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-2); }
      details { margin-bottom: var(--rs-space-3); }
      summary { cursor: pointer; font-weight: 600; }
      details ul { margin: var(--rs-space-2) 0 0; padding-left: var(--rs-space-6); font-size: var(--rs-text-sm); }
      .muted { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0 0 var(--rs-space-2); }
      .count { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
    `,
  ];

  override render() {
    const { loaded, error, loading } = this.loader;
    const sdl = loaded?.info.sdl ?? "";
    const filtered = filterSdl(sdl, this.term);
    return html`
      <div class="bar">
        <fieldset>
          <legend>Schema of</legend>
          ${this.radio("deployed", "the deployed app")} ${this.radio("draft", this.store.state.overview?.draft.changes === 0 ? "the draft (no changes)" : "the draft (not deployed yet)")}
        </fieldset>
        <label class="find"
          >Find a type or field
          <input type="search" placeholder="e.g. Task" .value=${this.term} @input=${(e: Event) => (this.term = (e.target as HTMLInputElement).value)} />
        </label>
        <button ?disabled=${!sdl} @click=${this.download}>Download schema.graphql</button>
        ${this.term.trim() && sdl
          ? html`<span class="count" role="status">${filtered.types === 0 ? `Nothing matches "${this.term.trim()}".` : `${filtered.types} ${filtered.types === 1 ? "definition matches" : "definitions match"}.`}</span>`
          : nothing}
      </div>
      ${error ? html`<p class="notice error" role="alert">${this.explainError(error)}</p>` : nothing}
      ${loading && !loaded ? html`<p class="muted" role="status">Generating the schema…</p>` : nothing}
      ${loaded ? this.renderProblems(loaded.info.errors, loaded.info.warnings) : nothing}
      ${loaded?.info.sdl
        ? html`<div class="columns">
            <div>
              <p class="muted">
                ${this.source === "deployed" ? "What clients can query now." : "What clients will be able to query once you deploy the draft."} Generated from each
                collection's schema and relationships; read-only here — change it on the <a href="#/schema">Schema</a> screen or with custom resolvers.
              </p>
              <rs-code-editor language="graphql" label="Generated schema (SDL)" readonly .value=${filtered.text}></rs-code-editor>
            </div>
            <aside class="docs" aria-labelledby="docs-title">
              <h2 id="docs-title">Browse the schema</h2>
              <rs-docs-explorer .schema=${loaded.schema}></rs-docs-explorer>
            </aside>
          </div>`
        : nothing}
    `;
  }

  private radio(source: SchemaSource, label: string) {
    return html`<label class="radio"><input type="radio" name="source" .checked=${this.source === source} @change=${() => this.pick(source)} />${label}</label>`;
  }

  private renderProblems(errors: string[], warnings: string[]) {
    return html`${errors.length
      ? html`<div class="notice error" role="alert">
          <strong>The schema could not be generated${this.source === "deployed" ? " for the deployed app" : " from the draft"}.</strong>
          <ul>
            ${errors.map((e) => html`<li>${e}</li>`)}
          </ul>
          On the <a href="#/schema">Schema</a> screen, give a collection a schema or fix the ones named above${this.source === "draft" ? "; this view follows the draft as you save" : ", then deploy"}.
        </div>`
      : nothing}
    ${warnings.length
      ? html`<details>
          <summary>${warnings.length} ${warnings.length === 1 ? "part of the app was" : "parts of the app were"} left out of the API</summary>
          <p class="muted">GraphQL cannot represent everything a JSON schema can; these fields, types or resolvers are not in the API, the rest is.</p>
          <ul>
            ${warnings.map((w) => html`<li>${w}</li>`)}
          </ul>
        </details>`
      : nothing}`;
  }

  private explainError(error: string): string {
    if (this.source === "deployed" && /deploy/i.test(error)) return `${error} Pick "the draft" above to see the schema it would generate.`;
    return `The schema could not be read: ${error}. Reload the page to try again.`;
  }

  private pick(source: SchemaSource): void {
    this.source = source;
    try {
      localStorage.setItem(SOURCE_KEY, source);
    } catch {
      // Only a preference: the choice still holds for this visit.
    }
  }

  private download(): void {
    const sdl = this.loader.loaded?.info.sdl;
    if (!sdl) return;
    const url = URL.createObjectURL(new Blob([sdl], { type: "application/graphql" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "schema.graphql";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

function readSource(): SchemaSource {
  try {
    return localStorage.getItem(SOURCE_KEY) === "draft" ? "draft" : "deployed";
  } catch {
    return "deployed";
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-schema-tab": RsGraphqlSchemaTab;
  }
}
