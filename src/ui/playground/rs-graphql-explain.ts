import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";

import type { RsWhyDialog } from "../components/rs-why-dialog.ts";
import "../components/rs-why-dialog.ts";
import { storeContext } from "../state/context.ts";
import type { ConsoleStore } from "../state/console-store.ts";
import { explainDocumentRead, type ExplainReport, type FieldReport, type OperationReport } from "../state/graphql-api.ts";
import { controls } from "../tokens.ts";
import { countsText, documentAt, fieldHeading, filterText, formatMs, governedText, idText, plural, storageText, summaryLine } from "./explain-text.ts";

/**
 * Explain's report for a learner: per field of the operation, each MongoDB call as a
 * line, the rules' filters and why they applied, the roles given to the documents
 * returned, what storage read and what the rules let through, with a Why? button per
 * withheld document or hidden field that opens the rules' Why view for that document.
 */
@customElement("rs-graphql-explain")
export class RsGraphqlExplain extends LitElement {
  @property({ attribute: false }) report: ExplainReport | undefined;
  @consume({ context: storeContext }) store?: ConsoleStore;
  @query("rs-why-dialog") private why!: RsWhyDialog;

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); container-type: inline-size; }
      .summary { margin: 0 0 var(--rs-space-2); color: var(--rs-fg-muted); }
      .note { margin: 0 0 var(--rs-space-3); padding: var(--rs-space-2); border-left: 4px solid var(--rs-warning); background: var(--rs-warning-subtle); border-radius: 0 var(--rs-radius) var(--rs-radius) 0; }
      section.field { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); margin: 0 0 var(--rs-space-3); background: var(--rs-bg-raised); }
      h3 { font-size: var(--rs-text); margin: 0; display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: baseline; }
      h3 .detail, .time { font-weight: 400; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
      ol.ops { list-style: none; margin: var(--rs-space-2) 0 0; padding: 0; display: flex; flex-direction: column; gap: var(--rs-space-3); }
      ol.ops > li { border-top: 1px solid var(--rs-border); padding-top: var(--rs-space-2); }
      .head { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: baseline; justify-content: space-between; }
      .call { flex: 1; min-width: 16rem; font-family: var(--rs-font-mono); background: var(--rs-bg-subtle); padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); white-space: pre-wrap; word-break: break-word; }
      dl { display: grid; grid-template-columns: 6rem 1fr; gap: var(--rs-space-1) var(--rs-space-3); margin: var(--rs-space-2) 0 0; }
      dt { font-weight: 600; color: var(--rs-fg-muted); padding-top: var(--rs-space-1); }
      dd { margin: 0; min-width: 0; }
      /* In a narrow panel, each label sits above what it labels. */
      @container (max-width: 36rem) {
        dl { grid-template-columns: 1fr; }
        dt { padding-top: var(--rs-space-2); }
      }
      code { font-family: var(--rs-font-mono); background: var(--rs-bg-subtle); border-radius: 3px; padding: 0 3px; word-break: break-word; }
      p { margin: var(--rs-space-1) 0; }
      .error { color: var(--rs-danger); }
      ul { margin: var(--rs-space-1) 0; padding-left: var(--rs-space-6); }
      li { margin: var(--rs-space-1) 0; }
      .lines { margin: var(--rs-space-1) 0 0; color: var(--rs-fg-muted); font-family: var(--rs-font-mono); white-space: pre-wrap; word-break: break-word; }
      .ids { list-style: none; padding: 0; display: flex; flex-direction: column; gap: var(--rs-space-1); }
      .ids li { display: grid; grid-template-columns: 1fr auto; gap: var(--rs-space-2); align-items: center; margin: 0; padding: 2px 0; border-bottom: 1px solid var(--rs-border); }
      .ids button { padding: 0 var(--rs-space-2); }
      table { border-collapse: collapse; margin-top: var(--rs-space-1); }
      th, td { text-align: left; padding: 2px var(--rs-space-2); border-bottom: 1px solid var(--rs-border); font-weight: 400; }
      th[scope="col"] { color: var(--rs-fg-muted); }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
    `,
  ];

  override render() {
    const report = this.report;
    if (!report) return nothing;
    return html`
      <p class="summary">${summaryLine(report)}</p>
      ${report.note ? html`<p class="note">${report.note}</p>` : nothing}
      ${report.fields.length === 0 ? html`<p>The operation ran no database operation (it failed before its fields ran, or it only read the schema).</p>` : nothing}
      ${report.fields.map((field, i) => this.renderField(report, field, i))}
      <rs-why-dialog></rs-why-dialog>
    `;
  }

  private renderField(report: ExplainReport, field: FieldReport, index: number) {
    const { title, detail } = fieldHeading(field);
    const id = `explain-field-${index}`;
    return html`<section class="field" aria-labelledby=${id}>
      <h3 id=${id}>${field.kind === "root" ? html`<code>${title}</code>` : title} <span class="detail">${detail} · ${formatMs(field.ms)}</span></h3>
      ${field.args ? html`<p>Arguments: <code>${field.args}</code></p>` : nothing}
      ${field.error ? html`<p class="error">This field failed: ${field.error}</p>` : nothing}
      ${field.operations.length === 0
        ? html`<p>No database operation: this field answered without reading the database.</p>`
        : html`<ol class="ops" aria-label=${`Database operations of ${title}`}>
            ${field.operations.map((op) => html`<li>${this.renderOperation(report, op, field.error)}</li>`)}
          </ol>`}
    </section>`;
  }

  private renderOperation(report: ExplainReport, op: OperationReport, fieldError?: string) {
    const system = op.governedBy === "system (rules bypassed)";
    return html`
      <div class="head">
        <code class="call">${op.call}</code>
        <span class="time">${formatMs(op.ms)}, ${formatMs(op.storageMs)} of it in storage</span>
      </div>
      ${op.error && op.error !== fieldError ? html`<p class="error">It failed: ${op.error}</p>` : nothing}
      <dl>
        <dt>Rules</dt>
        <dd>
          <p>${governedText(op)}</p>
          ${op.roleFilters.length
            ? html`<ul aria-label="Rule filters">
                ${op.roleFilters.map(
                  (f) => html`<li>
                    ${filterText(f)} ${f.applyWhen.asWritten ? html`It applies when <code>${f.applyWhen.asWritten}</code>:` : nothing}
                    ${f.applyWhen.lines.length ? html`<div class="lines">${f.applyWhen.lines.join("\n")}</div>` : nothing}
                  </li>`,
                )}
              </ul>`
            : nothing}
          ${op.ranFilter ? html`<p>So the filter that ran was <code>${op.ranFilter}</code>.</p>` : nothing}
          ${op.roles.length
            ? html`<p>Roles are tried in order for each document; the first whose Apply When holds decides what the user may see.</p>
                <ul aria-label="Roles applied">
                  ${op.roles.map((r) => html`<li>Role <strong>${r.name}</strong> for ${plural(r.documents, "document")}${applyWhenText(r.applyWhen)}</li>`)}
                </ul>`
            : nothing}
        </dd>
        <dt>Documents</dt>
        <dd>
          <p>${countsText(op)}</p>
          ${system ? nothing : this.renderLeftOut(report, op)}
        </dd>
        <dt>Storage</dt>
        <dd>${op.storage.length ? this.renderStorage(op) : html`<p>Storage was not read.</p>`}</dd>
      </dl>
    `;
  }

  private renderLeftOut(report: ExplainReport, op: OperationReport) {
    const rows: { id: unknown; text: string; why: string }[] = [];
    for (const id of op.filteredOut.ids) rows.push({ id, text: "left out by a rules filter", why: `Why is ${idText(id)} left out?` });
    for (const id of op.withheld.ids) rows.push({ id, text: "withheld: no role lets this user read it", why: `Why is ${idText(id)} withheld?` });
    for (const doc of op.hidden.documents) {
      rows.push({ id: doc.id, text: `returned with ${doc.fields.join(", ")} hidden (asked for, they come back null)`, why: `Why are fields of ${idText(doc.id)} hidden?` });
    }
    if (rows.length === 0) return nothing;
    const counts = [
      op.filteredOut.count ? `${plural(op.filteredOut.count, "document")} left out by rules filters` : "",
      op.withheld.count ? `${plural(op.withheld.count, "document")} withheld` : "",
      op.hidden.count ? `${plural(op.hidden.count, "document")} with hidden fields` : "",
    ].filter(Boolean);
    const listed = rows.length < op.filteredOut.count + op.withheld.count + op.hidden.count ? " (the first of each are listed)" : "";
    return html`<p>${counts.join(", ")}${listed}:</p>
      <ul class="ids" aria-label=${`Documents the rules changed in ${op.collection}`}>
        ${rows.map(
          (row) => html`<li>
            <span><code>${idText(row.id)}</code> ${row.text}</span>
            <button @click=${() => this.explainDocument(report, op, row.id, row.why)} aria-label=${row.why}>Why?</button>
          </li>`,
        )}
      </ul>`;
  }

  private renderStorage(op: OperationReport) {
    return html`<table aria-label=${`Storage queries of ${op.call}`}>
      <thead><tr><th scope="col">Storage query</th><th scope="col">Documents</th><th scope="col">Time</th></tr></thead>
      <tbody>
        ${op.storage.map((read) => html`<tr><td>${storageText(read)}</td><td class="num">${read.documents}</td><td class="num">${formatMs(read.ms)}</td></tr>`)}
      </tbody>
    </table>`;
  }

  /**
   * Opens the Why view of the document behind a path of the answer (a null the playground
   * shows). False when the report cannot name one: run as the system, or nothing was read there.
   */
  whyAt(path: readonly (string | number)[]): boolean {
    const report = this.report;
    const found = report && documentAt(report, path);
    if (!report || !found || report.runAs.kind !== "user") return false;
    const who = report.runAs.email ?? report.runAs.userId;
    this.explainDocument(report, found, found.id, `Why ${who} gets ${path.join(".")} the way it is`);
    return true;
  }

  private explainDocument(report: ExplainReport, target: { database: string; collection: string }, documentId: unknown, title: string): void {
    const store = this.store;
    if (!store || report.runAs.kind !== "user") return;
    const userId = report.runAs.userId;
    void this.why.explain(title, () => explainDocumentRead(store.api, store.state.appId, { database: target.database, collection: target.collection, userId, documentId }));
  }
}

function applyWhenText(applyWhen: string | undefined) {
  if (applyWhen === undefined) return nothing;
  if (applyWhen === "{}") return html`: Apply When <code>{}</code>, which always holds`;
  return html`: Apply When <code>${applyWhen}</code>`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-explain": RsGraphqlExplain;
  }
}
