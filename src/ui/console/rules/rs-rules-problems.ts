import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { describeLocation, type RulesProblem } from "./problems.ts";
import type { RulesForm } from "./rules-form.ts";

/**
 * What deploy would refuse in this file, each problem with where it is, what to do, and a
 * button that goes there. Fires `problem-reveal` with the problem.
 */
@customElement("rs-rules-problems")
export class RsRulesProblems extends LitElement {
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property({ attribute: false }) form: RulesForm | undefined;
  /** Problems of other files of the draft, which would stop a deploy too. */
  @property({ type: Number }) others = 0;
  /** "form" or "json": where the buttons go. */
  @property() view: "form" | "json" = "form";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .box { border: 1px solid var(--rs-danger); background: var(--rs-danger-subtle); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); margin: var(--rs-space-2) 0; }
      h2 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-1); }
      ul { margin: 0; padding-left: var(--rs-space-4); font-size: var(--rs-text-sm); }
      li { margin: var(--rs-space-1) 0; }
      .where { font-weight: 600; }
      .what { color: var(--rs-fg-muted); display: block; }
      button { min-height: 1.5rem; padding: 0 var(--rs-space-2); margin-left: var(--rs-space-1); }
      .others { font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0 0; }
    `,
  ];

  override render() {
    if (this.problems.length === 0 && this.others === 0) return nothing;
    const n = this.problems.length;
    return html`<div class="box" role="region" aria-label="Problems deploy would report">
      ${n
        ? html`<h2>Deploy would refuse this file: ${n} ${n === 1 ? "problem" : "problems"}</h2>
            <ul>
              ${this.problems.map(
                (p) => html`<li>
                  <span class="where">${this.view === "json" && p.line ? `Line ${p.line}` : describeLocation(p.location, this.form)}:</span> ${this.view === "json" ? p.message : p.text}
                  ${this.canReveal(p) ? html`<button @click=${() => this.reveal(p)} aria-label="Go to ${this.view === "json" && p.line ? `line ${p.line}` : describeLocation(p.location, this.form)}">Show</button>` : nothing}
                  ${p.hint ? html`<span class="what">${p.hint}</span>` : nothing}
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this.others
        ? html`<p class="others">Other files of the draft have ${this.others} ${this.others === 1 ? "problem" : "problems"} too; deploy shows them all.</p>`
        : nothing}
    </div>`;
  }

  private canReveal(p: RulesProblem): boolean {
    return this.view === "json" ? p.line !== undefined : /^(roles|filters)\[/.test(p.location);
  }

  private reveal(problem: RulesProblem): void {
    this.dispatchEvent(new CustomEvent("problem-reveal", { detail: problem, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-problems": RsRulesProblems;
  }
}
