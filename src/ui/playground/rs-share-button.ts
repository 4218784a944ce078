import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { describeDropped, shareLinkWithInfo, type Share, type ShareLinkInfo } from "../state/share-link.ts";
import type { RsCopyDialog } from "./rs-copy-dialog.ts";
import "./rs-copy-dialog.ts";

/** Links longer than this are cut by some chat apps and mail clients. */
const LONG_LINK = 8000;

/**
 * "Share": a link to this page's playground holding the query, its variables, headers and
 * the Run-as identity (in the hash, so no server sees it). Copies it and shows it in a
 * dialog, saying what was left out. Opening the link adds a tab and runs nothing.
 */
@customElement("rs-share-button")
export class RsShareButton extends LitElement {
  @property({ attribute: false }) share: Share | undefined;
  /** The page the link opens; this page by default. */
  @property() base = "";
  @state() private link: ShareLinkInfo | undefined;
  @query("rs-copy-dialog") private dialog!: RsCopyDialog;

  static override styles = [
    controls,
    css`
      :host { display: inline-block; }
      p { margin: 0; }
      .muted { color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const link = this.link;
    const runAs = this.share?.runAs;
    return html`
      <button ?disabled=${!this.share} @click=${() => this.open()}>Share</button>
      <rs-copy-dialog heading="Share this query" label="Link to this query" rows="1" .text=${link?.url ?? ""}>
        <p slot="before" class="muted">
          Anyone who opens this link gets a new playground tab with this query${this.share?.variables?.trim() ? ", its variables" : ""}${this.share?.headers?.trim() ? " and headers" : ""}.
          Nothing runs until they press Run. The query travels inside the link itself: no server keeps it.
        </p>
        ${runAs?.kind === "user"
          ? html`<p>It also asks to run as <strong>${runAs.email}</strong>. Users live in each browser's own sandbox, so elsewhere that works only where the same user exists.</p>`
          : runAs
            ? html`<p>It also asks to run as System, which skips the rules.</p>`
            : nothing}
        ${link && link.dropped.length ? html`<p class="notice warning">${describeDropped(link.dropped)}</p>` : nothing}
        ${link && link.url.length > LONG_LINK
          ? html`<p class="notice warning">This link is ${link.url.length.toLocaleString("en")} characters long; some chat apps and mail clients cut long links. Send the query as text if it arrives broken.</p>`
          : nothing}
      </rs-copy-dialog>
    `;
  }

  private async open(): Promise<void> {
    if (!this.share) return;
    this.link = shareLinkWithInfo(this.base || location.href, this.share);
    await this.updateComplete;
    await this.dialog.show();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-share-button": RsShareButton;
  }
}
