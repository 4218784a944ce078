import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { PendingLink, PendingLinks } from "../../state/users-api.ts";
import { when } from "./user-status.ts";
import { usersStyles } from "./users-styles.ts";

/**
 * The mails App Services would have sent: confirmation and password reset links waiting
 * on accounts. The sandbox sends no mail, so they are shown here, as a mail catcher would.
 */
@customElement("rs-mail-catcher")
export class RsMailCatcher extends LitElement {
  @property({ attribute: false }) links: PendingLinks = { confirmations: [], resets: [], confirmMethod: "email" };
  /** The outcome of the last copy, shown beside that link's button: link → what happened. */
  @state() private copied: { link: string; text: string } | undefined;
  private clearCopied: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    usersStyles,
    css`
      :host { display: block; }
      li { padding: var(--rs-space-2) var(--rs-space-3); }
      .subject { font-weight: 600; }
      .link { display: block; margin: var(--rs-space-1) 0; }
      .expired { color: var(--rs-danger); font-weight: 600; }
      .link-row { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .link-row .link { min-width: 0; overflow-wrap: anywhere; flex: 1 1 20rem; }
      .copied { color: var(--rs-ok); font-weight: 600; font-size: var(--rs-text-sm); }
      .copied.failed { color: var(--rs-danger); }
    `,
  ];

  override render() {
    const all = [...this.links.confirmations.map((l) => ({ kind: "confirmation" as const, l })), ...this.links.resets.map((l) => ({ kind: "reset" as const, l }))];
    return html`<section aria-labelledby="mail-title">
      <h2 id="mail-title">Mail catcher</h2>
      <p class="muted">
        Confirmation and password reset messages that would have been e-mailed. Open a link in your app's confirm or reset page, or pass its
        <code>token</code> and <code>tokenId</code> to <code>confirmUser</code> or <code>resetPassword</code>. Links last 30 minutes.
      </p>
      ${all.length === 0
        ? html`<p class="muted">No messages waiting.</p>`
        : html`<ul class="plain">
            ${all.map(({ kind, l }) => this.renderMail(kind, l))}
          </ul>`}
    </section>`;
  }

  private renderMail(kind: "confirmation" | "reset", l: PendingLink) {
    const subject = kind === "confirmation" ? `Confirm the account of ${l.email}` : `Reset the password of ${l.email}`;
    return html`<li class="card" aria-label=${subject}>
      <div class="subject">${subject}</div>
      <div class="muted">To ${l.email} · sent ${when(l.createdAt)} · ${l.expired ? html`<span class="expired">expired</span>` : `valid until ${when(l.expiresAt)}`}</div>
      ${l.link ? this.renderLink(kind, l, l.link)
        : html`<p class="muted">
            No link: ${kind === "confirmation" ? "no confirmation URL is set (the confirmation function answered “pending”)" : "no reset URL is set (the reset function answered “pending”)"}. Token
            <span class="mono">${l.token}</span>, tokenId <span class="mono">${l.tokenId}</span>.
          </p>`}
    </li>`;
  }

  private renderLink(kind: "confirmation" | "reset", l: PendingLink, link: string) {
    const what = `${kind === "confirmation" ? "confirmation" : "password reset"} link for ${l.email}`;
    const outcome = this.copied?.link === link ? this.copied.text : "";
    return html`<div class="link-row">
      <a class="link mono" href=${link} target="_blank" rel="noopener" aria-label=${`${kind === "confirmation" ? "Confirmation" : "Reset"} link for ${l.email}`}>${link}</a>
      <button aria-label=${`Copy the ${what}`} @click=${() => this.copy(link)}>Copy</button>
      <span class="copied ${outcome && outcome !== "Copied" ? "failed" : ""}" role="status" aria-live="polite">${outcome}</span>
    </div>`;
  }

  private async copy(link: string): Promise<void> {
    clearTimeout(this.clearCopied);
    try {
      await navigator.clipboard.writeText(link);
      this.copied = { link, text: "Copied" };
    } catch {
      // Browsers refuse the clipboard outside secure pages or without permission.
      this.copied = { link, text: "Not copied: this browser refused the clipboard. Select the link and copy it yourself." };
    }
    this.clearCopied = setTimeout(() => (this.copied = undefined), 4000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.clearCopied);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-mail-catcher": RsMailCatcher;
  }
}
