import { consume } from "@lit/context";
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";
import type { ExtraDiagnostic, RsCodeEditor } from "../../editors/rs-code-editor.ts";
import { ConsoleApiError, type AppFiles, type ConfigProblem, type ImportNote } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { SchemaApi, type CollectionRef, type SchemaValidation } from "../../state/schema-api.ts";
import { collectionPath, formatJson, namespace, starterSchema } from "./collections.ts";
import { keyLines, problemLine } from "./json-lines.ts";
import type { ShownProblem } from "./rs-schema-problems.ts";
import { UnsavedTexts } from "./unsaved-text.ts";
import "./rs-schema-problems.ts";
import "./rs-validation-report.ts";

const CHECK_DELAY_MS = 350;

/**
 * One collection's schema.json in a JSON editor: checked as you type against what deploy
 * would say, kept in this browser until saved to the draft or reverted, generated from
 * the documents, and tried on the documents before it is saved. Fires `draft-changed`
 * after a save, and `schema-dirty` (detail: boolean) when unsaved changes appear or go.
 */
@customElement("rs-schema-editor")
export class RsSchemaEditor extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) target!: CollectionRef;
  @property({ attribute: false }) files!: AppFiles;
  @query("rs-code-editor") private editor!: RsCodeEditor;
  /** Re-renders when the overview changes, for the deployed-or-not badge. */
  private readonly state = new StateController(this, () => this.store);

  @state() private text = "";
  /** What Revert goes back to: the saved schema, or the starter text when there is none. */
  @state() private base = "";
  @state() private restoredAt: number | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private notes: ImportNote[] = [];
  @state() private checkedText: string | undefined;
  @state() private status: { kind: "ok" | "error" | "warning"; text: string } | undefined;
  /** The text before the last Generate or Revert, so either can be undone. */
  @state() private undo: { text: string; label: string } | undefined;
  @state() private validation: SchemaValidation | undefined;
  @state() private busy: "save" | "generate" | "validate" | undefined;
  @state() private sampleSize = 500;

  private readonly unsaved = new UnsavedTexts();
  private loadedKey: string | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;
  private marks: ExtraDiagnostic[] = [];
  /** Whether the parent was last told the text has unsaved changes (`schema-dirty`). */
  private toldDirty: boolean | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { display: flex; flex-direction: column; gap: var(--rs-space-3); }
      .head { display: flex; align-items: baseline; gap: var(--rs-space-3); flex-wrap: wrap; }
      h3 { margin: 0; font-size: var(--rs-text-lg); }
      .badge { font-size: var(--rs-text-sm); padding: 0 var(--rs-space-2); border-radius: var(--rs-radius); background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); }
      .badge.unsaved { background: var(--rs-warning-subtle); border-color: var(--rs-warning); }
      .help { margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); max-width: 52rem; }
      .notice { margin: 0; font-size: var(--rs-text-sm); display: flex; gap: var(--rs-space-3); align-items: center; flex-wrap: wrap; }
      rs-code-editor { --rs-editor-max-height: 20rem; }
      .bar { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .tools { display: flex; flex-direction: column; gap: var(--rs-space-2); padding-top: var(--rs-space-3); border-top: 1px solid var(--rs-border); }
      .tool { display: flex; gap: var(--rs-space-2) var(--rs-space-3); align-items: center; flex-wrap: wrap; font-size: var(--rs-text-sm); }
      .tool label { color: var(--rs-fg-muted); display: inline-flex; gap: var(--rs-space-1); align-items: center; }
      .tool input { width: 5.5rem; }
      .checking { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
    `,
  ];

  private get path(): string {
    return collectionPath(this.target, "schema.json");
  }

  private get saved(): string | undefined {
    return this.files[this.path];
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has("target") && !changed.has("files")) return;
    const key = `${this.store.state.appId}|${this.path}`;
    const base = this.saved ?? starterSchema(this.target.collection);
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      const kept = this.unsaved.get(this.store.state.appId, this.target);
      this.base = base;
      this.text = kept && kept.text !== base ? kept.text : base;
      this.restoredAt = kept && kept.text !== base ? kept.at : undefined;
      if (kept && kept.text === base) this.unsaved.remove(this.store.state.appId, this.target);
      this.status = undefined;
      this.undo = undefined;
      this.validation = undefined;
      this.problems = [];
      this.notes = [];
      this.scheduleCheck(0);
    } else if (base !== this.base) {
      // The draft changed elsewhere: follow it, unless there are edits here to keep.
      if (this.text === this.base) this.text = base;
      this.base = base;
      this.scheduleCheck(0);
    }
  }

  override updated(): void {
    const dirty = this.text !== this.base;
    if (dirty === this.toldDirty) return;
    this.toldDirty = dirty;
    this.dispatchEvent(new CustomEvent("schema-dirty", { detail: dirty, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
  }

  override render() {
    const ns = namespace(this.target);
    const changed = this.text !== this.base;
    const canSave = this.saved === undefined || this.text !== this.saved;
    const shown = this.shownProblems();
    const checking = this.checkedText !== this.text;
    return html`
      <section aria-labelledby="schema-title">
        <div class="head">
          <h3 id="schema-title">Schema</h3>
          <span class="badge ${changed ? "unsaved" : ""}" role="status">
            ${changed ? "Unsaved changes, kept in this browser" : this.savedState()}
          </span>
        </div>
        <p class="help">
          The root describes one document. List each field under <code>properties</code> with its <code>bsonType</code>
          (string, int, double, bool, date, objectId, object, array…), and the fields every document must have under <code>required</code>.
          The <code>title</code> names the GraphQL type.
        </p>
        ${this.saved === undefined && !changed
          ? html`<p class="notice warning">${ns} has no schema: its documents are not checked and GraphQL has no type for it. Start from this outline, or generate one from the documents.</p>`
          : nothing}
        ${this.restoredAt !== undefined
          ? html`<p class="notice warning" role="status">
              Restored your unsaved changes from ${new Date(this.restoredAt).toLocaleString()}. Save them to the draft, or Revert to the saved schema.
            </p>`
          : nothing}
        <rs-code-editor
          language="json"
          label="Schema of ${ns}"
          .value=${this.text}
          .diagnostics=${this.diagnostics(shown)}
          @value-changed=${this.typed}
        ></rs-code-editor>
        <div class="bar">
          <button class="primary" ?disabled=${!canSave || this.busy !== undefined} @click=${this.save}>Save to draft</button>
          <button ?disabled=${!changed || this.busy !== undefined} @click=${this.revert}>Revert</button>
          ${checking ? html`<span class="checking">Checking…</span>` : nothing}
        </div>
        ${this.renderStatus()}
        ${shown.length > 0
          ? html`<rs-schema-problems .problems=${shown} @reveal-line=${(e: CustomEvent<number>) => this.editor.revealLine(e.detail)}></rs-schema-problems>`
          : nothing}
        <div class="tools" role="group" aria-label="Try the schema on the documents">
          <div class="tool">
            <button ?disabled=${this.busy !== undefined} @click=${this.generate}>Generate a schema from the documents</button>
            <label>Sample size <input type="number" min="1" max="50000" .value=${String(this.sampleSize)} @change=${this.sampleChanged} /></label>
            <span class="muted">Fills the editor with the fields and types found in the documents. Nothing is saved until you save.</span>
          </div>
          <div class="tool">
            <button ?disabled=${this.busy !== undefined} @click=${this.validate}>Validate the documents against this schema</button>
            <span class="muted">Checks the stored documents against the text in the editor, saved or not.</span>
          </div>
        </div>
        ${this.validation ? html`<rs-validation-report .result=${this.validation} namespace=${ns}></rs-validation-report>` : nothing}
      </section>
    `;
  }

  /** Where the saved schema stands: only in the draft, or deployed as it is. */
  private savedState(): string {
    const diff = this.store.state.overview?.draft.diff;
    if (this.saved === undefined) return diff?.removed.includes(this.path) ? "Removed in the draft, not deployed yet" : "No schema saved yet";
    return diff && (diff.added.includes(this.path) || diff.modified.includes(this.path)) ? "Saved in the draft, not deployed yet" : "Saved and deployed";
  }

  private renderStatus() {
    const s = this.status;
    if (!s) return nothing;
    return html`<p class="notice ${s.kind}" role=${s.kind === "error" ? "alert" : "status"}>
      <span>${s.text}</span>
      ${this.undo ? html`<button @click=${this.undoLast}>Undo ${this.undo.label}</button>` : nothing}
    </p>`;
  }

  /** Problems of the last check: this file's first (by line), then what the change breaks elsewhere. */
  private shownProblems(): ShownProblem[] {
    const lines = keyLines(this.checkedText ?? this.text);
    const own: ShownProblem[] = [];
    const other: ShownProblem[] = [];
    for (const p of this.problems) {
      if (p.path !== this.path) {
        other.push({ path: p.path, message: p.message, severity: "error", own: false });
        continue;
      }
      const syntax = /^invalid JSON at line (\d+)/.exec(p.message);
      own.push({ path: p.path, message: p.message, severity: "error", own: true, line: syntax ? Number(syntax[1]) : problemLine(p.message, lines) });
    }
    for (const n of this.notes) {
      const message = n.message.replace(/: kept as written, not used for validation$/, "");
      own.push({ path: n.path, message, severity: "warning", own: true, line: problemLine(message, lines) });
    }
    own.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return [...own, ...other];
  }

  /**
   * Editor marks for the problems the editor cannot see itself (it marks JSON syntax on its
   * own). The same array is kept while nothing changes, so the editor does not lint again.
   */
  private diagnostics(shown: ShownProblem[]): ExtraDiagnostic[] {
    const fresh = this.checkedText === this.text;
    const marks = fresh ? shown.filter((p) => p.own && !p.message.startsWith("invalid JSON")).map((p) => ({ line: p.line, message: p.message, severity: p.severity })) : [];
    if (JSON.stringify(marks) !== JSON.stringify(this.marks)) this.marks = marks;
    return this.marks;
  }

  private typed(event: CustomEvent<string>): void {
    if (event.detail === this.text) return;
    this.text = event.detail;
    this.keep();
    this.scheduleCheck(CHECK_DELAY_MS);
  }

  /** Keeps the text in this browser while it differs from what is saved. */
  private keep(): void {
    const { appId } = this.store.state;
    if (this.text === this.base) {
      this.unsaved.remove(appId, this.target);
      this.restoredAt = undefined;
    } else if (!this.unsaved.set(appId, this.target, this.text)) {
      this.status = { kind: "warning", text: "This browser would not keep your unsaved text (its storage is full or blocked): save it to the draft soon." };
    }
  }

  private scheduleCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), delay);
  }

  /** Asks the backend what deploy would say of the draft with this text in place. */
  private async check(): Promise<void> {
    const seq = ++this.checkSeq;
    const text = this.text;
    try {
      const { problems, notes } = await this.store.api.checkDraft(this.store.state.appId, { ...this.files, [this.path]: text });
      if (seq !== this.checkSeq) return;
      this.problems = problems;
      this.notes = notes.filter((n) => n.path === this.path);
      this.checkedText = text;
    } catch (error) {
      if (seq !== this.checkSeq) return;
      this.problems = [{ path: this.path, message: `The check could not run: ${(error as Error).message}` }];
      this.notes = [];
      this.checkedText = text;
    }
  }

  private async save(): Promise<void> {
    await this.run("save", async () => {
      const { appId } = this.store.state;
      try {
        await this.store.api.patchDraft(appId, { [this.path]: this.text });
      } catch (error) {
        if (!(error instanceof ConsoleApiError) || error.problems.length === 0) throw error;
        this.problems = error.problems;
        this.checkedText = this.text;
        this.status = { kind: "error", text: "Not saved: deploy would refuse this schema. Fix the problems listed below, then save again." };
        return;
      }
      this.unsaved.remove(appId, this.target);
      this.restoredAt = undefined;
      this.undo = undefined;
      this.base = this.text;
      this.status = { kind: "ok", text: "Saved to the draft. Deploy it from the top bar (Review draft & deploy) to make it live." };
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    });
  }

  private revert(): void {
    this.undo = { text: this.text, label: "Revert" };
    this.setText(this.base);
    this.status = { kind: "ok", text: this.saved === undefined ? "Back to the outline; nothing was saved." : "Back to the schema saved in the draft." };
  }

  private async generate(): Promise<void> {
    await this.run("generate", async () => {
      const { schema, sampled, limit } = await new SchemaApi(this.store.api).generate(this.store.state.appId, this.target, this.sampleSize);
      this.undo = { text: this.text, label: "Generate" };
      this.setText(formatJson(schema));
      const docs = `${sampled} ${sampled === 1 ? "document" : "documents"}`;
      this.status = {
        kind: "ok",
        text:
          sampled === 0
            ? `${namespace(this.target)} has no documents yet, so this is an outline with only _id. Add the fields, then Save to draft.`
            : `Generated from ${docs}${sampled === limit ? ` (the sample size)` : ""}. Check the types and add "required", then Save to draft: nothing is saved yet.`,
      };
    });
  }

  private async validate(): Promise<void> {
    let schema: unknown;
    try {
      schema = JSON.parse(this.text);
    } catch {
      this.validation = undefined;
      this.status = { kind: "error", text: "The schema is not valid JSON yet: fix what the editor marks, then validate again." };
      return;
    }
    await this.run("validate", async () => {
      this.validation = undefined;
      this.validation = await new SchemaApi(this.store.api).validate(this.store.state.appId, this.target, schema);
      if (this.status?.kind === "error") this.status = undefined;
    });
  }

  private undoLast(): void {
    if (!this.undo) return;
    this.setText(this.undo.text);
    this.status = { kind: "ok", text: `${this.undo.label} undone.` };
    this.undo = undefined;
  }

  private setText(text: string): void {
    this.text = text;
    this.keep();
    this.scheduleCheck(0);
  }

  private sampleChanged(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    this.sampleSize = Number.isInteger(value) && value >= 1 && value <= 50_000 ? value : 500;
  }

  private async run(what: "save" | "generate" | "validate", action: () => Promise<void>): Promise<void> {
    this.busy = what;
    try {
      await action();
    } catch (error) {
      const verb = what === "save" ? "Saving" : what === "generate" ? "Generating a schema" : "Validating the documents";
      this.status = { kind: "error", text: `${verb} failed: ${(error as Error).message}` };
    } finally {
      this.busy = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-schema-editor": RsSchemaEditor;
  }
}
