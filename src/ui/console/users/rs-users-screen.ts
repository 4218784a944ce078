import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { UsersApi, type PendingLinks, type UserSummary } from "../../state/users-api.ts";
import { href } from "../../shell/links.ts";
import type { RsAddUserForm } from "./rs-add-user-form.ts";
import type { UserAction } from "./rs-user-card.ts";
import { usersStyles } from "./users-styles.ts";
import "./rs-add-user-form.ts";
import "./rs-mail-catcher.ts";
import "./rs-user-card.ts";

/**
 * The App Users screen: every account of the app (pending ones too), found by email or id;
 * add one; confirm, disable, enable, delete, log out; the mails the sandbox did not send;
 * and "Run as" for any of them. `#/users/<id>` opens that user's details.
 */
@customElement("rs-users-screen")
export class RsUsersScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  @state() private users: UserSummary[] | undefined;
  @state() private links: PendingLinks = { confirmations: [], resets: [], confirmMethod: "email" };
  @state() private search = "";
  @state() private notice: { kind: "ok" | "error"; text: string } | undefined;
  @state() private addError = "";
  @state() private busy = false;
  @state() private deleting: UserSummary | undefined;
  @state() private version = 0;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("rs-add-user-form") private addForm!: RsAddUserForm;
  private loadedFor: string | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    usersStyles,
    css`
      :host { display: block; max-width: 64rem; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
      section { margin-bottom: var(--rs-space-6); }
      .toolbar { display: flex; gap: var(--rs-space-3); align-items: center; margin-bottom: var(--rs-space-3); flex-wrap: wrap; }
      .toolbar input { min-width: 20rem; }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      .dialog-buttons { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-3); }
    `,
  ];

  private get api(): UsersApi {
    return new UsersApi(this.store.api);
  }

  private get appId(): string {
    return this.store.state.appId;
  }

  override willUpdate(): void {
    const s = this.state.state;
    if (!s) return;
    const key = `${s.appId}#${s.overview?.deployment?.id}`;
    if (key !== this.loadedFor) {
      if (this.loadedFor && !this.loadedFor.startsWith(`${s.appId}#`)) this.users = undefined;
      this.loadedFor = key;
      void this.load();
    }
  }

  override render() {
    const s = this.state.state;
    const runAsId = s?.runAs.kind === "user" ? s.runAs.userId : undefined;
    const pendingCount = this.users?.filter((u) => u.status === "pending-confirmation").length ?? 0;
    return html`
      <h1>App Users</h1>
      <p class="lead">
        The accounts of your app's users. Clients register with email and password; here you can add users yourself, confirm the ones
        waiting for confirmation, block or remove them, and try the app as any of them with <strong>Run as</strong>. These changes take
        effect at once: they are not part of the draft.
      </p>
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === "error" ? "alert" : "status"}>${this.notice.text}</p>` : nothing}
      <section aria-labelledby="add-title">
        <h2 id="add-title">Add a user</h2>
        <rs-add-user-form .error=${this.addError} ?busy=${this.busy} @add-user=${this.add}></rs-add-user-form>
      </section>
      <section aria-labelledby="users-title">
        <h2 id="users-title">Users${this.users ? ` (${this.users.length}${pendingCount ? `, ${pendingCount} pending` : ""})` : ""}</h2>
        <div class="toolbar">
          <input type="search" aria-label="Search users by email or id" placeholder="Search by email or id" .value=${this.search} @input=${this.typedSearch} />
        </div>
        ${this.renderUsers(runAsId)}
      </section>
      <rs-mail-catcher .links=${this.links}></rs-mail-catcher>
      ${this.renderDeleteDialog()}
    `;
  }

  private renderUsers(runAsId: string | undefined) {
    if (!this.users) return html`<p class="muted">Reading the users…</p>`;
    if (this.users.length === 0) {
      return html`<p class="muted">
        ${this.search ? `No user's email or id contains “${this.search}”.` : "No users yet. Add one above, or register one from your app."}
      </p>`;
    }
    return html`<ul class="plain" @user-action=${this.act}>
      ${this.users.map(
        (u) => html`<li>
          <rs-user-card .user=${u} .appId=${this.appId} confirm-method=${this.links.confirmMethod} .version=${this.version} ?open=${this.params.userId === u.id} ?running-as=${runAsId === u.id}></rs-user-card>
        </li>`,
      )}
    </ul>`;
  }

  private renderDeleteDialog() {
    const u = this.deleting;
    return html`<dialog aria-labelledby="delete-title" @close=${() => (this.deleting = undefined)}>
      ${u
        ? html`<h2 id="delete-title">Delete ${u.email || u.id}?</h2>
            <p>
              The account and its sessions are removed; the user can no longer log in, and the email is free to register again. Documents it
              owns in your collections (its custom user data too) stay. This cannot be undone.
            </p>
            <div class="dialog-buttons">
              <button @click=${() => this.dialog.close()}>Cancel</button>
              <button class="danger" @click=${this.confirmDelete}>Delete user</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private async load(): Promise<void> {
    const appId = this.appId;
    try {
      const [users, links] = await Promise.all([this.api.list(appId, this.search), this.api.pending(appId)]);
      if (appId !== this.appId) return;
      this.users = users;
      this.links = links;
      this.version++;
    } catch (error) {
      this.notice = { kind: "error", text: `The users could not be read: ${(error as Error).message}. Reload the page to try again.` };
    }
  }

  private typedSearch(e: Event): void {
    this.search = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), 150);
  }

  private async add(e: CustomEvent<{ email: string; password: string }>): Promise<void> {
    this.busy = true;
    this.addError = "";
    try {
      const user = await this.api.create(this.appId, e.detail.email, e.detail.password);
      this.addForm.reset();
      this.notice = { kind: "ok", text: `Added ${user.email}. It is confirmed and can log in now.` };
      await this.load();
    } catch (error) {
      const message = (error as Error).message;
      this.addError =
        message === "name already in use" ? `${e.detail.email} already has an account. Pick another email, or find it in the list below.` : `The user was not added: ${message}.`;
    } finally {
      this.busy = false;
    }
  }

  private async act(e: CustomEvent<{ action: UserAction; user: UserSummary }>): Promise<void> {
    const { action, user } = e.detail;
    const name = user.email || user.id;
    const appId = this.appId;
    if (action === "toggle") {
      location.hash = this.params.userId === user.id ? "#/users" : href("users", user.id);
      return;
    }
    if (action === "run-as") {
      this.store.setRunAs({ kind: "user", userId: user.id, email: user.email });
      this.notice = { kind: "ok", text: `The console now runs as ${name}: Data, functions and the playground show what this user's client would get.` };
      return;
    }
    if (action === "delete") {
      this.deleting = user;
      await this.updateComplete;
      this.dialog.showModal();
      return;
    }
    const steps: Record<Exclude<UserAction, "toggle" | "run-as" | "delete">, [() => Promise<unknown>, string]> = {
      confirm: [() => this.api.confirm(appId, user.email), `Confirmed ${name}. It can log in now.`],
      resend: [() => this.api.resendConfirmation(appId, user.email), `A new confirmation for ${name} is in the mail catcher below; the old link no longer works.`],
      rerun: [() => this.api.rerunConfirmation(appId, user.email), `Ran the confirmation function again for ${name}; its state below is its answer.`],
      disable: [() => this.api.disable(appId, user.id), `Disabled ${name}: it cannot log in, and its sessions were ended.`],
      enable: [() => this.api.enable(appId, user.id), `Enabled ${name}. It can log in again.`],
      logout: [() => this.api.logout(appId, user.id), `Ended every session of ${name}; its clients must log in again.`],
    };
    const [run, done] = steps[action];
    try {
      const result = await run();
      const revoked = (result as { revoked?: number } | undefined)?.revoked;
      this.notice = { kind: "ok", text: revoked === undefined ? done : `${done} (${revoked} session${revoked === 1 ? "" : "s"})` };
      if (action === "disable" && this.store.state.runAs.kind === "user" && this.store.state.runAs.userId === user.id) {
        this.store.setRunAs({ kind: "system" });
        this.notice = { kind: "ok", text: `${done} The console runs as the system again.` };
      }
    } catch (error) {
      this.notice = { kind: "error", text: `${name}: ${(error as Error).message}. The list below is read again.` };
    }
    await this.load();
  }

  private async confirmDelete(): Promise<void> {
    const user = this.deleting;
    this.dialog.close();
    if (!user) return;
    const name = user.email || user.id;
    try {
      await this.api.remove(this.appId, user.id);
      this.notice = { kind: "ok", text: `Deleted ${name}.` };
      const runAs = this.store.state.runAs;
      if (runAs.kind === "user" && runAs.userId === user.id) this.store.setRunAs({ kind: "system" });
    } catch (error) {
      this.notice = { kind: "error", text: `${name} was not deleted: ${(error as Error).message}.` };
    }
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-users-screen": RsUsersScreen;
  }
}
