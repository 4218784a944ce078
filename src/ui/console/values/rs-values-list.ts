import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles, ConfigProblem } from "../../state/console-api.ts";
import { jsonFile, type DraftFiles } from "../../state/draft-files.ts";
import "../../editors/rs-code-editor.ts";
import { screenStyles } from "./screen-styles.ts";
import { listValues, preview, valueNameProblem, type ValueEntry } from "./values-files.ts";

/** The add/edit form as typed, kept in localStorage until saved or cancelled. */
interface ValueForm {
  /** The file being edited; undefined for a new value. */
  editing?: string;
  name: string;
  kind: "json" | "secret";
  text: string;
  secret: string;
}

const UNSAVED = "realm-sandbox:values-unsaved:";

/**
 * The app's values: a table with how to read each one, and a form to add or edit a value,
 * plain JSON or linked to a secret. Saved to the draft; problems shown beside the field.
 */
@customElement("rs-values-list")
export class RsValuesList extends LitElement {
  @property({ attribute: false }) draft!: DraftFiles;
  @property({ attribute: false }) files: AppFiles | undefined;
  @property({ attribute: false }) secrets: string[] = [];
  @property() appId = "";
  @state() private form: ValueForm | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private saveError = "";
  @state() private confirmDelete: string | undefined;
  @state() private status = "";
  @state() private deleteError = "";
  private restoredFor = "";

  static override styles = [controls, screenStyles];

  override willUpdate(): void {
    // Unsaved text of this app comes back after a reload.
    if (this.appId && this.restoredFor !== this.appId) {
      this.restoredFor = this.appId;
      try {
        const saved = JSON.parse(localStorage.getItem(UNSAVED + this.appId) ?? "null") as ValueForm | null;
        this.form = saved && typeof saved.name === "string" ? saved : undefined;
      } catch {
        this.form = undefined;
      }
    }
  }

  override render() {
    const values = listValues(this.files);
    return html`
      ${values.length === 0
        ? html`<p class="empty">No values yet. A value is a named piece of JSON that rules and functions can read, so it is set in one place.</p>`
        : html`<table>
            <caption class="visually-hidden">Values of the app</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Read it as</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${values.map((v) => this.renderRow(v))}</tbody>
          </table>`}
      ${this.status ? html`<p class="notice ok" role="status">${this.status}</p>` : nothing}
      ${this.deleteError ? html`<p class="notice error" role="alert">${this.deleteError}</p>` : nothing}
      ${this.form ? this.renderForm(values, this.form) : html`<button @click=${() => this.edit(undefined)}>Add a value</button>`}
    `;
  }

  private renderRow(v: ValueEntry) {
    return html`<tr>
      <th scope="row"><code>${v.name}</code></th>
      <td>${v.fromSecret ? html`Linked to the secret <code>${String(v.value)}</code>` : html`<code>${preview(v.value)}</code>`}</td>
      <td><code>%%values.${v.name}</code> in rules<br /><code>context.values.get("${v.name}")</code> in functions</td>
      <td>
        ${this.confirmDelete === v.path
          ? html`<span class="row" role="group" aria-label="Delete ${v.name}?">
              <button class="danger" @click=${() => this.removeValue(v)}>Delete ${v.name}</button>
              <button @click=${() => (this.confirmDelete = undefined)}>Keep it</button>
            </span>`
          : html`<span class="row">
              <button aria-label="Edit ${v.name}" @click=${() => this.edit(v)}>Edit</button>
              <button aria-label="Delete value ${v.name}" @click=${() => (this.confirmDelete = v.path)}>Delete</button>
            </span>`}
      </td>
    </tr>`;
  }

  private renderForm(values: ValueEntry[], form: ValueForm) {
    const nameProblem = form.name === "" ? "" : valueNameProblem(form.name, values, form.editing);
    const jsonProblem = form.kind === "json" ? jsonError(form.text) : "";
    const fileProblems = this.problems;
    return html`<form class="card" aria-label=${form.editing ? `Edit value ${form.name}` : "New value"} @submit=${this.save}>
      <h3>${form.editing ? `Edit ${form.name}` : "New value"}</h3>
      <div class="field">
        <label for="value-name">Value name</label>
        <input id="value-name" type="text" .value=${form.name} aria-invalid=${nameProblem ? "true" : "false"} aria-describedby="value-name-error" @input=${(e: Event) => this.change({ name: (e.target as HTMLInputElement).value })} />
        <p class="field-error" id="value-name-error">${nameProblem}</p>
      </div>
      <fieldset>
        <legend>What it holds</legend>
        <label class="row"><input type="radio" name="kind" .checked=${form.kind === "json"} @change=${() => this.change({ kind: "json" })} /> A JSON value (text, number, object, array…)</label>
        <label class="row"><input type="radio" name="kind" .checked=${form.kind === "secret"} @change=${() => this.change({ kind: "secret" })} /> The value of a secret</label>
      </fieldset>
      ${form.kind === "json"
        ? html`<div class="field">
            <span class="label" id="value-json-label">Value (JSON)</span>
            <rs-code-editor language="json" label="Value (JSON)" .value=${form.text} @value-changed=${(e: CustomEvent<string>) => this.change({ text: e.detail })}></rs-code-editor>
            <p class="field-error" role="alert">${jsonProblem}</p>
          </div>`
        : html`<div class="field">
            <label for="value-secret">Secret</label>
            <select id="value-secret" aria-describedby="value-secret-hint" @change=${(e: Event) => this.change({ secret: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${form.secret === ""}>Choose a secret</option>
              ${this.secrets.map((s) => html`<option value=${s} ?selected=${s === form.secret}>${s}</option>`)}
            </select>
            <p class="hint" id="value-secret-hint">
              ${this.secrets.length === 0 ? "There are no secrets yet: add one under Secrets below, then come back." : "Rules and functions read the secret's value through this value; the secret itself cannot be read directly."}
            </p>
          </div>`}
      ${fileProblems.length || this.saveError
        ? html`<div role="alert">
            <p class="field-error">${this.saveError || "The draft refused this value:"}</p>
            <ul class="problems">${fileProblems.map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}</ul>
          </div>`
        : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${Boolean(nameProblem || jsonProblem) || form.name === "" || (form.kind === "secret" && form.secret === "")}>Save value</button>
        <button type="button" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }

  private edit(v: ValueEntry | undefined): void {
    this.status = "";
    this.problems = [];
    this.saveError = "";
    this.setForm(
      v
        ? { editing: v.path, name: v.name, kind: v.fromSecret ? "secret" : "json", text: v.fromSecret ? '""' : JSON.stringify(v.value, null, 2), secret: v.fromSecret ? String(v.value) : "" }
        : { name: "", kind: "json", text: '""', secret: "" },
    );
  }

  private change(partial: Partial<ValueForm>): void {
    if (this.form) this.setForm({ ...this.form, ...partial });
  }

  private setForm(form: ValueForm | undefined): void {
    this.form = form;
    try {
      if (form) localStorage.setItem(UNSAVED + this.appId, JSON.stringify(form));
      else localStorage.removeItem(UNSAVED + this.appId);
    } catch {
      // Storage full or off: the form still works, it is just not kept across a reload.
    }
  }

  private cancel(): void {
    this.problems = [];
    this.saveError = "";
    this.setForm(undefined);
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = this.form;
    if (!form) return;
    // A renamed value moves to the file of its new name, as exports name them.
    const path = `values/${form.name}.json`;
    const remove = form.editing && form.editing !== path ? [form.editing] : [];
    const value = form.kind === "json" ? JSON.parse(form.text) : form.secret;
    const set = { [path]: jsonFile({ name: form.name, value, from_secret: form.kind === "secret" }) };
    const { problems, error } = await this.draft.save(set, remove);
    this.problems = problems;
    this.saveError = error && !problems.length ? error : "";
    if (error) return;
    this.setForm(undefined);
    this.status = `Value ${form.name} saved to the draft. Deploy the draft for rules and functions to read it.`;
  }

  private async removeValue(v: ValueEntry): Promise<void> {
    this.confirmDelete = undefined;
    const { problems, error } = await this.draft.save({}, [v.path]);
    this.status = error ? "" : `Value ${v.name} removed from the draft.`;
    this.deleteError = error ? `${v.name} was not removed: ${[error, ...problems.map((p) => `${p.path}: ${p.message}`)].join("; ")}` : "";
  }
}

/** The JSON syntax problem of a value's text, or "". */
function jsonError(text: string): string {
  if (text.trim() === "") return 'Type a JSON value, for example "text", 42, true or {"key": "value"}.';
  try {
    JSON.parse(text);
    return "";
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}. Text needs double quotes, like "hello".`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-values-list": RsValuesList;
  }
}
