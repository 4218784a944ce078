import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { TutorialManifest } from "../../tutorial/types.ts";
import { controls } from "../tokens.ts";

/** The end of a tutorial once every step is done: what was built and what to try next. Fires `choose-another`. */
@customElement("rs-tutorial-end")
export class RsTutorialEnd extends LitElement {
  @property({ attribute: false }) manifest!: TutorialManifest;

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
      <p><strong>What you built:</strong> ${this.manifest.summary}</p>
      <p><strong>What to try next:</strong></p>
      <ul>
        <li>Query your API in the <a href="#/playground">GraphQL Playground</a>, once as the system and once as a user picked under Run as.</li>
        <li>Add users on <a href="#/users">App Users</a> and see on <a href="#/data">Data</a> which tasks each of them may change.</li>
        <li><button @click=${() => this.dispatchEvent(new CustomEvent("choose-another", { bubbles: true, composed: true }))}>Choose another tutorial</button></li>
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-end": RsTutorialEnd;
  }
}
