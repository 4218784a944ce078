import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { draftNotice } from "../../components/draft-notice.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { listFunctions } from "./function-files.ts";
import "./rs-function-list.ts";
import "./rs-function-editor.ts";

/**
 * The Functions screen: the app's functions (from the draft) and, for the one in the URL
 * (`#/functions/<name>`, a "/" in the name encoded), its source, settings and test runs.
 * Edits are saved to the draft; the top bar deploys them.
 */
@customElement("rs-functions-screen")
export class RsFunctionsScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
      .layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr); gap: var(--rs-space-6); align-items: start; }
      .empty { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-4); color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const functions = this.draft.files ? listFunctions(this.draft.files) : [];
    const name = this.params.name;
    const current = functions.find((f) => f.name === name);
    return html`
      <h1>Functions</h1>
      <p class="lead">
        Functions are JavaScript that runs in the backend: clients call them by name, triggers run them on events, and rules can
        ask them for a decision. Try a function here as the Run as identity before you deploy it; what you save goes to the draft.
      </p>
      ${draftNotice(this.draft)}
      ${this.draft.files
        ? html`<div class="layout">
            <rs-function-list .functions=${functions} .current=${name} .files=${this.draft.files} @draft-changed=${this.changed}></rs-function-list>
            <div>
              ${current
                ? html`<rs-function-editor .item=${current} .files=${this.draft.files} @draft-changed=${this.changed}></rs-function-editor>`
                : name !== undefined
                  ? html`<p class="notice warning" role="status">This app has no function named ${name}. Pick one from the list, or create it.</p>`
                  : html`<p class="empty">
                      ${functions.length === 0
                        ? "This app has no functions yet. Create one with New function: it starts from a small example you can run at once."
                        : "Choose a function on the left to edit and run it."}
                    </p>`}
            </div>
          </div>`
        : nothing}
    `;
  }

  /** A child saved to the draft. */
  private changed(): Promise<void> {
    return this.draft.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-functions-screen": RsFunctionsScreen;
  }
}
