import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { EXPANSIONS, type ExpressionContext } from "./expansions.ts";
import { conditionValue, type ConditionTest } from "./conditions.ts";

/**
 * Builds one condition of an expression without writing JSON: a document field or an
 * expansion, a test, and a value (expansions offered as you type). Fires
 * `condition-add` with `{ key, value }` for the expression to take in.
 */
@customElement("rs-condition-picker")
export class RsConditionPicker extends LitElement {
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  /** Whether document expansions (%%root…) make sense here; filters run before any document. */
  @property({ type: Boolean }) documents = true;
  @state() private left = "";
  @state() private test: ConditionTest = "equals";
  @state() private right = "%%user.id";

  static override styles = [
    controls,
    css`
      :host { display: block; margin-top: var(--rs-space-2); }
      fieldset { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); margin: 0; display: flex; gap: var(--rs-space-2); flex-wrap: wrap; align-items: end; }
      legend { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); padding: 0 var(--rs-space-1); }
      label { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      input { width: 13rem; }
    `,
  ];

  override render() {
    const leftOptions = [
      ...this.context.fields.map((f) => ({ value: f, description: "a field of the document" })),
      ...EXPANSIONS.filter((e) => this.documents || !/root|prev|this/i.test(e.value)),
    ];
    const needsValue = this.test === "equals" || this.test === "in";
    return html`<fieldset>
      <legend>Add a condition</legend>
      <label>Field or expansion
        <input list="left" .value=${this.left} placeholder=${this.documents ? "owner_id" : "%%user.data.email"} @input=${(e: Event) => (this.left = (e.target as HTMLInputElement).value)} />
      </label>
      <datalist id="left">${leftOptions.map((o) => html`<option value=${o.value}>${o.description}</option>`)}</datalist>
      <label>Test
        <select .value=${this.test} @change=${(e: Event) => (this.test = (e.target as HTMLSelectElement).value as ConditionTest)}>
          <option value="equals">is equal to</option>
          <option value="in">is one of</option>
          <option value="exists">exists</option>
          <option value="missing">does not exist</option>
        </select>
      </label>
      ${needsValue
        ? html`<label>Value
              <input list="right" .value=${this.right} @input=${(e: Event) => (this.right = (e.target as HTMLInputElement).value)} />
            </label>
            <datalist id="right">${EXPANSIONS.map((o) => html`<option value=${o.value}>${o.description}</option>`)}</datalist>`
        : null}
      <button ?disabled=${this.left.trim() === ""} @click=${this.add}>Add condition</button>
    </fieldset>`;
  }

  private add(): void {
    const key = this.left.trim();
    const value = conditionValue(this.test, this.right);
    this.dispatchEvent(new CustomEvent("condition-add", { detail: { key, value }, bubbles: true, composed: true }));
    this.left = "";
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-condition-picker": RsConditionPicker;
  }
}
