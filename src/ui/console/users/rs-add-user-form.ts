import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";

const EMAIL_KEY = "realm-sandbox:users:new-email";

/**
 * "Add a user": an email and a password, created confirmed at once (as the App Services
 * console did). The typed email survives a reload; the password is never stored.
 */
@customElement("rs-add-user-form")
export class RsAddUserForm extends LitElement {
  /** The problem the last attempt met, shown beside the form. */
  @property() error = "";
  @property({ type: Boolean }) busy = false;
  @state() private email = localStorage.getItem(EMAIL_KEY) ?? "";
  @state() private password = "";
  @query("input[type=email]") private emailInput!: HTMLInputElement;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: flex; flex-wrap: wrap; gap: var(--rs-space-2) var(--rs-space-3); align-items: end; }
      label { display: flex; flex-direction: column; gap: var(--rs-space-1); font-size: var(--rs-text-sm); font-weight: 600; }
      input { min-width: 16rem; }
      .hint { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: var(--rs-space-1) 0 0; }
      .error { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; }
    `,
  ];

  override render() {
    const short = this.password !== "" && this.password.length < 6;
    return html`<form @submit=${this.submit} aria-label="Add a user">
        <label>Email<input type="email" name="email" autocomplete="off" required .value=${this.email} @input=${this.typedEmail} /></label>
        <label
          >Password<input
            type="password"
            name="password"
            autocomplete="new-password"
            required
            minlength="6"
            maxlength="128"
            aria-describedby="password-hint"
            .value=${this.password}
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Add user</button>
      </form>
      <p id="password-hint" class=${short ? "error" : "hint"}>
        ${short ? "The password needs at least 6 characters (at most 128)." : "6 to 128 characters. The user is confirmed at once and can log in from your app with these."}
      </p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  /** Clears the form after the screen created the user. */
  reset(): void {
    this.email = "";
    this.password = "";
    localStorage.removeItem(EMAIL_KEY);
    this.emailInput?.focus();
  }

  private typedEmail(e: Event): void {
    this.email = (e.target as HTMLInputElement).value;
    localStorage.setItem(EMAIL_KEY, this.email);
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (this.password.length < 6) return;
    this.dispatchEvent(new CustomEvent("add-user", { detail: { email: this.email.trim(), password: this.password } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-add-user-form": RsAddUserForm;
  }
}
