import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";
import type { RsCodeEditor } from "../../editors/rs-code-editor.ts";
import { ConsoleApiError } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import type { ExpressionContext } from "./expansions.ts";
import { jsonLocations } from "./json-lines.ts";
import { formLocations, hintFor, placeProblems, type RulesProblem } from "./problems.ts";
import { formToRules, formatRulesJson, parseJsonText, rulesToForm, type ConversionProblem, type RulesForm } from "./rules-form.ts";
import { emptyRules, type RulesTarget } from "./rules-files.ts";
import { rulesStyles } from "./rules-styles.ts";
import { clearUnsaved, loadUnsaved, saveUnsaved, unsavedKey } from "./unsaved.ts";
import type { RsRulesForm } from "./rs-rules-form.ts";
import "./rs-rules-form.ts";
import "./rs-rules-problems.ts";

type View = "form" | "json";

const CHECK_DELAY_MS = 300;

/**
 * One rules file being edited: the form and JSON views (switching converts without loss),
 * the problems deploy would report, checked as you type, and saving to the draft.
 * Unsaved edits are kept in this browser as they are typed. Fires `rules-saved`.
 */
@customElement("rs-rules-editor")
export class RsRulesEditor extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property() appId = "";
  @property({ attribute: false }) target!: RulesTarget;
  /** The file's text in the draft; undefined when the draft has no such file yet. */
  @property({ attribute: false }) baseText: string | undefined;
  /** The draft's files, checked together with the edited file as deploy would. */
  @property({ attribute: false }) files: Record<string, string> = {};
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  @property() highlightRole = "";

  @state() private view: View = "form";
  @state() private form: RulesForm | undefined;
  @state() private text = "";
  @state() private localProblems: ConversionProblem[] = [];
  @state() private switchError: string | undefined;
  @state() private checked: { messages: string[]; others: number } = { messages: [], others: 0 };
  @state() private note: string | undefined;
  @state() private saving = false;
  @state() private saveError: string | undefined;
  @query("rs-rules-form") private formView?: RsRulesForm;
  @query("rs-code-editor") private jsonView?: RsCodeEditor;
  private loadedKey = "";
  private loadedBase: string | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      .bar { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; position: sticky; top: 0; z-index: 2; background: var(--rs-bg); padding: var(--rs-space-2) 0; border-bottom: 1px solid var(--rs-border); }
      [role="tablist"] { display: inline-flex; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); overflow: hidden; }
      [role="tab"] { border: 0; border-radius: 0; min-width: 5rem; justify-content: center; }
      [role="tab"][aria-selected="true"] { background: var(--rs-accent); color: var(--rs-accent-fg); }
      .status { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      .status.dirty { color: var(--rs-warning); font-weight: 600; }
      rs-code-editor { --rs-editor-max-height: 70vh; min-height: 20rem; }
      .path { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: var(--rs-space-2) 0 0; }
    `,
  ];

  override willUpdate(changed: Map<string, unknown>): void {
    const key = this.target ? unsavedKey(this.appId, this.target.path) : "";
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      this.loadedBase = this.baseText;
      this.open();
    } else if (changed.has("baseText") && this.baseText !== this.loadedBase) {
      // The draft changed (saved here, deployed, discarded or edited elsewhere): follow it unless there are edits.
      const hadEdits = this.isDirty(this.loadedBase);
      this.loadedBase = this.baseText;
      if (!hadEdits) this.reset();
      this.scheduleCheck(0);
    } else if (changed.has("files")) {
      this.scheduleCheck(0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
  }

  override render() {
    if (!this.target) return nothing;
    const dirty = this.isDirty(this.baseText);
    const problems = this.placedProblems();
    const isNew = this.baseText === undefined;
    return html`
      <div class="bar">
        <div role="tablist" aria-label="Edit as" @keydown=${this.tabKeys}>
          ${this.tab("form", "Form")} ${this.tab("json", "JSON")}
        </div>
        <span class="status ${dirty ? "dirty" : ""}" role="status">
          ${this.saving ? "Saving…" : isNew ? "New rules: not saved yet" : dirty ? "Unsaved changes (kept in this browser)" : "Saved in the draft"}
        </span>
        <span class="spacer"></span>
        <button ?disabled=${!dirty || this.saving} @click=${this.discard}>Discard changes</button>
        <button class="primary" ?disabled=${(!dirty && !isNew) || this.saving} @click=${this.save}>Save to draft</button>
      </div>
      ${this.note ? html`<p class="notice ok" role="status">${this.note}</p>` : nothing}
      ${this.saveError ? html`<p class="notice error" role="alert">${this.saveError}</p>` : nothing}
      ${this.switchError ? html`<p class="notice warning" role="alert">${this.switchError}</p>` : nothing}
      <rs-rules-problems .problems=${problems} .form=${this.form} .others=${this.checked.others} .view=${this.view} @problem-reveal=${this.reveal}></rs-rules-problems>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.view}">
        ${this.view === "form" && this.form
          ? html`<rs-rules-form
              .form=${this.form}
              .problems=${problems}
              .completions=${this.completions}
              .context=${this.context}
              .highlightRole=${this.highlightRole}
              .kind=${this.target.kind}
              @form-change=${this.formChanged}
            ></rs-rules-form>`
          : html`<p class="help">The file exactly as it is saved. Expansions and operators are offered as you type (start with % or %%); problems are marked on their line.</p>
              <rs-code-editor
                language="json"
                .label=${`${this.target.path.split("/").pop()} of ${this.displayName()}`}
                .value=${this.text}
                .completions=${this.completions}
                .diagnostics=${problems.map((p) => ({ line: p.line, message: p.hint ? `${p.message} — ${p.hint}` : p.message, severity: "error" as const }))}
                @value-changed=${this.textChanged}
              ></rs-code-editor>`}
      </div>
      <p class="path">File: <code>${this.target.path}</code></p>
    `;
  }

  private displayName(): string {
    return this.target.kind === "default" ? `the default rule of ${this.target.service}` : `${this.target.database}.${this.target.collection}`;
  }

  private tab(view: View, label: string) {
    const selected = this.view === view;
    return html`<button role="tab" id="tab-${view}" aria-selected=${selected ? "true" : "false"} aria-controls="panel" tabindex=${selected ? "0" : "-1"} @click=${() => this.switchTo(view)}>${label}</button>`;
  }

  private tabKeys(event: KeyboardEvent): void {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next: View = this.view === "form" ? "json" : "form";
    this.switchTo(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.view}`)?.focus());
  }

  // ------------------------------------------------------------------ state

  /** Opens the file of the current target: unsaved edits from this browser if any, else the draft's text. */
  private open(): void {
    this.note = undefined;
    this.saveError = undefined;
    this.switchError = undefined;
    this.checked = { messages: [], others: 0 };
    const saved = loadUnsaved(localStorage, this.loadedKey);
    this.reset();
    if (saved) {
      this.view = saved.view;
      if (saved.form) this.form = saved.form;
      if (saved.text !== undefined) this.text = saved.text;
      if (!this.isDirty(this.baseText)) {
        clearUnsaved(localStorage, this.loadedKey);
        this.reset();
      } else {
        const when = new Date(saved.savedAt).toLocaleString();
        const changed = saved.base !== (this.baseText ?? null) ? " The saved rules have changed since then; saving replaces them with these." : "";
        this.note = `Restored the changes you had not saved yet (from ${when}). Save them to the draft, or discard them.${changed}`;
      }
    }
    this.scheduleCheck(0);
  }

  /** Back to the draft's text (or a new, empty rules file). */
  private reset(): void {
    const text = this.baseText ?? formatRulesJson(emptyRules(this.target));
    this.text = text;
    this.localProblems = [];
    const parsed = parseJsonText(text);
    const form = parsed.ok ? rulesToForm(parsed.value) : undefined;
    if (form?.ok) {
      this.form = form.value;
      this.view = "form";
    } else {
      this.form = undefined;
      this.view = "json";
      this.switchError = parsed.ok ? `The form cannot show this file (${describe(form && !form.ok ? form.problems : [])}); edit it as JSON.` : `This file is not valid JSON (${parsed.message}); fix it here.`;
    }
  }

  /** The file's text as it would be saved; undefined while a form expression is not JSON. */
  private currentText(): string | undefined {
    if (this.view === "json") return this.text;
    if (!this.form) return undefined;
    const json = formToRules(this.form);
    return json.ok ? formatRulesJson(json.value) : undefined;
  }

  /** Whether there are edits to save or discard; a new file compares with the empty one it starts as. */
  private isDirty(base: string | undefined): boolean {
    const current = this.currentText();
    if (current === undefined) return true;
    return normalize(current) !== normalize(base ?? formatRulesJson(emptyRules(this.target)));
  }

  private formChanged(event: CustomEvent<RulesForm>): void {
    this.form = event.detail;
    const json = formToRules(this.form);
    this.localProblems = json.ok ? [] : json.problems;
    this.edited();
  }

  private textChanged(event: CustomEvent<string>): void {
    this.text = event.detail;
    this.edited();
  }

  private edited(): void {
    this.note = undefined;
    this.saveError = undefined;
    this.switchError = undefined;
    if (this.isDirty(this.baseText)) {
      saveUnsaved(localStorage, this.loadedKey, {
        view: this.view,
        form: this.view === "form" ? this.form : undefined,
        text: this.view === "json" ? this.text : undefined,
        base: this.baseText ?? null,
        savedAt: Date.now(),
      });
    } else {
      clearUnsaved(localStorage, this.loadedKey);
    }
    this.scheduleCheck(CHECK_DELAY_MS);
  }

  private switchTo(view: View): void {
    if (view === this.view) return;
    this.switchError = undefined;
    if (view === "json") {
      const json = this.form ? formToRules(this.form) : undefined;
      if (!json?.ok) {
        this.switchError = "Some expressions in the form are not valid JSON yet (marked below). Fix them to see the file as JSON.";
        return;
      }
      this.text = formatRulesJson(json.value);
      this.view = "json";
    } else {
      const parsed = parseJsonText(this.text);
      if (!parsed.ok) {
        this.switchError = `Fix the JSON first to see it as a form: ${parsed.message}.`;
        return;
      }
      const form = rulesToForm(parsed.value);
      if (!form.ok) {
        this.switchError = `The form cannot show this file: ${describe(form.problems)}. Keep editing it as JSON.`;
        return;
      }
      this.form = form.value;
      this.localProblems = [];
      this.view = "form";
    }
    if (this.isDirty(this.baseText)) this.edited();
  }

  // ------------------------------------------------------------------ checks

  private scheduleCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), delay);
  }

  /** Asks the backend what deploy would say of the draft with this file as it is now. */
  private async check(): Promise<void> {
    const seq = ++this.checkSeq;
    const text = this.currentText();
    if (!this.store) return;
    if (text === undefined) {
      // An expression is not JSON yet: its own problem is shown; older answers would be stale.
      this.checked = { messages: [], others: 0 };
      return;
    }
    try {
      const { problems } = await this.store.api.checkDraft(this.appId, { ...this.files, [this.target.path]: text });
      if (seq !== this.checkSeq) return;
      this.checked = {
        messages: problems.filter((p) => p.path === this.target.path).map((p) => p.message),
        others: problems.filter((p) => p.path !== this.target.path).length,
      };
    } catch (error) {
      if (seq === this.checkSeq) this.saveError = `The rules could not be checked: ${(error as Error).message}`;
    }
  }

  private placedProblems(): RulesProblem[] {
    const local = this.view === "form" ? this.localProblems.map((p) => ({ ...p, text: p.message, hint: hintFor(p.message) })) : [];
    if (this.view === "form" && this.form) {
      const fromDeploy = placeProblems(this.checked.messages, formLocations(this.form), this.form);
      return [...local, ...fromDeploy.filter((p) => !local.some((l) => l.location === p.location))];
    }
    const lines = jsonLocations(this.text);
    const parsed = parseJsonText(this.text);
    const form = parsed.ok ? rulesToForm(parsed.value) : undefined;
    return placeProblems(this.checked.messages, [...lines.keys()], form?.ok ? form.value : undefined, lines);
  }

  private reveal(event: CustomEvent<RulesProblem>): void {
    const problem = event.detail;
    if (this.view === "json" && problem.line) this.jsonView?.revealLine(problem.line);
    else this.formView?.reveal(problem.location);
  }

  // ------------------------------------------------------------------ save

  private async save(): Promise<void> {
    const current = this.currentText();
    if (current === undefined) {
      this.saveError = "Not saved: some expressions in the form are not valid JSON yet (marked below).";
      return;
    }
    const parsed = parseJsonText(current);
    const text = parsed.ok ? formatRulesJson(parsed.value) : current;
    this.saving = true;
    this.saveError = undefined;
    try {
      await this.store.api.patchDraft(this.appId, { [this.target.path]: text });
      clearUnsaved(localStorage, this.loadedKey);
      this.note = "Saved to the draft. Deploy it from the top bar (Review draft & deploy) to make it live for clients.";
      // What the draft now holds; the screen passes it back as baseText after reloading.
      this.loadedBase = text;
      this.text = text;
      this.dispatchEvent(new CustomEvent("rules-saved", { detail: { path: this.target.path, text }, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ConsoleApiError && error.problems.length) {
        this.checked = {
          messages: error.problems.filter((p) => p.path === this.target.path).map((p) => p.message),
          others: error.problems.filter((p) => p.path !== this.target.path).length,
        };
        this.saveError = "Not saved: deploy would refuse these rules. Fix the problems listed below and save again; your edits are kept.";
      } else {
        this.saveError = `Not saved: ${(error as Error).message}. Your edits are kept in this browser; try again.`;
      }
    } finally {
      this.saving = false;
    }
  }

  private discard(): void {
    clearUnsaved(localStorage, this.loadedKey);
    this.switchError = undefined;
    this.saveError = undefined;
    this.reset();
    this.note = "Your changes were discarded; this is the rules file as saved in the draft.";
    this.scheduleCheck(0);
  }
}

function normalize(text: string): string {
  const parsed = parseJsonText(text);
  return parsed.ok ? JSON.stringify(parsed.value) : text;
}

function describe(problems: readonly ConversionProblem[]): string {
  return problems.map((p) => (p.location ? `${p.location}: ${p.message}` : p.message)).join("; ") || "its shape is not one of rules";
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-editor": RsRulesEditor;
  }
}
