import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";

/**
 * Export, import and reset of the whole sandbox. Fires `sandbox-export`,
 * `sandbox-import` (detail: the chosen File) and `sandbox-reset`; reset asks first.
 */
@customElement("sandbox-actions")
export class SandboxActionsElement extends LitElement {
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) canExport = false;
  @state() private confirming = false;

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; margin: var(--rs-space-4) 0 var(--rs-space-2); }
      input[type="file"] { display: none; }
      .warn { font-weight: 600; }
      .note { flex-basis: 100%; margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
    `,
  ];

  override render() {
    if (this.confirming) {
      return html`
        <span class="warn">Delete every collection, user and setting of this sandbox?</span>
        <button data-testid="reset-confirm" @click=${this.reset}>Reset</button>
        <button @click=${() => (this.confirming = false)}>Cancel</button>
      `;
    }
    return html`
      <button data-testid="export" ?disabled=${this.busy || !this.canExport} @click=${() => this.fire("sandbox-export")}>Export sandbox</button>
      <button data-testid="import" ?disabled=${this.busy} @click=${this.chooseFile}>Import sandbox…</button>
      <input type="file" accept="application/json,.json" data-testid="import-file" @change=${this.imported} />
      <button data-testid="reset" ?disabled=${this.busy} @click=${() => (this.confirming = true)}>Reset…</button>
      <p class="note">The export is a backup: it keeps secret values as plain text, so store it privately.</p>
    `;
  }

  private chooseFile() {
    this.renderRoot.querySelector<HTMLInputElement>("input[type=file]")!.click();
  }

  private imported(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (file) this.fire("sandbox-import", file);
  }

  private reset() {
    this.confirming = false;
    this.fire("sandbox-reset");
  }

  private fire(type: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "sandbox-actions": SandboxActionsElement;
  }
}
