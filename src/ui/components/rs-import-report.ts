import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { ConfigProblem, ImportNote } from "../state/console-api.ts";

const KIND_TITLES: Record<ImportNote["kind"], string> = {
  normalized: "Read as App Services read it",
  inert: "Kept, but not run in the sandbox",
  kept: "Kept as it is",
};

/** What an import did: the errors that refused it, or the notes on what was normalized and what is not run. */
@customElement("rs-import-report")
export class RsImportReport extends LitElement {
  @property() heading = "Import report";
  @property({ attribute: false }) notes: ImportNote[] = [];
  @property({ attribute: false }) problems: ConfigProblem[] = [];
  /** The error message when the import was refused. */
  @property() error = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3) var(--rs-space-4); background: var(--rs-bg-raised); }
      h3 { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text); }
      h4 { margin: var(--rs-space-3) 0 var(--rs-space-1); font-size: var(--rs-text-sm); }
      ul { margin: 0; padding-left: var(--rs-space-4); font-size: var(--rs-text-sm); }
      li { margin: var(--rs-space-1) 0; }
      code { word-break: break-all; }
    `,
  ];

  override render() {
    if (this.error) {
      return html`<section role="alert" aria-label=${this.heading}>
        <h3>The import was refused; nothing was changed</h3>
        <p class="notice error">${this.problems.length ? "App Services would refuse these files too. Fix them and import again:" : this.error}</p>
        ${this.problems.length ? html`<ul>${this.problems.map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}</ul>` : nothing}
      </section>`;
    }
    const groups = (["normalized", "inert", "kept"] as const).map((kind) => ({ kind, notes: this.notes.filter((n) => n.kind === kind) }));
    return html`<section role="status" aria-label=${this.heading}>
      <h3>${this.heading}</h3>
      ${this.notes.length === 0 ? html`<p class="muted">Everything was read as it is and runs in the sandbox.</p>` : nothing}
      ${groups.map(({ kind, notes }) =>
        notes.length === 0
          ? nothing
          : html`<h4>${KIND_TITLES[kind]} (${notes.length})</h4>
              <ul>${notes.map((n) => html`<li><code>${n.path}</code>: ${n.message}</li>`)}</ul>`,
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-import-report": RsImportReport;
  }
}
