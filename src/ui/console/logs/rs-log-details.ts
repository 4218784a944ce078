import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { LogRow } from "../../state/logs-api.ts";
import { duration, TYPE_LABELS } from "./log-format.ts";
import { idLabel, withheldOf, type WithheldSummary } from "./withheld.ts";
import "../../components/rs-ejson-tree.ts";

/** What each detail of an entry is, in words; keys not listed show as written. */
const LABELS: Record<string, string> = {
  method: "HTTP method",
  path: "Path",
  status: "HTTP status",
  requestId: "Request id",
  function: "Function",
  service: "Service",
  origin: "Called from",
  runAsSystem: "Runs as the system",
  arguments: "Arguments",
  argumentsHidden: "Arguments hidden (the function's setting)",
  result: "Result",
  error: "Error",
  error_code: "Error code",
  logs: "Console output",
  trigger: "Trigger",
  triggerType: "Trigger type",
  event: "Change event",
  depth: "Trigger depth",
  test: "Test event",
  operationName: "GraphQL operation",
  query: "Query",
  variables: "Variables",
  errors: "Errors",
  warnings: "Warnings",
  namespace: "Collection",
  reason: "Why",
  trace: "Rule decisions, as traced",
};

/** Details shown as preformatted lines rather than as a tree. */
const LINES = new Set(["logs", "trace", "query"]);

/** Details with a section of their own. */
const OWN_SECTION = new Set(["withheld"]);

/** What `explain-withheld` asks: why the rules kept this document, or some of its fields, from the entry's user. */
export interface WithheldQuestion {
  entry: LogRow;
  namespace: string;
  id: unknown;
  kind: "document" | "fields";
}

/** A console line (`{level, text}`) as the function printed it, its level when not plain `log`. */
function lineOf(value: unknown): string {
  if (typeof value === "string") return value;
  const line = value as { level?: unknown; text?: unknown } | null;
  if (line && typeof line.text === "string") return line.level && line.level !== "log" ? `${String(line.level)}: ${line.text}` : line.text;
  return JSON.stringify(value);
}

/**
 * One log entry in full, opened from its row: when, who, how long, and every detail it
 * carries, plain values as a list and structured ones (arguments, results, change events)
 * as Extended JSON trees. A refused write offers the Why view, and so does each document
 * the rules withheld from a read (fires `explain-withheld` with a WithheldQuestion).
 */
@customElement("rs-log-details")
export class RsLogDetails extends LitElement {
  @property({ attribute: false }) entry: LogRow | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--rs-space-1) var(--rs-space-3); margin: 0 0 var(--rs-space-2); }
      dt { font-weight: 600; color: var(--rs-fg-muted); }
      dd { margin: 0; word-break: break-word; }
      h3 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); }
      pre { margin: 0; max-height: 16rem; overflow: auto; white-space: pre-wrap; word-break: break-word; font-size: var(--rs-text-sm); }
      .actions { display: flex; gap: var(--rs-space-2); margin-top: var(--rs-space-3); }
      rs-ejson-tree { max-height: 20rem; overflow: auto; }
      p { margin: var(--rs-space-1) 0; }
      .ids { list-style: none; margin: 0 0 var(--rs-space-2); padding: 0; display: flex; flex-wrap: wrap; gap: var(--rs-space-1) var(--rs-space-3); }
      .ids li { display: inline-flex; gap: var(--rs-space-1); align-items: center; }
    `,
  ];

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    const details = e.details ?? {};
    const plain = Object.entries(details).filter(([key, value]) => !LINES.has(key) && (value === null || typeof value !== "object"));
    const structured = Object.entries(details).filter(([key, value]) => !OWN_SECTION.has(key) && (LINES.has(key) || (value !== null && typeof value === "object")));
    const withheld = withheldOf(details);
    const when = new Date(e.time);
    return html`
      <dl>
        <dt>Summary</dt><dd>${e.summary}</dd>
        <dt>When</dt><dd>${when.toLocaleString()} <span class="muted">(${when.toISOString()})</span></dd>
        <dt>Type</dt><dd>${TYPE_LABELS[e.type] ?? e.type}</dd>
        <dt>Outcome</dt><dd>${e.status === "ok" ? "OK" : "Error"}</dd>
        ${e.userId ? html`<dt>User</dt><dd>${e.userEmail ? html`${e.userEmail} <span class="muted">(id ${e.userId})</span>` : e.userId}</dd>` : nothing}
        ${e.durationMs !== undefined ? html`<dt>Took</dt><dd>${duration(e.durationMs)}</dd>` : nothing}
        <dt>Entry</dt><dd>#${e.seq}</dd>
        ${plain.map(([key, value]) => html`<dt>${LABELS[key] ?? key}</dt><dd><code>${String(value)}</code></dd>`)}
      </dl>
      ${withheld.length > 0 ? this.renderWithheld(e, withheld) : nothing}
      ${structured.map(([key, value]) => this.block(key, value))}
      ${e.explainable
        ? html`<div class="actions"><button class="primary" @click=${this.explain}>Why was it refused?</button></div>`
        : nothing}
    `;
  }

  /** What the rules kept from this request's reads, with the Why view for each document named. */
  private renderWithheld(entry: LogRow, summaries: WithheldSummary[]): TemplateResult {
    const canExplain = entry.userId !== undefined;
    const ids = (namespace: string, list: unknown[], total: number, kind: WithheldQuestion["kind"]) => html`
      <ul class="ids" aria-label=${kind === "document" ? `Documents of ${namespace} withheld` : `Documents of ${namespace} shown with hidden fields`}>
        ${list.map(
          (id) => html`<li>
            <code>${idLabel(id)}</code>
            ${canExplain
              ? html`<button
                  aria-label=${kind === "document" ? `Why was document ${idLabel(id)} withheld?` : `Why were fields of document ${idLabel(id)} hidden?`}
                  @click=${() => this.fire("explain-withheld", { entry, namespace, id, kind })}
                >Why?</button>`
              : nothing}
          </li>`,
        )}
        ${total > list.length ? html`<li class="muted">and ${total - list.length} more (the log keeps the first ${list.length})</li>` : nothing}
      </ul>`;
    return html`<section aria-label="Withheld by the rules">
      <h3>Withheld by the rules</h3>
      <p class="muted">
        Documents the query matched that the rules kept from this user, in whole or in part (documents a rule's query filter leaves out are
        never matched, so not counted). Why checks a document against the rules as they are deployed now, so a document or rule changed since
        may read differently.
      </p>
      ${summaries.map(
        (s) => html`
          ${s.documents > 0
            ? html`<p><strong>${s.documents}</strong> ${s.documents === 1 ? "document" : "documents"} of <code>${s.namespace}</code> withheld</p>
                ${ids(s.namespace, s.documentIds, s.documents, "document")}`
            : nothing}
          ${s.fieldsHidden > 0
            ? html`<p><strong>${s.fieldsHidden}</strong> ${s.fieldsHidden === 1 ? "document" : "documents"} of <code>${s.namespace}</code> shown with fields hidden</p>
                ${ids(s.namespace, s.fieldsHiddenIds, s.fieldsHidden, "fields")}`
            : nothing}
        `,
      )}
    </section>`;
  }

  private fire(type: string, detail: WithheldQuestion): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private block(key: string, value: unknown): TemplateResult {
    const label = LABELS[key] ?? key;
    if (LINES.has(key)) {
      const lines = Array.isArray(value) ? value.map(lineOf) : [typeof value === "string" ? value : JSON.stringify(value, null, 2)];
      if (lines.length === 0) return html`<h3>${label}</h3><p class="muted">None.</p>`;
      return html`<h3>${label}</h3><pre tabindex="0" aria-label=${label}>${lines.join("\n")}</pre>`;
    }
    // The tree shows documents; a list (the arguments) shows as one, numbered from 0.
    const doc = Array.isArray(value) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : value;
    return html`<h3>${label}</h3><rs-ejson-tree .value=${doc} label=${label} .depth=${2}></rs-ejson-tree>`;
  }

  private explain(): void {
    this.dispatchEvent(new CustomEvent("explain", { detail: this.entry, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-log-details": RsLogDetails;
  }
}
