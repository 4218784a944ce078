import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { href } from "../../shell/links.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { AppOverview } from "../../state/console-api.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { TriggersApi, type TriggersPage } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import { NEW_KEY } from "./unsaved.ts";
import "./rs-trigger-list.ts";
import "./rs-trigger-editor.ts";

const RUNS_REFRESH_MS = 5_000;

/**
 * The Triggers screen: the draft's triggers (`#/triggers`) and one trigger's editor
 * (`#/triggers/<name>`, a new one at `#/triggers/+new`). Saves go to the draft; the top
 * bar deploys them, and only deployed, enabled triggers fire.
 */
@customElement("rs-triggers-screen")
export class RsTriggersScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  @state() private page: TriggersPage | undefined;
  @state() private loadError: string | undefined;
  @state() private notice: string | undefined;
  private loadedFor: { appId: string; overview: AppOverview | undefined } | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
      .crumbs { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text-sm); }
    `,
  ];

  /** Scheduled and database triggers run without the page doing anything: the list reads its last runs again every few seconds. */
  private refreshTimer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.refreshTimer = setInterval(() => this.refreshRuns(), RUNS_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.refreshTimer);
  }

  private refreshRuns(): void {
    const appId = this.store?.state.appId;
    if (appId && this.page && this.params.name === undefined && document.visibilityState === "visible") void this.load(appId);
  }

  private get api(): TriggersApi {
    return new TriggersApi(this.store.api);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("params") && this.params.name !== undefined) this.notice = undefined;
    const s = this.state.state;
    if (!s) return;
    // Runs are logged without changing the draft: the list reads them again when it shows.
    const backToList = changed.has("params") && this.params.name === undefined && this.page !== undefined;
    if (backToList || this.loadedFor?.appId !== s.appId || this.loadedFor.overview !== s.overview) {
      if (this.loadedFor && this.loadedFor.appId !== s.appId) this.page = undefined;
      this.loadedFor = { appId: s.appId, overview: s.overview };
      void this.load(s.appId);
    }
  }

  override render() {
    const name = this.params.name;
    return html`
      ${name !== undefined ? html`<p class="crumbs"><a href="#/triggers">All triggers</a></p>` : nothing}
      <h1>${name === undefined ? "Triggers" : name === NEW_KEY ? "New trigger" : `Trigger ${name}`}</h1>
      ${name === undefined
        ? html`<p class="lead">
            A trigger runs one of the app's functions when something happens: a user signs up, logs in or is deleted (authentication),
            a document changes (database), or a time comes round (scheduled). Changes you save go to the draft; a trigger fires only once
            it is deployed and enabled.
          </p>`
        : nothing}
      ${this.notice ? html`<p class="notice ok" role="status">${this.notice}</p>` : nothing}
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${!this.page && !this.loadError ? html`<p class="muted">Loading the draft's triggers…</p>` : nothing}
      ${this.page ? this.renderBody(this.page, name) : nothing}
    `;
  }

  private renderBody(page: TriggersPage, name: string | undefined) {
    if (name === undefined) {
      return html`<rs-trigger-list .page=${page} .api=${this.api} .appId=${this.store.state.appId} @draft-changed=${this.changed}></rs-trigger-list>`;
    }
    const summary = page.triggers.find((t) => t.name === name);
    if (name !== NEW_KEY && !summary) {
      return html`<p class="notice warning" role="status">The draft has no trigger named ${name}. It may have been renamed or deleted; <a href="#/triggers">see all triggers</a>.</p>`;
    }
    return html`<rs-trigger-editor
      .page=${page}
      .summary=${summary}
      .api=${this.api}
      .appId=${this.store.state.appId}
      @draft-changed=${this.changed}
      @trigger-saved=${(e: CustomEvent<string>) => this.saved(e.detail)}
      @trigger-deleted=${(e: CustomEvent<string>) => void this.deleted(e.detail)}
    ></rs-trigger-editor>`;
  }

  private async load(appId: string): Promise<void> {
    try {
      const page = await this.api.list(appId);
      if (this.store.state.appId !== appId) return;
      this.page = page;
      this.loadError = undefined;
    } catch (error) {
      this.loadError = `The triggers could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  /** Saved to the draft: the top bar's count and this screen's list follow. */
  private async changed(): Promise<void> {
    this.notice = undefined;
    await this.store.refresh();
    const { appId, overview } = this.store.state;
    this.loadedFor = { appId, overview };
    await this.load(appId);
  }

  private saved(name: string): void {
    if (this.params.name !== name) location.hash = href("triggers", name);
  }

  private async deleted(name: string): Promise<void> {
    location.hash = "#/triggers";
    await this.changed();
    this.notice = `Trigger ${name} was deleted from the draft. Deploy to remove it from the running app.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-triggers-screen": RsTriggersScreen;
  }
}
