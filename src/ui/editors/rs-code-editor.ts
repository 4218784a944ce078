import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { CodeEditorView, EditorLanguage, ExtraDiagnostic } from "./codemirror-setup.ts";

export type { EditorLanguage, ExtraDiagnostic };

/**
 * A code editor (CodeMirror 6, loaded the first time an editor appears) for JSON and
 * JavaScript: highlighting, syntax errors with their line as you type, and problems the
 * caller adds (e.g. what deploy would say). Fires `value-changed` (detail: the text) on
 * every edit, so callers can keep drafts as they are typed.
 */
@customElement("rs-code-editor")
export class RsCodeEditor extends LitElement {
  /** The text; setting it replaces the editor's content unless it already holds it. */
  @property() value = "";
  @property() language: EditorLanguage = "json";
  /** The accessible name of the editing area. */
  @property() label = "Editor";
  @property({ type: Boolean }) readonly = false;
  /** Problems to underline beside the syntax errors, by line (1-based) or whole text. */
  @property({ attribute: false }) diagnostics: ExtraDiagnostic[] = [];
  /** Completions offered as you type, e.g. rule expansions (`%%user.id`). */
  @property({ attribute: false }) completions: string[] = [];
  @state() private loadError: string | undefined;
  private view: CodeEditorView | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); overflow: hidden; background: var(--rs-bg); min-height: 6rem; }
      .host { height: 100%; }
      .cm-editor { height: 100%; max-height: var(--rs-editor-max-height, 32rem); font-size: var(--rs-text-sm); }
      .cm-editor.cm-focused { outline: 2px solid var(--rs-focus); outline-offset: -2px; }
      textarea { width: 100%; min-height: 12rem; border: 0; font-family: var(--rs-font-mono); }
    `,
  ];

  override render() {
    if (this.loadError) {
      // The editor could not load (offline on a first visit): a plain text area keeps the work going.
      return html`<p class="notice warning">${this.loadError}</p>
        <textarea aria-label=${this.label} .value=${this.value} ?readonly=${this.readonly} @input=${this.plainInput}></textarea>`;
    }
    return html`<div class="host"></div>`;
  }

  override async firstUpdated(): Promise<void> {
    try {
      const { createCodeEditor } = await import("./codemirror-setup.ts");
      this.view = createCodeEditor({
        parent: this.renderRoot.querySelector(".host")!,
        root: this.renderRoot as ShadowRoot,
        value: this.value,
        language: this.language,
        label: this.label,
        readonly: this.readonly,
        completions: () => this.completions,
        onChange: (text) => {
          this.value = text;
          this.dispatchEvent(new CustomEvent("value-changed", { detail: text, bubbles: true, composed: true }));
        },
      });
      this.view.setDiagnostics(this.diagnostics);
    } catch (error) {
      this.loadError = `The code editor could not be loaded (${(error as Error).message}); you can still edit the text here.`;
    }
  }

  override updated(changed: Map<string, unknown>): void {
    if (!this.view) return;
    if (changed.has("value") && this.view.text() !== this.value) this.view.setText(this.value);
    if (changed.has("diagnostics")) this.view.setDiagnostics(this.diagnostics);
    if (changed.has("readonly")) this.view.setReadonly(this.readonly);
  }

  /** Moves the cursor to a line (1-based) and focuses the editor, e.g. from an error's link. */
  revealLine(line: number): void {
    this.view?.revealLine(line);
  }

  private plainInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new CustomEvent("value-changed", { detail: this.value, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-code-editor": RsCodeEditor;
  }
}
