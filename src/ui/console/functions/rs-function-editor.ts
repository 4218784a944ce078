import { consume } from "@lit/context";
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { href } from "../../shell/links.ts";
import "../../editors/rs-code-editor.ts";
import type { ExtraDiagnostic, RsCodeEditor } from "../../editors/rs-code-editor.ts";
import { ConsoleApiError, type AppFiles, type ConfigProblem } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { FUNCTIONS_CONFIG, functionFiles, problemLine, removalFiles, sourcePath, type FunctionItem, type FunctionSettings } from "./function-files.ts";
import { UnsavedFunctions } from "./unsaved.ts";
import "./rs-function-settings.ts";
import "./rs-function-run.ts";

const CHECK_DELAY_MS = 350;

interface Shown {
  message: string;
  line?: number;
  where: "source" | "settings" | string;
}

/**
 * One function: its source in a JavaScript editor and its settings, checked as you type
 * against what deploy would say, kept in this browser until saved to the draft or
 * reverted; Run tries the text in the editor, saved or not. Fires `draft-changed`.
 */
@customElement("rs-function-editor")
export class RsFunctionEditor extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) item!: FunctionItem;
  @property({ attribute: false }) files!: AppFiles;
  @query("rs-code-editor") private editor!: RsCodeEditor;
  private readonly state = new StateController(this, () => this.store);

  @state() private text = "";
  @state() private settings: FunctionSettings = { name: "" };
  @state() private canEvaluate = "{}";
  @state() private base = { text: "", settings: "", canEvaluate: "{}" };
  @state() private restoredAt: number | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private checked: string | undefined;
  @state() private status: { kind: "ok" | "error" | "warning"; text: string } | undefined;
  @state() private busy = false;
  @state() private confirmDelete = false;

  private readonly unsaved = new UnsavedFunctions();
  private loadedKey: string | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;
  private marks: ExtraDiagnostic[] = [];
  private settingsMarks: ExtraDiagnostic[] = [];

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-4); }
      .head { display: flex; align-items: baseline; gap: var(--rs-space-3); flex-wrap: wrap; }
      h2 { margin: 0; font-size: var(--rs-text-lg); font-family: var(--rs-font-mono); word-break: break-all; }
      .badge { font-size: var(--rs-text-sm); padding: 0 var(--rs-space-2); border-radius: var(--rs-radius); background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); }
      .badge.unsaved { background: var(--rs-warning-subtle); border-color: var(--rs-warning); }
      .notice { margin: 0; font-size: var(--rs-text-sm); display: flex; gap: var(--rs-space-3); align-items: center; flex-wrap: wrap; }
      .source { display: flex; flex-direction: column; gap: var(--rs-space-2); min-width: 0; }
      rs-code-editor.js { --rs-editor-max-height: 24rem; min-height: 12rem; }
      .bar { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .checking { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      .problems { border: 1px solid var(--rs-danger); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); background: var(--rs-danger-subtle); font-size: var(--rs-text-sm); }
      .problems h3 { margin: 0 0 var(--rs-space-1); font-size: var(--rs-text-sm); }
      .problems ul { margin: 0; padding: 0; list-style: none; }
      .problems li { display: flex; gap: var(--rs-space-2); align-items: baseline; justify-content: space-between; padding: 2px 0; }
      .confirm { border: 1px solid var(--rs-danger); border-radius: var(--rs-radius); padding: var(--rs-space-3); display: flex; flex-direction: column; gap: var(--rs-space-2); }
      .confirm p { margin: 0; }
    `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has("item") && !changed.has("files")) return;
    const appId = this.store.state.appId;
    const key = `${appId}|${this.item.name}`;
    const base = this.savedBase();
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      const kept = this.unsaved.get(appId, this.item.name);
      const keptDiffers = kept && (kept.source !== base.text || JSON.stringify(kept.settings) !== base.settings || kept.canEvaluate !== base.canEvaluate);
      this.base = base;
      if (kept && keptDiffers) {
        this.text = kept.source;
        this.settings = { ...(kept.settings as FunctionSettings), name: this.item.name };
        this.canEvaluate = kept.canEvaluate;
        this.restoredAt = kept.at;
      } else {
        if (kept) this.unsaved.remove(appId, this.item.name);
        this.resetTo(base);
        this.restoredAt = undefined;
      }
      this.status = undefined;
      this.confirmDelete = false;
      this.problems = [];
      this.scheduleCheck(0);
    } else if (JSON.stringify(base) !== JSON.stringify(this.base)) {
      // The draft changed elsewhere: follow it unless there are edits here to keep.
      if (!this.dirty) this.resetTo(base);
      this.base = base;
      this.scheduleCheck(0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
  }

  private savedBase() {
    const { can_evaluate, ...rest } = this.item.settings;
    return {
      text: this.item.source ?? "",
      settings: JSON.stringify(rest),
      canEvaluate: can_evaluate === undefined ? "{}" : JSON.stringify(can_evaluate, null, 2),
    };
  }

  private resetTo(base: { text: string; settings: string; canEvaluate: string }): void {
    this.text = base.text;
    this.settings = JSON.parse(base.settings) as FunctionSettings;
    this.canEvaluate = base.canEvaluate;
  }

  private get dirty(): boolean {
    const { can_evaluate: _, ...rest } = this.settings;
    return this.text !== this.base.text || JSON.stringify(rest) !== this.base.settings || this.canEvaluate !== this.base.canEvaluate;
  }

  /** The entry to save and run with, or why the can_evaluate text cannot be used yet. */
  private effective(): { settings: FunctionSettings; error?: string } {
    const { can_evaluate: _, ...settings } = this.settings;
    const text = this.canEvaluate.trim();
    if (text === "" || text === "{}") return { settings };
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== "object" || value === null || Array.isArray(value)) return { settings, error: "Can evaluate must be a JSON object (an expression)." };
      return { settings: { ...settings, can_evaluate: value as Record<string, unknown> } };
    } catch (error) {
      return { settings, error: `Can evaluate is not valid JSON yet: ${(error as Error).message}` };
    }
  }

  override render() {
    const name = this.item.name;
    const dirty = this.dirty;
    const shown = this.shown();
    const checking = this.checked !== this.checkKey();
    const effective = this.effective();
    return html`
      <div class="head">
        <h2>${name}</h2>
        <span class="badge ${dirty ? "unsaved" : ""}" role="status">${dirty ? "Unsaved changes, kept in this browser" : this.savedState()}</span>
      </div>
      ${this.restoredAt !== undefined
        ? html`<p class="notice warning" role="status">
            Restored your unsaved changes from ${new Date(this.restoredAt).toLocaleString()}. Save them to the draft, or Revert to the saved function.
          </p>`
        : nothing}
      ${this.item.source === undefined
        ? html`<p class="notice warning">functions/config.json lists ${name} but its file ${sourcePath(name)} is missing: save a source to add it.</p>`
        : nothing}
      <div class="source">
        <rs-code-editor
          class="js"
          language="javascript"
          label="Source of ${name}"
          .value=${this.text}
          .diagnostics=${this.sourceMarks(shown)}
          @value-changed=${this.typed}
        ></rs-code-editor>
        ${shown.length > 0 ? this.renderProblems(shown) : nothing}
        <div class="bar">
          <button class="primary" ?disabled=${!dirty || this.busy} @click=${this.save}>Save to draft</button>
          <button ?disabled=${!dirty || this.busy} @click=${this.revert}>Revert</button>
          <button class="danger" ?disabled=${this.busy} @click=${() => (this.confirmDelete = true)}>Delete function</button>
          ${checking ? html`<span class="checking">Checking…</span>` : nothing}
        </div>
        ${this.confirmDelete ? this.renderConfirm() : nothing}
        ${this.status
          ? html`<p class="notice ${this.status.kind}" role=${this.status.kind === "error" ? "alert" : "status"}>${this.status.text}</p>`
          : nothing}
      </div>
      <rs-function-run
        .name=${name}
        .source=${this.text}
        .settings=${effective.settings}
        .blocked=${effective.error}
        @reveal-line=${(e: CustomEvent<number>) => this.editor.revealLine(e.detail)}
      ></rs-function-run>
      <rs-function-settings
        .settings=${this.settings}
        .canEvaluate=${this.canEvaluate}
        .diagnostics=${this.canEvaluateMarks(shown, effective.error)}
        @settings-changed=${this.settingsChanged}
      ></rs-function-settings>
    `;
  }

  private renderProblems(shown: Shown[]) {
    return html`<section class="problems" aria-label="Problems deploy would report">
      <h3>${shown.length === 1 ? "1 problem" : `${shown.length} problems`} deploy would refuse</h3>
      <ul>
        ${shown.map(
          (p) => html`<li>
            <span>${p.where === "source" ? nothing : html`<code>${p.where === "settings" ? "Settings" : p.where}</code>: `}${p.message}</span>
            ${p.line ? html`<button @click=${() => this.editor.revealLine(p.line!)}>Go to line ${p.line}</button>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderConfirm() {
    const callers = this.callers();
    return html`<div class="confirm" role="group" aria-label="Delete ${this.item.name}?">
      <p><strong>Delete ${this.item.name}?</strong> Its file and its settings leave the draft; the deployed app keeps it until you deploy.</p>
      ${callers.length > 0 ? html`<p class="notice warning">Still named by ${callers.join(", ")}: deploy will refuse until those change too.</p>` : nothing}
      <div class="bar">
        <button class="danger" @click=${this.deleteFunction}>Delete ${this.item.name}</button>
        <button @click=${() => (this.confirmDelete = false)}>Keep it</button>
      </div>
    </div>`;
  }

  /** Files of the draft (other than its own) that mention the function by name. */
  private callers(): string[] {
    const name = this.item.name;
    return Object.entries(this.files)
      .filter(([path, text]) => path !== sourcePath(name) && path !== FUNCTIONS_CONFIG && (text.includes(`"${name}"`) || text.includes(`'${name}'`)))
      .map(([path]) => path);
  }

  private savedState(): string {
    const diff = this.store.state.overview?.draft.diff;
    const path = sourcePath(this.item.name);
    const inDraft = diff && (diff.added.includes(path) || diff.modified.includes(path) || diff.modified.includes(FUNCTIONS_CONFIG) || diff.added.includes(FUNCTIONS_CONFIG));
    return inDraft ? "Saved in the draft, not deployed yet" : "Saved and deployed";
  }

  private checkKey(): string {
    return JSON.stringify([this.text, this.settings, this.canEvaluate]);
  }

  /** What deploy would say of this function, placed on its source lines or on the settings. */
  private shown(): Shown[] {
    const name = this.item.name;
    const out: Shown[] = [];
    for (const p of this.problems) {
      if (p.path === sourcePath(name)) out.push({ where: "source", message: p.message, line: problemLine(p.message) });
      else if (p.path === FUNCTIONS_CONFIG) {
        if (p.message.includes(name)) out.push({ where: "settings", message: p.message });
      } else out.push({ where: p.path, message: p.message });
    }
    return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  /** The deploy check's problems of the source, on their lines; the same array while unchanged. */
  private sourceMarks(shown: Shown[]): ExtraDiagnostic[] {
    const fresh = this.checked === this.checkKey();
    // The editor marks syntax errors on their line itself, as you type; the list below names them too.
    const marks = fresh ? shown.filter((p) => p.where === "source" && !p.message.startsWith("syntax error")).map((p) => ({ line: p.line, message: p.message, severity: "error" as const })) : [];
    if (JSON.stringify(marks) !== JSON.stringify(this.marks)) this.marks = marks;
    return this.marks;
  }

  private canEvaluateMarks(shown: Shown[], error: string | undefined): ExtraDiagnostic[] {
    const marks: ExtraDiagnostic[] = shown.filter((p) => p.where === "settings" && /can_evaluate/.test(p.message)).map((p) => ({ message: p.message, severity: "error" }));
    if (error && !error.includes("not valid JSON")) marks.push({ message: error, severity: "error" });
    if (JSON.stringify(marks) !== JSON.stringify(this.settingsMarks)) this.settingsMarks = marks;
    return this.settingsMarks;
  }

  private typed(event: CustomEvent<string>): void {
    if (event.detail === this.text) return;
    this.text = event.detail;
    this.keep();
  }

  private settingsChanged(event: CustomEvent<{ settings: FunctionSettings; canEvaluate: string }>): void {
    this.settings = event.detail.settings;
    this.canEvaluate = event.detail.canEvaluate;
    this.keep();
  }

  /** Keeps the edits in this browser while they differ from what is saved, and checks them. */
  private keep(): void {
    const { appId } = this.store.state;
    if (!this.dirty) {
      this.unsaved.remove(appId, this.item.name);
      this.restoredAt = undefined;
    } else if (!this.unsaved.set(appId, this.item.name, { source: this.text, settings: this.settings, canEvaluate: this.canEvaluate })) {
      this.status = { kind: "warning", text: "This browser would not keep your unsaved text (its storage is full or blocked): save it to the draft soon." };
    }
    this.scheduleCheck(CHECK_DELAY_MS);
  }

  private scheduleCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), delay);
  }

  private async check(): Promise<void> {
    const seq = ++this.checkSeq;
    const key = this.checkKey();
    const files = { ...this.files, ...functionFiles(this.files, this.effective().settings, this.text) };
    try {
      const { problems } = await this.store.api.checkDraft(this.store.state.appId, files);
      if (seq !== this.checkSeq) return;
      this.problems = problems;
    } catch (error) {
      if (seq !== this.checkSeq) return;
      this.problems = [{ path: sourcePath(this.item.name), message: `The check could not run: ${(error as Error).message}` }];
    }
    this.checked = key;
  }

  private async save(): Promise<void> {
    const { settings, error } = this.effective();
    if (error) {
      this.status = { kind: "error", text: `Not saved: ${error} Fix it in the settings, then save again.` };
      return;
    }
    this.busy = true;
    const { appId } = this.store.state;
    try {
      await this.store.api.patchDraft(appId, functionFiles(this.files, settings, this.text));
      this.unsaved.remove(appId, this.item.name);
      this.restoredAt = undefined;
      this.status = { kind: "ok", text: "Saved to the draft. Deploy it from the top bar (Review draft & deploy) so clients and triggers use it." };
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    } catch (e) {
      if (e instanceof ConsoleApiError && e.problems.length > 0) {
        this.problems = e.problems;
        this.checked = this.checkKey();
        this.status = { kind: "error", text: "Not saved: deploy would refuse this function. Fix the problems listed above, then save again." };
      } else {
        this.status = { kind: "error", text: `Saving failed: ${(e as Error).message}. Your text is kept in this browser; try again.` };
      }
    } finally {
      this.busy = false;
    }
  }

  private revert(): void {
    this.resetTo(this.base);
    this.unsaved.remove(this.store.state.appId, this.item.name);
    this.restoredAt = undefined;
    this.status = { kind: "ok", text: "Back to the function saved in the draft." };
    this.scheduleCheck(0);
  }

  private async deleteFunction(): Promise<void> {
    this.busy = true;
    const { appId } = this.store.state;
    const name = this.item.name;
    try {
      const { set, remove } = removalFiles(this.files, name);
      await this.store.api.patchDraft(appId, set, remove);
      this.unsaved.remove(appId, name);
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
      location.hash = href("functions");
    } catch (e) {
      const problems = e instanceof ConsoleApiError ? e.problems.map((p) => `${p.path}: ${p.message}`) : [];
      this.status = { kind: "error", text: `Not deleted: ${[(e as Error).message, ...problems].join("; ")}` };
      this.confirmDelete = false;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-editor": RsFunctionEditor;
  }
}
