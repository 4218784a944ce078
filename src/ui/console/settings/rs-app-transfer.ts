import { consume } from "@lit/context";
import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { ConsoleApiError, type AppFiles, type ConfigProblem, type ImportNote } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { download, importOver, stamp, zipApp } from "../../state/settings-api.ts";
import { readZip } from "../home/app-files.ts";
import { DeploymentApi } from "../../state/deployment-api.ts";
import "../../components/rs-import-report.ts";
import "../../components/rs-secret-export-choice.ts";
import { screenStyles } from "../values/screen-styles.ts";
import { appName } from "./app-settings.ts";

/**
 * Export the app directory (the draft, as deploy would apply it) as a .zip, and import an
 * exported .zip over this app: its configuration is replaced and deployed, while its data,
 * users and log stay. The import asks first and shows its report. Fires `draft-changed`.
 */
@customElement("rs-app-transfer")
export class RsAppTransfer extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) files: AppFiles | undefined;
  @property() appId = "";
  @state() private pending: { files: AppFiles; name: string } | undefined;
  @state() private report: { notes: ImportNote[]; problems: ConfigProblem[]; error: string; heading: string } | undefined;
  @state() private message: { kind: "ok" | "error"; text: string } | undefined;
  @state() private busy = false;
  @state() private includeSecrets = false;

  static override styles = [controls, screenStyles];

  override render() {
    return html`
      <p class="hint">
        The app directory is the app's configuration as files (realm_config.json, data_sources/, functions/ …), the form App Services
        exported and realm-cli deployed. Data and users are not part of it.
      </p>
      <rs-secret-export-choice
        ?checked=${this.includeSecrets}
        @change=${(event: Event) => (this.includeSecrets = (event.target as HTMLInputElement).checked)}
      ></rs-secret-export-choice>
      <div class="actions">
        <button ?disabled=${!this.files || this.busy} @click=${this.exportZip}>Export app as .zip</button>
        <label class="button" for="import-zip">Import a .zip over this app…</label>
        <input id="import-zip" class="visually-hidden" type="file" accept=".zip,application/zip" ?disabled=${this.busy} @change=${this.picked} />
      </div>
      ${this.pending
        ? html`<div class="notice warning" role="group" aria-label="Confirm the import">
            <p>
              Replace this app's configuration with <strong>${this.pending.name}</strong> (${Object.keys(this.pending.files).length} files) and deploy
              it? The app keeps its id, data, users and log; unsaved draft changes are replaced.
            </p>
            <div class="actions">
              <button class="primary" ?disabled=${this.busy} @click=${this.confirmImport}>Replace and deploy</button>
              <button @click=${() => (this.pending = undefined)}>Cancel</button>
            </div>
          </div>`
        : nothing}
      ${this.message ? html`<p class="notice ${this.message.kind}" role=${this.message.kind === "error" ? "alert" : "status"}>${this.message.text}</p>` : nothing}
      ${this.report
        ? html`<rs-import-report heading=${this.report.heading} .notes=${this.report.notes} .problems=${this.report.problems} error=${this.report.error}></rs-import-report>`
        : nothing}
    `;
  }

  private async exportZip(): Promise<void> {
    if (!this.files) return;
    this.message = undefined;
    try {
      const folder = appName(this.files) || this.appId;
      const name = `${folder}-${stamp()}.zip`;
      // Fetched for the export, as the files this screen holds have their secret values masked.
      const { files } = await new DeploymentApi(this.store.api).exportFiles(this.appId, { includeSecretValues: this.includeSecrets });
      download((await zipApp(files, folder)) as BlobPart, name, "application/zip");
      const secrets = this.includeSecrets ? "with secret values" : "without secret values";
      this.message = { kind: "ok", text: `Exported the draft as ${name} (${secrets}).` };
    } catch (error) {
      this.message = { kind: "error", text: `The export failed: ${(error as Error).message}. Nothing was changed; try again.` };
    }
  }

  private async picked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    this.message = undefined;
    this.report = undefined;
    try {
      this.pending = { files: await readZip(file), name: file.name };
    } catch (error) {
      this.message = { kind: "error", text: `${(error as Error).message}. Pick a .zip exported from App Services or from here.` };
    }
  }

  private async confirmImport(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.busy = true;
    try {
      const result = await importOver(this.store.api, this.appId, pending.files, pending.name.replace(/\.zip$/i, ""));
      this.pending = undefined;
      this.report = { notes: result.notes, problems: [], error: "", heading: `Imported ${pending.name} over ${this.appId}` };
      await this.store.refresh();
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    } catch (error) {
      this.pending = undefined;
      const problems = error instanceof ConsoleApiError ? error.problems : [];
      this.report = { notes: [], problems, error: (error as Error).message, heading: `Import of ${pending.name}` };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-app-transfer": RsAppTransfer;
  }
}
