import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { isObjectType } from "graphql";

import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { href } from "../../shell/links.ts";
import { controls } from "../../tokens.ts";
import { listResolvers, signature, type ResolverItem } from "./resolver-files.ts";
import { shareLink } from "../../state/share-link.ts";
import { SchemaLoader } from "./schema-loader.ts";
import { tryQuery } from "./try-query.ts";
import { loadUnsaved } from "./unsaved.ts";
import "./rs-resolver-form.ts";

const NEW = "\u0000new";
/** The address segment of a resolver being created: "+" never starts a type name. */
const NEW_SEGMENT = "+new";
const LIST = "#/graphql/resolvers";

/** How a resolver is named in its address and the list: `Query.taskCount`. */
function nameOf(item: ResolverItem): string {
  return `${item.form.on_type || "?"}.${item.form.field_name || "?"}`;
}

/**
 * The Custom Resolvers tab: the draft's custom resolvers (fields backed by a function,
 * added to Query, Mutation or a generated type), with a form to create, edit and delete
 * them. The parent types offered are those of the draft's schema. Each resolver has its
 * own address (`#/graphql/resolvers/Query.taskCount`, a new one at `…/+new`).
 */
@customElement("rs-custom-resolvers-tab")
export class RsCustomResolversTab extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  /** The resolver the address names (`Query.taskCount`, or "+new"); none: the list alone. */
  @property() item: string | undefined;
  private readonly draft = new DraftFiles(this, () => this.store);
  private readonly loader = new SchemaLoader(this, () => this.store, () => "draft");
  /** The running API, to tell which resolvers clients can call already. */
  private readonly deployed = new SchemaLoader(this, () => this.store, () => "deployed");
  /** The file of the resolver open in the form, or NEW: it stays while the resolver is renamed. */
  @state() private editing: string | undefined;
  @state() private notice: string | undefined;
  /** The address named a resolver the draft does not have. */
  @state() private missing: string | undefined;
  /** The app whose unsaved resolver edits were looked for, so a reload reopens them. */
  private restoredFor: string | undefined;
  /** The address last turned into `editing`. */
  private resolved: { item: string | undefined } | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 64rem; }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-3); max-width: 52rem; }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); margin-bottom: var(--rs-space-3); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: middle; }
      td code { font-family: var(--rs-font-mono); word-break: break-word; }
      tr[aria-current="true"] { background: var(--rs-accent-subtle); }
      .top { display: flex; gap: var(--rs-space-2); align-items: center; margin-bottom: var(--rs-space-3); }
      .muted { color: var(--rs-fg-muted); }
      rs-resolver-form { margin-top: var(--rs-space-3); }
    `,
  ];

  override willUpdate(): void {
    const files = this.draft.files;
    if (!files) return;
    const items = listResolvers(files);
    if (this.reopenUnsaved(items)) return;
    if (this.resolved && this.resolved.item === this.item) return;
    this.resolved = { item: this.item };
    this.missing = undefined;
    if (this.item === undefined) this.editing = undefined;
    else if (this.item === NEW_SEGMENT) this.editing = NEW;
    else {
      const found = items.find((i) => nameOf(i) === this.item);
      this.editing = found?.path;
      if (!found) this.missing = this.item;
    }
  }

  override render() {
    const files = this.draft.files;
    if (this.draft.error) return html`<p class="notice error" role="alert">${this.draft.error}</p>`;
    if (!files) return html`<p class="muted">Loading the draft's custom resolvers…</p>`;
    const items = listResolvers(files);
    const current = this.editing === NEW ? undefined : items.find((i) => i.path === this.editing);
    const open = this.editing === NEW || current !== undefined;
    return html`
      <p class="lead">
        A custom resolver adds a field of your own to the API, answered by one of the app's functions: a query or mutation that the generated ones do not cover, or a
        computed field on one of your types. Changes are saved to the draft; the field appears in the API once you <a href="#/deploy">deploy</a>.
      </p>
      ${this.notice ? html`<p class="notice ok" role="status">${this.notice}</p>` : nothing}
      ${this.missing
        ? html`<p class="notice warning" role="status">The draft has no custom resolver named ${this.missing}: it may have been renamed or deleted. Pick one below.</p>`
        : nothing}
      ${this.loader.loaded?.info.warnings.some((w) => w.startsWith("custom resolver"))
        ? html`<div class="notice warning" role="status">
            The draft's schema leaves out:
            <ul>
              ${this.loader.loaded.info.warnings.filter((w) => w.startsWith("custom resolver")).map((w) => html`<li>${w}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="top">
        <button class="primary" ?disabled=${this.editing === NEW} @click=${() => this.go(NEW_SEGMENT)}>New custom resolver</button>
      </div>
      ${items.length === 0
        ? html`<p class="muted">This app has no custom resolvers yet.</p>`
        : html`<table aria-label="Custom resolvers">
            <thead>
              <tr><th scope="col">Field</th><th scope="col">In the schema</th><th scope="col">Function</th><th scope="col">In the API</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              ${items.map((item) => this.renderRow(item))}
            </tbody>
          </table>`}
      ${open
        ? html`<rs-resolver-form
            .draft=${this.draft}
            .item=${current}
            .others=${items.filter((i) => i !== current)}
            .generatedTypes=${this.generatedTypes()}
            .warnings=${this.warningsOf(current)}
            @resolver-saved=${(e: CustomEvent<string>) => this.saved(e.detail)}
            @resolver-deleted=${(e: CustomEvent<string>) => this.deleted(e.detail)}
            @closed=${() => (location.hash = LIST)}
          ></rs-resolver-form>`
        : nothing}
    `;
  }

  private renderRow(item: ResolverItem) {
    const name = nameOf(item);
    return html`<tr aria-current=${item.path === this.editing ? "true" : "false"}>
      <td>${name}</td>
      <td><code>${signature(item.form)}</code></td>
      <td>${item.form.function_name ? html`<a href=${`#/functions/${encodeURIComponent(item.form.function_name)}`}>${item.form.function_name}</a>` : html`<span class="muted">none</span>`}</td>
      <td>${this.inApi(item) ? this.renderTry(item, name) : html`<a href="#/deploy">After deploy</a>`}</td>
      <td><a class="button" href=${href("graphql", "resolvers", name)} aria-label=${`Edit ${name}`} @click=${() => (this.notice = undefined)}>Edit</a></td>
    </tr>`;
  }

  /** "Yes", with a link that opens a first query of the field in the playground (it runs only when Run is pressed). */
  private renderTry(item: ResolverItem, name: string) {
    const schema = this.deployed.loaded?.schema;
    const query = schema && tryQuery(schema, item.form.on_type, item.form.field_name);
    if (!query) return "Yes";
    return html`Yes · <a href=${shareLink(location.href, { query })} aria-label=${`Try ${name} in the playground`}>Try it</a>`;
  }

  /** Whether the deployed API has the field (as saved; a later edit needs a deploy too). */
  private inApi(item: ResolverItem): boolean {
    const type = this.deployed.loaded?.schema?.getType(item.form.on_type);
    if (!type || !isObjectType(type)) return false;
    const field = type.getFields()[item.form.field_name];
    return field !== undefined && !this.draftChanged(item);
  }

  /** The resolver's file is new or changed since the deploy (the draft's diff lists it). */
  private draftChanged(item: ResolverItem): boolean {
    const diff = this.store.state.overview?.draft.diff;
    return !!diff && (diff.added.includes(item.path) || diff.modified.includes(item.path));
  }

  /** Types generated from the draft's collections (and their embedded objects): parents and generated types a resolver can use. */
  private generatedTypes(): string[] {
    const schema = this.loader.loaded?.schema;
    if (!schema) return [];
    const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
    return Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith("__") && !roots.has(t.name) && !t.name.endsWith("Payload"))
      .map((t) => t.name)
      .sort();
  }

  /** Once per app, on the bare list: a resolver left with unsaved edits (say, before a reload) opens again. */
  private reopenUnsaved(items: ResolverItem[]): boolean {
    const appId = this.store.state.appId;
    if (this.restoredFor === appId) return false;
    this.restoredFor = appId;
    if (this.item !== undefined) return false;
    const kept = items.find((i) => loadUnsaved(appId, `resolver:${i.path}`) !== undefined);
    const segment = kept ? nameOf(kept) : loadUnsaved(appId, "resolver:new") !== undefined ? NEW_SEGMENT : undefined;
    if (!segment) return false;
    location.replace(href("graphql", "resolvers", segment));
    return true;
  }

  /** What the draft's schema says about the saved resolver, e.g. why it is left out. */
  private warningsOf(item: ResolverItem | undefined): string[] {
    if (!item) return [];
    const prefix = `custom resolver ${item.form.on_type}.${item.form.field_name}:`;
    return (this.loader.loaded?.info.warnings ?? []).filter((w) => w.startsWith(prefix)).map((w) => w.slice(prefix.length).trim());
  }

  private go(segment: string): void {
    this.notice = undefined;
    location.hash = href("graphql", "resolvers", segment);
  }

  /** The address follows the saved name (a new resolver's, or a renamed one's) without a step in the history. */
  private saved(path: string): void {
    this.editing = path;
    const item = this.draft.files ? listResolvers(this.draft.files).find((i) => i.path === path) : undefined;
    if (!item || nameOf(item) === this.item) return;
    this.resolved = { item: nameOf(item) };
    location.replace(href("graphql", "resolvers", nameOf(item)));
  }

  private deleted(name: string): void {
    this.editing = undefined;
    this.notice = `Deleted ${name} from the draft. Deploy for it to leave the API.`;
    location.hash = LIST;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-custom-resolvers-tab": RsCustomResolversTab;
  }
}
