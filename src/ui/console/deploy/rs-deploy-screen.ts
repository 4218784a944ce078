import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppOverview } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DeploymentApi, type Deployment } from "../../state/deployment-api.ts";
import { canSaveFolder, downloadZip, exportName, saveFolder } from "./export-zip.ts";
import { deployedTime, shortId } from "./history-labels.ts";
import { loadEdits, saveEdits } from "./unsaved-edits.ts";
import "./rs-draft-panel.ts";
import "./rs-deploy-history.ts";
import "./rs-deployment-version.ts";
import "../../components/rs-secret-export-choice.ts";

/**
 * The Deployment screen: the draft against what is live (review, deploy, discard) and the
 * history of deployments (`#/deploy`), or one version of it (`#/deploy/<id>`), each of which
 * can be compared with the one before, redeployed, or exported as an app directory.
 */
@customElement("rs-deploy-screen")
export class RsDeployScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  @state() private history: Deployment[] = [];
  @state() private busy = false;
  @state() private error: string | undefined;
  @state() private done: string | undefined;
  @state() private pending: Deployment | undefined;
  /** Whether exports carry secret values: unticked each visit, as nothing secret leaves unasked. */
  @state() private includeSecrets = false;
  @query("dialog") private confirmRedeploy!: HTMLDialogElement;
  private loadedFor: { appId: string; overview: AppOverview | undefined } | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      h2 { font-size: var(--rs-text-lg); margin: var(--rs-space-6) 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-2); max-width: 56rem; }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.4); }
      .actions { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-4); }
    `,
  ];

  override willUpdate(): void {
    const s = this.state.state;
    if (!s) return;
    if (this.loadedFor?.appId !== s.appId || this.loadedFor.overview !== s.overview) {
      if (this.loadedFor && this.loadedFor.appId !== s.appId) this.history = [];
      this.loadedFor = { appId: s.appId, overview: s.overview };
      void this.loadHistory(s.appId);
    }
  }

  override render() {
    const id = this.params.deploymentId;
    return html`
      <h1>Deployment</h1>
      <p class="lead">
        What you change in the console goes to a draft first; clients keep using the deployed version until you deploy. Review the files the
        draft changes, deploy them, or go back to any earlier version.
      </p>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="notice ok" role="status">${this.done}</p>` : nothing}
      <div @redeploy-requested=${this.askRedeploy} @export-requested=${this.exportZip} @folder-requested=${this.exportFolder} @deployed=${() => (this.done = undefined)}>
        ${id
          ? html`${this.renderExportChoice()}<rs-deployment-version .history=${this.history} .deploymentId=${id} ?busy=${this.busy}></rs-deployment-version>`
          : html`
              <h2>Draft</h2>
              <rs-draft-panel></rs-draft-panel>
              <h2>History</h2>
              <p class="lead">The last deployments, newest first (up to 100 are kept). Open one to see what it changed; redeploy it to make it live again.</p>
              ${this.renderExportChoice()}
              <rs-deploy-history .history=${this.history} ?busy=${this.busy} ?can-save-folder=${canSaveFolder()}></rs-deploy-history>
            `}
      </div>
      ${this.renderConfirm()}
    `;
  }

  private renderExportChoice() {
    return html`<rs-secret-export-choice
      ?checked=${this.includeSecrets}
      @change=${(event: Event) => (this.includeSecrets = (event.target as HTMLInputElement).checked)}
    ></rs-secret-export-choice>`;
  }

  private renderConfirm() {
    const entry = this.pending;
    const changes = this.store.state.overview?.draft.changes ?? 0;
    const unsaved = Object.keys(loadEdits(this.store.state.appId)).length;
    return html`<dialog aria-labelledby="redeploy-title" @close=${() => (this.pending = undefined)}>
      ${entry
        ? html`<h2 id="redeploy-title">Redeploy version ${shortId(entry._id)}?</h2>
            <p>The version deployed ${deployedTime(entry)} becomes live at once, as a new deployment at the top of the history. Nothing else is lost: the current version stays in the history.</p>
            ${changes || unsaved
              ? html`<p class="notice warning">The draft has changes that are not deployed${unsaved ? " (and edits not saved)" : ""}. Redeploying replaces them with this version.</p>`
              : nothing}
            <div class="actions">
              <button @click=${() => this.confirmRedeploy.close()}>Cancel</button>
              <button class="primary" @click=${this.redeploy}>Redeploy</button>
            </div>`
        : html`<h2 id="redeploy-title">Redeploy</h2>`}
    </dialog>`;
  }

  private async loadHistory(appId: string): Promise<void> {
    try {
      const history = await new DeploymentApi(this.store.api).history(appId);
      if (this.store.state.appId === appId) this.history = history;
    } catch (error) {
      this.error = `The deployment history could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  private askRedeploy(event: CustomEvent<Deployment>): void {
    this.pending = event.detail;
    this.done = undefined;
    this.confirmRedeploy.showModal();
  }

  private async redeploy(): Promise<void> {
    const entry = this.pending;
    this.confirmRedeploy.close();
    if (!entry) return;
    await this.act(async () => {
      const appId = this.store.state.appId;
      const made = await new DeploymentApi(this.store.api).redeploy(appId, entry._id, true);
      saveEdits(appId, {});
      await this.store.refresh();
      this.done = `Version ${shortId(entry._id)} is live again, as the new version ${shortId(made._id)}.`;
      if (this.params.deploymentId) location.hash = "#/deploy";
    }, `Version ${shortId(entry._id)} could not be redeployed`);
  }

  private async exportZip(event: CustomEvent<Deployment>): Promise<void> {
    const entry = event.detail;
    await this.act(async () => {
      const files = await this.versionFiles(entry);
      await downloadZip(exportName(this.store.state.overview?.name ?? this.store.state.appId, entry.deployed_at), files);
    }, `Version ${shortId(entry._id)} could not be exported`);
  }

  private async exportFolder(event: CustomEvent<Deployment>): Promise<void> {
    const entry = event.detail;
    await this.act(async () => {
      const files = await this.versionFiles(entry);
      const folder = exportName(this.store.state.overview?.name ?? this.store.state.appId, entry.deployed_at);
      try {
        await saveFolder(folder, files);
      } catch (error) {
        if ((error as Error).name === "AbortError") return;
        throw error;
      }
      this.done = `Version ${shortId(entry._id)} was saved as the folder ${folder}.`;
    }, `Version ${shortId(entry._id)} could not be saved to a folder`);
  }

  /** The version's app directory as an export gives it (secret values only when ticked). */
  private async versionFiles(entry: Deployment) {
    const api = new DeploymentApi(this.store.api);
    return (await api.exportFiles(this.store.state.appId, { deployment: entry._id, includeSecretValues: this.includeSecrets })).files;
  }

  private async act(action: () => Promise<void>, failure: string): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      await action();
    } catch (error) {
      this.error = `${failure}: ${(error as Error).message}. Nothing was changed; try again.`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-deploy-screen": RsDeployScreen;
  }
}
