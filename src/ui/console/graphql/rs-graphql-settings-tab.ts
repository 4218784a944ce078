import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles, jsonFile, readJson } from "../../state/draft-files.ts";
import { controls } from "../../tokens.ts";
import { clearUnsaved, loadUnsaved, saveUnsaved } from "./unsaved.ts";
import { SchemaLoader } from "./schema-loader.ts";

const CONFIG = "graphql/config.json";
const FORM = "settings";

interface SettingsForm {
  use_natural_pluralization: boolean;
  disable_schema_introspection: boolean;
}

/** The limits the backend checks every request against, in words; App Services documented the first two. */
const LIMITS: { key: string; label: string; origin: string }[] = [
  { key: "maxResolvers", label: "Root fields (resolvers) in one operation", origin: 'App Services\' limit: "max number of queries reached"' },
  { key: "maxRelationshipDepth", label: "Relationships followed one inside another", origin: 'App Services\' limit: "max relationship depth exceeded"' },
  { key: "maxDepth", label: "Nested selections along one path", origin: "the sandbox's guard" },
  { key: "maxSelections", label: "Fields in a document, fragments expanded", origin: "the sandbox's guard" },
  { key: "maxInputDepth", label: "Nesting of argument and variable values", origin: "the sandbox's guard" },
  { key: "maxTokens", label: "Tokens in a document", origin: "the sandbox's guard" },
  { key: "maxQueryLength", label: "Characters in a document", origin: "the sandbox's guard" },
];

/**
 * The Settings tab: graphql/config.json's two switches, saved to the draft, and the
 * request limits the backend enforces, read-only.
 */
@customElement("rs-graphql-settings-tab")
export class RsGraphqlSettingsTab extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly draft = new DraftFiles(this, () => this.store);
  private readonly loader = new SchemaLoader(this, () => this.store, () => "draft");
  @state() private form: SettingsForm | undefined;
  @state() private notice: { kind: "ok" | "error" | "warning"; text: string } | undefined;
  @state() private busy = false;
  private loadedFrom: unknown;

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 52rem; }
      section { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3) var(--rs-space-4); margin-bottom: var(--rs-space-4); }
      h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-2); }
      .switch { display: flex; gap: var(--rs-space-2); align-items: center; font-weight: 600; margin-top: var(--rs-space-3); }
      .help { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0 1.6rem; }
      .buttons { display: flex; gap: var(--rs-space-2); margin-top: var(--rs-space-4); flex-wrap: wrap; align-items: center; }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
      td.num { font-family: var(--rs-font-mono); text-align: right; white-space: nowrap; }
      .muted { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
    `,
  ];

  private get saved(): SettingsForm {
    const config = readJson(this.draft.files, CONFIG) ?? {};
    return { use_natural_pluralization: config.use_natural_pluralization !== false, disable_schema_introspection: config.disable_schema_introspection === true };
  }

  private get dirty(): boolean {
    return !!this.form && JSON.stringify(this.form) !== JSON.stringify(this.saved);
  }

  override willUpdate(): void {
    const files = this.draft.files;
    if (!files || files === this.loadedFrom) return;
    const first = this.loadedFrom === undefined;
    this.loadedFrom = files;
    if (!first && this.dirty) return;
    const kept = first ? loadUnsaved<SettingsForm>(this.store.state.appId, FORM) : undefined;
    this.form = kept ?? this.saved;
    if (kept && this.dirty) this.notice = { kind: "warning", text: "Changes you had not saved were restored. Save them, or discard them." };
  }

  override render() {
    const f = this.form;
    return html`
      <section aria-labelledby="config-title">
        <h2 id="config-title">API settings</h2>
        <p class="muted">Kept in <code>${CONFIG}</code>. Saved to the draft; clients see a change once you <a href="#/deploy">deploy</a>.</p>
        ${this.draft.error ? html`<p class="notice error" role="alert">${this.draft.error}</p>` : nothing}
        ${!f
          ? html`<p class="muted">Loading the draft…</p>`
          : html`
              <label class="switch"
                ><input type="checkbox" .checked=${f.use_natural_pluralization} @change=${(e: Event) => this.set({ use_natural_pluralization: (e.target as HTMLInputElement).checked })} />Natural
                pluralization</label
              >
              <p class="help">Name list queries with English plurals (a Person collection gives <code>people</code>); off, an "s" is added (<code>persons</code>).</p>
              <label class="switch"
                ><input type="checkbox" .checked=${f.disable_schema_introspection} @change=${(e: Event) => this.set({ disable_schema_introspection: (e.target as HTMLInputElement).checked })} />Turn off
                schema introspection</label
              >
              <p class="help">Clients can no longer ask the API for its schema (tools such as GraphiQL then cannot autocomplete); queries still run. The console keeps its own view.</p>
              ${this.notice
                ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === "error" ? "alert" : "status"}>
                    ${this.notice.text} ${this.notice.kind === "ok" ? html`<a href="#/deploy">Go to Deployment</a>` : nothing}
                  </p>`
                : nothing}
              <div class="buttons">
                <button class="primary" ?disabled=${this.busy || !this.dirty} @click=${this.save}>Save settings</button>
                <button ?disabled=${this.busy || !this.dirty} @click=${this.discard}>Discard changes</button>
                <span class="muted">${this.dirty ? "Unsaved changes, kept in this browser" : "Saved in the draft"}</span>
              </div>
            `}
      </section>
      <section aria-labelledby="limits-title">
        <h2 id="limits-title">Request limits</h2>
        <p class="muted">Every GraphQL request is checked against these before it runs; one over a limit is refused with an error naming it. They cannot be changed.</p>
        ${this.renderLimits()}
      </section>
    `;
  }

  private renderLimits() {
    const limits = this.loader.loaded?.info.limits as Record<string, number> | undefined;
    if (this.loader.error) return html`<p class="notice error" role="alert">The limits could not be read: ${this.loader.error}. Reload the page to try again.</p>`;
    if (!limits) return html`<p class="muted">Loading…</p>`;
    const known = new Set(LIMITS.map((l) => l.key));
    const rows = [...LIMITS.filter((l) => l.key in limits), ...Object.keys(limits).filter((k) => !known.has(k)).map((key) => ({ key, label: key, origin: "" }))];
    return html`<table>
      <thead>
        <tr><th scope="col">Limit</th><th scope="col">Value</th><th scope="col">Where it comes from</th></tr>
      </thead>
      <tbody>
        ${rows.map((r) => html`<tr><td>${r.label}</td><td class="num">${limits[r.key].toLocaleString("en")}</td><td>${r.origin}</td></tr>`)}
      </tbody>
    </table>`;
  }

  private set(change: Partial<SettingsForm>): void {
    if (!this.form) return;
    this.form = { ...this.form, ...change };
    this.notice = undefined;
    const appId = this.store.state.appId;
    if (!this.dirty) clearUnsaved(appId, FORM);
    else if (!saveUnsaved(appId, FORM, this.form)) this.notice = { kind: "warning", text: "This browser would not keep your unsaved changes; save them before you leave." };
  }

  private async save(): Promise<void> {
    if (!this.form) return;
    this.busy = true;
    const config = { ...(readJson(this.draft.files, CONFIG) ?? {}), ...this.form };
    // App Services wrote the switch only when it was on.
    if (!this.form.disable_schema_introspection) delete (config as Partial<SettingsForm>).disable_schema_introspection;
    const { problems, error } = await this.draft.save({ [CONFIG]: jsonFile(config) });
    this.busy = false;
    if (error || problems.length) {
      this.notice = { kind: "error", text: `Not saved: ${problems.map((p) => p.message).join("; ") || error}` };
      return;
    }
    clearUnsaved(this.store.state.appId, FORM);
    this.form = this.saved;
    this.notice = { kind: "ok", text: "Saved to the draft. Deploy it for clients to see the change." };
  }

  private discard(): void {
    clearUnsaved(this.store.state.appId, FORM);
    this.form = this.saved;
    this.notice = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-settings-tab": RsGraphqlSettingsTab;
  }
}
