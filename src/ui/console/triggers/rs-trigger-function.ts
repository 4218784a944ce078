import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { NewFunction } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";

/** The option that creates a function with the trigger; "/" never starts a function name. */
export const NEW_FUNCTION = "/new";

/**
 * The function a trigger runs: one of the app's, or a new one created with the trigger
 * (its name and starting source). Fires `function-changed` with {name} or {newFunction}.
 */
@customElement("rs-trigger-function")
export class RsTriggerFunction extends LitElement {
  @property({ attribute: false }) functions: string[] = [];
  @property() value = "";
  @property({ attribute: false }) newFunction: NewFunction | undefined;
  @property() problem = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      label { font-weight: 600; display: block; margin-bottom: var(--rs-space-1); }
      .row { display: flex; flex-direction: column; gap: var(--rs-space-1); margin-bottom: var(--rs-space-3); }
      .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0; max-width: 44rem; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; }
      select, input { max-width: 24rem; }
      rs-code-editor { display: block; min-height: 10rem; }
    `,
  ];

  override render() {
    const choice = this.newFunction ? NEW_FUNCTION : this.value;
    const missing = !this.newFunction && this.value !== "" && !this.functions.includes(this.value);
    return html`
      <div class="row">
        <label for="fn">Function</label>
        <select id="fn" aria-describedby="fn-problem" aria-invalid=${this.problem || missing ? "true" : "false"} @change=${this.picked}>
          <option value="" ?selected=${choice === ""}>Choose a function…</option>
          ${this.functions.map((f) => html`<option value=${f} ?selected=${choice === f}>${f}</option>`)}
          ${missing ? html`<option value=${this.value} selected>${this.value} (missing)</option>` : nothing}
          <option value=${NEW_FUNCTION} ?selected=${choice === NEW_FUNCTION}>New function…</option>
        </select>
        ${this.problem || missing
          ? html`<p class="problem" id="fn-problem" role="alert">${this.problem || `There is no function named ${this.value}: pick another, or create it.`}</p>`
          : nothing}
      </div>
      ${this.newFunction
        ? html`<div class="row">
              <label for="fn-name">New function name</label>
              <input id="fn-name" .value=${this.newFunction.name} spellcheck="false" @input=${(e: Event) => this.edit({ name: (e.target as HTMLInputElement).value })} />
              <p class="help">Saved with the trigger, as a private function (clients cannot call it). Edit it later on the Functions screen.</p>
            </div>
            <rs-code-editor
              language="javascript"
              label="Source of the new function"
              .value=${this.newFunction.source}
              @value-changed=${(e: CustomEvent<string>) => this.edit({ source: e.detail })}
            ></rs-code-editor>`
        : nothing}
    `;
  }

  private picked(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new CustomEvent("function-changed", { detail: value === NEW_FUNCTION ? { create: true } : { name: value } }));
  }

  private edit(change: Partial<NewFunction>): void {
    if (!this.newFunction) return;
    this.dispatchEvent(new CustomEvent("function-changed", { detail: { newFunction: { ...this.newFunction, ...change } } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-trigger-function": RsTriggerFunction;
  }
}
