import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { TutorialManifest } from "../../tutorial/types.ts";
import { controls } from "../tokens.ts";

/**
 * The end of a tutorial once its last step is done: what was built and what to try next.
 * Fires `choose-another` (detail: the next tutorial's id, or undefined for the list).
 */
@customElement("rs-tutorial-end")
export class RsTutorialEnd extends LitElement {
  @property({ attribute: false }) manifest!: TutorialManifest;
  /** The tutorial listed after this one, offered as the next thing to do. */
  @property({ attribute: false }) next: TutorialManifest | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border: 1px solid var(--rs-ok); border-radius: var(--rs-radius); padding: var(--rs-space-3); margin: var(--rs-space-4) 0; }
      h3 { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text); color: var(--rs-ok); }
      p, ul { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text-sm); line-height: 1.45; }
      ul { padding-left: var(--rs-space-6); }
    `,
  ];

  override render() {
    return html`<section aria-labelledby="end-title">
      <h3 id="end-title"><span aria-hidden="true">✓</span> You finished “${this.manifest.title}”</h3>
      <p><strong>The goal you reached:</strong> ${this.manifest.summary}</p>
      <p><strong>What to try next:</strong></p>
      <ul>
        <li>Query your API in the <a href="#/playground">GraphQL Playground</a>, once as the system and once as a user picked under Run as.</li>
        <li>Add users on <a href="#/users">App Users</a>, pick one under Run as, and see on <a href="#/data">Data</a> what the rules let that user read and change.</li>
        ${this.next
          ? html`<li>Go on with the next tutorial, <strong>${this.next.title}</strong>: ${this.next.summary}
              <p><button class="primary" @click=${() => this.choose(this.next?.id)}>Start ${this.next.title}</button></p></li>`
          : nothing}
        <li><button @click=${() => this.choose(undefined)}>Choose another tutorial</button></li>
      </ul>
    </section>`;
  }

  private choose(id: string | undefined): void {
    this.dispatchEvent(new CustomEvent("choose-another", { detail: id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-end": RsTutorialEnd;
  }
}
