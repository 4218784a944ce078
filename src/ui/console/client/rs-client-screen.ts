import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import "../../editors/rs-code-editor.ts";
import type { RsCodeEditor } from "../../editors/rs-code-editor.ts";
import { draftClientFiles, draftFilesFor, draftHasClient, fileLanguage, readUnsaved, writeUnsaved, type UnsavedFiles } from "./client-files.ts";
import { CLIENT_FILE_NAMES, type ClientFileName, type ClientFiles } from "./preview-document.ts";
import { CLIENT_FILE_PATHS, STARTER_FILES } from "./starter-files.ts";
import "./rs-client-preview.ts";

/** How long typing pauses before the files are saved to the draft. */
const SAVE_DELAY_MS = 800;

/**
 * The Web client workspace: index.html and app.js in editors (a tab per file) beside a
 * preview that runs them against the sandbox, with realm-web and a GraphQL client to
 * import. The files are the app's static hosting files (hosting/files/), saved to the
 * draft as you type; until saved they are kept in this browser.
 */
@customElement("rs-client-screen")
export class RsClientScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);
  @state() private active: ClientFileName = "app.js";
  /** Text typed and not saved yet, by file. */
  @state() private unsaved: UnsavedFiles = {};
  @state() private status = "";
  @state() private error = "";
  @state() private confirmingReset = false;
  private restoredFor = "";
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  static override styles = [
    controls,
    css`
      /* The workspace follows the room it gets (the tutorial panel may take a third of the window), not the window. */
      :host { display: block; container-type: inline-size; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-3); max-width: 60rem; }
      .workspace { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: var(--rs-space-4); align-items: start; }
      .files { display: flex; flex-direction: column; gap: var(--rs-space-2); min-width: 0; }
      .toolbar { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-2); flex-wrap: wrap; }
      [role="tablist"] { display: flex; gap: var(--rs-space-1); }
      [role="tab"] { font-family: var(--rs-font-mono); border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
      [role="tab"][aria-selected="true"] { background: var(--rs-accent); color: var(--rs-accent-fg, #fff); border-color: var(--rs-accent); }
      rs-code-editor { --rs-editor-max-height: 34rem; height: 34rem; }
      .saved { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; }
      .confirm { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      code { font-family: var(--rs-font-mono); }
      @container (max-width: 820px) {
        .workspace { grid-template-columns: 1fr; }
        rs-code-editor { --rs-editor-max-height: 18rem; height: 18rem; }
      }
    `,
  ];

  override willUpdate(): void {
    const appId = this.state.state?.appId;
    if (appId && this.restoredFor !== appId) {
      this.restoredFor = appId;
      this.unsaved = readUnsaved(appId);
      this.status = "";
      this.error = "";
      this.confirmingReset = false;
      // Text kept from an earlier visit goes to the draft as soon as the draft is read.
      if (Object.keys(this.unsaved).length) this.scheduleSave();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leaving the screen saves what is pending; localStorage keeps it if that fails.
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.save();
    }
  }

  private get files(): ClientFiles {
    return { ...draftClientFiles(this.draft.files), ...this.unsaved };
  }

  override render() {
    const appId = this.state.state?.appId ?? "";
    const files = this.files;
    const loaded = this.draft.files !== undefined;
    return html`<h1>Web client</h1>
      <p class="lead">
        A small web page of your own that uses this app as a real client would: users log in with <code>realm-web</code>, and tasks are read
        and changed with GraphQL as that user, so the app's rules apply. The preview runs the files again a moment after you stop typing; they
        are saved to the draft as the app's static hosting files (<code>hosting/files/</code>).
      </p>
      ${this.draft.error ? html`<p class="notice error" role="alert">${this.draft.error}</p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      <div class="workspace">
        <section class="files" aria-label="Files">
          <div class="toolbar">
            <div role="tablist" aria-label="Files of the client">
              ${CLIENT_FILE_NAMES.map(
                (name) => html`<button
                  type="button"
                  role="tab"
                  id=${`tab-${name}`}
                  aria-selected=${this.active === name ? "true" : "false"}
                  aria-controls=${`panel-${name}`}
                  tabindex=${this.active === name ? 0 : -1}
                  @click=${() => (this.active = name)}
                  @keydown=${this.tabKey}
                >
                  ${name}${this.unsaved[name] !== undefined ? html`<span aria-hidden="true"> •</span>` : nothing}
                </button>`,
              )}
            </div>
            ${this.confirmingReset
              ? html`<div class="confirm" role="group" aria-label="Reset to starter">
                  <span>Replace both files with the starter? Your text in them is lost.</span>
                  <button type="button" class="danger" @click=${this.reset}>Reset files</button>
                  <button type="button" @click=${() => (this.confirmingReset = false)}>Keep my files</button>
                </div>`
              : html`<button type="button" @click=${() => (this.confirmingReset = true)}>Reset to starter</button>`}
          </div>
          ${CLIENT_FILE_NAMES.map(
            (name) => html`<div role="tabpanel" id=${`panel-${name}`} aria-labelledby=${`tab-${name}`} ?hidden=${this.active !== name}>
              ${loaded
                ? html`<rs-code-editor
                    data-file=${name}
                    .value=${files[name]}
                    language=${fileLanguage(name)}
                    label=${`Source of ${name}`}
                    @value-changed=${(event: CustomEvent<string>) => this.edit(name, event.detail)}
                  ></rs-code-editor>`
                : html`<p class="saved">Reading the draft…</p>`}
            </div>`,
          )}
          <p class="saved" role="status">${this.saveState()}</p>
        </section>
        ${loaded ? html`<rs-client-preview .files=${files} appId=${appId} @reveal-line=${this.revealLine}></rs-client-preview>` : nothing}
      </div>`;
  }

  private saveState(): string {
    if (this.status) return this.status;
    if (Object.keys(this.unsaved).length) return "Unsaved changes, kept in this browser; saving to the draft…";
    if (this.draft.files && !draftHasClient(this.draft.files)) return "This is the starter. Your first edit saves both files to the draft.";
    return `Saved to the draft as ${CLIENT_FILE_PATHS["index.html"]} and ${CLIENT_FILE_PATHS["app.js"]}.`;
  }

  private tabKey(event: KeyboardEvent): void {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const index = CLIENT_FILE_NAMES.indexOf(this.active);
    const next = CLIENT_FILE_NAMES[(index + (event.key === "ArrowRight" ? 1 : CLIENT_FILE_NAMES.length - 1)) % CLIENT_FILE_NAMES.length];
    this.active = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${CSS.escape(next)}`)?.focus());
  }

  private edit(name: ClientFileName, text: string): void {
    const appId = this.state.state?.appId;
    if (!appId) return;
    // The first edit of an app without client files saves both, so the draft holds a whole client.
    const base = draftHasClient(this.draft.files) ? {} : { ...draftClientFiles(this.draft.files) };
    this.unsaved = { ...base, ...this.unsaved, [name]: text };
    this.status = "";
    if (!writeUnsaved(appId, this.unsaved)) this.error = "This browser refused to keep your unsaved text (its storage may be full); it is saved to the draft in a moment.";
    this.scheduleSave();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /** Saves the unsaved files to the draft, one save at a time. */
  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const appId = this.state.state?.appId;
      const pending = this.unsaved;
      if (!appId || Object.keys(pending).length === 0) return;
      const { problems, error } = await this.draft.save(draftFilesFor(pending));
      if (error || problems.length) {
        this.error = `Your files could not be saved to the draft: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ") || error}. They are kept in this browser; saving is tried again at your next edit.`;
        return;
      }
      this.error = "";
      // Only what was saved is cleared: text typed during the save stays pending.
      const left: UnsavedFiles = {};
      for (const name of CLIENT_FILE_NAMES) if (this.unsaved[name] !== undefined && this.unsaved[name] !== pending[name]) left[name] = this.unsaved[name];
      if (this.state.state?.appId === appId) {
        this.unsaved = left;
        writeUnsaved(appId, left);
      }
    });
    return this.saving;
  }

  private async reset(): Promise<void> {
    const appId = this.state.state?.appId;
    if (!appId) return;
    this.confirmingReset = false;
    clearTimeout(this.saveTimer);
    this.unsaved = { ...STARTER_FILES };
    writeUnsaved(appId, this.unsaved);
    await this.save();
    if (!this.error) this.status = "Both files are the starter again, saved to the draft.";
  }

  private async revealLine(event: CustomEvent<{ file: string; line: number }>): Promise<void> {
    const name = event.detail.file as ClientFileName;
    if (!CLIENT_FILE_NAMES.includes(name)) return;
    this.active = name;
    await this.updateComplete;
    this.renderRoot.querySelector<RsCodeEditor>(`rs-code-editor[data-file="${name}"]`)?.revealLine(event.detail.line);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-client-screen": RsClientScreen;
  }
}
