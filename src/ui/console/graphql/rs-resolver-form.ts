import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import type { ConfigProblem } from "../../state/console-api.ts";
import { jsonFile, type DraftFiles } from "../../state/draft-files.ts";
import { controls } from "../../tokens.ts";
import { functionFiles, listFunctions, nameProblem } from "../functions/function-files.ts";
import { checkForm, emptyForm, newResolverPath, resolverSource, signature, writeResolver, type FieldProblem, type ResolverForm, type ResolverItem, type TypeChoice } from "./resolver-files.ts";
import { clearUnsaved, loadUnsaved, saveUnsaved } from "./unsaved.ts";
import type { RsFunctionPicker } from "../auth/rs-function-picker.ts";
import "../auth/rs-function-picker.ts";
import "./rs-resolver-type-field.ts";

type Field = NonNullable<FieldProblem["field"]>;

const FIELD_KEYS: [string, Field][] = [
  ["on_type", "on_type"],
  ["field_name", "field_name"],
  ["function_name", "function_name"],
  ["input_type", "input"],
  ["payload_type", "payload"],
];

/**
 * Creates or edits one custom resolver: the type it adds a field to, the field's name
 * (checked as a GraphQL name as it is typed), input and payload types, and the function
 * that answers it, which can be created here with a starting source. Saves to the draft;
 * a refused save shows deploy's problems beside their fields. Unsaved edits are kept in
 * this browser. Fires `resolver-saved` (detail: path), `resolver-deleted` and `closed`.
 */
@customElement("rs-resolver-form")
export class RsResolverForm extends LitElement {
  @property({ attribute: false }) draft!: DraftFiles;
  /** The resolver edited; undefined for a new one. */
  @property({ attribute: false }) item: ResolverItem | undefined;
  @property({ attribute: false }) others: ResolverItem[] = [];
  /** Object types of the draft's schema: the parents a field can be added to. */
  @property({ attribute: false }) generatedTypes: string[] = [];
  /** What the draft's schema says about the saved resolver (why it is left out of the API). */
  @property({ attribute: false }) warnings: string[] = [];
  @state() private form: ResolverForm = emptyForm();
  @state() private problems: FieldProblem[] = [];
  @state() private notice: { kind: "ok" | "error" | "warning"; text: string; deploy?: boolean } | undefined;
  @state() private busy = false;
  @state() private nameTouched = false;
  @query("dialog") private dialog!: HTMLDialogElement;
  private initialized = false;
  /** The path just written, so the resolver read back from it keeps the form's notice. */
  private justSaved: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: flex; flex-direction: column; gap: var(--rs-space-3); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3) var(--rs-space-4); background: var(--rs-bg-subtle); }
      h2 { font-size: var(--rs-text-lg); margin: 0; }
      .row { display: flex; flex-wrap: wrap; gap: var(--rs-space-3); }
      .field { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); font-weight: 600; }
      .field input, .field select { min-width: 14rem; }
      .help { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; font-weight: 400; max-width: 44rem; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; font-weight: 400; max-width: 28rem; }
      .preview { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); background: var(--rs-bg); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2); margin: 0; overflow-x: auto; }
      .buttons { display: flex; gap: var(--rs-space-2); flex-wrap: wrap; align-items: center; }
      .spacer { flex: 1; }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      dialog h2 { margin-bottom: var(--rs-space-2); }
      .dialog-buttons { display: flex; gap: var(--rs-space-2); justify-content: flex-end; }
    `,
  ];

  private get appId(): string {
    return this.draft.appId ?? "";
  }

  private get unsavedKey(): string {
    return `resolver:${this.item?.path ?? "new"}`;
  }

  private get saved(): ResolverForm {
    return this.item?.form ?? emptyForm();
  }

  private get dirty(): boolean {
    return JSON.stringify(this.form) !== JSON.stringify(this.saved);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.initialized && !changed.has("item")) return;
    const first = !this.initialized;
    this.initialized = true;
    const before = changed.get("item") as ResolverItem | undefined;
    const same = (a: ResolverForm, b: ResolverForm) => JSON.stringify(a) === JSON.stringify(b);
    const saved = this.justSaved;
    this.justSaved = undefined;
    if (before && this.item && before.path === this.item.path) {
      // The same resolver read again (the draft changed): follow it unless edits are under way.
      if (same(this.form, before.form)) this.form = this.item.form;
      return;
    }
    // Just saved as a new resolver: the form already shows it, with its notice.
    if (!first && this.item && saved === this.item.path && same(this.form, this.item.form)) return;
    const kept = loadUnsaved<ResolverForm>(this.appId, this.unsavedKey);
    this.form = kept ?? this.saved;
    this.problems = [];
    this.nameTouched = false;
    this.notice = kept && this.dirty ? { kind: "warning", text: "Changes you had not saved were restored. Save them, or discard them." } : undefined;
  }

  override render() {
    const f = this.form;
    const functions = listFunctions(this.draft.files ?? {}).map((fn) => fn.name);
    const parents = [...new Set(["Query", "Mutation", ...this.generatedTypes, ...(f.on_type ? [f.on_type] : [])])];
    const general = this.problems.filter((p) => !p.field);
    const title = this.item ? `Custom resolver ${this.saved.on_type}.${this.saved.field_name}` : "New custom resolver";
    return html`<form aria-label=${title} @submit=${(e: Event) => (e.preventDefault(), void this.save())}>
        <h2>${title}</h2>
        <div class="row">
          <div>
            <label class="field"
              >Parent type
              <select aria-invalid=${this.problemOf("on_type") ? "true" : "false"} aria-describedby="on_type-problem" @change=${(e: Event) => this.set({ on_type: (e.target as HTMLSelectElement).value })}>
                ${parents.map((p) => html`<option value=${p} ?selected=${p === f.on_type}>${p}</option>`)}
              </select>
            </label>
            <p class="problem" id="on_type-problem">${this.problemOf("on_type")}</p>
          </div>
          <div>
            <label class="field"
              >Field name
              <input
                .value=${f.field_name}
                spellcheck="false"
                autocomplete="off"
                placeholder="e.g. taskCount"
                aria-invalid=${this.problemOf("field_name") ? "true" : "false"}
                aria-describedby="field_name-problem"
                @input=${(e: Event) => this.set({ field_name: (e.target as HTMLInputElement).value })}
                @blur=${() => this.touchName()}
            /></label>
            <p class="problem" id="field_name-problem" role=${this.problemOf("field_name") ? "alert" : nothing}>${this.problemOf("field_name")}</p>
          </div>
        </div>
        <p class="help">
          ${f.on_type === "Query"
            ? "A Query field reads: clients ask for it like any generated query."
            : f.on_type === "Mutation"
              ? "A Mutation field changes data; its writes are undone together if any part of the request fails."
              : `A computed field on every ${f.on_type}: the function gets that document as its source.`}
        </p>
        <rs-resolver-type-field
          kind="input"
          .value=${f.input}
          .generatedTypes=${this.generatedTypes}
          .fieldName=${f.field_name}
          .problem=${this.problemOf("input")}
          @type-changed=${(e: CustomEvent<TypeChoice>) => this.set({ input: e.detail })}
        ></rs-resolver-type-field>
        <rs-resolver-type-field
          kind="payload"
          .value=${f.payload}
          .generatedTypes=${this.generatedTypes}
          .fieldName=${f.field_name}
          .problem=${this.problemOf("payload")}
          @type-changed=${(e: CustomEvent<TypeChoice>) => this.set({ payload: e.detail })}
        ></rs-resolver-type-field>
        <rs-function-picker
          label="Function that answers the field"
          .value=${f.function_name}
          .functions=${functions}
          create-name=${suggestedFunction(f)}
          .problem=${this.problemOf("function_name")}
          ?busy=${this.busy}
          @value-changed=${(e: CustomEvent<string>) => this.set({ function_name: e.detail })}
          @create-function=${this.createFunction}
        ></rs-function-picker>
        <div>
          <p class="help">In the API it reads:</p>
          <pre class="preview" aria-label="How the field reads in the schema">${f.on_type} { ${f.field_name ? signature(f) : "…"} }</pre>
        </div>
        ${this.warnings.length
          ? html`<div class="notice warning" role="status">
              As saved, the draft's schema leaves this field out: ${this.warnings.join("; ")}. Change what it names and save again.
            </div>`
          : nothing}
        ${general.map((p) => html`<p class="notice error" role="alert">${p.message}</p>`)}
        ${this.notice
          ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === "error" ? "alert" : "status"}>
              ${this.notice.text}
              ${this.notice.deploy ? html`<a href="#/deploy">Go to Deployment</a>` : nothing}
            </p>`
          : nothing}
        <div class="buttons">
          <button class="primary" type="submit" ?disabled=${this.busy || (!this.dirty && !!this.item)}>${this.busy ? "Saving…" : "Save to draft"}</button>
          <button type="button" ?disabled=${this.busy} @click=${this.discard}>${this.dirty ? "Discard changes" : "Close"}</button>
          <span class="muted">${this.dirty ? "Unsaved changes, kept in this browser" : this.item ? "Saved in the draft" : ""}</span>
          <span class="spacer"></span>
          ${this.item ? html`<button type="button" class="danger" @click=${() => this.dialog.showModal()}>Delete custom resolver</button>` : nothing}
        </div>
      </form>
      <dialog aria-labelledby="delete-title">
        <h2 id="delete-title">Delete ${this.saved.on_type}.${this.saved.field_name}?</h2>
        <p>The resolver is removed from the draft; the API keeps the field until you deploy. Its function is kept.</p>
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.dialog.close()}>Cancel</button>
          <button type="button" class="danger" @click=${this.deleteResolver}>Delete</button>
        </div>
      </dialog>`;
  }

  private problemOf(field: Field): string {
    return this.problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join(" ");
  }

  private set(change: Partial<ResolverForm>): void {
    this.form = { ...this.form, ...change };
    const changed = Object.keys(change);
    this.problems = this.problems.filter((p) => !p.field || !changed.includes(p.field));
    // The name is checked as it is typed, once the user has left it or it is wrong already.
    if ("field_name" in change && (this.nameTouched || /[^_0-9A-Za-z]|^[0-9]/.test(this.form.field_name))) this.touchName();
    this.notice = undefined;
    if (!this.dirty) clearUnsaved(this.appId, this.unsavedKey);
    else if (!saveUnsaved(this.appId, this.unsavedKey, this.form)) {
      this.notice = { kind: "warning", text: "This browser would not keep your unsaved changes; save them before you leave." };
    }
  }

  private touchName(): void {
    this.nameTouched = true;
    if (!this.form.field_name) return;
    const functions = listFunctions(this.draft.files ?? {}).map((fn) => fn.name);
    const found = checkForm(this.form, this.others, functions).filter((p) => p.field === "field_name");
    this.problems = [...this.problems.filter((p) => p.field !== "field_name"), ...found];
  }

  private async createFunction(e: CustomEvent<string>): Promise<void> {
    const picker = e.target as RsFunctionPicker;
    const name = e.detail;
    const files = this.draft.files ?? {};
    const existing = listFunctions(files).map((fn) => fn.name);
    const problem = nameProblem(name, existing);
    if (problem) {
      this.problems = [...this.problems.filter((p) => p.field !== "function_name"), { field: "function_name", message: problem }];
      return;
    }
    this.busy = true;
    // Private: only the API (and other functions) call it, not clients directly.
    const { problems, error } = await this.draft.save(functionFiles(files, { name, private: true }, resolverSource(this.form)));
    this.busy = false;
    if (error || problems.length) {
      this.problems = [...this.problems.filter((p) => p.field !== "function_name"), { field: "function_name", message: `The function was not created: ${problems.map((p) => p.message).join("; ") || error}` }];
      return;
    }
    picker.created();
    this.set({ function_name: name });
    this.notice = { kind: "ok", text: `Created the function ${name} in the draft with a starting source; edit it under Functions. Save the resolver to use it.` };
  }

  private async save(): Promise<void> {
    const functions = listFunctions(this.draft.files ?? {}).map((fn) => fn.name);
    const problems = checkForm(this.form, this.others, functions);
    this.nameTouched = true;
    if (problems.length) {
      this.problems = problems;
      this.notice = { kind: "error", text: "Not saved: fix what is marked above." };
      return;
    }
    const files = this.draft.files ?? {};
    // An edited resolver keeps its file, whatever it is renamed to: the name of the file is not part of the API.
    const path = this.item?.path ?? newResolverPath(this.form, files);
    this.busy = true;
    this.justSaved = path;
    const { problems: refused, error } = await this.draft.save({ [path]: jsonFile(writeResolver(this.form, this.item?.raw)) });
    this.busy = false;
    if (error || refused.length) {
      this.problems = refused.length ? refused.map(placeProblem) : [{ message: error ?? "The draft refused the resolver." }];
      this.notice = { kind: "error", text: "Not saved: deploy would refuse it. Fix what is marked, then save again." };
      return;
    }
    clearUnsaved(this.appId, this.unsavedKey);
    this.problems = [];
    this.notice = { kind: "ok", text: "Saved to the draft. The field appears in the API once you deploy.", deploy: true };
    this.dispatchEvent(new CustomEvent<string>("resolver-saved", { detail: path, bubbles: true, composed: true }));
  }

  private discard(): void {
    clearUnsaved(this.appId, this.unsavedKey);
    this.form = this.saved;
    this.problems = [];
    this.notice = undefined;
    this.dispatchEvent(new CustomEvent("closed", { bubbles: true, composed: true }));
  }

  private async deleteResolver(): Promise<void> {
    if (!this.item) return;
    this.dialog.close();
    this.busy = true;
    const { problems, error } = await this.draft.save({}, [this.item.path]);
    this.busy = false;
    if (error || problems.length) {
      this.notice = { kind: "error", text: `Not deleted: ${problems.map((p) => p.message).join("; ") || error}` };
      return;
    }
    clearUnsaved(this.appId, this.unsavedKey);
    this.dispatchEvent(new CustomEvent<string>("resolver-deleted", { detail: `${this.saved.on_type}.${this.saved.field_name}`, bubbles: true, composed: true }));
  }
}

/** A deploy problem placed on the field it names, or on the whole resolver. */
function placeProblem(problem: ConfigProblem): FieldProblem {
  const found = FIELD_KEYS.find(([key]) => problem.message.includes(`"${key}`) || problem.message.includes(`${key}"`) || problem.message.includes(`.${key}`));
  const message = problem.path ? `${problem.message} (${problem.path})` : problem.message;
  return found ? { field: found[1], message } : { message };
}

function suggestedFunction(form: ResolverForm): string {
  const name = form.field_name.trim().replace(/[^_0-9A-Za-z]/g, "");
  return name ? `resolve${name.charAt(0).toUpperCase()}${name.slice(1)}` : "resolveField";
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-resolver-form": RsResolverForm;
  }
}
