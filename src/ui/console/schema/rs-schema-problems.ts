import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { problemHint } from "./problem-hints.ts";

export interface ShownProblem {
  /** The file it is in; the schema being edited when `line` is set or `own` is true. */
  path: string;
  message: string;
  severity: "error" | "warning";
  own: boolean;
  line?: number;
}

/**
 * The problems deploy would report for the text being edited, each with what to do and,
 * where it has a line, a button that moves the editor there (`reveal-line`, detail: line).
 */
@customElement("rs-schema-problems")
export class RsSchemaProblems extends LitElement {
  @property({ attribute: false }) problems: ShownProblem[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); background: var(--rs-bg-raised); }
      h4 { margin: 0 0 var(--rs-space-1); font-size: var(--rs-text-sm); }
      ul { margin: 0; padding: 0; list-style: none; font-size: var(--rs-text-sm); }
      li { padding: var(--rs-space-1) 0; border-top: 1px solid var(--rs-border); display: grid; grid-template-columns: auto 1fr auto; gap: var(--rs-space-2); align-items: baseline; }
      li:first-child { border-top: 0; }
      .what { font-weight: 600; }
      .hint { color: var(--rs-fg-muted); display: block; font-weight: 400; }
      .kind { font-weight: 700; font-size: var(--rs-text-sm); }
      .kind.error { color: var(--rs-danger); }
      .kind.warning { color: var(--rs-warning); }
      code { word-break: break-all; }
    `,
  ];

  override render() {
    if (this.problems.length === 0) return nothing;
    const errors = this.problems.filter((p) => p.severity === "error").length;
    const warnings = this.problems.length - errors;
    const title = [errors ? `${errors} ${errors === 1 ? "error" : "errors"} deploy would refuse` : "", warnings ? `${warnings} ${warnings === 1 ? "warning" : "warnings"}` : ""]
      .filter(Boolean)
      .join(", ");
    return html`<section aria-label="Problems in the schema">
      <h4>${title}</h4>
      <ul>
        ${this.problems.map(
          (p) => html`<li>
            <span class="kind ${p.severity}">${p.severity === "error" ? "Error" : "Warning"}</span>
            <span>
              <span class="what">${p.own ? nothing : html`<code>${p.path}</code>: `}${p.line ? `Line ${p.line}: ` : nothing}${p.message}</span>
              <span class="hint">${problemHint(p.message)}</span>
            </span>
            ${p.line ? html`<button @click=${() => this.reveal(p.line!)}>Go to line ${p.line}</button>` : html`<span></span>`}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private reveal(line: number): void {
    this.dispatchEvent(new CustomEvent("reveal-line", { detail: line, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-schema-problems": RsSchemaProblems;
  }
}
