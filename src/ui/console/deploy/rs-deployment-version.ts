import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DeploymentApi, type Deployment } from "../../state/deployment-api.ts";
import { fileEntries, languageOf } from "./file-entries.ts";
import { changeSummary, deployedTime, originLabel, shortId } from "./history-labels.ts";
import "../../editors/rs-diff-view.ts";
import "./rs-file-changes.ts";

/**
 * One version of the history against the one before it: the files it changed and their line
 * diff, with redeploy and export. Fires `redeploy-requested` and `export-requested`.
 */
@customElement("rs-deployment-version")
export class RsDeploymentVersion extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) history: Deployment[] = [];
  @property() deploymentId = "";
  @property({ type: Boolean }) busy = false;
  @state() private files: AppFiles | undefined;
  @state() private previous: AppFiles | undefined;
  /** Whether the version before this one is known (not fallen off the history, its files kept). */
  @state() private previousKnown = false;
  @state() private selected: string | undefined;
  @state() private error: string | undefined;
  private loadedFor = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .head { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; margin: var(--rs-space-2) 0 var(--rs-space-4); }
      h2 { font-size: var(--rs-text-lg); margin: 0; }
      .layout { display: grid; grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr); gap: var(--rs-space-4); align-items: start; }
      h3 { font-size: var(--rs-text); font-family: var(--rs-font-mono); margin: 0 0 var(--rs-space-2); word-break: break-all; }
      .meta { margin: 0 0 var(--rs-space-4); color: var(--rs-fg-muted); }
    `,
  ];

  override willUpdate(): void {
    const key = `${this.store.state.appId}/${this.deploymentId}/${this.history.length}`;
    if (this.history.length && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private get index(): number {
    return this.history.findIndex((d) => d._id === this.deploymentId);
  }

  override render() {
    const entry = this.history[this.index];
    if (this.history.length === 0) return html`<p class="muted">Loading the history…</p>`;
    if (!entry) {
      return html`<p class="notice warning" role="status">There is no version ${this.deploymentId} in this app's history (the last ${this.history.length} deployments are kept). <a href="#/deploy">Back to the draft and history</a></p>`;
    }
    const name = `version ${shortId(entry._id)}`;
    const entries = this.files ? fileEntries(this.previous ?? {}, this.files) : [];
    const changed = entries.filter((e) => e.kind !== "unchanged");
    const selected = this.selected ?? changed[0]?.path;
    return html`
      <p><a href="#/deploy">← Draft and history</a></p>
      <div class="head">
        <h2>Version ${shortId(entry._id)}${this.index === 0 ? " (live)" : ""}</h2>
        ${this.index === 0 ? nothing : html`<button class="primary" ?disabled=${this.busy || !this.files} @click=${() => this.fire("redeploy-requested", entry)}>Redeploy ${name}</button>`}
        <button ?disabled=${this.busy || !this.files} @click=${() => this.fire("export-requested", entry)}>Export ${name} as a .zip</button>
      </div>
      <p class="meta">${originLabel(entry.origin)}, ${deployedTime(entry)}: ${changeSummary(entry)}.
        ${this.previousKnown
          ? "Compared with the version deployed before it."
          : entry.diff.modified.length + entry.diff.removed.length === 0
            ? "Every file of this version is new."
            : "The version before it is no longer kept, so its files are shown as added."}</p>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${!this.files && !this.error ? html`<p class="muted">Loading the version…</p>` : nothing}
      ${this.files
        ? html`<div class="layout">
            <rs-file-changes .entries=${entries} .selected=${selected} label=${`Files changed by ${name}`} @file-selected=${(e: CustomEvent<string>) => (this.selected = e.detail)}></rs-file-changes>
            <div>
              ${selected
                ? html`<h3>${selected}</h3>
                    <rs-diff-view readonly .original=${this.previous?.[selected] ?? ""} .value=${this.files[selected] ?? ""} .language=${languageOf(selected)} label=${`${selected} in ${name}, compared with the version before it`}></rs-diff-view>`
                : html`<p class="muted">This version changed no file.</p>`}
            </div>
          </div>`
        : nothing}
    `;
  }

  private async load(): Promise<void> {
    const appId = this.store.state.appId;
    const api = new DeploymentApi(this.store.api);
    const before = this.history[this.index + 1];
    this.files = this.previous = undefined;
    this.selected = undefined;
    this.error = undefined;
    if (this.index < 0) return;
    try {
      const [version, previous] = await Promise.all([api.version(appId, this.deploymentId), before ? api.version(appId, before._id) : undefined]);
      if (!version.files) {
        this.error = "The files of this version were not kept (it was deployed before the sandbox kept each version): it cannot be shown, redeployed or exported.";
        return;
      }
      this.files = version.files;
      this.previous = previous?.files;
      this.previousKnown = previous?.files !== undefined;
    } catch (error) {
      this.error = `This version could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  private fire(name: string, entry: Deployment): void {
    this.dispatchEvent(new CustomEvent(name, { detail: entry, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-deployment-version": RsDeploymentVersion;
  }
}
