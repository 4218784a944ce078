import { consume } from "@lit/context";
import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";

import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import "./sandbox-status.ts";
import type { StatusModel } from "./sandbox-status.ts";

/** The sandbox's health: backend, storage, service worker, collections; export, import and reset of the whole sandbox. */
@customElement("rs-status-screen")
export class RsStatusScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private busy = false;
  @state() private notice: StatusModel["notice"];

  static override styles = css`:host { display: block; }`;

  override render() {
    const s = this.state.state;
    const model: StatusModel = { backend: s?.backend, role: s?.role, serviceWorker: s?.serviceWorker, storage: s?.storage, notice: this.notice, busy: this.busy };
    return html`<sandbox-status
      .model=${model}
      @sandbox-export=${this.exportSandbox}
      @sandbox-import=${this.importSandbox}
      @sandbox-reset=${this.reset}
    ></sandbox-status>`;
  }

  private async exportSandbox(): Promise<void> {
    await this.run("Export", async () => {
      const text = await this.store.api.exportSandboxFile();
      const appId = this.store.state.backend?.appId ?? "sandbox";
      const name = `${appId}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.json`;
      const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      return `Exported to ${name}.`;
    });
  }

  private async importSandbox(event: Event): Promise<void> {
    const file = (event as CustomEvent<File>).detail;
    await this.run("Import", async () => {
      this.store.set({ backend: await this.store.api.importSandboxFile(await file.text()) });
      await this.store.refresh();
      return `Imported ${file.name}.`;
    });
  }

  private async reset(): Promise<void> {
    await this.run("Reset", async () => {
      this.store.set({ backend: await this.store.api.resetSandbox() });
      await this.store.refresh();
      return "The sandbox was reset.";
    });
  }

  private async run(label: string, action: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.notice = undefined;
    try {
      this.notice = { kind: "ok", text: await action() };
    } catch (error) {
      this.notice = { kind: "error", text: `${label} failed: ${(error as Error).message}` };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-status-screen": RsStatusScreen;
  }
}
