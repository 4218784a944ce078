import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { PropertyValues } from "lit";

import { controls } from "../tokens.ts";
import "../editors/rs-code-editor.ts";

export type InputsPanel = "variables" | "headers";

/**
 * The Variables and Headers of a query, each a small JSON editor, one shown at a time.
 * A problem with one (not JSON, not an object) is shown under it. Fires
 * `variables-changed` / `headers-changed` (detail: the text) and `panel-changed`.
 */
@customElement("rs-playground-inputs")
export class RsPlaygroundInputs extends LitElement {
  @property() variables = "";
  @property() headers = "";
  @property() variablesError: string | undefined;
  @property() headersError: string | undefined;
  @property() panel: InputsPanel = "variables";
  /** Runs as the system go through the console's API, which takes no headers. */
  @property({ type: Boolean }) asSystem = false;
  /** The tab the texts belong to: another tab starts afresh. */
  @property() tabId = "";
  /** The texts this element last reported: shown as they are, even when empty. */
  private typed: Record<InputsPanel, string | undefined> = { variables: undefined, headers: undefined };

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-1); min-height: 0; }
      .switch { display: flex; gap: var(--rs-space-1); align-items: center; }
      .switch button[aria-pressed="true"] { background: var(--rs-accent-subtle); border-color: var(--rs-accent); }
      .bad { color: var(--rs-danger); font-weight: 700; }
      rs-code-editor { --rs-editor-max-height: 100%; flex: 1; min-height: 5rem; }
      .help { margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
      .notice { margin: 0; font-size: var(--rs-text-sm); }
    `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("tabId")) this.typed = { variables: undefined, headers: undefined };
  }

  override render() {
    const showing = this.panel;
    return html`
      <div class="switch" role="group" aria-label="Request inputs">
        ${this.switchButton("variables", "Variables", this.variablesError)}
        ${this.switchButton("headers", "Headers", this.headersError)}
      </div>
      ${showing === "variables"
        ? html`<rs-code-editor
              language="json"
              label="Variables (JSON)"
              .value=${this.shown("variables", this.variables)}
              @value-changed=${(e: CustomEvent<string>) => this.typedText("variables", e.detail)}
            ></rs-code-editor>
            ${this.variablesError
              ? html`<p class="notice error" role="alert">${this.variablesError}</p>`
              : html`<p class="help">A JSON object: <code>{"status": "Open"}</code> fills <code>$status</code> in the query.</p>`}`
        : html`<rs-code-editor
              language="json"
              label="Headers (JSON)"
              .value=${this.shown("headers", this.headers)}
              @value-changed=${(e: CustomEvent<string>) => this.typedText("headers", e.detail)}
            ></rs-code-editor>
            ${this.headersError
              ? html`<p class="notice error" role="alert">${this.headersError}</p>`
              : html`<p class="help">
                  ${this.asSystem
                    ? "Runs as the system send no headers: pick a user under Run as to send these."
                    : html`Extra request headers as a JSON object of strings. Run as sets <code>Authorization</code> itself.`}
                </p>`}`}
    `;
  }

  private switchButton(panel: InputsPanel, label: string, error: string | undefined) {
    return html`<button aria-pressed=${String(this.panel === panel)} @click=${() => this.fire("panel-changed", panel)}>
      ${label}${error ? html`<span class="bad" aria-label="(has a problem)">!</span>` : nothing}
    </button>`;
  }

  /** An empty text opens as `{}` (an empty JSON editor marks a syntax error), unless the person just emptied it. */
  private shown(panel: InputsPanel, text: string): string {
    return text === "" && this.typed[panel] !== "" ? "{}" : text;
  }

  private typedText(panel: InputsPanel, text: string): void {
    this.typed[panel] = text;
    this.fire(`${panel}-changed`, text);
  }

  private fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-playground-inputs": RsPlaygroundInputs;
  }
}
