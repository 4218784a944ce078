import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { UserSummary } from "../../state/users-api.ts";
import { canRunAs, statusOf, when } from "./user-status.ts";
import { usersStyles } from "./users-styles.ts";
import "./rs-user-details.ts";

/** What a user card asks its screen to do. */
export type UserAction = "run-as" | "confirm" | "resend" | "rerun" | "disable" | "enable" | "logout" | "delete" | "toggle";

/**
 * One app user: email, state, when it was created and last logged in, and what the
 * console can do with it. Actions go up as `user-action` events; the screen calls the API.
 */
@customElement("rs-user-card")
export class RsUserCard extends LitElement {
  @property({ attribute: false }) user!: UserSummary;
  @property({ type: Boolean }) open = false;
  /** Whether the console currently runs as this user. */
  @property({ type: Boolean, attribute: "running-as" }) runningAs = false;
  @property() appId = "";
  /** How the deployed provider confirms accounts, which decides how to retry a pending one. */
  @property({ attribute: "confirm-method" }) confirmMethod = "email";
  /** Bumped by the screen after a change, so the open details read again. */
  @property({ type: Number }) version = 0;

  static override styles = [
    controls,
    usersStyles,
    css`
      :host { display: block; }
      .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--rs-space-2) var(--rs-space-3); }
      .meta { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 var(--rs-space-2); }
      .actions { margin-top: var(--rs-space-2); }
      .current { color: var(--rs-accent); font-size: var(--rs-text-sm); font-weight: 600; }
    `,
  ];

  override render() {
    const u = this.user;
    const status = statusOf(u);
    const name = u.email || u.id;
    return html`<article class="card" aria-label=${name}>
      <div class="head">
        <h3>${name}</h3>
        <span class="badge ${status.tone}" title=${status.hint}>${status.label}</span>
        ${this.runningAs ? html`<span class="current">The console runs as this user</span>` : nothing}
      </div>
      <p class="meta">
        <span>${status.hint}</span><br />
        Id <span class="mono">${u.id}</span> · created ${when(u.createdAt)} · last login ${when(u.lastLoginAt)}
      </p>
      <div class="actions">
        ${canRunAs(u) && !this.runningAs ? this.button("run-as", "Run as this user", `Run as ${name}`, "primary") : nothing}
        ${u.status === "pending-confirmation"
          ? html`${this.button("confirm", "Confirm", `Confirm ${name}`, "primary")}
            ${this.confirmMethod === "function"
              ? this.button("rerun", "Run the confirmation function again", `Run the confirmation function again for ${name}`)
              : this.button("resend", "Send a new confirmation", `Send ${name} a new confirmation`)}`
          : nothing}
        ${u.disabled ? this.button("enable", "Enable", `Enable ${name}`) : this.button("disable", "Disable", `Disable ${name}`)}
        ${u.status !== "pending-confirmation" ? this.button("logout", "Log out everywhere", `Log ${name} out everywhere`) : nothing}
        ${this.button("delete", "Delete…", `Delete ${name}`, "danger")}
        <button aria-expanded=${this.open ? "true" : "false"} aria-label=${`Details of ${name}`} @click=${() => this.fire("toggle")}>
          ${this.open ? "Hide details" : "Details"}
        </button>
      </div>
      ${this.open ? html`<rs-user-details .user=${u} .appId=${this.appId} .version=${this.version}></rs-user-details>` : nothing}
    </article>`;
  }

  private button(action: UserAction, text: string, label: string, kind = "") {
    return html`<button class=${kind} aria-label=${label} @click=${() => this.fire(action)}>${text}</button>`;
  }

  private fire(action: UserAction): void {
    this.dispatchEvent(new CustomEvent<{ action: UserAction; user: UserSummary }>("user-action", { detail: { action, user: this.user }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-user-card": RsUserCard;
  }
}
