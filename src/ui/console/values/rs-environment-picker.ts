import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { ENVIRONMENT_TAGS, currentEnvironment, environmentLabel, withConfigKey } from "./environments.ts";

/**
 * The app's current environment (realm_config.json `environment`), saved to the draft when
 * picked. Fires `draft-changed` after a save.
 */
@customElement("rs-environment-picker")
export class RsEnvironmentPicker extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) files: AppFiles | undefined;
  @state() private error = "";
  @state() private saving = false;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      label { font-weight: 600; font-size: var(--rs-text-sm); display: block; margin-bottom: var(--rs-space-1); }
      .hint { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; }
      .field-error { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; }
    `,
  ];

  override render() {
    const current = currentEnvironment(this.files);
    return html`
      <label for="env">Current environment</label>
      <select id="env" aria-describedby="env-hint" ?disabled=${this.saving || !this.files} @change=${this.pick}>
        ${ENVIRONMENT_TAGS.map((tag) => html`<option value=${tag} ?selected=${tag === current}>${environmentLabel(tag)}</option>`)}
      </select>
      <p class="hint" id="env-hint">
        Picks which environment's values <code>%%environment.values</code> and <code>context.environment.values</code> read. Saved to the draft
        when you pick it.
      </p>
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private async pick(event: Event): Promise<void> {
    const tag = (event.target as HTMLSelectElement).value;
    this.saving = true;
    this.error = "";
    try {
      await this.store.api.patchDraft(this.store.state.appId, withConfigKey(this.files, "environment", tag));
      await this.store.refresh();
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    } catch (error) {
      this.error = `The environment was not saved: ${(error as Error).message}. Pick it again to retry.`;
    } finally {
      this.saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-environment-picker": RsEnvironmentPicker;
  }
}
