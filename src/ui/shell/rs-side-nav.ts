import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { NAV_GROUPS, ROUTES } from "./routes.ts";

/** Entries in the order App Services listed them; the sandbox's own come last in their group. */
const NAV_ORDER = ["Data", "Rules", "Schema", "App Users", "Authentication", "Functions", "Triggers", "GraphQL", "Values", "Device Sync", "Deployment", "Logs", "App Settings", "Sandbox status"];
const rank = (label: string) => (NAV_ORDER.includes(label) ? NAV_ORDER.indexOf(label) : NAV_ORDER.length);

/** The left navigation, grouped as App Services grouped it; only screens that exist appear. */
@customElement("rs-side-nav")
export class RsSideNav extends LitElement {
  /** The current hash path, to mark the current entry. */
  @property() current = "/";

  static override styles = [
    controls,
    css`
      :host { display: block; padding: var(--rs-space-4) var(--rs-space-2); font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text-sm); text-transform: uppercase; letter-spacing: 0.04em; color: var(--rs-fg-muted); margin: var(--rs-space-4) var(--rs-space-2) var(--rs-space-1); }
      ul { list-style: none; margin: 0; padding: 0; }
      a { display: block; padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); color: var(--rs-fg); text-decoration: none; }
      a:hover { background: var(--rs-accent-subtle); }
      a[aria-current="page"] { background: var(--rs-accent-subtle); color: var(--rs-fg); font-weight: 700; box-shadow: inset 3px 0 0 var(--rs-accent); }
    `,
  ];

  override render() {
    const entries = ROUTES.filter((r) => r.nav);
    return html`<nav aria-label="Console">
      <ul><li><a href="#/" aria-current=${this.current === "/" ? "page" : nothing}>Home</a></li></ul>
      ${NAV_GROUPS.map((group) => {
        const items = entries.filter((r) => r.nav!.group === group).sort((a, b) => rank(a.nav!.label) - rank(b.nav!.label));
        if (items.length === 0) return nothing;
        return html`<h2>${group}</h2>
          <ul>
            ${items.map((r) => {
              const path = r.nav!.href.slice(1);
              const here = this.current === path || this.current.startsWith(`${path}/`);
              return html`<li><a href=${r.nav!.href} aria-current=${here ? "page" : nothing}>${r.nav!.label}</a></li>`;
            })}
          </ul>`;
      })}
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-side-nav": RsSideNav;
  }
}
