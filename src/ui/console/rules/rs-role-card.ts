import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { defaultOf, type Generation } from "./defaults.ts";
import type { ExpressionContext } from "./expansions.ts";
import { permissionSelect, problemLines } from "./permission-select.ts";
import type { RulesProblem } from "./problems.ts";
import { withKey } from "./rules-edit.ts";
import { PERMISSION_KEYS, type PermissionForm, type PermissionKey, type RoleForm, type ScopeForm } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import type { FieldPermissionsChange, RsFieldPermissions } from "./rs-field-permissions.ts";
import type { RsExpressionField } from "./rs-expression-field.ts";
import "./rs-expression-field.ts";
import "./rs-field-permissions.ts";

const LABELS: Record<PermissionKey, { label: string; help: string }> = {
  insert: { label: "Insert", help: "add new documents" },
  delete: { label: "Delete", help: "remove documents" },
  search: { label: "Search", help: "use Atlas Search" },
  read: { label: "Read all fields", help: "see every field" },
  write: { label: "Write all fields", help: "change every field" },
};

const KNOWN = new Set<string>(["name", "apply_when", ...PERMISSION_KEYS, "fields", "additional_fields", "document_filters"]);

/**
 * One role: its name and place in the order, when it applies, what it may do with a
 * whole document, and its field permissions. Fires `role-change` (the new role),
 * `role-move` (the new index) and `role-remove`.
 */
@customElement("rs-role-card")
export class RsRoleCard extends LitElement {
  @property({ attribute: false }) roleForm: RoleForm = {};
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property() generation: Generation = "2020";
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  @property({ type: Boolean }) highlighted = false;

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      header { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .order { display: inline-flex; align-items: center; justify-content: center; min-width: 1.75rem; height: 1.75rem; border-radius: 50%; background: var(--rs-accent-subtle); color: var(--rs-fg); font-weight: 700; font-size: var(--rs-text-sm); }
      .name { display: flex; align-items: center; gap: var(--rs-space-2); font-size: var(--rs-text-sm); font-weight: 600; }
      .name input { font-weight: 600; width: 14rem; }
      .perms { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: var(--rs-space-2) var(--rs-space-3); align-items: end; }
      .perm label { display: block; font-size: var(--rs-text-sm); font-weight: 600; }
      .perm small { display: block; color: var(--rs-fg-muted); font-size: 0.75rem; margin-bottom: 2px; }
      .perm select { width: 100%; }
      h3 { font-size: var(--rs-text); margin-top: var(--rs-space-4); }
      details { margin-top: var(--rs-space-3); font-size: var(--rs-text-sm); }
      summary { cursor: pointer; color: var(--rs-fg-muted); }
      .kept { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin-top: var(--rs-space-3); }
    `,
  ];

  override render() {
    const role = this.roleForm;
    const at = `roles[${this.index}]`;
    const name = role.name ?? "";
    const title = name || `${this.index + 1} (no name yet)`;
    const here = (location: string) => this.problems.filter((p) => p.location === location);
    const kept = Object.keys(role).filter((k) => !KNOWN.has(k));
    const covered = isTrue(role.write) ? "write" : isTrue(role.read) ? "read" : "";
    return html`<section class="card ${this.highlighted ? "highlight" : ""}" aria-label="Role ${title}">
      <header>
        <span class="order" title="Tried in this order">${this.index + 1}</span>
        <label class="name">Role name
          <input .value=${name} data-location="${at}.name" aria-invalid=${here(`${at}.name`).length ? "true" : nothing} placeholder="e.g. owner" maxlength="100" @input=${(e: Event) => this.set("name", (e.target as HTMLInputElement).value)} />
        </label>
        <span class="spacer"></span>
        <button class="icon" aria-label="Move role ${title} up" title="Move up (tried earlier)" ?disabled=${this.index === 0} @click=${() => this.fire("role-move", this.index - 1)}>↑</button>
        <button class="icon" aria-label="Move role ${title} down" title="Move down (tried later)" ?disabled=${this.index === this.count - 1} @click=${() => this.fire("role-move", this.index + 1)}>↓</button>
        <button class="danger" aria-label="Remove role ${title}" @click=${() => this.fire("role-remove", this.index)}>Remove</button>
      </header>
      ${problemLines([...here(at), ...here(`${at}.name`)])}

      <rs-expression-field
        label="Apply When"
        help="A JSON expression tried for each document. {} always applies. A key without %% names a field of the document."
        .value=${role.apply_when ?? ""}
        .location="${at}.apply_when"
        .problems=${here(`${at}.apply_when`)}
        .completions=${this.completions}
        .context=${this.context}
        picker
        @expression-change=${(e: CustomEvent<string>) => this.set("apply_when", e.detail.trim() === "" ? undefined : e.detail)}
      ></rs-expression-field>

      <h3>What it may do with a document</h3>
      <div class="perms">
        ${PERMISSION_KEYS.map((key) => {
          const location = `${at}.${key}`;
          return html`<div class="perm">
            <label>${LABELS[key].label}<small>${LABELS[key].help}</small>
              ${permissionSelect({ label: LABELS[key].label, value: role[key], unset: defaultOf(key, this.generation), location, invalid: here(location).length > 0, onChange: (v) => this.set(key, v) })}
            </label>
          </div>`;
        })}
      </div>
      ${PERMISSION_KEYS.map((key) => this.condition(key, role[key], `${at}.${key}`))}
      ${problemLines(PERMISSION_KEYS.flatMap((key) => (typeof role[key] === "object" ? [] : here(`${at}.${key}`))))}

      <h3>Field permissions</h3>
      <p class="help">Read and write per field. Writing a field lets the role read it too; settings on a field cover the fields inside it.</p>
      <rs-field-permissions
        .fields=${role.fields}
        .additional=${role.additional_fields}
        .roleIndex=${this.index}
        .problems=${this.problems.filter((p) => p.location.startsWith(`${at}.fields`) || p.location.startsWith(`${at}.additional_fields`))}
        .completions=${this.completions}
        .context=${this.context}
        .covered=${covered}
        @fields-change=${this.fieldsChanged}
      ></rs-field-permissions>

      ${this.documentFilters(at, here)}
      ${kept.length ? html`<p class="kept">Also in this role, kept as written (edit in the JSON view): ${kept.map((k, i) => html`${i ? ", " : ""}<code>${k}</code>`)}</p>` : nothing}
    </section>`;
  }

  private condition(key: PermissionKey, value: PermissionForm | undefined, location: string) {
    if (typeof value !== "object") return nothing;
    return html`<rs-expression-field
      label="${LABELS[key].label} only when"
      .value=${value.expression}
      .location=${location}
      .problems=${this.problems.filter((p) => p.location === location)}
      .completions=${this.completions}
      @expression-change=${(e: CustomEvent<string>) => this.set(key, { expression: e.detail })}
    ></rs-expression-field>`;
  }

  /** Rules v2's document filters: shown when the role has them, offered behind a disclosure otherwise. */
  private documentFilters(at: string, here: (location: string) => readonly RulesProblem[]) {
    const filters = this.roleForm.document_filters;
    const body = filters
      ? html`<div class="perms">
            ${(["read", "write"] as const).map(
              (key) => html`<div class="perm"><label>Documents it may ${key}<small>when filters are used</small>
                ${permissionSelect({ label: `Document filter ${key}`, value: filters[key], unset: true, location: `${at}.document_filters.${key}`, invalid: here(`${at}.document_filters.${key}`).length > 0, onChange: (v) => this.set("document_filters", withKey(filters, key, v)) })}
              </label></div>`,
            )}
          </div>
          ${(["read", "write"] as const).map((key) => {
            const v = filters[key];
            if (typeof v !== "object") return nothing;
            const location = `${at}.document_filters.${key}`;
            return html`<rs-expression-field label="Documents it may ${key}: only when" .value=${v.expression} .location=${location} .problems=${here(location)} .completions=${this.completions} @expression-change=${(e: CustomEvent<string>) => this.set("document_filters", withKey(filters, key, { expression: e.detail }))}></rs-expression-field>`;
          })}
          ${problemLines(here(`${at}.document_filters`))}
          <button @click=${() => this.set("document_filters", undefined)}>Remove document filters</button>`
      : html`<p class="help">Document filters (from 2023) decide which documents a role may read or write before any field is looked at; Device Sync needed them. Adding them switches this file to the newer defaults.</p>
          <button @click=${() => this.set("document_filters", { read: true, write: true } satisfies ScopeForm)}>Add document filters</button>`;
    return html`<details ?open=${filters !== undefined}><summary>Document filters</summary>${body}</details>`;
  }

  /** Focuses the control of a location, for the problem list's links. */
  reveal(location: string): void {
    const fields = this.renderRoot.querySelector<RsFieldPermissions>("rs-field-permissions");
    if (location.includes(".fields") || location.includes(".additional_fields")) {
      if (fields?.reveal(location)) return;
    }
    const exact = [...this.renderRoot.querySelectorAll<RsExpressionField>("rs-expression-field")].find((f) => f.location === location);
    const target = exact ?? this.renderRoot.querySelector<HTMLElement>(`[data-location="${CSS.escape(location)}"]`) ?? this.renderRoot.querySelector<HTMLElement>("input");
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has("highlighted") && this.highlighted) this.scrollIntoView({ block: "start" });
  }

  private set(key: string, value: unknown): void {
    this.dispatchEvent(new CustomEvent("role-change", { detail: { index: this.index, role: withKey(this.roleForm, key, value) }, bubbles: true, composed: true }));
  }

  private fieldsChanged(event: CustomEvent<FieldPermissionsChange>): void {
    event.stopPropagation();
    let role = this.roleForm;
    if (event.detail.fields !== undefined) role = withKey(role, "fields", event.detail.fields);
    if (event.detail.additional !== undefined) role = withKey(role, "additional_fields", event.detail.additional);
    this.dispatchEvent(new CustomEvent("role-change", { detail: { index: this.index, role }, bubbles: true, composed: true }));
  }

  private fire(name: "role-move" | "role-remove", value: number): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { index: this.index, to: value }, bubbles: true, composed: true }));
  }
}

function isTrue(value: PermissionForm | undefined): boolean {
  return value === true;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-role-card": RsRoleCard;
  }
}
