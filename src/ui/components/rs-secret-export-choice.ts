import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../tokens.ts";

/**
 * The "Include secret values" choice of an app export, unticked by default as App Services
 * exports never held secret values, with what leaving them out means when the export comes
 * back. Fires `change` (read `checked`).
 */
@customElement("rs-secret-export-choice")
export class RsSecretExportChoice extends LitElement {
  @property({ type: Boolean }) checked = false;

  static override styles = [
    controls,
    css`
      :host { display: block; margin: var(--rs-space-2) 0; }
      label { display: inline-flex; gap: var(--rs-space-2); align-items: center; }
      p { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; max-width: 56rem; }
    `,
  ];

  override render() {
    return html`
      <label><input type="checkbox" .checked=${this.checked} aria-describedby="meaning" @change=${this.toggled} /> Include secret values</label>
      <p id="meaning">
        ${this.checked
          ? "The export holds every secret's value in sandbox/secrets.json as plain text: keep the file private."
          : "Left out, sandbox/secrets.json lists each secret by name with an empty value (App Services exports never held secret values). Imported again, those secrets are empty: set them on the Values screen."}
      </p>
    `;
  }

  private toggled(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new Event("change", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-secret-export-choice": RsSecretExportChoice;
  }
}
