import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles, AppOverview, ConfigProblem } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DeploymentApi } from "../../state/deployment-api.ts";
import type { RsDiffView } from "../../editors/rs-diff-view.ts";
import { fileEntries, languageOf } from "./file-entries.ts";
import { problemsByFile } from "./problem-lines.ts";
import { loadEdits, saveEdits } from "./unsaved-edits.ts";
import "../../editors/rs-diff-view.ts";
import "./rs-file-changes.ts";

/**
 * The draft against the deployed version: the files that differ, a line diff of the one
 * chosen (editable, so a problem can be fixed where it is shown), deploy and discard.
 */
@customElement("rs-draft-panel")
export class RsDraftPanel extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @state() private deployed: AppFiles | undefined;
  @state() private draft: AppFiles | undefined;
  @state() private edits: AppFiles = {};
  @state() private selected: string | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private busy = false;
  @state() private error: string | undefined;
  @state() private done: string | undefined;
  /** Whether `problems` come from a refused deploy or save (an alert) rather than a check while typing. */
  private refusal = false;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  @query("dialog") private confirmDiscard!: HTMLDialogElement;
  @query("rs-diff-view") private diffView: RsDiffView | undefined;
  private loadedFor: { appId: string; overview: AppOverview | undefined } | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(14rem, 18rem) minmax(0, 1fr); gap: var(--rs-space-4); align-items: start; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; margin: var(--rs-space-3) 0; }
      .file-head { display: flex; align-items: baseline; justify-content: space-between; gap: var(--rs-space-2); margin-bottom: var(--rs-space-2); }
      h3 { font-size: var(--rs-text); font-family: var(--rs-font-mono); margin: 0; word-break: break-all; }
      .legend { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-2); }
      .legend .add { border-left: 4px solid var(--rs-ok); padding-left: var(--rs-space-1); }
      .legend .del { border-left: 4px solid var(--rs-danger); padding-left: var(--rs-space-1); margin-left: var(--rs-space-2); }
      ul.here { margin: 0 0 var(--rs-space-2); padding: var(--rs-space-2) var(--rs-space-3); list-style: none; border-left: 4px solid var(--rs-danger); background: var(--rs-danger-subtle); font-size: var(--rs-text-sm); }
      ul.here li { display: flex; align-items: center; gap: var(--rs-space-2); flex-wrap: wrap; }
      .empty { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-4); color: var(--rs-fg-muted); }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    `,
  ];

  override willUpdate(): void {
    const s = this.state.state;
    // The overview names the live version; without it the deployed files are not known yet.
    if (!s?.overview) return;
    if (this.loadedFor?.appId !== s.appId || this.loadedFor.overview !== s.overview) {
      if (this.loadedFor && this.loadedFor.appId !== s.appId) {
        this.deployed = this.draft = undefined;
        this.problems = [];
        this.selected = undefined;
      }
      this.loadedFor = { appId: s.appId, overview: s.overview };
      this.edits = loadEdits(s.appId);
      void this.load(s.appId, s.overview);
    }
  }

  /** The draft as it stands here: saved files with the unsaved edits over them. */
  private get current(): AppFiles {
    return { ...this.draft, ...this.edits };
  }

  private get editedPaths(): Set<string> {
    return new Set(Object.keys(this.edits).filter((p) => this.draft?.[p] !== this.edits[p]));
  }

  override render() {
    if (!this.deployed || !this.draft) {
      return this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : html`<p class="muted">Loading the draft…</p>`;
    }
    const current = this.current;
    const problems = problemsByFile(this.problems, (path) => current[path]);
    const entries = fileEntries(this.deployed, current, problems, this.editedPaths);
    const changed = entries.filter((e) => e.kind !== "unchanged" || e.edited);
    const selected = this.selected && entries.some((e) => e.path === this.selected) ? this.selected : (entries.find((e) => e.problems.length) ?? changed[0])?.path;
    const unsaved = this.editedPaths.size;
    return html`
      <div class="actions">
        <button class="primary" ?disabled=${this.busy || changed.length === 0} @click=${this.deploy}>Deploy</button>
        <button ?disabled=${this.busy || unsaved === 0} @click=${() => this.saveEdits()}>Save edits to draft</button>
        <button class="danger" ?disabled=${this.busy || changed.length === 0} @click=${() => this.confirmDiscard.showModal()}>Discard draft…</button>
        <span class="muted" role="status">${this.summary(changed.length, unsaved)}</span>
      </div>
      ${this.error
        ? html`<div class="notice error" role="alert">
            ${this.error}
          </div>`
        : nothing}
      ${this.done ? html`<p class="notice ok" role="status">${this.done}</p>` : nothing}
      <div class="layout">
        <rs-file-changes .entries=${entries} .selected=${selected} label="Files changed in the draft" @file-selected=${(e: CustomEvent<string>) => (this.selected = e.detail)}></rs-file-changes>
        <div>${selected ? this.renderDiff(selected, current, problems.get(selected) ?? []) : html`<p class="empty">The draft holds what is deployed: nothing to review. Change the app in the other screens (or edit a file here: open “Unchanged files”), then come back to deploy.</p>`}</div>
      </div>
      <dialog aria-labelledby="discard-title">
        <h2 id="discard-title">Discard the draft?</h2>
        <p>Every change not deployed (${changed.length} ${changed.length === 1 ? "file" : "files"}${unsaved ? `, ${unsaved} edited here and not saved` : ""}) is dropped, and the draft becomes what is deployed. This cannot be undone.</p>
        <div class="actions">
          <button @click=${() => this.confirmDiscard.close()}>Keep the draft</button>
          <button class="danger" @click=${this.discard}>Discard draft</button>
        </div>
      </dialog>
    `;
  }

  private renderDiff(path: string, current: AppFiles, problems: { line?: number; message: string }[]) {
    const removed = !Object.prototype.hasOwnProperty.call(current, path);
    const added = !Object.prototype.hasOwnProperty.call(this.deployed, path);
    return html`
      <div class="file-head">
        <h3>${path}</h3>
        ${this.editedPaths.has(path) ? html`<button ?disabled=${this.busy} @click=${() => this.revert(path)}>Undo my edits to this file</button>` : nothing}
      </div>
      <p class="legend">
        ${removed ? "The draft removes this file: all its lines go." : added ? "A new file: every line is added." : "The draft's text, compared with what is deployed:"}
        <span class="add">added lines</span> <span class="del">removed lines</span>
        ${removed ? nothing : " — you can edit the draft's text here."}
      </p>
      ${path === "sandbox/secrets.json"
        ? html`<p class="legend">
            Secret values never reach this page: each shows as a revision of that secret, which changes when its value changes. Leave a
            placeholder as it is to keep the value; type over it to set a new one, or set it on the Values screen.
          </p>`
        : nothing}
      ${problems.length
        ? html`<ul class="here" aria-label="Problems on this file's lines">
            ${problems.map(
              (p) => html`<li>${p.line ? html`Line ${p.line}: ` : nothing}${p.message}
                ${p.line ? html`<button @click=${() => this.diffView?.revealLine(p.line!)}>Go to line ${p.line}</button>` : nothing}</li>`,
            )}
          </ul>`
        : nothing}
      <rs-diff-view
        .original=${this.deployed?.[path] ?? ""}
        .value=${current[path] ?? ""}
        .language=${languageOf(path)}
        .diagnostics=${problems.map((p) => ({ line: p.line, message: p.message, severity: "error" as const }))}
        ?readonly=${removed}
        label=${`Draft of ${path}, compared with the deployed version`}
        @value-changed=${(e: CustomEvent<string>) => this.edit(path, e.detail)}
      ></rs-diff-view>
    `;
  }

  private summary(changed: number, unsaved: number): string {
    if (changed === 0) return "Nothing to deploy: the draft is what is live.";
    const files = `${changed} ${changed === 1 ? "file differs" : "files differ"} from what is deployed`;
    return unsaved ? `${files}; ${unsaved} edited here and not saved yet (kept in this browser).` : `${files}.`;
  }

  private async load(appId: string, overview: AppOverview | undefined): Promise<void> {
    try {
      const api = new DeploymentApi(this.store.api);
      const [draft, live] = await Promise.all([
        this.store.api.draft(appId),
        overview?.deployment ? api.version(appId, overview.deployment.id) : Promise.resolve(undefined),
      ]);
      if (this.store.state.appId !== appId) return;
      this.draft = draft.files;
      this.deployed = live?.files ?? draft.files;
    } catch (error) {
      this.error = `The draft could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  private edit(path: string, text: string): void {
    const edits = { ...this.edits };
    if (text === this.draft?.[path]) delete edits[path];
    else edits[path] = text;
    this.edits = edits;
    this.done = undefined;
    saveEdits(this.store.state.appId, edits);
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(), 400);
  }

  /** Runs deploy's checks on the text as typed, so problems follow the edits (none are saved). */
  private async check(): Promise<void> {
    const appId = this.store.state.appId;
    const edits = this.edits;
    try {
      const { problems } = await this.store.api.checkDraft(appId, this.current);
      // Only the answer for the latest text counts.
      if (this.store.state.appId !== appId || this.edits !== edits) return;
      this.problems = problems;
      if (problems.length === 0 && this.refusal) {
        this.error = undefined;
        this.refusal = false;
      }
    } catch {
      // The check is a convenience: deploy runs the same checks and says what fails.
    }
  }

  private revert(path: string): void {
    const edits = { ...this.edits };
    delete edits[path];
    this.edits = edits;
    this.problems = this.problems.filter((p) => p.path !== path);
    saveEdits(this.store.state.appId, edits);
  }

  private async show(path: string, line: number | undefined): Promise<void> {
    this.selected = path;
    await this.updateComplete;
    if (line) await this.diffView?.revealLine(line);
  }

  /** Saves the edits to the draft; false when refused (its problems are then shown by file). */
  private async saveEdits(failure = "Your edits were not saved"): Promise<boolean> {
    const appId = this.store.state.appId;
    const set: AppFiles = {};
    for (const path of this.editedPaths) set[path] = this.edits[path];
    if (Object.keys(set).length === 0) return true;
    try {
      await this.store.api.patchDraft(appId, set);
      this.edits = {};
      saveEdits(appId, {});
      this.problems = [];
      this.error = undefined;
      await this.store.refresh();
      return true;
    } catch (error) {
      this.refused(error, failure);
      return false;
    }
  }

  private async deploy(): Promise<void> {
    this.busy = true;
    this.done = undefined;
    try {
      if (!(await this.saveEdits("The deploy was refused"))) return;
      const deployment = await this.store.api.deploy(this.store.state.appId);
      this.problems = [];
      this.error = undefined;
      this.selected = undefined;
      this.done = `Deployed: version ${deployment._id} is live. It is at the top of the history below.`;
      await this.store.refresh();
      this.dispatchEvent(new CustomEvent("deployed", { bubbles: true, composed: true }));
    } catch (error) {
      this.refused(error, "The deploy was refused");
    } finally {
      this.busy = false;
    }
  }

  private refused(error: unknown, what: string): void {
    this.refusal = true;
    const problems = (error as { problems?: ConfigProblem[] }).problems ?? [];
    this.problems = problems;
    this.error = problems.length
      ? `${what}: ${problems.length} ${problems.length === 1 ? "problem" : "problems"}, each shown beside its file and on its line. Nothing was deployed and your edits are kept; fix them and deploy again.`
      : `${what}: ${(error as Error).message}. Nothing was deployed; try again.`;
    const first = problemsByFile(problems, (path) => this.current[path]).values().next().value?.[0];
    if (first) void this.show(first.path, first.line);
  }

  private async discard(): Promise<void> {
    this.confirmDiscard.close();
    this.busy = true;
    try {
      const appId = this.store.state.appId;
      await this.store.api.discardDraft(appId);
      this.edits = {};
      saveEdits(appId, {});
      this.problems = [];
      this.error = undefined;
      this.selected = undefined;
      this.done = "The draft was discarded: it is again what is deployed.";
      await this.store.refresh();
    } catch (error) {
      this.error = `Discarding failed: ${(error as Error).message}. The draft is unchanged; try again.`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-draft-panel": RsDraftPanel;
  }
}
