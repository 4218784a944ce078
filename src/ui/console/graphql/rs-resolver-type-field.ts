import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { SCALARS, type TypeChoice, type TypeFormat } from "./resolver-files.ts";
import "../../editors/rs-code-editor.ts";

const FORMAT_LABELS: Record<TypeFormat, string> = {
  scalar: "A scalar (String, Int, …)",
  "scalar-list": "A list of scalars",
  generated: "One of the app's types",
  "generated-list": "A list of the app's types",
  custom: "A custom type (a JSON schema)",
};

/**
 * A custom resolver's input or payload type: none, a scalar, one of the types generated
 * from the app's schemas, a list of either, or a custom type given as a JSON schema.
 * Fires `type-changed` with the new TypeChoice.
 */
@customElement("rs-resolver-type-field")
export class RsResolverTypeField extends LitElement {
  @property() kind: "input" | "payload" = "input";
  @property({ attribute: false }) value: TypeChoice = { format: "", name: "", schema: "" };
  /** Object types generated from the app's schemas. */
  @property({ attribute: false }) generatedTypes: string[] = [];
  /** The field's name, to suggest a custom type's title. */
  @property() fieldName = "";
  @property() problem = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3) var(--rs-space-3); margin: 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
      legend { font-weight: 600; padding: 0 var(--rs-space-1); }
      label { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); font-weight: 600; }
      select { max-width: 24rem; }
      .help { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; }
      rs-code-editor { --rs-editor-max-height: 16rem; min-height: 8rem; }
    `,
  ];

  override render() {
    const v = this.value;
    const noun = this.kind === "input" ? "Input" : "Payload";
    const names = v.format === "scalar" || v.format === "scalar-list" ? [...SCALARS] : this.generatedTypes;
    const missing = v.name !== "" && !names.includes(v.name);
    return html`<fieldset aria-describedby=${`${this.kind}-problem`}>
      <legend>${noun} type</legend>
      <p class="help">
        ${this.kind === "input"
          ? "What the field takes, as its one argument named input. With none, the field takes no argument."
          : 'What the field returns. With none, it returns {status: "complete"} whatever the function answers.'}
      </p>
      <label
        >${noun} kind
        <select @change=${(e: Event) => this.pickFormat((e.target as HTMLSelectElement).value as TypeChoice["format"])}>
          <option value="" ?selected=${v.format === ""}>${this.kind === "input" ? "No input" : "No payload"}</option>
          ${(Object.keys(FORMAT_LABELS) as TypeFormat[]).map((f) => html`<option value=${f} ?selected=${v.format === f}>${FORMAT_LABELS[f]}</option>`)}
        </select>
      </label>
      ${v.format && v.format !== "custom"
        ? html`<label
              >${noun} ${v.format.startsWith("scalar") ? "scalar" : "type"}
              <select aria-invalid=${this.problem ? "true" : "false"} @change=${(e: Event) => this.emit({ ...v, name: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${v.name === ""}>Choose…</option>
                ${missing ? html`<option value=${v.name} selected>${v.name} (not in the schema)</option>` : nothing}
                ${names.map((n) => html`<option value=${n} ?selected=${n === v.name}>${n}</option>`)}
              </select>
            </label>
            ${v.format.startsWith("generated") && this.kind === "input" && v.name
              ? html`<p class="help">The argument takes ${v.name}InsertInput, the input clients use to insert a ${v.name}.</p>`
              : nothing}
            ${v.format.startsWith("generated") && names.length === 0 ? html`<p class="help">The app has no generated types yet: add a schema to a collection first.</p>` : nothing}`
        : nothing}
      ${v.format === "custom"
        ? html`<p class="help">A JSON schema, as for a collection. Its title names the type; without one it is named after the field.</p>
            <rs-code-editor language="json" label=${`${noun} type JSON schema`} .value=${v.schema} @value-changed=${this.schemaEdited}></rs-code-editor>`
        : nothing}
      <p class="problem" id=${`${this.kind}-problem`} role=${this.problem ? "alert" : nothing}>${this.problem}</p>
    </fieldset>`;
  }

  private pickFormat(format: TypeChoice["format"]): void {
    const v = this.value;
    const sameFamily = (a: string, b: string) => a.split("-")[0] === b.split("-")[0];
    const name = v.format && format && sameFamily(v.format, format) ? v.name : "";
    const schema = format === "custom" && !v.schema.trim() ? this.starterSchema() : v.schema;
    this.emit({ format, name, schema });
  }

  private starterSchema(): string {
    // A type name from the field's: "due_date" and "dueDate" both give DueDate.
    const words = this.fieldName.split(/[^0-9A-Za-z]+/).filter(Boolean);
    const base = words.length ? words.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`).join("").replace(/^[0-9]+/, "") || "My" : "My";
    const title = `${base}${this.kind === "input" ? "Input" : "Payload"}`;
    return `${JSON.stringify({ bsonType: "object", title, properties: { name: { bsonType: "string" }, count: { bsonType: "int" } } }, null, 2)}\n`;
  }

  private schemaEdited(e: CustomEvent<string>): void {
    // The editor's own event bubbles out of this element: only `type-changed` leaves it.
    e.stopPropagation();
    this.emit({ ...this.value, schema: e.detail });
  }

  private emit(value: TypeChoice): void {
    this.dispatchEvent(new CustomEvent<TypeChoice>("type-changed", { detail: value }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-resolver-type-field": RsResolverTypeField;
  }
}
