import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles, ConfigProblem } from "../../state/console-api.ts";
import { jsonFile, type DraftFiles } from "../../state/draft-files.ts";
import "../../editors/rs-code-editor.ts";
import { screenStyles } from "./screen-styles.ts";
import { ENVIRONMENT_TAGS, currentEnvironment, environmentFile, environmentValues } from "./environments.ts";

const UNSAVED = "realm-sandbox:environment-unsaved:";

/**
 * The values of one environment (environments/<name>.json `values`) in a JSON editor.
 * Unsaved text is kept in localStorage per app and environment until saved or discarded.
 */
@customElement("rs-environment-values")
export class RsEnvironmentValues extends LitElement {
  @property({ attribute: false }) draft!: DraftFiles;
  @property({ attribute: false }) files: AppFiles | undefined;
  @property() appId = "";
  /** The environment being edited; the current one until another is picked. */
  @state() private tag: string | undefined;
  @state() private text: string | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private error = "";
  @state() private status = "";

  static override styles = [controls, screenStyles];

  private get editing(): string {
    return this.tag ?? currentEnvironment(this.files);
  }

  private get key(): string {
    return `${UNSAVED}${this.appId}:${this.editing}`;
  }

  override render() {
    const tag = this.editing;
    const saved = JSON.stringify(environmentValues(this.files, tag), null, 2);
    const text = this.text ?? localStorage.getItem(this.key) ?? saved;
    const syntax = objectError(text);
    const dirty = text !== saved;
    return html`
      <div class="field">
        <label for="env-edit">Environment to edit</label>
        <select id="env-edit" @change=${this.pick}>
          ${ENVIRONMENT_TAGS.map((t) => html`<option value=${t} ?selected=${t === tag}>${t === "" ? "None (no environment set)" : t}${t === currentEnvironment(this.files) ? " (current)" : ""}</option>`)}
        </select>
      </div>
      <div class="field">
        <span class="label">${tag === "" ? "Values when no environment is set" : `Values of ${tag}`} <span class="muted">(${environmentFile(tag)})</span></span>
        <rs-code-editor language="json" label=${tag === "" ? "Values when no environment is set" : `Values of the ${tag} environment`} .value=${text} @value-changed=${this.typed}></rs-code-editor>
        <p class="field-error" role="alert">${syntax}</p>
        ${this.problems.length || this.error
          ? html`<div role="alert"><p class="field-error">${this.error}</p><ul class="problems">${this.problems.map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}</ul></div>`
          : nothing}
      </div>
      ${this.status ? html`<p class="notice ok" role="status">${this.status}</p>` : nothing}
      <div class="actions">
        <button class="primary" ?disabled=${!dirty || Boolean(syntax)} @click=${() => this.save(text)}>Save these values</button>
        ${dirty ? html`<button @click=${this.discard}>Discard changes</button><span class="muted">Unsaved changes (kept in this browser)</span>` : nothing}
      </div>
    `;
  }

  private pick(event: Event): void {
    this.tag = (event.target as HTMLSelectElement).value;
    this.text = undefined;
    this.problems = [];
    this.error = "";
    this.status = "";
  }

  private typed(event: CustomEvent<string>): void {
    this.text = event.detail;
    this.status = "";
    try {
      localStorage.setItem(this.key, event.detail);
    } catch {
      // Storage full or off: the text stays on screen until the page closes.
    }
  }

  private discard(): void {
    localStorage.removeItem(this.key);
    this.text = JSON.stringify(environmentValues(this.files, this.editing), null, 2);
    this.problems = [];
    this.error = "";
  }

  private async save(text: string): Promise<void> {
    const tag = this.editing;
    const { problems, error } = await this.draft.save({ [environmentFile(tag)]: jsonFile({ values: JSON.parse(text) }) });
    this.problems = problems;
    this.error = error ?? "";
    if (error) return;
    localStorage.removeItem(this.key);
    this.text = undefined;
    this.status = `${tag === "" ? "The values for no environment" : `The ${tag} values`} were saved to the draft.`;
  }
}

function objectError(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? "" : 'The values must be one JSON object, like {"apiUrl": "https://example.com"}.';
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-environment-values": RsEnvironmentValues;
  }
}
