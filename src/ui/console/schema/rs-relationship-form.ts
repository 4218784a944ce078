import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { CollectionRef } from "../../state/schema-api.ts";
import { namespace, parseRelationshipRef, relationshipRef, type CollectionEntry } from "./collections.ts";
import { checkRelationship, hasProblems, schemaFields, type RelationshipProblems, type SchemaField } from "./relationship-check.ts";

type Schema = Record<string, unknown>;

/** One entry of relationships.json, keyed by its source field. */
export interface RelationshipEntry {
  ref: string;
  source_key?: string;
  foreign_key: string;
  is_list: boolean;
  [key: string]: unknown;
}

export interface RelationshipSave {
  previousKey: string | undefined;
  key: string;
  entry: RelationshipEntry;
}

const refKey = (ref: CollectionRef) => `${ref.service}/${ref.database}/${ref.collection}`;

function describe(field: SchemaField): string {
  if (field.type === "array") return `${field.path} (array of ${field.itemType ?? "several types"})`;
  return `${field.path} (${field.type ?? "several types"})`;
}

/**
 * Adds or edits one relationship: the source field of this collection, the collection it
 * points to and the field there, to-one or to-many. Each choice is checked against both
 * schemas as it is made, and the problem shows beside the field it is about. Fires
 * `relationship-save` (detail: RelationshipSave) and `relationship-cancel`.
 */
@customElement("rs-relationship-form")
export class RsRelationshipForm extends LitElement {
  @property({ attribute: false }) source!: { ref: CollectionRef; schema: Schema | undefined };
  @property({ attribute: false }) collections: CollectionEntry[] = [];
  /** Saved schemas by `service/db/coll`. */
  @property({ attribute: false }) schemas = new Map<string, Schema | undefined>();
  /** The relationship being edited; none to add one. */
  @property({ attribute: false }) initial: { key: string; entry: RelationshipEntry } | undefined;
  /** Source fields that already have a relationship. */
  @property({ attribute: false }) taken: string[] = [];
  @property({ type: Boolean }) busy = false;

  @state() private sourceField = "";
  @state() private foreign = "";
  @state() private foreignField = "";
  @state() private isList = false;
  /** Problems show for a field once it was chosen, and for all after a save attempt. */
  @state() private touched = new Set<string>();

  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: var(--rs-space-3); padding: var(--rs-space-3); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-subtle); }
      h4 { grid-column: 1 / -1; margin: 0; font-size: var(--rs-text); }
      label, fieldset { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); font-weight: 600; }
      fieldset { border: 0; padding: 0; margin: 0; grid-column: 1 / -1; }
      .choices { display: flex; gap: var(--rs-space-4); flex-wrap: wrap; }
      legend { padding: 0; margin-bottom: 2px; }
      fieldset label { flex-direction: row; gap: var(--rs-space-1); font-weight: 400; align-items: baseline; }
      .help { font-weight: 400; color: var(--rs-fg-muted); }
      .error { color: var(--rs-danger); font-weight: 400; }
      .actions { grid-column: 1 / -1; display: flex; gap: var(--rs-space-2); }
    `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has("initial")) return;
    const entry = this.initial?.entry;
    const target = entry ? parseRelationshipRef(entry.ref) : undefined;
    this.sourceField = this.initial?.key ?? "";
    this.foreign = target ? refKey(target) : "";
    this.foreignField = entry?.foreign_key ?? "";
    this.isList = entry?.is_list ?? false;
    this.touched = new Set(this.initial ? ["source", "kind", "foreign", "foreignField"] : []);
  }

  override render() {
    const problems = this.problems();
    const show = (field: keyof RelationshipProblems) => (this.touched.has(field) ? problems[field] : undefined);
    const sourceFields = schemaFields(this.source.schema);
    const foreignRef = this.foreignRef();
    const foreignFields = schemaFields(foreignRef && this.schemas.get(refKey(foreignRef))).filter((f) => f.type !== "array");
    const here = namespace(this.source.ref);
    const error = (id: string, message: string | undefined) => html`<span id=${id} class="error">${message ?? ""}</span>`;
    return html`<form aria-label=${this.initial ? `Edit the relationship ${this.initial.key}` : "Add a relationship"} @submit=${this.submit} novalidate>
      <h4>${this.initial ? `Edit the relationship ${this.initial.key}` : "Add a relationship"}</h4>
      <label>Source field
        <span class="help">The field of ${here} that holds the other document's value.</span>
        <select .value=${this.sourceField} aria-invalid=${show("source") ? "true" : "false"} aria-describedby="source-error" @change=${this.pickSource}>
          <option value="">Choose a field…</option>
          ${sourceFields.map((f) => html`<option value=${f.path} ?selected=${f.path === this.sourceField}>${describe(f)}</option>`)}
          ${this.sourceField && !sourceFields.some((f) => f.path === this.sourceField)
            ? html`<option value=${this.sourceField} selected>${this.sourceField} (not in the schema)</option>`
            : nothing}
        </select>
        ${error("source-error", show("source"))}
      </label>
      <label>Foreign collection
        <span class="help">The collection whose documents the field points to.</span>
        <select .value=${this.foreign} aria-invalid=${show("foreign") ? "true" : "false"} aria-describedby="foreign-error" @change=${this.pickForeign}>
          <option value="">Choose a collection…</option>
          ${this.collections.map((c) => html`<option value=${refKey(c)} ?selected=${refKey(c) === this.foreign}>${namespace(c)}${c.hasSchema ? "" : " (no schema)"}</option>`)}
        </select>
        ${error("foreign-error", show("foreign"))}
      </label>
      <label>Foreign field
        <span class="help">The field there that holds the same values (often _id).</span>
        <select .value=${this.foreignField} ?disabled=${foreignFields.length === 0} aria-invalid=${show("foreignField") ? "true" : "false"} aria-describedby="foreign-field-error" @change=${this.pickForeignField}>
          <option value="">Choose a field…</option>
          ${foreignFields.map((f) => html`<option value=${f.path} ?selected=${f.path === this.foreignField}>${describe(f)}</option>`)}
        </select>
        ${error("foreign-field-error", show("foreignField"))}
      </label>
      <fieldset aria-describedby="kind-error">
        <legend>Relationship type</legend>
        <div class="choices">
          <label><input type="radio" name="kind" .checked=${!this.isList} @change=${() => this.pickKind(false)} /> To-one: the field holds one value</label>
          <label><input type="radio" name="kind" .checked=${this.isList} @change=${() => this.pickKind(true)} /> To-many: the field holds an array of values</label>
        </div>
        ${error("kind-error", show("kind"))}
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>Save relationship</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent("relationship-cancel", { bubbles: true, composed: true }))}>Cancel</button>
      </div>
    </form>`;
  }

  private foreignRef(): CollectionRef | undefined {
    return this.collections.find((c) => refKey(c) === this.foreign);
  }

  private problems(): RelationshipProblems {
    const foreign = this.foreignRef();
    const problems = checkRelationship(
      { source: this.sourceField, foreign, foreignField: this.foreignField, isList: this.isList },
      this.source,
      foreign && this.schemas.get(refKey(foreign)),
    );
    if (this.sourceField !== this.initial?.key && this.taken.includes(this.sourceField)) {
      problems.source = `"${this.sourceField}" already has a relationship: edit that one instead.`;
    }
    return problems;
  }

  private touch(...fields: string[]): void {
    this.touched = new Set([...this.touched, ...fields]);
  }

  private pickSource(event: Event): void {
    this.sourceField = (event.target as HTMLSelectElement).value;
    const field = schemaFields(this.source.schema).find((f) => f.path === this.sourceField);
    // An array field is looked up value by value: to-many is what it needs.
    if (field) this.isList = field.type === "array";
    this.touch("source", "kind");
  }

  private pickKind(isList: boolean): void {
    this.isList = isList;
    this.touch("kind");
  }

  private pickForeign(event: Event): void {
    this.foreign = (event.target as HTMLSelectElement).value;
    this.foreignField = "";
    this.touch("foreign");
  }

  private pickForeignField(event: Event): void {
    this.foreignField = (event.target as HTMLSelectElement).value;
    this.touch("foreignField");
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.touch("source", "kind", "foreign", "foreignField");
    const problems = this.problems();
    const foreign = this.foreignRef();
    if (hasProblems(problems) || !foreign) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true], fieldset:has(.error:not(:empty)) input")?.focus();
      return;
    }
    const old = this.initial?.entry;
    const rest = { ...(old ?? {}) };
    for (const key of ["ref", "source_key", "foreign_key", "is_list"]) delete rest[key];
    // The order relationships.json is written in: ref, source_key, foreign_key, is_list.
    const entry: RelationshipEntry = {
      ref: relationshipRef(foreign),
      ...(old?.source_key !== undefined ? { source_key: this.sourceField } : {}),
      foreign_key: this.foreignField,
      is_list: this.isList,
      ...rest,
    };
    const detail: RelationshipSave = { previousKey: this.initial?.key, key: this.sourceField, entry };
    this.dispatchEvent(new CustomEvent("relationship-save", { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-relationship-form": RsRelationshipForm;
  }
}
