import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { SchemaIssue } from "../../state/data-api.ts";
import type { ExtraDiagnostic } from "../../editors/rs-code-editor.ts";
import "../../editors/rs-code-editor.ts";
import type { DocumentDraft, DraftStore } from "./drafts.ts";

/** A refused save, with a way to ask the rules why when they refused it. */
export interface SaveError {
  message: string;
  /** The rules refused it (`insert not permitted`, …): offer the Why view. */
  refusedByRules?: boolean;
}

/**
 * Inserting or editing one document as Extended JSON in the code editor. Every keystroke
 * is kept in the draft store until the document is saved or the draft discarded; the
 * collection's schema is checked as you type. Fires `save-document` (detail: the parsed
 * JSON object), `discard-document` and `explain-refusal`.
 */
@customElement("rs-document-editor")
export class RsDocumentEditor extends LitElement {
  @property({ attribute: false }) draft!: DocumentDraft;
  @property({ attribute: false }) drafts!: DraftStore;
  @property() heading = "";
  /** A line under the heading, e.g. which identity saves and what a replace does. */
  @property() hint = "";
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: SaveError | undefined;
  /** Checks a parsed document against the collection's schema (undefined: no schema). */
  @property({ attribute: false }) check: ((doc: Record<string, unknown>) => Promise<SchemaIssue[]>) | undefined;
  @state() private issues: SchemaIssue[] = [];
  @state() private syntax: string | undefined;
  @state() private confirmDiscard = false;
  @state() private notKept = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checked = 0;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border: 1px solid var(--rs-accent); border-radius: var(--rs-radius); padding: var(--rs-space-3); background: var(--rs-bg-raised); }
      h3 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-1); }
      .hint { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-2); }
      rs-code-editor { --rs-editor-max-height: 22rem; }
      .bar { display: flex; gap: var(--rs-space-2); align-items: center; margin-top: var(--rs-space-2); flex-wrap: wrap; }
      .saved { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      ul { margin: var(--rs-space-1) 0 0; padding-left: var(--rs-space-4); }
      .notice { font-size: var(--rs-text-sm); }
      .notice p { margin: 0 0 var(--rs-space-1); }
    `,
  ];

  override render() {
    const diagnostics: ExtraDiagnostic[] = this.issues.map((i) => ({ message: `${i.path ? `${i.path}: ` : ""}${i.message}`, severity: "warning" }));
    return html`<section aria-label=${this.heading}>
      <h3>${this.heading}</h3>
      ${this.hint ? html`<p class="hint">${this.hint}</p>` : nothing}
      <rs-code-editor language="json" label="${this.heading}, Extended JSON" .value=${this.draft.text} .diagnostics=${diagnostics} @value-changed=${this.changed}></rs-code-editor>
      ${this.issues.length
        ? html`<div class="notice warning" role="status">
            Does not match the collection's schema yet; a user's save would be refused (the system's is not checked):
            <ul>${this.issues.map((i) => html`<li><code>${i.path || "(document)"}</code>: ${i.message}</li>`)}</ul>
          </div>`
        : nothing}
      ${this.syntax ? html`<p class="notice error" role="alert">${this.syntax}</p>` : nothing}
      ${this.error
        ? html`<div class="notice error" role="alert">
            <p>${this.error.message}</p>
            ${this.error.refusedByRules ? html`<button @click=${() => this.fire("explain-refusal")}>Why was this refused?</button>` : nothing}
          </div>`
        : nothing}
      <div class="bar">
        <button class="primary" ?disabled=${this.busy} @click=${this.save}>${this.draft.target === "new" ? "Insert document" : "Save changes"}</button>
        ${this.confirmDiscard
          ? html`<span role="group" aria-label="Confirm discard">
              <button class="danger" @click=${this.discard}>Yes, discard my text</button>
              <button @click=${() => (this.confirmDiscard = false)}>Keep editing</button>
            </span>`
          : html`<button ?disabled=${this.busy} @click=${this.askDiscard}>Discard</button>`}
        <span class="saved" role="status">${this.notKept ? "This browser refused to keep the text: save it soon." : "Kept in this browser until you save or discard it."}</span>
      </div>
    </section>`;
  }

  override firstUpdated(): void {
    this.scheduleCheck(this.draft.text);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private changed(event: CustomEvent<string>): void {
    // The draft object is the collection view's own, which passes it again on each of its renders.
    this.draft.text = event.detail;
    this.notKept = !this.drafts.put(this.draft);
    this.requestUpdate();
    this.syntax = undefined;
    this.confirmDiscard = false;
    this.scheduleCheck(event.detail);
  }

  private scheduleCheck(text: string): void {
    clearTimeout(this.timer);
    if (!this.check) return;
    this.timer = setTimeout(async () => {
      const doc = parseObject(text);
      if (!doc.value) return;
      const ask = ++this.checked;
      try {
        const issues = await this.check!(doc.value);
        if (ask === this.checked) this.issues = issues;
      } catch {
        // The check is a help while typing; a failed check leaves the last answer.
      }
    }, 400);
  }

  private save(): void {
    const doc = parseObject(this.draft.text);
    if (!doc.value) {
      this.syntax = doc.problem;
      return;
    }
    this.syntax = undefined;
    this.fire("save-document", doc.value);
  }

  private askDiscard(): void {
    if (this.draft.text === this.draft.original) this.discard();
    else this.confirmDiscard = true;
  }

  private discard(): void {
    this.confirmDiscard = false;
    this.fire("discard-document");
  }

  private fire(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function parseObject(text: string): { value?: Record<string, unknown>; problem?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { value: value as Record<string, unknown> };
    return { problem: "A document is a JSON object in braces: { \"name\": \"value\" }. Wrap the fields in { }." };
  } catch (error) {
    return { problem: `This is not valid JSON yet (${(error as Error).message}). The editor marks the place; fix it and save again.` };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-document-editor": RsDocumentEditor;
  }
}
