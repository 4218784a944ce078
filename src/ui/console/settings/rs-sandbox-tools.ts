import { consume } from "@lit/context";
import { LitElement, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { download, stamp } from "../../state/settings-api.ts";
import { screenStyles } from "../values/screen-styles.ts";
import { formatBytes } from "./app-settings.ts";

/**
 * The sandbox as a whole: its file (the default app with data and users) exported and
 * imported, a reset that asks first, and the browser storage it uses and whether the
 * browser keeps it under storage pressure.
 */
@customElement("rs-sandbox-tools")
export class RsSandboxTools extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private confirmReset = false;
  @state() private busy = false;
  @state() private message: { kind: "ok" | "error"; text: string } | undefined;

  static override styles = [controls, screenStyles];

  override render() {
    const s = this.state.state;
    const storage = s?.storage;
    const memory = s?.backend?.storage === "memory";
    const defaultApp = s?.apps.find((a) => a.isDefault);
    return html`
      <h3>Sandbox file</h3>
      <p class="hint">
        One JSON file with the default app (${defaultApp?.appId ?? "…"}): its configuration, documents and users. Importing one replaces that
        app's configuration, data and users; the other apps stay. As a backup, it keeps secret values as plain text: store it privately.
      </p>
      <div class="actions">
        <button ?disabled=${this.busy} @click=${this.exportFile}>Export sandbox file</button>
        <label class="button" for="import-sandbox">Import a sandbox file…</label>
        <input id="import-sandbox" class="visually-hidden" type="file" accept="application/json,.json" ?disabled=${this.busy} @change=${this.importFile} />
        ${this.confirmReset
          ? html`<span class="row" role="group" aria-label="Confirm the reset">
              <strong>Delete every app, document, user and setting, and start again from the Task Tracker template?</strong>
              <button class="danger" ?disabled=${this.busy} @click=${this.reset}>Reset the sandbox</button>
              <button @click=${() => (this.confirmReset = false)}>Cancel</button>
            </span>`
          : html`<button class="danger" ?disabled=${this.busy} @click=${() => (this.confirmReset = true)}>Reset…</button>`}
      </div>
      ${this.message ? html`<p class="notice ${this.message.kind}" role=${this.message.kind === "error" ? "alert" : "status"}>${this.message.text}</p>` : nothing}
      <h3>Storage</h3>
      ${memory
        ? html`<p class="notice warning">This browser gives the sandbox no lasting storage (private window or storage turned off): everything is lost when the tab closes. Export the sandbox file to keep it.</p>`
        : html`<p>
              Uses ${formatBytes(storage?.usage)}${storage?.quota ? ` of ${formatBytes(storage.quota)} the browser allows` : ""}.
              ${storage?.persisted
                ? "The browser keeps this data even when space runs low."
                : "The browser may clear this data when space runs low."}
            </p>
            ${storage?.persisted ? nothing : html`<button ?disabled=${this.busy} @click=${this.persist}>Ask the browser to keep the data</button>`}`}
    `;
  }

  private async exportFile(): Promise<void> {
    await this.run(async () => {
      const text = await this.store.api.exportSandboxFile();
      const name = `realm-sandbox-${stamp()}.json`;
      download(text, name, "application/json");
      return `Exported to ${name}.`;
    });
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    await this.run(async () => {
      this.store.set({ backend: await this.store.api.importSandboxFile(await file.text()) });
      await this.store.refresh();
      return `Imported ${file.name}.`;
    });
  }

  private async reset(): Promise<void> {
    this.confirmReset = false;
    await this.run(async () => {
      this.store.set({ backend: await this.store.api.resetSandbox() });
      await this.store.refresh();
      return "The sandbox was reset.";
    });
  }

  private async persist(): Promise<void> {
    await this.run(async () => {
      const granted = (await navigator.storage?.persist?.()) ?? false;
      const estimate = await navigator.storage?.estimate?.();
      this.store.set({ storage: { usage: estimate?.usage, quota: estimate?.quota, persisted: granted } });
      return granted
        ? "The browser will keep the sandbox's data."
        : "The browser declined for now (it often grants this to sites you visit often or bookmark). Export the sandbox file to be safe.";
    });
  }

  private async run(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.message = undefined;
    try {
      this.message = { kind: "ok", text: await action() };
    } catch (error) {
      this.message = { kind: "error", text: `${(error as Error).message}. Nothing was changed.` };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-sandbox-tools": RsSandboxTools;
  }
}
