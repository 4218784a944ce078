import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { VALIDATE_LIMIT, type SchemaValidation } from "../../state/schema-api.ts";

/** An `_id` (canonical Extended JSON) as the shell would print it: ObjectId("…"), 42, "text". */
export function formatId(id: unknown): string {
  if (id === null || typeof id !== "object") return JSON.stringify(id) ?? "undefined";
  const o = id as Record<string, unknown>;
  if (typeof o.$oid === "string") return `ObjectId("${o.$oid}")`;
  for (const key of ["$numberInt", "$numberLong", "$numberDouble", "$numberDecimal"]) if (typeof o[key] === "string") return o[key] as string;
  return JSON.stringify(id);
}

/** How many documents fail the schema, and for each failing one, every path that fails and why. */
@customElement("rs-validation-report")
export class RsValidationReport extends LitElement {
  @property({ attribute: false }) result: SchemaValidation | undefined;
  /** The namespace, for the heading. */
  @property() namespace = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); background: var(--rs-bg-raised); }
      h4 { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text); }
      .ok { color: var(--rs-ok); }
      .bad { color: var(--rs-danger); }
      ol { margin: 0; padding-left: var(--rs-space-6); font-size: var(--rs-text-sm); }
      ol > li { margin: var(--rs-space-2) 0; }
      ul { margin: var(--rs-space-1) 0 0; padding-left: var(--rs-space-4); }
      code { word-break: break-all; }
      p { margin: var(--rs-space-1) 0; font-size: var(--rs-text-sm); }
    `,
  ];

  override render() {
    const r = this.result;
    if (!r) return nothing;
    const docs = (n: number) => `${n} ${n === 1 ? "document" : "documents"}`;
    const summary =
      r.checked === 0
        ? `${this.namespace} has no documents to check.`
        : r.failed === 0
          ? `All ${docs(r.checked)} of ${this.namespace} pass this schema.`
          : `${r.failed} of ${docs(r.checked)} of ${this.namespace} ${r.failed === 1 ? "fails" : "fail"} this schema.`;
    return html`<section aria-label="Validation of the documents">
      <h4 class=${r.failed === 0 ? "ok" : "bad"}>${summary}</h4>
      ${r.checked >= VALIDATE_LIMIT ? html`<p class="muted">Only the first ${VALIDATE_LIMIT.toLocaleString("en")} documents were checked.</p>` : nothing}
      ${r.failed > 0
        ? html`<p>Documents already stored are not checked again when a schema is saved, but every later write to them must pass it. Fix the documents (on the Data screen) or the schema.</p>
            <ol aria-label="Documents that fail">
              ${r.failures.map(
                (f) => html`<li>
                  <code>_id: ${formatId(f._id)}</code>
                  <ul>${f.issues.map((i) => html`<li><code>${i.path === "" ? "(the document)" : i.path}</code>: ${i.message}</li>`)}</ul>
                </li>`,
              )}
            </ol>
            ${r.failed > r.failures.length ? html`<p class="muted">And ${r.failed - r.failures.length} more not listed.</p>` : nothing}`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-validation-report": RsValidationReport;
  }
}
