import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { draftNotice } from "../../components/draft-notice.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { readProviders, unreadableAuthFile } from "./auth-model.ts";
import "./rs-userpass-form.ts";
import "./rs-other-providers.ts";
import "./rs-custom-data-form.ts";

/**
 * The Authentication screen: the providers of auth/providers.json in the draft (Email/Password
 * edited here, the others shown and kept) and custom user data. Saves go to the draft.
 */
@customElement("rs-auth-screen")
export class RsAuthScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 60rem; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
      .stack { display: flex; flex-direction: column; gap: var(--rs-space-6); }
    `,
  ];

  override render() {
    const appId = this.state.state?.appId ?? "";
    return html`
      <h1>Authentication</h1>
      <p class="lead">
        How users of your app prove who they are. Each way of logging in is a provider; a client can only log in with a provider that is
        enabled and deployed. Your changes go to the draft; deploy them from the top bar. Manage the accounts themselves under
        <a href="#/users">App Users</a>.
      </p>
      ${draftNotice(this.draft)}
      ${this.draft.files && unreadableAuthFile(this.draft.files)
        ? html`<p class="notice error" role="alert">
            The draft's ${unreadableAuthFile(this.draft.files)}. The forms below cannot read or save it until it is fixed: discard the draft under
            Deployment, or import a corrected copy of the app.
          </p>`
        : nothing}
      ${this.draft.files
        ? html`<div class="stack" @draft-changed=${this.changed}>
            <rs-userpass-form .files=${this.draft.files} .appId=${appId}></rs-userpass-form>
            <rs-other-providers .providers=${readProviders(this.draft.files)}></rs-other-providers>
            <rs-custom-data-form .files=${this.draft.files} .appId=${appId}></rs-custom-data-form>
          </div>`
        : nothing}
    `;
  }

  /** A child saved to the draft. */
  private changed(): Promise<void> {
    return this.draft.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-auth-screen": RsAuthScreen;
  }
}
