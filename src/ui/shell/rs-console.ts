import { provide } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { storeContext, StateController } from "../state/context.ts";
import type { ConsoleStore } from "../state/console-store.ts";
import { HashRouter } from "./hash-router.ts";
import { matchScreen, type RouteMatch } from "./routes.ts";
import "./rs-top-bar.ts";
import "./rs-side-nav.ts";

/** An element a route shows; screens take their route parameters. */
type ScreenElement = HTMLElement & { params?: Record<string, string> };

/** The console's frame: top bar, left navigation, and the screen of the current route. */
@customElement("rs-console")
export class RsConsole extends LitElement {
  @provide({ context: storeContext })
  @property({ attribute: false })
  store!: ConsoleStore;

  private readonly router = new HashRouter(this);
  private readonly state = new StateController(this, () => this.store);
  private readonly screens = new Map<string, ScreenElement>();
  @state() private loadError: string | undefined;
  @state() private screen: ScreenElement | undefined;
  private shown: RouteMatch | undefined;

  static override styles = [
    controls,
    css`
      :host {
        display: grid;
        grid-template-columns: 15rem minmax(0, 1fr) auto;
        grid-template-rows: auto 1fr;
        grid-template-areas: "top top learn" "nav main learn";
        min-height: 100vh;
        background: var(--rs-bg);
      }
      rs-top-bar { grid-area: top; }
      rs-side-nav { grid-area: nav; border-right: 1px solid var(--rs-border); background: var(--rs-bg-subtle); }
      rs-tutorial-dock { grid-area: learn; }
      main { grid-area: main; padding: var(--rs-space-4) var(--rs-space-6); min-width: 0; }
      .skip { position: absolute; left: -999px; }
      .skip:focus { left: var(--rs-space-2); top: var(--rs-space-2); z-index: 10; background: var(--rs-bg-raised); padding: var(--rs-space-2); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    // The tutorial panel is a chunk of its own, so it never weighs on the first load.
    import("../tutorial/rs-tutorial-dock.ts").catch((error: Error) => console.error(`The tutorial panel could not be loaded: ${error.message}`));
  }

  override render() {
    const match = matchScreen(this.router.path);
    if (this.shown?.route !== match.route || JSON.stringify(this.shown.params) !== JSON.stringify(match.params)) {
      this.shown = match;
      void this.show(match);
    }
    const state = this.state.state;
    return html`
      <button class="skip" @click=${this.skipToMain}>Skip to the screen</button>
      <rs-top-bar></rs-top-bar>
      <rs-side-nav .current=${this.router.path}></rs-side-nav>
      <main id="main" tabindex="-1">
        ${match.route.tag === "rs-status-screen" ? nothing : this.renderProblems()}
        ${state?.error && state.backend?.state !== "failed" ? html`<p class="notice error" role="alert">${state.error}</p>` : nothing}
        ${match.notFound ? html`<p class="notice warning" role="status">There is no screen at <code>#${this.router.path}</code>. Here is the home screen instead.</p>` : nothing}
        ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : (this.screen ?? html`<p class="muted">Loading…</p>`)}
      </main>
      <rs-tutorial-dock></rs-tutorial-dock>
    `;
  }

  /** What does not work in this browser, on every screen, with a way to the details. */
  private renderProblems() {
    const s = this.state.state;
    const problems = [...(s?.backend?.problems ?? []).map((p) => p.message)];
    if (s?.serviceWorker?.message) problems.push(s.serviceWorker.message);
    if (problems.length === 0) return nothing;
    return html`<div class="notice warning" role="alert">
      ${problems.map((p) => html`<p>${p}</p>`)}
      <a href="#/status">See the sandbox status</a>
    </div>`;
  }

  private async show(match: RouteMatch): Promise<void> {
    document.title = `${match.route.title} · Realm Sandbox`;
    try {
      await match.route.load();
    } catch (error) {
      this.loadError = `This screen could not be loaded (${(error as Error).message}). Reload the page to try again.`;
      return;
    }
    if (this.shown !== match) return;
    let element = this.screens.get(match.route.tag);
    if (!element) {
      element = document.createElement(match.route.tag) as ScreenElement;
      this.screens.set(match.route.tag, element);
    }
    element.params = match.params;
    this.loadError = undefined;
    this.screen = element;
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>("main")?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-console": RsConsole;
  }
}
