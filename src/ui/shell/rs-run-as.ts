import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { UserSummary } from "../state/console-api.ts";
import { storeContext, StateController } from "../state/context.ts";
import type { ConsoleStore } from "../state/console-store.ts";

const SYSTEM = "system";
const NEW_USER = "new";

/**
 * The identity the console acts as: the system (rules do not apply) or a user of the app
 * with a real session, so screens show exactly what that user's client would get.
 */
@customElement("rs-run-as")
export class RsRunAs extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private users: UserSummary[] = [];
  @state() private error: string | undefined;
  @state() private busy = false;
  private loadedFor: string | undefined;
  private recheckedFor: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: inline-flex; align-items: center; gap: var(--rs-space-2); }
      label { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); display: flex; align-items: center; gap: var(--rs-space-1); }
      .error { color: var(--rs-danger); font-size: var(--rs-text-sm); max-width: 20rem; }
    `,
  ];

  override render() {
    const s = this.state.state;
    if (!s) return nothing;
    // Read again, once, when a screen picked a user this list has not seen (one just added on App Users).
    const wanted = s.runAs.kind === "user" ? s.runAs.userId : undefined;
    const missing = wanted !== undefined && this.recheckedFor !== wanted && !this.users.some((u) => u.id === wanted);
    if (this.loadedFor !== `${s.appId}#${s.overview?.deployment?.id}` || missing) {
      this.recheckedFor = wanted;
      void this.loadUsers(s.appId, s.overview?.deployment?.id);
    }
    const value = s.runAs.kind === "user" ? s.runAs.userId : SYSTEM;
    return html`
      <label>Run as
        <select aria-label="Run as" ?disabled=${this.busy} @change=${this.pick}>
          <option value=${SYSTEM} ?selected=${value === SYSTEM}>System (no rules)</option>
          ${this.users.map((u) => html`<option value=${u.id} ?selected=${value === u.id} ?disabled=${u.disabled}>${u.email || u.id}${u.disabled ? " (disabled)" : ""}</option>`)}
          <option value=${NEW_USER}>+ Create a test user</option>
        </select>
      </label>
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
    `;
  }

  private async loadUsers(appId: string, version: string | undefined): Promise<void> {
    this.loadedFor = `${appId}#${version}`;
    try {
      this.users = await this.store.api.users(appId);
    } catch (error) {
      this.error = `Could not list the users: ${(error as Error).message}`;
    }
  }

  private async pick(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    this.error = undefined;
    if (select.value === SYSTEM) return this.store.setRunAs({ kind: "system" });
    if (select.value !== NEW_USER) {
      const user = this.users.find((u) => u.id === select.value);
      if (user) this.store.setRunAs({ kind: "user", userId: user.id, email: user.email });
      return;
    }
    this.busy = true;
    try {
      const { appId } = this.store.state;
      const taken = new Set(this.users.map((u) => u.email));
      let n = this.users.length + 1;
      while (taken.has(`user${n}@example.com`)) n++;
      const user = await this.store.api.createUser(appId, `user${n}@example.com`, "password123");
      this.users = [...this.users, user];
      this.store.setRunAs({ kind: "user", userId: user.id, email: user.email });
    } catch (error) {
      this.error = `Could not create a test user: ${(error as Error).message}`;
      this.requestUpdate();
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-run-as": RsRunAs;
  }
}
