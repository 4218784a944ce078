import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, queryAll, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { asApolloClient, asCurl, asFetch, TOKEN_VARIABLE, type CopyRequest } from "../state/copy-as.ts";
import type { RsCopyDialog } from "./rs-copy-dialog.ts";
import "./rs-copy-dialog.ts";

type Format = "curl" | "fetch" | "apollo";

const FORMATS: readonly { format: Format; label: string; where: string }[] = [
  {
    format: "curl",
    label: "curl",
    where: "This sandbox's backend runs inside your browser, so a terminal cannot reach this URL: keep the command for a backend on a server, or use the fetch version here.",
  },
  {
    format: "fetch",
    label: "fetch",
    where: "Paste it into this tab's developer console (F12, then Console), or any page of this site: the sandbox answers there.",
  },
  {
    format: "apollo",
    label: "Apollo Client",
    where: "For a web app that uses @apollo/client 3 and is served from this site, where the sandbox answers its requests.",
  },
];

/**
 * "Copy as…": a menu of curl, fetch and Apollo Client. A choice copies the request as that
 * code and shows it in a dialog (the fallback where the clipboard is refused). The access
 * token stays a placeholder unless "Include my access token" is ticked.
 */
@customElement("rs-copy-as-menu")
export class RsCopyAsMenu extends LitElement {
  @property({ attribute: false }) request: CopyRequest | undefined;
  @state() private menuOpen = false;
  @state() private format: Format = "curl";
  @state() private includeToken = false;
  /** Open the menu leftwards when the button sits in the right half of the window. */
  @state() private alignEnd = false;
  @query("rs-copy-dialog") private dialog!: RsCopyDialog;
  @query(".menu-button") private menuButton!: HTMLButtonElement;
  @queryAll("[role=menuitem]") private items!: NodeListOf<HTMLButtonElement>;

  static override styles = [
    controls,
    css`
      :host { position: relative; display: inline-block; }
      [role="menu"] { position: absolute; z-index: 10; top: calc(100% + 2px); left: 0; min-width: 11rem; margin: 0; padding: var(--rs-space-1); display: flex; flex-direction: column; background: var(--rs-bg-raised); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); box-shadow: var(--rs-shadow); }
      [role="menu"].end { left: auto; right: 0; }
      [role="menuitem"] { border: 0; justify-content: flex-start; width: 100%; }
      [role="menuitem"]:hover, [role="menuitem"]:focus-visible { background: var(--rs-accent-subtle); }
      .where { margin: 0; color: var(--rs-fg-muted); }
      label { display: inline-flex; align-items: center; gap: var(--rs-space-2); font-weight: 600; }
      label input { min-height: auto; }
      .token-help { margin: 0 0 0 1.6rem; color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const chosen = FORMATS.find((f) => f.format === this.format)!;
    const hasToken = Boolean(this.request?.token);
    const code = this.code();
    return html`
      <button
        class="menu-button"
        aria-haspopup="menu"
        aria-expanded=${this.menuOpen ? "true" : "false"}
        ?disabled=${!this.request}
        @click=${() => this.toggleMenu()}
        @keydown=${this.buttonKeys}
      >
        Copy as…
      </button>
      ${this.menuOpen
        ? html`<div role="menu" class=${this.alignEnd ? "end" : ""} aria-label="Copy the request as" @keydown=${this.menuKeys} @focusout=${this.focusLeft}>
            ${FORMATS.map((f) => html`<button role="menuitem" tabindex="-1" @click=${() => this.choose(f.format)}>${f.label}</button>`)}
          </div>`
        : nothing}
      <rs-copy-dialog heading="Copy as ${chosen.label}" label="${chosen.label} code" .text=${code} rows=${Math.min(code.split("\n").length + 1, 18)}>
        <p class="where">${chosen.where}</p>
        <label>
          <input type="checkbox" .checked=${this.includeToken} ?disabled=${!hasToken} @change=${this.tokenToggled} />
          Include my access token
        </label>
        <p class="token-help">
          ${hasToken
            ? html`Off, the code reads the token from <code>${TOKEN_VARIABLE}</code>, so it is safe to share. On, it holds the Run-as user's token, which works for 30 minutes.`
            : html`Running as System has no user token; pick a user under Run as to include one.`}
        </p>
      </rs-copy-dialog>
    `;
  }

  private code(): string {
    if (!this.request) return "";
    const options = { includeToken: this.includeToken };
    if (this.format === "fetch") return asFetch(this.request, options);
    if (this.format === "apollo") return asApolloClient(this.request, options);
    return asCurl(this.request, options);
  }

  private async toggleMenu(focusLast = false): Promise<void> {
    this.menuOpen = !this.menuOpen;
    if (!this.menuOpen) return;
    this.alignEnd = this.getBoundingClientRect().left > window.innerWidth / 2;
    await this.updateComplete;
    this.items[focusLast ? this.items.length - 1 : 0]?.focus();
  }

  private closeMenu(refocus: boolean): void {
    this.menuOpen = false;
    if (refocus) this.menuButton.focus();
  }

  private async choose(format: Format): Promise<void> {
    this.format = format;
    this.closeMenu(true);
    await this.updateComplete;
    await this.dialog.show();
  }

  private async tokenToggled(event: Event): Promise<void> {
    this.includeToken = (event.target as HTMLInputElement).checked;
    await this.updateComplete;
    await this.dialog.copy();
  }

  private buttonKeys(event: KeyboardEvent): void {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    if (!this.menuOpen) void this.toggleMenu(event.key === "ArrowUp");
  }

  private menuKeys(event: KeyboardEvent): void {
    const items = [...this.items];
    const at = items.indexOf(this.shadowRoot!.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      items[(moves[event.key] + items.length) % items.length].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.closeMenu(true);
    } else if (event.key === "Tab") {
      this.closeMenu(false);
    }
  }

  /** Focus moving elsewhere closes the menu (a click elsewhere is heard by `pointerOutside`). */
  private focusLeft(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && !this.shadowRoot!.contains(next)) this.menuOpen = false;
  }

  private readonly pointerOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.menuOpen = false;
  };

  override updated(changed: Map<string, unknown>): void {
    if (!changed.has("menuOpen")) return;
    if (this.menuOpen) document.addEventListener("pointerdown", this.pointerOutside, true);
    else document.removeEventListener("pointerdown", this.pointerOutside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("pointerdown", this.pointerOutside, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-copy-as-menu": RsCopyAsMenu;
  }
}
