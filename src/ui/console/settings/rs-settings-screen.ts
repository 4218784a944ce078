import { consume } from "@lit/context";
import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { screenStyles } from "../values/screen-styles.ts";
import "./rs-app-general.ts";
import "./rs-app-transfer.ts";
import "./rs-sandbox-tools.ts";

/**
 * App Settings: the app's name, id, environment and time zone; its app directory exported
 * and imported; the whole sandbox's file, reset and storage; and removing the app.
 */
@customElement("rs-settings-screen")
export class RsSettingsScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);
  @state() private confirmRemove = false;
  @state() private removeError = "";

  static override styles = [controls, screenStyles];

  override render() {
    const s = this.state.state;
    const appId = s?.appId ?? "";
    const files = this.draft.files;
    const app = s?.apps.find((a) => a.appId === appId);
    return html`
      <h1>App Settings</h1>
      <p class="lead">The app's name and identity, moving it in and out as files, and the sandbox that holds all the apps in this browser.</p>
      ${this.draft.error ? html`<p class="notice error" role="alert">${this.draft.error}</p>` : nothing}
      <section class="card" aria-labelledby="general-h">
        <h2 id="general-h">General</h2>
        ${files ? html`<rs-app-general .draft=${this.draft} .files=${files} appId=${appId}></rs-app-general>` : html`<p class="muted">Loading the draft…</p>`}
      </section>
      <section class="card" aria-labelledby="transfer-h">
        <h2 id="transfer-h">Export and import the app</h2>
        <rs-app-transfer .files=${files} appId=${appId}></rs-app-transfer>
      </section>
      <section class="card" aria-labelledby="sandbox-h">
        <h2 id="sandbox-h">The sandbox</h2>
        <rs-sandbox-tools></rs-sandbox-tools>
      </section>
      <section class="card" aria-labelledby="remove-h">
        <h2 id="remove-h">Remove this app</h2>
        ${app?.isDefault
          ? html`<p class="hint">This is the sandbox's default app, which cannot be removed; reset the sandbox instead to start it again.</p>`
          : html`<p class="hint">Deletes the app ${appId} with its configuration, deployments, documents, users and log from this browser. Export it first to keep a copy.</p>
              ${this.confirmRemove
                ? html`<div class="row" role="group" aria-label="Confirm removing the app">
                    <strong>Remove ${app?.name ?? appId} (${appId}) for good?</strong>
                    <button class="danger" @click=${this.removeApp}>Remove ${appId}</button>
                    <button @click=${() => (this.confirmRemove = false)}>Cancel</button>
                  </div>`
                : html`<button class="danger" @click=${() => ((this.confirmRemove = true), (this.removeError = ""))}>Remove app…</button>`}
              ${this.removeError ? html`<p class="notice error" role="alert">${this.removeError}</p>` : nothing}`}
      </section>
    `;
  }

  private async removeApp(): Promise<void> {
    const { appId, apps } = this.store.state;
    this.confirmRemove = false;
    try {
      await this.store.api.removeApp(appId);
      const next = apps.find((a) => a.isDefault) ?? apps.find((a) => a.appId !== appId);
      if (next) await this.store.selectApp(next.appId);
      else await this.store.refresh();
      location.hash = "#/";
    } catch (error) {
      this.removeError = `The app was not removed: ${(error as Error).message}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-settings-screen": RsSettingsScreen;
  }
}
