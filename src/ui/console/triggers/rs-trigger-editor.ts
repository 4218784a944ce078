import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { ConsoleApiError } from "../../state/console-api.ts";
import type { NewFunction, TriggerFile, TriggersApi, TriggerSummary, TriggersPage } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import {
  AUTH_OPERATIONS,
  DATABASE_OPERATIONS,
  KNOWN_PROVIDERS,
  TYPE_LABELS,
  fieldOfProblem,
  functionOf,
  jsonText,
  newTrigger,
  operationsOf,
  parseObject,
  starterSource,
  stringsOf,
  suggestedFunctionName,
  toggled,
  withConfig,
  withFunction,
  withOperations,
  type ProblemField,
  type TriggerType,
} from "./trigger-form.ts";
import { NEW_KEY, UnsavedTriggers } from "./unsaved.ts";
import "../../editors/rs-code-editor.ts";
import "./rs-schedule-field.ts";
import "./rs-trigger-function.ts";
import "./rs-trigger-runs.ts";
import "./rs-trigger-delivery.ts";

const PROVIDER_NAMES: Record<string, string> = {
  "local-userpass": "Email/Password",
  "anon-user": "Anonymous",
  "api-key": "API key",
  "custom-token": "Custom JWT",
  "custom-function": "Custom function",
  "oauth2-google": "Google",
  "oauth2-apple": "Apple",
  "oauth2-facebook": "Facebook",
};

interface Problem {
  field: ProblemField;
  message: string;
}

/**
 * One trigger's form: name, type, enabled, what it listens to (by type), the function it
 * runs (or a new one), saved to the draft as triggers/<name>.json. Unsaved edits stay in
 * this browser until saved or discarded; deploy's problems show beside their field.
 */
@customElement("rs-trigger-editor")
export class RsTriggerEditor extends LitElement {
  @property({ attribute: false }) page!: TriggersPage;
  /** The saved trigger; undefined for a new one. */
  @property({ attribute: false }) summary: TriggerSummary | undefined;
  @property({ attribute: false }) api!: TriggersApi;
  @property() appId = "";
  @state() private file!: TriggerFile;
  @state() private newFunction: NewFunction | undefined;
  @state() private matchText = "{}";
  @state() private projectText = "{}";
  @state() private dirty = false;
  @state() private restored = false;
  @state() private problems: Problem[] = [];
  @state() private saving = false;
  @state() private kept = true;
  @query("dialog") private dialog!: HTMLDialogElement;
  private key = "";
  private readonly unsaved = new UnsavedTriggers();

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 60rem; }
      form { display: flex; flex-direction: column; gap: var(--rs-space-4); }
      fieldset { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3) var(--rs-space-4); margin: 0; display: flex; flex-direction: column; gap: var(--rs-space-3); }
      legend { font-weight: 600; padding: 0 var(--rs-space-1); }
      .field { display: flex; flex-direction: column; gap: var(--rs-space-1); }
      .field > label, .group-label { font-weight: 600; }
      .checks { display: flex; flex-direction: row; flex-wrap: wrap; gap: var(--rs-space-2) var(--rs-space-4); border: 0; padding: 0; margin: 0; }
      .checks legend { padding: 0; margin-bottom: var(--rs-space-1); float: left; width: 100%; }
      .check { display: inline-flex; gap: var(--rs-space-1); align-items: center; font-weight: normal; }
      input[type="text"], select { max-width: 24rem; }
      .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0; max-width: 44rem; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; }
      .actions { display: flex; gap: var(--rs-space-2); flex-wrap: wrap; align-items: center; position: sticky; bottom: 0; background: var(--rs-bg); padding: var(--rs-space-2) 0; border-top: 1px solid var(--rs-border); }
      .spacer { flex: 1; }
      rs-code-editor { --rs-editor-max-height: 14rem; }
      rs-trigger-runs { margin-top: var(--rs-space-6); }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      dialog h2 { font-size: var(--rs-text-lg); margin-top: 0; }
      .dialog-buttons { display: flex; gap: var(--rs-space-2); justify-content: flex-end; }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has("summary") && !changed.has("appId")) return;
    const key = this.summary?.name ?? NEW_KEY;
    if (key === this.key && this.dirty) return;
    const fresh = key !== this.key;
    this.key = key;
    const kept = fresh ? this.unsaved.get(this.appId, key) : undefined;
    if (kept) {
      this.file = kept.file;
      this.newFunction = kept.newFunction;
      this.matchText = kept.matchText ?? jsonText(kept.file.config.match);
      this.projectText = kept.projectText ?? jsonText(kept.file.config.project);
      this.dirty = true;
      this.restored = true;
    } else {
      this.file = this.summary?.file ?? newTrigger("SCHEDULED");
      this.newFunction = undefined;
      this.matchText = jsonText(this.file.config.match);
      this.projectText = jsonText(this.file.config.project);
      this.dirty = this.summary === undefined;
      this.restored = false;
    }
    if (fresh) this.problems = [];
  }

  override render() {
    const f = this.file;
    const isNew = this.summary === undefined;
    return html`
      ${this.restored ? html`<p class="notice warning" role="status">Unsaved changes to this trigger were kept in this browser and are shown here. Save them, or discard them.</p>` : nothing}
      ${!this.kept ? html`<p class="notice warning" role="alert">This browser would not keep your unsaved changes (storage is full or blocked): save them before leaving.</p>` : nothing}
      ${this.problemsOf("general").map((m) => html`<p class="notice error" role="alert">${m}</p>`)}
      <form @submit=${(e: Event) => (e.preventDefault(), void this.save())}>
        <fieldset>
          <legend>Trigger</legend>
          <div class="field">
            <label for="name">Trigger name</label>
            <input id="name" type="text" .value=${f.name} spellcheck="false" aria-describedby="name-problem" @input=${(e: Event) => this.change({ ...f, name: (e.target as HTMLInputElement).value })} />
            ${this.problemLine("name")}
          </div>
          ${isNew
            ? html`<fieldset class="checks">
                <legend class="group-label">Trigger type</legend>
                ${(["AUTHENTICATION", "DATABASE", "SCHEDULED"] as TriggerType[]).map(
                  (t) => html`<label class="check"><input type="radio" name="type" .checked=${f.type === t} @change=${() => this.changeType(t)} />${TYPE_LABELS[t]}</label>`,
                )}
              </fieldset>`
            : html`<p class="help">Type: ${TYPE_LABELS[f.type]}</p>`}
          <label class="check"><input type="checkbox" .checked=${!f.disabled} @change=${(e: Event) => this.change({ ...f, disabled: !(e.target as HTMLInputElement).checked })} />Enabled</label>
          <p class="help">A disabled trigger is kept but does not fire, even when deployed.</p>
        </fieldset>
        ${f.type === "AUTHENTICATION" ? this.renderAuth(f) : f.type === "DATABASE" ? this.renderDatabase(f) : this.renderSchedule(f)}
        <fieldset>
          <legend>What it runs</legend>
          <rs-trigger-function
            .functions=${this.page.functions}
            .value=${functionOf(f)}
            .newFunction=${this.newFunction}
            .problem=${this.problemsOf("function").join(" ")}
            @function-changed=${this.functionChanged}
          ></rs-trigger-function>
        </fieldset>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.saving || !this.dirty}>${this.saving ? "Saving…" : "Save to draft"}</button>
          ${this.dirty && (!isNew || this.edited()) ? html`<button type="button" @click=${this.discard}>Discard changes</button>` : nothing}
          ${this.problems.length > 0
            ? html`<span class="problem" role="alert">Not saved: ${this.problems.length === 1 ? "1 problem, shown" : `${this.problems.length} problems, shown`} beside ${this.problems.length === 1 ? "its field" : "their fields"} above.</span>`
            : html`<span class="muted">${isNew && !this.edited() ? "Not saved yet" : this.dirty ? "Unsaved changes" : "Saved in the draft"}</span>`}
          <span class="spacer"></span>
          ${isNew ? nothing : html`<button type="button" class="danger" @click=${() => this.dialog.showModal()}>Delete trigger</button>`}
        </div>
      </form>
      <rs-trigger-runs
        .api=${this.api}
        .appId=${this.appId}
        .name=${this.summary?.name ?? ""}
        .file=${f}
        .timeZone=${this.page.timeZone}
        .blocked=${this.newFunction ? "Save first: the new function is created when you save the trigger." : functionOf(f) ? "" : "Link a function first."}
      ></rs-trigger-runs>
      <dialog aria-labelledby="delete-title">
        <h2 id="delete-title">Delete trigger ${this.summary?.name}?</h2>
        <p>It is removed from the draft; the running app keeps it until you deploy. Its function is kept.</p>
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.dialog.close()}>Cancel</button>
          <button type="button" class="danger" @click=${this.deleteTrigger}>Delete</button>
        </div>
      </dialog>
    `;
  }

  private renderAuth(f: TriggerFile) {
    const ops = operationsOf(f);
    const chosen = stringsOf(f.config.providers);
    // The app's providers and any the file names; the others would never fire.
    const providers = [...new Set([...this.page.providers, ...chosen])].sort((a, b) => KNOWN_PROVIDERS.indexOf(a) - KNOWN_PROVIDERS.indexOf(b));
    return html`<fieldset>
      <legend>When it fires</legend>
      ${this.checks("Operation types", AUTH_OPERATIONS, ops, (op, on) => this.change(withOperations(f, toggled(ops, op, on, AUTH_OPERATIONS))), "operations")}
      <p class="help">CREATE fires once when a user first signs up, LOGIN on every login, DELETE when a user is deleted.</p>
      ${this.checks(
        "Providers",
        providers,
        chosen,
        (p, on) => this.change(withConfig(f, { providers: toggled(chosen, p, on, providers) })),
        "providers",
        (p) => `${PROVIDER_NAMES[p] ?? p} (${p})${this.page.providers.includes(p) ? "" : ", not set up in this app"}`,
      )}
      <p class="help">These are the providers set up on the Authentication screen; add one there to offer it here.</p>
    </fieldset>`;
  }

  private renderDatabase(f: TriggerFile) {
    const c = f.config;
    const ops = operationsOf(f);
    const service = String(c.service_name ?? "");
    const inService = this.page.collections.filter((x) => x.service === service);
    const databases = [...new Set(inService.map((x) => x.database))];
    const collections = inService.filter((x) => x.database === c.database).map((x) => x.collection);
    return html`<fieldset>
      <legend>When it fires</legend>
      <div class="field">
        <label for="cluster">Cluster (linked data source)</label>
        <select id="cluster" aria-describedby="cluster-problem" @change=${(e: Event) => this.change(withConfig(f, { service_name: (e.target as HTMLSelectElement).value }))}>
          ${[...new Set([...this.page.dataSources, service])].filter(Boolean).map((d) => html`<option value=${d} ?selected=${d === service}>${d}</option>`)}
        </select>
        ${this.problemLine("cluster")}
      </div>
      <div class="field">
        <label for="db">Database</label>
        <input id="db" type="text" list="dbs" .value=${String(c.database ?? "")} aria-describedby="database-problem" @input=${(e: Event) => this.change(withConfig(f, { database: (e.target as HTMLInputElement).value }))} />
        <datalist id="dbs">${databases.map((d) => html`<option value=${d}></option>`)}</datalist>
      </div>
      <div class="field">
        <label for="coll">Collection</label>
        <input id="coll" type="text" list="colls" .value=${String(c.collection ?? "")} @input=${(e: Event) => this.change(withConfig(f, { collection: (e.target as HTMLInputElement).value }))} />
        <datalist id="colls">${collections.map((x) => html`<option value=${x}></option>`)}</datalist>
        <p class="help">Leave the collection empty to watch every collection of the database.</p>
        ${this.problemLine("database")}
      </div>
      ${this.checks("Operation types", DATABASE_OPERATIONS, ops, (op, on) => this.change(withOperations(f, toggled(ops, op, on, DATABASE_OPERATIONS))), "operations")}
      <label class="check"><input type="checkbox" .checked=${c.full_document === true} @change=${(e: Event) => this.change(withConfig(f, { full_document: (e.target as HTMLInputElement).checked }))} />Full document</label>
      <p class="help">Also send the whole document after an update (inserts and replaces always carry it).</p>
      <label class="check"><input type="checkbox" .checked=${c.full_document_before_change === true} @change=${(e: Event) => this.change(withConfig(f, { full_document_before_change: (e.target as HTMLInputElement).checked }))} />Document before the change</label>
      <p class="help">Send the document as it was before an update, replace or delete.</p>
      <rs-trigger-delivery .config=${c} @config-changed=${(e: CustomEvent<Record<string, boolean>>) => this.change(withConfig(f, e.detail))}></rs-trigger-delivery>
      <div class="field">
        <span class="group-label" id="match-label">Match expression</span>
        <p class="help">A query on the change event; only events it matches fire the trigger, e.g. <code>{"fullDocument.status": "Complete"}</code>. <code>{}</code> matches every event.</p>
        <rs-code-editor language="json" label="Match expression" .value=${this.matchText} .diagnostics=${this.jsonDiagnostics(this.matchText, "match")} @value-changed=${(e: CustomEvent<string>) => this.changeText("match", e.detail)}></rs-code-editor>
        ${this.problemLine("match")}
      </div>
      <div class="field">
        <span class="group-label">Project expression</span>
        <p class="help">Which fields of the event the function receives, e.g. <code>{"fullDocument.name": 1, "operationType": 1}</code>. <code>{}</code> sends the whole event.</p>
        <rs-code-editor language="json" label="Project expression" .value=${this.projectText} .diagnostics=${this.jsonDiagnostics(this.projectText, "project")} @value-changed=${(e: CustomEvent<string>) => this.changeText("project", e.detail)}></rs-code-editor>
        ${this.problemLine("project")}
      </div>
    </fieldset>`;
  }

  private renderSchedule(f: TriggerFile) {
    return html`<fieldset>
      <legend>When it fires</legend>
      <rs-schedule-field
        .value=${String(f.config.schedule ?? "")}
        .appId=${this.appId}
        .api=${this.api}
        .problem=${this.problemsOf("schedule").join(" ")}
        @value-changed=${(e: CustomEvent<string>) => this.change(withConfig(f, { schedule: e.detail }))}
      ></rs-schedule-field>
    </fieldset>`;
  }

  private checks(label: string, options: readonly string[], chosen: string[], set: (item: string, on: boolean) => void, field: ProblemField, text = (o: string) => o) {
    return html`<fieldset class="checks">
      <legend class="group-label">${label}</legend>
      ${options.map((o) => html`<label class="check"><input type="checkbox" .checked=${chosen.includes(o)} @change=${(e: Event) => set(o, (e.target as HTMLInputElement).checked)} />${text(o)}</label>`)}
      ${this.problemLine(field)}
    </fieldset>`;
  }

  private problemsOf(field: ProblemField): string[] {
    return this.problems.filter((p) => p.field === field).map((p) => p.message);
  }

  private problemLine(field: ProblemField) {
    const messages = this.problemsOf(field);
    return messages.length === 0 ? nothing : html`<p class="problem" id=${`${field}-problem`} role="alert">${messages.join(" ")}</p>`;
  }

  private jsonDiagnostics(text: string, field: "match" | "project") {
    const parsed = parseObject(text);
    return parsed.ok ? [] : [{ message: `The ${field} expression is ${parsed.message}`, severity: "error" as const }];
  }

  private change(file: TriggerFile): void {
    this.file = file;
    this.dirty = true;
    this.keep();
  }

  private changeType(type: TriggerType): void {
    const next = { ...newTrigger(type, this.file.name), function_name: functionOf(this.file), disabled: this.file.disabled };
    this.matchText = jsonText(next.config.match);
    this.projectText = jsonText(next.config.project);
    if (this.newFunction) this.newFunction = { ...this.newFunction, source: starterSource(next) };
    this.change(next);
  }

  private changeText(field: "match" | "project", text: string): void {
    if (field === "match") this.matchText = text;
    else this.projectText = text;
    this.dirty = true;
    this.keep();
  }

  private functionChanged = (e: CustomEvent<{ name?: string; create?: boolean; newFunction?: NewFunction }>): void => {
    const d = e.detail;
    if (d.create) this.newFunction = { name: suggestedFunctionName(this.file.name, this.page.functions), source: starterSource(this.file) };
    else if (d.newFunction) this.newFunction = d.newFunction;
    else {
      this.newFunction = undefined;
      this.file = withFunction(this.file, d.name ?? "");
    }
    this.dirty = true;
    this.keep();
  };

  /** Every edit is kept in this browser; the last save's problems give way to the new text. */
  private keep(): void {
    this.problems = [];
    this.kept = this.unsaved.set(this.appId, this.key, {
      file: this.file,
      newFunction: this.newFunction,
      matchText: this.matchText,
      projectText: this.projectText,
      at: Date.now(),
    });
  }

  /** The file as it will be saved: JSON editors' objects in, the new function linked. */
  private fileToSave(): TriggerFile | undefined {
    let file = this.file;
    const problems: Problem[] = [];
    if (file.type === "DATABASE") {
      const match = parseObject(this.matchText);
      const project = parseObject(this.projectText);
      if (!match.ok) problems.push({ field: "match", message: `The match expression is ${match.message}.` });
      if (!project.ok) problems.push({ field: "project", message: `The project expression is ${project.message}.` });
      if (match.ok && project.ok) file = withConfig(file, { match: match.value, project: project.value });
    }
    if (this.newFunction) file = withFunction(file, this.newFunction.name);
    this.problems = problems;
    return problems.length === 0 ? file : undefined;
  }

  private async save(): Promise<void> {
    const file = this.fileToSave();
    if (!file) return;
    this.saving = true;
    try {
      await this.api.save(this.appId, this.summary?.name ?? file.name, file, this.newFunction);
      this.unsaved.remove(this.appId, this.key);
      this.problems = [];
      this.dirty = false;
      this.restored = false;
      this.newFunction = undefined;
      this.file = file;
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
      this.dispatchEvent(new CustomEvent("trigger-saved", { detail: file.name, bubbles: true, composed: true }));
    } catch (error) {
      this.problems = this.placed(error);
    } finally {
      this.saving = false;
    }
  }

  /** Deploy's problems beside their field; another file's problem names its path. */
  private placed(error: unknown): Problem[] {
    if (error instanceof ConsoleApiError && error.problems.length > 0) {
      return error.problems.map((p) =>
        p.path.startsWith("triggers/")
          ? { field: fieldOfProblem(p.message, [this.file.name, functionOf(this.file), this.newFunction?.name ?? ""]), message: p.message }
          : p.path.startsWith("functions/")
            ? { field: "function" as const, message: `${p.path}: ${p.message}` }
            : { field: "general" as const, message: `Not saved: ${p.path}: ${p.message}` },
      );
    }
    const message = (error as Error).message;
    const field = /function/i.test(message) ? "function" : /trigger name/i.test(message) ? "name" : "general";
    return [{ field, message: field === "general" ? `Not saved: ${message}` : message }];
  }

  /** Whether a new trigger differs from the blank one of its type. */
  private edited(): boolean {
    return this.newFunction !== undefined || JSON.stringify(this.file) !== JSON.stringify(newTrigger(this.file.type));
  }

  private discard = (): void => {
    this.unsaved.remove(this.appId, this.key);
    this.key = "";
    this.requestUpdate("summary");
  };

  private deleteTrigger = async (): Promise<void> => {
    const name = this.summary?.name;
    if (!name) return;
    try {
      await this.api.remove(this.appId, name);
      this.unsaved.remove(this.appId, name);
      this.dialog.close();
      this.dispatchEvent(new CustomEvent("trigger-deleted", { detail: name, bubbles: true, composed: true }));
    } catch (error) {
      this.dialog.close();
      this.problems = [{ field: "general", message: `The trigger could not be deleted: ${(error as Error).message}` }];
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-trigger-editor": RsTriggerEditor;
  }
}
