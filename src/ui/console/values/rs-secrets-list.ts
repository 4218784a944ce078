import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { screenStyles } from "./screen-styles.ts";

/** What the list asks its screen to do with a secret; the screen calls the API and answers. */
export interface SecretRequest {
  action: "create" | "replace" | "remove";
  name: string;
  value?: string;
  /** Resolves with an error message, or "" when done. */
  done: (error: string) => void;
}

const SECRET_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Secrets by name: a value is typed once and never shown again, only that it is set; it
 * can be replaced or deleted. Typed secret values are deliberately not kept in
 * localStorage (unlike other unsaved text): a secret must not linger in the browser.
 * Fires `secret-request`.
 */
@customElement("rs-secrets-list")
export class RsSecretsList extends LitElement {
  @property({ attribute: false }) secrets: string[] = [];
  @property() loadError = "";
  @state() private name = "";
  @state() private replacing: string | undefined;
  @state() private confirmDelete: string | undefined;
  @state() private error = "";
  @state() private status = "";
  @state() private busy = false;

  static override styles = [controls, screenStyles];

  override render() {
    const nameProblem = this.name && !SECRET_NAME.test(this.name) ? 'A secret name may only use letters, digits, "_" and "-".' : this.secrets.includes(this.name) ? `There is already a secret named ${this.name}: replace its value instead.` : "";
    return html`
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.secrets.length === 0
        ? html`<p class="empty">No secrets yet. Keep passwords and API keys here, and link a value to one so that rules and functions can use it.</p>`
        : html`<table>
            <caption class="visually-hidden">Secrets of the app</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${this.secrets.map((s) => this.renderRow(s))}</tbody>
          </table>`}
      ${this.status ? html`<p class="notice ok" role="status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      <form class="card" aria-label="New secret" @submit=${this.create}>
        <h3>New secret</h3>
        <div class="field">
          <label for="secret-name">Secret name</label>
          <input id="secret-name" type="text" autocomplete="off" .value=${this.name} aria-invalid=${nameProblem ? "true" : "false"} aria-describedby="secret-name-error" @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
          <p class="field-error" id="secret-name-error">${nameProblem}</p>
        </div>
        <div class="field">
          <label for="secret-value">Secret value</label>
          <input id="secret-value" type="password" autocomplete="new-password" aria-describedby="secret-value-hint" />
          <p class="hint" id="secret-value-hint">Once saved, the value is never shown again: the console only says that it is set, and you can replace it.</p>
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy || !this.name || Boolean(nameProblem)}>Add secret</button>
      </form>
    `;
  }

  private renderRow(name: string) {
    return html`<tr>
      <th scope="row"><code>${name}</code></th>
      <td>
        ${this.replacing === name
          ? html`<form class="row" aria-label="Replace the value of ${name}" @submit=${(e: Event) => this.replace(e, name)}>
              <input id="replace-value" type="password" autocomplete="new-password" aria-label="New value of ${name}" />
              <button class="primary" type="submit" ?disabled=${this.busy}>Save new value</button>
              <button type="button" @click=${() => (this.replacing = undefined)}>Cancel</button>
            </form>`
          : html`<span>Set (hidden)</span>`}
      </td>
      <td>
        ${this.confirmDelete === name
          ? html`<span class="row" role="group" aria-label="Delete ${name}?">
              <button class="danger" @click=${() => this.send({ action: "remove", name }, `Secret ${name} deleted from the draft.`)}>Delete ${name}</button>
              <button @click=${() => (this.confirmDelete = undefined)}>Keep it</button>
            </span>`
          : html`<span class="row">
              <button aria-label="Replace the value of ${name}" @click=${() => ((this.replacing = name), (this.status = ""))}>Replace value</button>
              <button aria-label="Delete secret ${name}" @click=${() => (this.confirmDelete = name)}>Delete</button>
            </span>`}
      </td>
    </tr>`;
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>("#secret-value")!;
    const name = this.name;
    if (await this.send({ action: "create", name, value: input.value }, `Secret ${name} saved to the draft. Its value is not shown again.`)) {
      input.value = "";
      this.name = "";
    }
  }

  private async replace(event: Event, name: string): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>("#replace-value")!;
    if (await this.send({ action: "replace", name, value: input.value }, `The value of ${name} was replaced in the draft.`)) this.replacing = undefined;
  }

  private async send(request: Omit<SecretRequest, "done">, success: string): Promise<boolean> {
    this.busy = true;
    this.error = "";
    this.status = "";
    this.confirmDelete = undefined;
    const error = await new Promise<string>((done) =>
      this.dispatchEvent(new CustomEvent<SecretRequest>("secret-request", { detail: { ...request, done }, bubbles: true, composed: true })),
    );
    this.busy = false;
    if (error) this.error = error;
    else this.status = success;
    return !error;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-secrets-list": RsSecretsList;
  }
}
