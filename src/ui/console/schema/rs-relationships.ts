import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { ConsoleApiError, type AppFiles } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import type { CollectionRef } from "../../state/schema-api.ts";
import { collectionPath, formatJson, namespace, parseRelationshipRef, type CollectionEntry } from "./collections.ts";
import { checkRelationship, type RelationshipProblems } from "./relationship-check.ts";
import type { RelationshipEntry, RelationshipSave } from "./rs-relationship-form.ts";
import "./rs-relationship-form.ts";

type Schema = Record<string, unknown>;
type Relationships = Record<string, RelationshipEntry>;

const refKey = (ref: CollectionRef) => `${ref.service}/${ref.database}/${ref.collection}`;

function parseObject(text: string | undefined): Schema | undefined | "invalid" {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : "invalid";
  } catch {
    return "invalid";
  }
}

/**
 * The relationships of one collection (relationships.json): listed with the problems each
 * has against the saved schemas, added and edited in a form, removed with an undo. Each
 * change is saved to the draft at once and fires `draft-changed`.
 */
@customElement("rs-relationships")
export class RsRelationships extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) target!: CollectionEntry;
  @property({ attribute: false }) files!: AppFiles;
  @property({ attribute: false }) collections: CollectionEntry[] = [];
  /** The schema editor above holds unsaved text: relationships are checked against the saved schema. */
  @property({ type: Boolean, attribute: "schema-unsaved" }) schemaUnsaved = false;
  /** The open form: for a new relationship (no `initial`), or for the one being edited. */
  @state() private editing: { initial: { key: string; entry: RelationshipEntry } | undefined } | undefined;
  @state() private busy = false;
  @state() private status: { kind: "ok" | "error"; text: string; undo?: Relationships } | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { display: flex; flex-direction: column; gap: var(--rs-space-3); }
      h3 { margin: 0; font-size: var(--rs-text-lg); }
      .help { margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); max-width: 52rem; }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
      th { color: var(--rs-fg-muted); font-weight: 600; }
      td.actions { white-space: nowrap; text-align: right; }
      .problem { color: var(--rs-danger); display: block; }
      .notice { margin: 0; font-size: var(--rs-text-sm); display: flex; gap: var(--rs-space-3); align-items: center; }
      .add { align-self: flex-start; }
    `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    const old = changed.get("target") as CollectionEntry | undefined;
    if (changed.has("target") && old && refKey(old) !== refKey(this.target)) {
      this.editing = undefined;
      this.status = undefined;
    }
  }

  override render() {
    const here = namespace(this.target);
    const rels = parseObject(this.files[collectionPath(this.target, "relationships.json")]);
    const header = html`<h3 id="rel-title">Relationships</h3>
      <p class="help">
        A relationship tells GraphQL that a field of ${here} holds values of a field in another collection (usually its _id), so a query
        can return the related document itself. To-one: the field holds one value; to-many: an array of values. There are no
        foreign-key checks: a value with no match is left out.
      </p>`;
    if (rels === "invalid") {
      return html`<section aria-labelledby="rel-title">${header}
        <p class="notice error" role="alert">${collectionPath(this.target, "relationships.json")} is not a JSON object, so its relationships cannot be shown. Fix or replace the file.</p>
      </section>`;
    }
    const entries = Object.entries(rels ?? {}) as [string, RelationshipEntry][];
    const schemas = this.schemas();
    const source = { ref: this.target, schema: schemas.get(refKey(this.target)) };
    return html`<section aria-labelledby="rel-title">
      ${header}
      ${this.schemaUnsaved
        ? html`<p class="notice warning">The schema above has unsaved changes. Relationships are checked against the saved schema: save it first to use new fields.</p>`
        : nothing}
      ${entries.length === 0
        ? html`<p class="muted">${here} has no relationships.</p>`
        : html`<table aria-label="Relationships of ${here}">
            <thead><tr><th>Source field</th><th>Type</th><th>Points to</th><th>Foreign field</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              ${entries.map(([key, entry]) => this.renderRow(key, entry, source, schemas))}
            </tbody>
          </table>`}
      ${this.status
        ? html`<p class="notice ${this.status.kind}" role=${this.status.kind === "error" ? "alert" : "status"}>
            <span>${this.status.text}</span>
            ${this.status.undo ? html`<button @click=${() => this.write(this.status!.undo!, "The relationship is back.")}>Undo</button>` : nothing}
          </p>`
        : nothing}
      ${this.editing !== undefined
        ? html`<rs-relationship-form
            .source=${source}
            .collections=${this.collections}
            .schemas=${schemas}
            .initial=${this.editing.initial}
            .taken=${entries.map(([k]) => k)}
            ?busy=${this.busy}
            @relationship-save=${(e: CustomEvent<RelationshipSave>) => this.save(e.detail, (rels ?? {}) as Relationships)}
            @relationship-cancel=${() => (this.editing = undefined)}
          ></rs-relationship-form>`
        : html`<button class="add" @click=${() => this.open(undefined)}>Add a relationship</button>`}
    </section>`;
  }

  private renderRow(key: string, entry: RelationshipEntry, source: { ref: CollectionRef; schema: Schema | undefined }, schemas: Map<string, Schema | undefined>) {
    const target = typeof entry?.ref === "string" ? parseRelationshipRef(entry.ref) : undefined;
    const problems: RelationshipProblems = target
      ? checkRelationship({ source: key, foreign: target, foreignField: String(entry.foreign_key ?? ""), isList: entry.is_list === true }, source, schemas.get(refKey(target)))
      : { foreign: `"ref" must look like #/relationship/<service>/<database>/<collection>; it is ${JSON.stringify(entry?.ref)}.` };
    const messages = Object.values(problems).filter((m): m is string => m !== undefined);
    return html`<tr>
      <td><code>${key}</code>${messages.map((m) => html`<span class="problem">${m}</span>`)}</td>
      <td>${entry.is_list ? "To-many" : "To-one"}</td>
      <td>${target ? namespace(target) : html`<code>${String(entry?.ref)}</code>`}</td>
      <td><code>${String(entry.foreign_key)}</code></td>
      <td class="actions">
        <button aria-label="Edit the relationship ${key}" ?disabled=${this.busy} @click=${() => this.open({ key, entry })}>Edit</button>
        <button class="danger" aria-label="Remove the relationship ${key}" ?disabled=${this.busy} @click=${() => this.removeRelationship(key)}>Remove</button>
      </td>
    </tr>`;
  }

  private open(initial: { key: string; entry: RelationshipEntry } | undefined): void {
    this.editing = { initial };
    this.status = undefined;
  }

  /** Every collection's saved schema by `service/db/coll` (undefined: none, or not valid JSON). */
  private schemas(): Map<string, Schema | undefined> {
    const out = new Map<string, Schema | undefined>();
    for (const c of this.collections) {
      const schema = parseObject(this.files[collectionPath(c, "schema.json")]);
      out.set(refKey(c), schema === "invalid" ? undefined : schema);
    }
    return out;
  }

  private async save(change: RelationshipSave, current: Relationships): Promise<void> {
    const next: Relationships = {};
    let placed = false;
    for (const [key, entry] of Object.entries(current)) {
      if (key === change.previousKey || key === change.key) {
        if (!placed) next[change.key] = change.entry;
        placed = true;
      } else next[key] = entry;
    }
    if (!placed) next[change.key] = change.entry;
    const done = await this.write(next, `Saved the relationship ${change.key} to the draft. Deploy it from the top bar to use it in GraphQL.`);
    if (done) this.editing = undefined;
  }

  private async removeRelationship(key: string): Promise<void> {
    const current = parseObject(this.files[collectionPath(this.target, "relationships.json")]);
    if (!current || current === "invalid") return;
    const next = { ...(current as Relationships) };
    delete next[key];
    const done = await this.write(next, `Removed the relationship ${key} from the draft.`);
    if (done && this.status) this.status = { ...this.status, undo: current as Relationships };
  }

  private async write(relationships: Relationships, message: string): Promise<boolean> {
    this.busy = true;
    try {
      await this.store.api.patchDraft(this.store.state.appId, { [collectionPath(this.target, "relationships.json")]: formatJson(relationships) });
      this.status = { kind: "ok", text: message };
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
      return true;
    } catch (error) {
      const problems = error instanceof ConsoleApiError ? error.problems.map((p) => `${p.path}: ${p.message}`) : [];
      this.status = { kind: "error", text: `Not saved: ${[(error as Error).message, ...problems].join("; ")}` };
      return false;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-relationships": RsRelationships;
  }
}
