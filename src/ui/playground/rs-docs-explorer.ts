import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";

import { controls } from "../tokens.ts";

/** Where the explorer is: the schema's root, a type, or a field of a type. */
export interface DocsLocation {
  type?: string;
  field?: string;
}

interface SearchHit {
  type: string;
  field?: string;
  detail: string;
}

const MAX_HITS = 60;

/**
 * Documentation of a GraphQL schema, built from its introspection: the root operation
 * types, then any type and field by following links, with breadcrumbs and Back, and a
 * search across every type and field. Fires `docs-navigate` (detail: DocsLocation) when
 * the user moves; `show()` moves from outside (e.g. "show in docs" from an editor).
 */
@customElement("rs-docs-explorer")
export class RsDocsExplorer extends LitElement {
  @property({ attribute: false }) schema: GraphQLSchema | undefined;
  /** The accessible name of the explorer's region. */
  @property() label = "Schema documentation";
  @state() private trail: DocsLocation[] = [{}];
  @state() private term = "";

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      section { display: flex; flex-direction: column; gap: var(--rs-space-2); }
      .top { display: flex; gap: var(--rs-space-2); align-items: center; }
      .top input { flex: 1; min-width: 0; }
      nav ol { display: flex; flex-wrap: wrap; gap: var(--rs-space-1); list-style: none; margin: 0; padding: 0; }
      nav li + li::before { content: "›"; margin-right: var(--rs-space-1); color: var(--rs-fg-muted); }
      h3:focus { outline: none; }
      h3:focus-visible { outline: 2px solid var(--rs-focus); }
      h3 { margin: 0; font-size: var(--rs-text); font-family: var(--rs-font-mono); word-break: break-all; }
      h4 { margin: var(--rs-space-2) 0 var(--rs-space-1); font-size: var(--rs-text-sm); text-transform: uppercase; letter-spacing: 0.04em; color: var(--rs-fg-muted); }
      ul { list-style: none; margin: 0; padding: 0; }
      li.item { padding: 2px 0; font-family: var(--rs-font-mono); word-break: break-word; }
      p.item { margin: 0; font-family: var(--rs-font-mono); }
      .link { background: none; border: 0; padding: 0; min-height: 0; font: inherit; font-weight: 600; color: var(--rs-accent); cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
      .type-link { font-weight: 400; color: var(--rs-focus); }
      .desc { color: var(--rs-fg-muted); margin: 0; font-family: var(--rs-font); }
      .kind { color: var(--rs-fg-muted); font-family: var(--rs-font); }
      p.kind { margin: 0; }
      .muted { color: var(--rs-fg-muted); margin: 0; }
    `,
  ];

  /** Opens a type, or a field of it; unknown names open the root. */
  show(type?: string, field?: string): void {
    const location = this.valid({ type, field });
    this.term = "";
    this.go(location, true);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new schema (after a deploy) keeps the place when it still exists.
    if (changed.has("schema")) this.trail = this.trail.map((l) => this.valid(l)).filter((l, i, all) => i === 0 || JSON.stringify(l) !== JSON.stringify(all[i - 1]));
  }

  override render() {
    if (!this.schema) return html`<section aria-label=${this.label}><p class="muted">No schema to show yet.</p></section>`;
    const here = this.trail[this.trail.length - 1];
    return html`<section aria-label=${this.label}>
      <div class="top">
        <input type="search" aria-label="Search the schema" aria-describedby="search-help" placeholder="Search types and fields…" .value=${this.term} @input=${(e: Event) => (this.term = (e.target as HTMLInputElement).value)} @keydown=${this.searchKeys} />
        ${this.trail.length > 1 && !this.term ? html`<button @click=${this.back}>Back</button>` : nothing}
      </div>
      <span id="search-help" class="visually-hidden">Enter opens the first match.</span>
      ${this.term.trim() ? this.renderHits(this.search(this.term.trim())) : html`${this.renderCrumbs()} ${this.renderLocation(here)}`}
    </section>`;
  }

  private renderCrumbs() {
    if (this.trail.length < 2) return nothing;
    const here = this.trail[this.trail.length - 1];
    const steps: DocsLocation[] = [{}];
    if (here.type) steps.push({ type: here.type });
    if (here.field) steps.push(here);
    return html`<nav aria-label="Where you are in the schema">
      <ol>
        ${steps.map((step, i) =>
          i === steps.length - 1
            ? html`<li aria-current="location">${this.nameOf(step)}</li>`
            : html`<li><button class="link" @click=${() => this.go(step)}>${this.nameOf(step)}</button></li>`,
        )}
      </ol>
    </nav>`;
  }

  private nameOf(location: DocsLocation): string {
    if (!location.type) return "Schema";
    return location.field ?? location.type;
  }

  private renderLocation(here: DocsLocation) {
    const schema = this.schema!;
    if (!here.type) {
      const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is NonNullable<typeof t> => !!t);
      const others = Object.values(schema.getTypeMap())
        .filter((t) => !t.name.startsWith("__") && !roots.includes(t as never))
        .sort((a, b) => a.name.localeCompare(b.name));
      return html`<h3 tabindex="-1">Schema</h3>
        <p class="desc">Every query starts at a root type. Follow a field to see its arguments and what it returns.</p>
        <h4>Root types</h4>
        <ul>
          ${roots.map((t) => html`<li class="item">${t === schema.getQueryType() ? "query" : t === schema.getMutationType() ? "mutation" : "subscription"}: ${this.typeLink(t.name)}</li>`)}
        </ul>
        <h4>All types (${others.length})</h4>
        <ul>
          ${others.map((t) => html`<li class="item">${this.typeLink(t.name)} <span class="kind">${kindOf(t)}</span></li>`)}
        </ul>`;
    }
    const type = schema.getType(here.type);
    if (!type) return html`<p class="muted">The schema has no type named ${here.type}.</p>`;
    if (here.field) return this.renderField(type, here.field);
    return this.renderType(type);
  }

  private renderType(type: GraphQLNamedType) {
    const fields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? Object.values(type.getFields()) : [];
    return html`<h3 tabindex="-1">${type.name}</h3>
      <p class="kind">${kindOf(type)}</p>
      ${type.description ? html`<p class="desc">${type.description}</p>` : nothing}
      ${fields.length
        ? html`<h4>Fields</h4>
            <ul>
              ${fields.map(
                (f) => html`<li class="item">
                  <button class="link" @click=${() => this.go({ type: type.name, field: f.name })}>${f.name}</button>${this.renderArgsInline(f)}: ${this.typeRef(f.type)}
                  ${f.description ? html`<p class="desc">${f.description}</p>` : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${isEnumType(type)
        ? html`<h4>Values</h4>
            <ul>
              ${type.getValues().map((v) => html`<li class="item">${v.name}${v.description ? html`<p class="desc">${v.description}</p>` : nothing}</li>`)}
            </ul>`
        : nothing}
      ${isUnionType(type)
        ? html`<h4>Possible types</h4>
            <ul>
              ${type.getTypes().map((t) => html`<li class="item">${this.typeLink(t.name)}</li>`)}
            </ul>`
        : nothing}
      ${isScalarType(type) ? html`<p class="desc">A scalar: a single value, sent and received as JSON.</p>` : nothing}`;
  }

  private renderArgsInline(field: GraphQLField<unknown, unknown> | GraphQLInputField) {
    const args = "args" in field ? field.args : [];
    if (args.length === 0) return nothing;
    return html`(${args.map((a, i) => html`${i ? ", " : ""}${a.name}: ${this.typeRef(a.type)}`)})`;
  }

  private renderField(type: GraphQLNamedType, name: string) {
    const fields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? type.getFields() : {};
    const field = fields[name] as GraphQLField<unknown, unknown> | GraphQLInputField | undefined;
    if (!field) return html`<p class="muted">${type.name} has no field named ${name}.</p>`;
    const args: readonly GraphQLArgument[] = "args" in field ? field.args : [];
    return html`<h3 tabindex="-1">${type.name}.${field.name}</h3>
      ${field.description ? html`<p class="desc">${field.description}</p>` : nothing}
      <h4>Type</h4>
      <p class="item">${this.typeRef(field.type)}</p>
      ${args.length
        ? html`<h4>Arguments</h4>
            <ul>
              ${args.map(
                (a) => html`<li class="item">
                  ${a.name}: ${this.typeRef(a.type)}${a.defaultValue !== undefined ? html` = ${JSON.stringify(a.defaultValue)}` : nothing}
                  ${a.description ? html`<p class="desc">${a.description}</p>` : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}`;
  }

  /** A type as written (`[Task]!`), its named type a link. */
  private typeRef(type: GraphQLType) {
    const named = getNamedType(type);
    const [before, after] = String(type).split(named.name);
    return html`${before}<button class="link type-link" @click=${() => this.go({ type: named.name })}>${named.name}</button>${after}`;
  }

  private typeLink(name: string) {
    return html`<button class="link" @click=${() => this.go({ type: name })}>${name}</button>`;
  }

  private renderHits(hits: SearchHit[]) {
    if (hits.length === 0) return html`<p class="muted" role="status">Nothing in the schema matches "${this.term.trim()}".</p>`;
    return html`<ul aria-label="Search results">
        ${hits.map(
          (h) => html`<li class="item">
            <button class="link" @click=${() => this.go(this.valid({ type: h.type, field: h.field }))}>${h.field ? `${h.type}.${h.field}` : h.type}</button>
            <span class="kind">${h.detail}</span>
          </li>`,
        )}
      </ul>
      ${hits.length === MAX_HITS ? html`<p class="muted">Showing the first ${MAX_HITS}; type more to narrow.</p>` : nothing}`;
  }

  /** Types first (exact name, then prefix, then anywhere), then fields the same way. */
  private search(term: string): SearchHit[] {
    const needle = term.toLowerCase();
    const rank = (name: string) => {
      const lower = name.toLowerCase();
      return lower === needle ? 0 : lower.startsWith(needle) ? 1 : lower.includes(needle) ? 2 : -1;
    };
    const types: [number, SearchHit][] = [];
    const fields: [number, SearchHit][] = [];
    for (const type of Object.values(this.schema!.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      const r = rank(type.name);
      if (r >= 0) types.push([r, { type: type.name, detail: kindOf(type) }]);
      if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const f = rank(field.name);
        if (f >= 0) fields.push([f, { type: type.name, field: field.name, detail: String(field.type) }]);
      }
    }
    const order = (list: [number, SearchHit][]) => list.sort((a, b) => a[0] - b[0] || a[1].type.localeCompare(b[1].type)).map(([, hit]) => hit);
    return [...order(types), ...order(fields)].slice(0, MAX_HITS);
  }

  /** Enter opens the first hit; Escape clears the search. */
  private searchKeys(e: KeyboardEvent): void {
    if (e.key === "Escape" && this.term) {
      e.preventDefault();
      this.term = "";
      return;
    }
    if (e.key !== "Enter" || !this.term.trim()) return;
    const [first] = this.search(this.term.trim());
    if (first) this.go(this.valid({ type: first.type, field: first.field }));
  }

  private valid(location: DocsLocation): DocsLocation {
    const type = location.type ? this.schema?.getType(location.type) : undefined;
    if (!type) return {};
    if (!location.field) return { type: type.name };
    const fields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type) ? type.getFields() : {};
    return location.field in fields ? { type: type.name, field: location.field } : { type: type.name };
  }

  private go(location: DocsLocation, fromOutside = false): void {
    const here = this.trail[this.trail.length - 1];
    if (JSON.stringify(here) !== JSON.stringify(location)) this.trail = [...this.trail, location];
    this.term = "";
    if (!fromOutside) this.dispatchEvent(new CustomEvent<DocsLocation>("docs-navigate", { detail: location, bubbles: true, composed: true }));
    // Keyboard users land on the new page's heading instead of at the top of the document.
    void this.updateComplete.then(() => (this.renderRoot.querySelector("h3") as HTMLElement | null)?.focus({ preventScroll: true }));
  }

  private back(): void {
    if (this.trail.length < 2) return;
    this.trail = this.trail.slice(0, -1);
    this.dispatchEvent(new CustomEvent<DocsLocation>("docs-navigate", { detail: this.trail[this.trail.length - 1], bubbles: true, composed: true }));
  }
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return "type";
  if (isInputObjectType(type)) return "input";
  if (isEnumType(type)) return "enum";
  if (isScalarType(type)) return "scalar";
  if (isInterfaceType(type)) return "interface";
  if (isUnionType(type)) return "union";
  return "";
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-docs-explorer": RsDocsExplorer;
  }
}
