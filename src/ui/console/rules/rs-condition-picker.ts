import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { EXPANSIONS, type ExpressionContext } from "./expansions.ts";
import type { Json } from "./rules-form.ts";

type Test = "equals" | "in" | "exists" | "missing";

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
  @state() private test: Test = "equals";
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
        <select .value=${this.test} @change=${(e: Event) => (this.test = (e.target as HTMLSelectElement).value as Test)}>
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

/** The value side of a condition: JSON when it reads as JSON, else the text itself. */
export function conditionValue(test: Test, text: string): Json {
  if (test === "exists") return { "%exists": true };
  if (test === "missing") return { "%exists": false };
  const parsed = literal(text.trim());
  if (test === "equals") return parsed;
  if (Array.isArray(parsed) || (typeof parsed === "string" && parsed.startsWith("%%"))) return { "%in": parsed };
  return { "%in": text.split(",").map((s) => literal(s.trim())) };
}

function literal(text: string): Json {
  if (text.startsWith("%%")) return text;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-condition-picker": RsConditionPicker;
  }
}
