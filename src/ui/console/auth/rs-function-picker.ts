import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";

const NEW = "\u0000new";

/**
 * Picks one of the app's functions by name; with `create-name` set, it can also create a
 * new one (the parent writes it, with a starting source, and then selects it).
 * Fires `value-changed` (detail: name) and `create-function` (detail: name).
 */
@customElement("rs-function-picker")
export class RsFunctionPicker extends LitElement {
  @property() label = "Function";
  @property() value = "";
  @property({ attribute: false }) functions: string[] = [];
  /** The name a new function is offered with; empty: no "new function" choice. */
  @property({ attribute: "create-name" }) createName = "";
  /** A problem of this field, shown under it. */
  @property() problem = "";
  @property({ type: Boolean }) busy = false;
  @state() private creating = false;
  @state() private newName = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; }
      label { display: flex; flex-direction: column; gap: var(--rs-space-1); font-size: var(--rs-text-sm); font-weight: 600; }
      select, input { min-width: 14rem; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; }
      a { font-size: var(--rs-text-sm); }
    `,
  ];

  override render() {
    const missing = this.value !== "" && !this.functions.includes(this.value);
    return html`
      <div class="row">
        <label
          >${this.label}
          <select aria-label=${this.label} aria-invalid=${this.problem ? "true" : "false"} aria-describedby="problem" @change=${this.picked}>
            <option value="" ?selected=${this.value === ""}>Choose a function…</option>
            ${missing ? html`<option value=${this.value} selected>${this.value} (missing)</option>` : nothing}
            ${this.functions.map((f) => html`<option value=${f} ?selected=${f === this.value && !this.creating}>${f}</option>`)}
            ${this.createName ? html`<option value=${NEW} ?selected=${this.creating}>+ New function…</option>` : nothing}
          </select>
        </label>
        ${this.value && !missing && !this.creating ? html`<a href=${`#/functions/${encodeURIComponent(this.value)}`}>Open ${this.value}</a>` : nothing}
      </div>
      ${this.creating
        ? html`<div class="row" style="margin-top: var(--rs-space-2)">
            <label
              >Name of the new function
              <input .value=${this.newName} @input=${(e: Event) => (this.newName = (e.target as HTMLInputElement).value)} @keydown=${this.enter} />
            </label>
            <button class="primary" ?disabled=${this.busy || !this.newName.trim()} @click=${this.create}>Create function</button>
            <button @click=${() => (this.creating = false)}>Cancel</button>
          </div>`
        : nothing}
      <p class="problem" id="problem" role=${this.problem ? "alert" : nothing}>${this.problem}</p>
    `;
  }

  /** Called by the parent once the function exists. */
  created(): void {
    this.creating = false;
  }

  private picked(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    if (value === NEW) {
      this.creating = true;
      this.newName = this.functions.includes(this.createName) ? `${this.createName}2` : this.createName;
      return;
    }
    this.creating = false;
    this.dispatchEvent(new CustomEvent("value-changed", { detail: value }));
  }

  private enter(e: KeyboardEvent): void {
    if (e.key === "Enter") this.create();
  }

  private create(): void {
    const name = this.newName.trim();
    if (!name) return;
    this.dispatchEvent(new CustomEvent("create-function", { detail: name }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-picker": RsFunctionPicker;
  }
}
