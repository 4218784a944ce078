import { LitElement, css, html, nothing } from "lit";
import { customElement, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";

export interface ConfirmRequest {
  /** The dialog's title and accessible name. */
  title: string;
  /** What happens, and what is lost. */
  message: string;
  /** Listed under the message: the files that change. */
  items?: string[];
  /** The confirming button's label (says what it does). */
  confirm: string;
}

/**
 * The panel's confirmation before anything replaces the learner's work: a modal dialog
 * that names what will change. `ask()` answers true only for the confirming button.
 */
@customElement("rs-tutorial-confirm")
export class RsTutorialConfirm extends LitElement {
  @state() private request: ConfirmRequest | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;
  private answer: ((ok: boolean) => void) | undefined;

  static override styles = [
    controls,
    css`
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); width: min(34rem, 92vw); padding: var(--rs-space-4) var(--rs-space-6); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-2); }
      ul { max-height: 12rem; overflow: auto; padding-left: var(--rs-space-6); }
      .actions { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-4); }
    `,
  ];

  async ask(request: ConfirmRequest): Promise<boolean> {
    this.answer?.(false);
    this.request = request;
    await this.updateComplete;
    this.dialog.showModal();
    return new Promise((resolve) => (this.answer = resolve));
  }

  override render() {
    const r = this.request;
    return html`<dialog aria-labelledby="confirm-title" @close=${() => this.settle(false)}>
      ${r
        ? html`<h2 id="confirm-title">${r.title}</h2>
            <p>${r.message}</p>
            ${r.items?.length ? html`<ul>${r.items.map((item) => html`<li><code>${item}</code></li>`)}</ul>` : nothing}
            <div class="actions">
              <button @click=${() => this.settle(false)}>Cancel</button>
              <button class="primary" @click=${() => this.settle(true)}>${r.confirm}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  private settle(ok: boolean): void {
    const answer = this.answer;
    this.answer = undefined;
    if (this.dialog?.open) this.dialog.close();
    answer?.(ok);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-confirm": RsTutorialConfirm;
  }
}
