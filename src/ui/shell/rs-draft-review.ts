import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import { storeContext, StateController } from "../state/context.ts";
import type { ConsoleStore } from "../state/console-store.ts";

/** "2 changes not deployed — Review draft & deploy", with the changed files, deploy and discard. */
@customElement("rs-draft-review")
export class RsDraftReview extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @query("dialog") private dialog!: HTMLDialogElement;
  @state() private busy = false;
  @state() private error: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: inline-flex; }
      .pending { display: inline-flex; align-items: center; gap: var(--rs-space-2); background: var(--rs-warning-subtle); color: var(--rs-fg); border-radius: var(--rs-radius); padding: var(--rs-space-1) var(--rs-space-2); font-size: var(--rs-text-sm); }
      .clean { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 36rem; width: 90vw; }
      dialog::backdrop { background: rgb(0 0 0 / 0.4); }
      ul { padding-left: var(--rs-space-4); }
      li code { word-break: break-all; }
      .actions { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-4); }
      .kind { display: inline-block; min-width: 4.5rem; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const overview = this.state.state?.overview;
    if (!overview) return nothing;
    const { changes, diff } = overview.draft;
    const files = [
      ...diff.added.map((path) => ({ path, kind: "added" })),
      ...diff.modified.map((path) => ({ path, kind: "modified" })),
      ...diff.removed.map((path) => ({ path, kind: "removed" })),
    ];
    return html`
      ${changes === 0
        ? html`<span class="clean" role="status">All changes deployed</span>`
        : html`<span class="pending" role="status">
            ${changes} ${changes === 1 ? "change" : "changes"} not deployed
            <button class="primary" @click=${() => this.dialog.showModal()}>Review draft &amp; deploy</button>
          </span>`}
      <dialog aria-labelledby="draft-title" @close=${() => (this.error = undefined)}>
        <h2 id="draft-title">Review draft &amp; deploy</h2>
        <p>Deploying makes these changes live: clients and the console use them at once. Discarding brings back what is deployed.</p>
        <ul aria-label="Changed files">
          ${files.map((f) => html`<li><span class="kind">${f.kind}</span> <code>${f.path}</code></li>`)}
        </ul>
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        <p><a href="#/deploy" @click=${() => this.dialog.close()}>Open the Deployment screen</a> to see each file's changes line by line, or an earlier version.</p>
        <div class="actions">
          <button @click=${() => this.dialog.close()}>Cancel</button>
          <button class="danger" ?disabled=${this.busy} @click=${this.discard}>Discard draft</button>
          <button class="primary" ?disabled=${this.busy} @click=${this.deploy}>Deploy</button>
        </div>
      </dialog>
    `;
  }

  private async deploy(): Promise<void> {
    await this.act(() => this.store.api.deploy(this.store.state.appId), "The deploy failed");
  }

  private async discard(): Promise<void> {
    await this.act(() => this.store.api.discardDraft(this.store.state.appId), "Discarding failed");
  }

  private async act(action: () => Promise<unknown>, failure: string): Promise<void> {
    this.busy = true;
    try {
      await action();
      await this.store.refresh();
      this.dialog.close();
    } catch (error) {
      const problems = (error as { problems?: { path: string; message: string }[] }).problems ?? [];
      this.error = `${failure}: ${(error as Error).message}${problems.length ? "" : ""}. Nothing was changed; fix the files named above and try again.`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-draft-review": RsDraftReview;
  }
}
