import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import "../editors/rs-code-editor.ts";
import type { GraphQLErrorShape } from "../state/graphql-api.ts";
import type { GraphqlAnswer } from "./run-query.ts";
import { cellText, firstObjectList, nullsIn, type NullFound } from "./result-shape.ts";

/** What App Services' client API errors mean for someone in the playground. */
const CLIENT_ERROR_HELP: Record<string, string> = {
  InvalidSession: "The Run as user's session was refused. Choose the user again in Run as, or check that the user still exists and is enabled.",
  UserDisabled: "This user is disabled. Enable them on the App Users screen, or pick another user in Run as.",
  AppNotFound: "This app is not in the sandbox any more. Open another app from Home.",
};

/**
 * The answer of a GraphQL run: a status line (outcome, time, who ran it), the client
 * API's own error if the request failed before GraphQL ran, each GraphQL error with its
 * message, path and a link per location (`reveal-location`, detail {line, column}),
 * nulls with a Why? button (`why-request`, detail {path}), and the answer as read-only
 * JSON or, for a list of objects, as a table.
 */
@customElement("rs-graphql-result")
export class RsGraphqlResult extends LitElement {
  @property({ attribute: false }) answer: GraphqlAnswer | undefined;
  /** Why the run could not be made at all (network, invalid input). */
  @property() failure: string | undefined;
  @property({ type: Boolean }) running = false;
  /** Whether Why? can be offered (it needs a user: the system bypasses rules). */
  @property({ type: Boolean }) canExplain = false;
  @state() private view: "json" | "table" = "json";

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-2); min-height: 0; font-size: var(--rs-text-sm); }
      .status { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: baseline; margin: 0; }
      .ok { color: var(--rs-ok); font-weight: 600; }
      .bad { color: var(--rs-danger); font-weight: 600; }
      .meta { color: var(--rs-fg-muted); }
      .system { color: var(--rs-warning); font-weight: 600; }
      ul.errors, ul.nulls { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
      ul.errors li { border-left: 4px solid var(--rs-danger); background: var(--rs-danger-subtle); padding: var(--rs-space-2); border-radius: 0 var(--rs-radius) var(--rs-radius) 0; }
      .message { font-family: var(--rs-font-mono); white-space: pre-wrap; word-break: break-word; margin: 0 0 var(--rs-space-1); }
      .where { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; }
      code { font-family: var(--rs-font-mono); }
      .nulls li { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .views { display: flex; gap: var(--rs-space-1); }
      .views button[aria-pressed="true"] { background: var(--rs-accent-subtle); border-color: var(--rs-accent); }
      rs-code-editor { --rs-editor-max-height: none; flex: 1; min-height: 8rem; overflow: auto; }
      .table-wrap { overflow: auto; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); flex: 1; min-height: 8rem; }
      table { border-collapse: collapse; width: 100%; font-family: var(--rs-font-mono); }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; max-width: 24rem; overflow: hidden; text-overflow: ellipsis; }
      th { position: sticky; top: 0; background: var(--rs-bg-subtle); }
      td.null { color: var(--rs-fg-muted); font-style: italic; }
      .empty { color: var(--rs-fg-muted); margin: 0; }
      details summary { cursor: pointer; }
    `,
  ];

  override render() {
    if (this.running) return html`<p class="meta" role="status">Running…</p>`;
    if (this.failure) return html`<p class="notice error" role="alert">${this.failure}</p>`;
    const answer = this.answer;
    if (!answer) return html`<p class="empty">Press Run (Ctrl+Enter, ⌘+Enter on a Mac) to send the query. The answer appears here.</p>`;
    const body = answer.body;
    const errors = body.errors ?? [];
    const list = body.data ? firstObjectList(body.data) : undefined;
    const tableShown = this.view === "table" && list;
    return html`
      ${this.renderStatus(answer, errors.length)}
      ${body.error ? this.renderClientError(body.error, body.error_code) : nothing}
      ${errors.length ? html`<ul class="errors" aria-label="Errors">${errors.map((e) => this.renderError(e))}</ul>` : nothing}
      ${this.renderNulls(body.data, errors)}
      ${body.data !== undefined || errors.length
        ? html`<div class="views" role="group" aria-label="Show the answer as">
              <button aria-pressed=${String(!tableShown)} @click=${() => (this.view = "json")}>JSON</button>
              <button aria-pressed=${String(!!tableShown)} ?disabled=${!list} title=${list ? "" : "The answer has no list of objects"} @click=${() => (this.view = "table")}>
                Table${list ? html` (${list.path}, ${list.rows.length})` : nothing}
              </button>
            </div>
            ${tableShown ? this.renderTable(list) : html`<rs-code-editor language="json" label="Answer (JSON)" readonly .value=${JSON.stringify(body, null, 2)}></rs-code-editor>`}`
        : nothing}
    `;
  }

  private renderStatus(answer: GraphqlAnswer, errorCount: number) {
    const who = answer.runAs.kind === "user" ? answer.runAs.email : "the system";
    const ok = answer.status < 400 && errorCount === 0 && !answer.body.error;
    const outcome = ok
      ? html`<span class="ok">Answered</span>`
      : html`<span class="bad">${errorCount ? `${errorCount} ${errorCount === 1 ? "error" : "errors"}` : `Failed (HTTP ${answer.status})`}</span>`;
    return html`<p class="status" role="status" aria-label="Run status">
      ${outcome}
      <span class="meta">in ${formatMs(answer.ms)} · ran as ${who}</span>
      ${answer.runAs.kind === "system" ? html`<span class="system">rules bypassed</span>` : nothing}
    </p>`;
  }

  private renderClientError(message: string, code: string | undefined) {
    const help = code ? CLIENT_ERROR_HELP[code] : undefined;
    return html`<p class="notice error" role="alert">The request was refused before GraphQL ran: ${message}${code ? html` (<code>${code}</code>)` : nothing}. ${help ?? ""}</p>`;
  }

  private renderError(error: GraphQLErrorShape) {
    const code = typeof error.extensions?.code === "string" ? error.extensions.code : undefined;
    return html`<li>
      <p class="message">${error.message}${code ? html` <code>(${code})</code>` : nothing}</p>
      <div class="where">
        ${error.path?.length ? html`<span>at <code>${error.path.join(".")}</code></span>` : nothing}
        ${(error.locations ?? []).map(
          (l) => html`<button @click=${() => this.fire("reveal-location", l)} aria-label=${`Go to line ${l.line}, column ${l.column} in the query`}>
            Line ${l.line}, column ${l.column}
          </button>`,
        )}
      </div>
    </li>`;
  }

  private renderNulls(data: Record<string, unknown> | null | undefined, errors: GraphQLErrorShape[]) {
    if (!this.canExplain || !data || this.answer?.runAs.kind !== "user") return nothing;
    const nulls = nullsIn(data, errors.map((e) => e.path ?? []));
    if (nulls.length === 0) return nothing;
    return html`<details open>
      <summary>
        ${nulls.length} null ${nulls.length === 1 ? "value" : "values"} in the answer: the rules may have left ${nulls.length === 1 ? "it" : "them"} out, or the
        data holds nothing there. Why? runs Explain to tell.
      </summary>
      <ul class="nulls" aria-label="Null values">
        ${nulls.map((n) => html`<li>${this.describeNull(n)} <button @click=${() => this.fire("why-request", { path: n.path })} aria-label=${`Why is ${n.path.join(".")} null?`}>Why?</button></li>`)}
      </ul>
    </details>`;
  }

  private describeNull(found: NullFound) {
    return found.root
      ? html`<span><code>${found.path[0]}</code> found no document this user may read</span>`
      : html`<span><code>${found.path.join(".")}</code> is null</span>`;
  }

  private renderTable(list: NonNullable<ReturnType<typeof firstObjectList>>) {
    return html`<div class="table-wrap">
      <table aria-label=${`Table of ${list.path}`}>
        <thead><tr>${list.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
        <tbody>
          ${list.rows.map((row) => html`<tr>${list.columns.map((c) => html`<td class=${row[c] === null ? "null" : ""}>${cellText(row[c])}</td>`)}</tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-result": RsGraphqlResult;
  }
}
