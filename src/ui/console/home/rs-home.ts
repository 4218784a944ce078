import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { ConsoleApiError, type AppImport, type ConfigProblem } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import "../../components/rs-import-report.ts";
import { readDrop, readPickedFolder, readZip, type AppFileMap } from "./app-files.ts";
import { loadStarterApp, starterAppSource } from "virtual:starter-app";
import { freshAppId } from "../../state/starter-app-choice.ts";

type Outcome =
  | { kind: "imported"; result: AppImport; source: string }
  | { kind: "refused"; source: string; message: string; problems: ConfigProblem[] }
  | { kind: "done"; text: string };

/**
 * Where a first visit starts: the tutorial, the finished Task Tracker backend, a blank
 * app, an exported app directory (folder, .zip or drop) or a sandbox file; and the apps
 * this sandbox already holds.
 */
@customElement("rs-home")
export class RsHome extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private busy = false;
  @state() private outcome: Outcome | undefined;
  @state() private dragging = false;

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 60rem; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-2); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 44rem; }
      .start { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: var(--rs-space-3); }
      .card { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3) var(--rs-space-4); background: var(--rs-bg-raised); display: flex; flex-direction: column; gap: var(--rs-space-2); }
      .card h2 { font-size: var(--rs-text); margin: 0; }
      .card p { margin: 0; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); flex: 1; }
      .drop { border: 2px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-4); margin-top: var(--rs-space-4); background: var(--rs-bg-subtle); }
      .drop.over { border-color: var(--rs-accent); background: var(--rs-accent-subtle); }
      .drop h2 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-2); }
      .pickers { display: flex; gap: var(--rs-space-2); flex-wrap: wrap; align-items: center; }
      input[type="file"] { display: none; }
      rs-import-report { margin-top: var(--rs-space-4); }
      table { border-collapse: collapse; width: 100%; margin-top: var(--rs-space-2); font-size: var(--rs-text-sm); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); }
      h2.apps { font-size: var(--rs-text-lg); margin: var(--rs-space-6) 0 0; }
    `,
  ];

  override render() {
    const s = this.state.state;
    return html`
      <h1>Run an App Services backend in this page</h1>
      <p class="lead">
        Everything runs in your browser: the database, users, rules, functions and the GraphQL API. Nothing is sent anywhere.
        Pick a starting point; you can switch between apps at any time from the top bar.
      </p>
      <div class="start">
        ${starterAppSource
          ? html`<div class="card">
              <h2>Start the course again</h2>
              <p>This course begins from its own app, ${starterAppSource}. Open a fresh copy of it as a new app; your current apps stay as they are.</p>
              <button class="primary" ?disabled=${this.busy} @click=${() => this.openStarterCopy(starterAppSource!)}>Open a fresh copy of ${starterAppSource}</button>
            </div>`
          : html`<div class="card">
              <h2>Start the tutorial</h2>
              <p>Build the Task Tracker backend step by step, starting from an empty app.</p>
              <button class="primary" ?disabled=${this.busy} @click=${() => this.create("blank", "tutorial", "The tutorial starts from this empty app.")}>Start with a blank app for the tutorial</button>
            </div>`}
        <div class="card">
          <h2>Open the finished Task Tracker</h2>
          <p>The backend the guide builds: schemas, relationship, roles, email/password users, Sync and the new-user trigger.</p>
          <button ?disabled=${this.busy} @click=${() => this.create("task-tracker", "tasktracker", "The finished Task Tracker backend is ready.")}>Open the Task Tracker backend</button>
        </div>
        <div class="card">
          <h2>Start a blank app</h2>
          <p>An empty app with a linked cluster, as App Services created one.</p>
          <button ?disabled=${this.busy} @click=${() => this.create("blank", undefined, "A blank app was created.")}>Create a blank app</button>
        </div>
      </div>

      <section
        class="drop ${this.dragging ? "over" : ""}"
        aria-labelledby="import-title"
        @dragover=${this.dragOver}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.drop}
      >
        <h2 id="import-title">Import an app you exported from App Services</h2>
        <p class="muted">Pick the exported app folder or its .zip, or drop either here. It keeps its app id, so its clients reach it unchanged.</p>
        <div class="pickers">
          <button ?disabled=${this.busy} @click=${() => this.pick("folder")}>Choose an app folder…</button>
          <button ?disabled=${this.busy} @click=${() => this.pick("zip")}>Choose a .zip…</button>
          <button ?disabled=${this.busy} @click=${() => this.pick("snapshot")}>Import a sandbox file…</button>
          <input id="folder" type="file" webkitdirectory multiple aria-label="App folder" @change=${this.folderPicked} />
          <input id="zip" type="file" accept=".zip,application/zip" aria-label="App zip" @change=${this.zipPicked} />
          <input id="snapshot" type="file" accept=".json,application/json" aria-label="Sandbox file" @change=${this.snapshotPicked} />
        </div>
      </section>
      ${this.renderOutcome()}

      <h2 class="apps">Apps in this sandbox</h2>
      <table aria-label="Apps in this sandbox">
        <thead><tr><th>Name</th><th>App id</th><th>Came from</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${(s?.apps ?? []).map(
            (a) => html`<tr>
              <td>${a.name}</td>
              <td><code>${a.appId}</code></td>
              <td>${a.origin === "default" ? "the sandbox's own app" : a.origin === "import" ? "an import" : "a template"}</td>
              <td>
                ${a.appId === s?.appId ? html`<span class="muted">open</span>` : html`<button @click=${() => this.open(a.appId)}>Open ${a.name}</button>`}
                ${a.isDefault ? nothing : html`<button class="danger" @click=${() => this.removeApp(a.appId, a.name)}>Remove ${a.name}</button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderOutcome() {
    const o = this.outcome;
    if (!o) return nothing;
    if (o.kind === "done") return html`<p class="notice ok" role="status">${o.text}</p>`;
    if (o.kind === "refused") {
      return html`<rs-import-report heading="Import of ${o.source}" .error=${o.message} .problems=${o.problems}></rs-import-report>`;
    }
    const { app, notes } = o.result;
    return html`<rs-import-report heading="Imported ${o.source} as ${app.name} (${app.appId})" .notes=${notes}></rs-import-report>`;
  }

  private pick(which: "folder" | "zip" | "snapshot"): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${which}`)?.click();
  }

  private async create(template: "blank" | "task-tracker", name: string | undefined, text: string): Promise<void> {
    await this.run(async () => {
      const { app } = await this.store.api.createApp(template, name);
      await this.store.selectApp(app.appId);
      this.outcome = { kind: "done", text: `${text} It is called ${app.name} (app id ${app.appId}).` };
    });
  }

  /** The course's starting app (STARTER_APP_DIR of the build) as a new app, under an id no app has. */
  private async openStarterCopy(source: string): Promise<void> {
    await this.run(async () => {
      const files = await loadStarterApp();
      if (!files) return;
      const appId = freshAppId(source, this.store.state.apps.map((a) => a.appId));
      try {
        const result = await this.store.api.request<AppImport>("POST", "/", { files, sourceName: source, appId });
        await this.store.selectApp(result.app.appId);
        this.outcome = { kind: "imported", result, source };
      } catch (error) {
        const problems = error instanceof ConsoleApiError ? error.problems : [];
        this.outcome = { kind: "refused", source, message: (error as Error).message, problems };
      }
    });
  }

  private async importFiles(files: AppFileMap, source: string): Promise<void> {
    if (Object.keys(files).length === 0) {
      this.outcome = { kind: "refused", source, message: `${source} holds no files. Pick the folder that has realm_config.json (or config.json) at its top.`, problems: [] };
      return;
    }
    await this.run(async () => {
      try {
        const result = await this.store.api.importApp(files, source);
        await this.store.selectApp(result.app.appId);
        this.outcome = { kind: "imported", result, source };
      } catch (error) {
        const problems = error instanceof ConsoleApiError ? error.problems : [];
        this.outcome = { kind: "refused", source, message: (error as Error).message, problems };
      }
    });
  }

  private async folderPicked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    if (!input.files?.length) return;
    const { files, folder } = await readPickedFolder(input.files);
    input.value = "";
    await this.importFiles(files, folder ?? "the folder");
  }

  private async zipPicked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    try {
      await this.importFiles(await readZip(file), file.name.replace(/\.zip$/i, ""));
    } catch (error) {
      this.outcome = { kind: "refused", source: file.name, message: (error as Error).message, problems: [] };
    }
  }

  private async snapshotPicked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    await this.run(async () => {
      try {
        await this.store.api.importSandboxFile(await file.text());
        await this.store.selectApp(this.store.state.apps.find((a) => a.isDefault)?.appId ?? this.store.state.appId);
        await this.store.refresh();
        this.outcome = { kind: "done", text: `Imported the sandbox file ${file.name} into the sandbox's own app.` };
      } catch (error) {
        this.outcome = { kind: "refused", source: file.name, message: `${file.name} could not be imported: ${(error as Error).message}`, problems: [] };
      }
    });
  }

  private dragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging = true;
  }

  private async drop(event: DragEvent): Promise<void> {
    event.preventDefault();
    this.dragging = false;
    if (!event.dataTransfer) return;
    try {
      const { files, name } = await readDrop(event.dataTransfer);
      await this.importFiles(files, name ?? "the dropped files");
    } catch (error) {
      this.outcome = { kind: "refused", source: "the dropped files", message: (error as Error).message, problems: [] };
    }
  }

  private async open(appId: string): Promise<void> {
    await this.run(() => this.store.selectApp(appId));
  }

  private async removeApp(appId: string, name: string): Promise<void> {
    if (!confirm(`Remove ${name} (${appId}) with all its data, users and log? This cannot be undone.`)) return;
    await this.run(async () => {
      await this.store.api.removeApp(appId);
      await this.store.refresh();
      this.outcome = { kind: "done", text: `${name} was removed.` };
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
    } catch (error) {
      this.outcome = { kind: "refused", source: "that", message: (error as Error).message, problems: [] };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-home": RsHome;
  }
}
