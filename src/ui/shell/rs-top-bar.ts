import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { storeContext, StateController } from "../state/context.ts";
import type { ConsoleStore } from "../state/console-store.ts";
import "./rs-draft-review.ts";
import "./rs-run-as.ts";
import "./rs-theme-switch.ts";

/** The app's name and id, the app switcher, the draft state, Run as, theme and storage. */
@customElement("rs-top-bar")
export class RsTopBar extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private switchError: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; border-bottom: 1px solid var(--rs-border); background: var(--rs-bg-raised); }
      header { display: flex; align-items: center; gap: var(--rs-space-2) var(--rs-space-3); padding: var(--rs-space-2) var(--rs-space-4); flex-wrap: wrap; }
      .brand { font-weight: 700; font-size: var(--rs-text-lg); color: var(--rs-accent); text-decoration: none; white-space: nowrap; }
      .app { display: flex; align-items: center; gap: var(--rs-space-2); }
      .app-id { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      .spacer { flex: 1; }
      .storage { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); text-decoration: none; white-space: nowrap; }
      label { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); display: flex; align-items: center; gap: var(--rs-space-1); }
    `,
  ];

  override render() {
    const s = this.state.state;
    if (!s) return nothing;
    const memory = s.backend?.storage === "memory";
    return html`
      <header>
        <a class="brand" href="#/">Realm Sandbox</a>
        <div class="app">
          <select aria-label="Current app" title="Switch between the apps of this sandbox" @change=${this.switchApp} .value=${s.appId}>
            ${s.apps.map((a) => html`<option value=${a.appId} ?selected=${a.appId === s.appId}>${a.name}</option>`)}
          </select>
          <span class="app-id" title="The client app id its clients use">${s.appId}</span>
        </div>
        <rs-draft-review></rs-draft-review>
        <span class="spacer"></span>
        <rs-run-as></rs-run-as>
        <rs-theme-switch></rs-theme-switch>
        <a class="storage" href="#/status" aria-label=${`Storage: ${this.storageText(memory, s.storage?.persisted)}`} title=${this.storageText(memory, s.storage?.persisted)}>
          ${memory ? "Not saved" : "Saved locally"}
        </a>
      </header>
      ${this.switchError ? html`<p class="notice error" role="alert">${this.switchError}</p>` : nothing}
    `;
  }

  private storageText(memory: boolean, persisted: boolean | undefined): string {
    if (memory) return "in memory only; export your work to keep it";
    return persisted ? "kept in this browser, which will not clear it" : "kept in this browser, which may clear it when space runs low";
  }

  private async switchApp(event: Event): Promise<void> {
    const appId = (event.target as HTMLSelectElement).value;
    try {
      await this.store.selectApp(appId);
      this.switchError = undefined;
    } catch (error) {
      this.switchError = `Could not open ${appId}: ${(error as Error).message}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-top-bar": RsTopBar;
  }
}
