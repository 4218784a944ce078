import { LitElement, css, html, nothing } from "lit";
import { customElement, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { RuleExplanation } from "../../admin/rules-explain.ts";
import "./rs-why-view.ts";

/**
 * A modal dialog that asks the backend why, and shows the answer in an rs-why-view.
 * `explain(title, load)` opens it; Escape or Close returns focus where it was.
 */
@customElement("rs-why-dialog")
export class RsWhyDialog extends LitElement {
  @state() private heading = "";
  @state() private explanation: RuleExplanation | undefined;
  @state() private error: string | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;
  private asked = 0;

  static override styles = [
    controls,
    css`
      dialog { width: min(52rem, calc(100vw - 4rem)); max-height: calc(100vh - 4rem); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); padding: 0; box-shadow: var(--rs-shadow); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      header { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-3); padding: var(--rs-space-3) var(--rs-space-4); border-bottom: 1px solid var(--rs-border); position: sticky; top: 0; background: var(--rs-bg-raised); }
      h2 { font-size: var(--rs-text-lg); margin: 0; }
      .body { padding: var(--rs-space-3) var(--rs-space-4) var(--rs-space-4); }
    `,
  ];

  override render() {
    return html`<dialog aria-labelledby="why-title" @close=${this.closed}>
      <header>
        <h2 id="why-title">${this.heading}</h2>
        <button @click=${() => this.dialog.close()}>Close</button>
      </header>
      <div class="body">
        ${this.error
          ? html`<p class="notice error" role="alert">The explanation could not be made: ${this.error}</p>`
          : this.explanation
            ? html`<rs-why-view .explanation=${this.explanation}></rs-why-view>`
            : html`<p class="muted" role="status">Running the rules again for this user, with a trace…</p>`}
      </div>
    </dialog>`;
  }

  async explain(heading: string, load: () => Promise<RuleExplanation>): Promise<void> {
    const ask = ++this.asked;
    this.heading = heading;
    this.explanation = undefined;
    this.error = undefined;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const explanation = await load();
      if (ask === this.asked) this.explanation = explanation;
    } catch (error) {
      if (ask === this.asked) this.error = (error as Error).message;
    }
  }

  private closed(): void {
    this.asked++;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-why-dialog": RsWhyDialog;
  }
}
