import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";
import type { RsCodeEditor } from "../../editors/rs-code-editor.ts";
import type { ExpressionContext } from "./expansions.ts";
import { problemLines } from "./permission-select.ts";
import type { RulesProblem } from "./problems.ts";
import { expressionText, isPlainObject, parseJsonText, type Json } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import "./rs-condition-picker.ts";

/**
 * One JSON expression of a rule (an Apply When, a condition, a filter's query), edited
 * as text with expansions offered as you type, deploy's problems under it, and
 * optionally a picker that adds a condition without writing JSON. Fires
 * `expression-change` with the text.
 */
@customElement("rs-expression-field")
export class RsExpressionField extends LitElement {
  @property() label = "";
  @property() help = "";
  @property() value = "";
  @property() location = "";
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  @property({ type: Boolean }) picker = false;
  @property({ type: Boolean }) documents = true;
  @property() placeholder = "{}";
  @query("rs-code-editor") private editor!: RsCodeEditor;
  private pickerNote: string | undefined;

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      rs-code-editor { min-height: 3.5rem; --rs-editor-max-height: 14rem; }
      .field-label { margin-top: var(--rs-space-2); }
      details { margin-top: var(--rs-space-1); font-size: var(--rs-text-sm); }
      summary { cursor: pointer; color: var(--rs-accent); width: fit-content; }
    `,
  ];

  override render() {
    return html`
      <span class="field-label" id="label">${this.label}</span>
      ${this.help ? html`<p class="help">${this.help}</p>` : nothing}
      <rs-code-editor
        language="json"
        data-location=${this.location}
        .label=${this.label}
        .value=${this.value}
        .completions=${this.completions}
        .diagnostics=${this.problems.map((p) => ({ message: p.hint ? `${p.text} — ${p.hint}` : p.text, severity: "error" as const }))}
        @value-changed=${(e: CustomEvent<string>) => this.emit(e.detail)}
      ></rs-code-editor>
      ${problemLines(this.problems)}
      ${this.pickerNote ? html`<p class="problem">${this.pickerNote}</p>` : nothing}
      ${this.picker
        ? html`<details>
            <summary>Add a condition without writing JSON</summary>
            <rs-condition-picker .context=${this.context} ?documents=${this.documents} @condition-add=${this.addCondition}></rs-condition-picker>
          </details>`
        : nothing}
    `;
  }

  override focus(): void {
    this.editor?.revealLine(1);
  }

  private emit(text: string): void {
    this.value = text;
    this.dispatchEvent(new CustomEvent("expression-change", { detail: text, bubbles: true, composed: true }));
  }

  /** Adds `{ key: value }` to the expression, replacing a condition on the same key. */
  private addCondition(event: CustomEvent<{ key: string; value: Json }>): void {
    event.stopPropagation();
    const current = this.value.trim() === "" ? { ok: true as const, value: {} } : parseJsonText(this.value);
    if (!current.ok || !isPlainObject(current.value)) {
      this.pickerNote = "The condition could not be added: make the expression above a valid JSON object first.";
      this.requestUpdate();
      return;
    }
    this.pickerNote = undefined;
    this.emit(expressionText({ ...current.value, [event.detail.key]: event.detail.value }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-expression-field": RsExpressionField;
  }
}
