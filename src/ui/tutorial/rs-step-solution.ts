import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import "../editors/rs-diff-view.ts";
import { controls } from "../tokens.ts";

export interface SolutionFile {
  path: string;
  /** The learner's draft file, undefined when the draft has none. */
  mine: string | undefined;
  solution: string;
}

const languageOf = (path: string): "json" | "javascript" | "text" => (path.endsWith(".json") ? "json" : path.endsWith(".js") ? "javascript" : "text");

/** A step's solution beside the learner's work: one read-only diff per file the step changes. */
@customElement("rs-step-solution")
export class RsStepSolution extends LitElement {
  @property({ attribute: false }) files: SolutionFile[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h3 { font-size: var(--rs-text); margin: var(--rs-space-3) 0 var(--rs-space-1); }
      h4 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); overflow-wrap: anywhere; font-family: var(--rs-font-mono); }
      p { font-size: var(--rs-text-sm); margin: 0 0 var(--rs-space-1); }
      rs-diff-view { --rs-diff-max-height: 22rem; }
    `,
  ];

  override render() {
    return html`<section aria-labelledby="solution-title">
      <h3 id="solution-title">Solution beside your work</h3>
      <p class="muted">Removed lines are what your draft has now; added lines are what the solution has.</p>
      ${this.files.map(
        (file) => html`<h4>${file.path}</h4>
          ${file.mine === undefined ? html`<p class="muted">Your draft has no such file yet; all of it is new.</p>` : file.mine === file.solution ? html`<p class="muted">Your file is the same as the solution.</p>` : nothing}
          <rs-diff-view readonly .original=${file.mine ?? ""} .value=${file.solution} .language=${languageOf(file.path)} .label=${`Solution of ${file.path}`}></rs-diff-view>`,
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-step-solution": RsStepSolution;
  }
}
