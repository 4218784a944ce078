import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { UsersApi, type SessionInfo, type UserCustomData, type UserSummary } from "../../state/users-api.ts";
import { when } from "./user-status.ts";
import { usersStyles } from "./users-styles.ts";
import "../../components/rs-ejson-tree.ts";

/** A user's identities, open sessions and custom user data, read when opened. */
@customElement("rs-user-details")
export class RsUserDetails extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) user!: UserSummary;
  @property() appId = "";
  @property({ type: Number }) version = 0;
  @state() private sessions: SessionInfo[] | undefined;
  @state() private customData: UserCustomData | undefined;
  @state() private error: string | undefined;
  private loadedFor = "";

  static override styles = [
    controls,
    usersStyles,
    css`
      :host { display: block; margin-top: var(--rs-space-3); border-top: 1px solid var(--rs-border); padding-top: var(--rs-space-3); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--rs-space-1) var(--rs-space-3); margin: 0 0 var(--rs-space-3); font-size: var(--rs-text-sm); }
      dt { color: var(--rs-fg-muted); }
      dd { margin: 0; }
      h4 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); }
    `,
  ];

  override willUpdate(): void {
    const key = `${this.appId}/${this.user.id}/${this.version}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  override render() {
    const u = this.user;
    return html`
      <dl>
        <dt>Provider</dt>
        <dd>${u.identities.map((i) => html`<span>Email/Password (<span class="mono">${i.provider_type}</span>)</span>`)}</dd>
        <dt>Open sessions</dt>
        <dd>${this.sessions === undefined ? "…" : this.sessions.length === 0 ? "none" : this.sessions.map((s) => html`<div>since ${when(s.createdAt)}, until ${when(s.expiresAt)}</div>`)}</dd>
        <dt>Confirmed</dt>
        <dd>${u.confirmedAt === undefined ? "not yet" : when(u.confirmedAt)}</dd>
      </dl>
      <h4>Custom user data</h4>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing} ${this.renderCustomData()}
    `;
  }

  private renderCustomData() {
    const c = this.customData;
    if (!c) return this.error ? nothing : html`<p class="muted">Reading…</p>`;
    if (!c.enabled) {
      return html`<p class="muted">Custom user data is off for this app. Turn it on under <a href="#/auth">Authentication</a> to give each user a document of your own.</p>`;
    }
    if (c.error) return html`<p class="notice error" role="alert">The document in ${c.namespace} could not be read: ${c.error}. Check the custom user data settings under <a href="#/auth">Authentication</a>.</p>`;
    if (!c.document) {
      return html`<p class="muted">No document in <span class="mono">${c.namespace}</span> belongs to this user yet, so its <code>custom_data</code> is empty.</p>`;
    }
    return html`<p class="muted">From <span class="mono">${c.namespace}</span>; clients read it as <code>user.customData</code>, rules as <code>%%user.custom_data</code>.</p>
      <rs-ejson-tree .value=${c.document} label=${`Custom user data of ${this.user.email || this.user.id}`}></rs-ejson-tree>`;
  }

  private async load(): Promise<void> {
    const api = new UsersApi(this.store.api);
    try {
      const [sessions, customData] = await Promise.all([api.sessions(this.appId, this.user.id), api.customData(this.appId, this.user.id)]);
      this.sessions = sessions;
      this.customData = customData;
      this.error = undefined;
    } catch (error) {
      this.error = `The details could not be read: ${(error as Error).message}.`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-user-details": RsUserDetails;
  }
}
