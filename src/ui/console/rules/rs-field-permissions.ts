import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { ExpressionContext } from "./expansions.ts";
import { permissionSelect, problemLines } from "./permission-select.ts";
import type { RulesProblem } from "./problems.ts";
import { addField, fieldLocation, flattenFields, removeField, updateFields, withKey } from "./rules-edit.ts";
import type { FieldEntry, PermissionForm, ScopeForm } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import "./rs-expression-field.ts";

export interface FieldPermissionsChange {
  fields?: FieldEntry[];
  additional?: ScopeForm;
}

/**
 * A role's field permissions: read and write per field (nested fields by dotted path),
 * and what every other field gets (`additional_fields`). Fires `fields-change` with the
 * role's new `fields` and `additional_fields`.
 */
@customElement("rs-field-permissions")
export class RsFieldPermissions extends LitElement {
  @property({ attribute: false }) fields: FieldEntry[] | undefined;
  @property({ attribute: false }) additional: ScopeForm | undefined;
  @property({ type: Number }) roleIndex = 0;
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  /** Whether the role's document-level read/write already grants everything. */
  @property() covered: "" | "read" | "write" = "";
  @state() private newField = "";

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); margin-top: var(--rs-space-1); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: middle; }
      th { color: var(--rs-fg-muted); font-weight: 600; }
      td.name { font-family: var(--rs-font-mono); }
      .nested { color: var(--rs-fg-muted); }
      tr.other td { background: var(--rs-bg-subtle); }
      .add { margin-top: var(--rs-space-2); }
      .add input { width: 16rem; }
      .conditions rs-expression-field { margin-top: var(--rs-space-2); }
    `,
  ];

  override render() {
    const rows = flattenFields(this.fields);
    const other = this.additional ?? {};
    const at = `roles[${this.roleIndex}]`;
    return html`
      ${this.covered
        ? html`<p class="help">This role already ${this.covered === "write" ? "reads and writes" : "reads"} every field (above), which takes priority over the settings here.</p>`
        : nothing}
      <table>
        <caption class="visually-hidden">Field permissions</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Read</th><th scope="col">Write</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${rows.map(({ path, rule }) => {
            const name = path.join(".");
            const location = fieldLocation(this.roleIndex, path);
            return html`<tr>
              <td class="name">${path.length > 1 ? html`<span class="nested">${path.slice(0, -1).join(".")}.</span>` : nothing}${path[path.length - 1]}</td>
              <td>${this.select(`Read ${name}`, rule.read, `${location}.read`, (v) => this.setField(path, "read", v))}</td>
              <td>${this.select(`Write ${name}`, rule.write, `${location}.write`, (v) => this.setField(path, "write", v))}</td>
              <td><button class="icon" aria-label="Remove field ${name}" title="Remove" @click=${() => this.emit({ fields: removeField(this.fields, path) })}>✕</button></td>
            </tr>`;
          })}
          <tr class="other">
            <td>All other fields</td>
            <td>${this.select("Read all other fields", other.read, `${at}.additional_fields.read`, (v) => this.setOther("read", v))}</td>
            <td>${this.select("Write all other fields", other.write, `${at}.additional_fields.write`, (v) => this.setOther("write", v))}</td>
            <td></td>
          </tr>
        </tbody>
      </table>
      ${problemLines(this.problems.filter((p) => !p.location.endsWith(".read") && !p.location.endsWith(".write")))}
      <div class="row add">
        <label for="new" class="visually-hidden">Field name</label>
        <input id="new" list="known" placeholder="field, or parent.child" .value=${this.newField} @input=${(e: Event) => (this.newField = (e.target as HTMLInputElement).value)} @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.add()} />
        <datalist id="known">${this.context.fields.map((f) => html`<option value=${f}></option>`)}</datalist>
        <button ?disabled=${this.newField.trim() === ""} @click=${this.add}>Add field</button>
      </div>
      <div class="conditions">${this.conditions(rows, other, at)}</div>
    `;
  }

  private select(label: string, value: PermissionForm | undefined, location: string, onChange: (v: PermissionForm | undefined) => void) {
    const invalid = this.problems.some((p) => p.location === location);
    return permissionSelect({ label, value, unset: false, location, invalid, onChange });
  }

  /** The conditions ("Only when…") of this table, each under its own label. */
  private conditions(rows: { path: string[]; rule: { read?: PermissionForm; write?: PermissionForm } }[], other: ScopeForm, at: string) {
    const items: { label: string; location: string; value: string; set: (text: string) => void }[] = [];
    for (const { path, rule } of rows) {
      for (const key of ["read", "write"] as const) {
        const v = rule[key];
        if (typeof v === "object") {
          items.push({ label: `${key === "read" ? "Read" : "Write"} ${path.join(".")} only when`, location: `${fieldLocation(this.roleIndex, path)}.${key}`, value: v.expression, set: (t) => this.setField(path, key, { expression: t }) });
        }
      }
    }
    for (const key of ["read", "write"] as const) {
      const v = other[key];
      if (typeof v === "object") items.push({ label: `${key === "read" ? "Read" : "Write"} all other fields only when`, location: `${at}.additional_fields.${key}`, value: v.expression, set: (t) => this.setOther(key, { expression: t }) });
    }
    return items.map(
      (item) => html`<rs-expression-field
        .label=${item.label}
        .value=${item.value}
        .location=${item.location}
        .completions=${this.completions}
        .problems=${this.problems.filter((p) => p.location === item.location)}
        @expression-change=${(e: CustomEvent<string>) => item.set(e.detail)}
      ></rs-expression-field>`,
    );
  }

  /** Focuses the control of a location, for the problem list's links. */
  reveal(location: string): boolean {
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-location="${CSS.escape(location)}"]`) ?? this.findCondition(location);
    target?.scrollIntoView({ block: "center" });
    target?.focus();
    return target !== null && target !== undefined;
  }

  private findCondition(location: string): HTMLElement | null {
    return [...this.renderRoot.querySelectorAll("rs-expression-field")].find((f) => f.location === location) ?? null;
  }

  private setField(path: string[], key: "read" | "write", value: PermissionForm | undefined): void {
    this.emit({ fields: updateFields(this.fields, path, (rule) => withKey(rule, key, value)) });
  }

  private setOther(key: "read" | "write", value: PermissionForm | undefined): void {
    this.emit({ additional: withKey(this.additional ?? {}, key, value) });
  }

  private add(): void {
    const path = this.newField.split(".").map((s) => s.trim()).filter(Boolean);
    if (path.length === 0) return;
    let fields = this.fields;
    for (let i = 0; i < path.length; i++) fields = addField(fields, path.slice(0, i), path[i]);
    this.newField = "";
    this.emit({ fields });
  }

  private emit(change: FieldPermissionsChange): void {
    this.dispatchEvent(new CustomEvent("fields-change", { detail: change, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-field-permissions": RsFieldPermissions;
  }
}
