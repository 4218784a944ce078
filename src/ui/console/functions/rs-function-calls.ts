import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { FunctionCall } from "../../state/functions-api.ts";

const ORIGINS: Record<string, string> = {
  client: "a client",
  console: "the console",
  function: "another function",
  trigger: "a trigger",
  rule: "a rule",
  internal: "the backend",
};

/**
 * The log entries of a function's past calls, newest first: when, by whom, from where,
 * how long, and on opening one its arguments, console output and result or error.
 * Fires `refresh-calls` when asked to read them again.
 */
@customElement("rs-function-calls")
export class RsFunctionCalls extends LitElement {
  @property({ attribute: false }) calls: FunctionCall[] | undefined;
  @property() error: string | undefined;
  /** The function, for the link to its entries in the Logs screen. */
  @property() name = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .head { display: flex; gap: var(--rs-space-3); align-items: baseline; }
      h4 { margin: 0; font-size: var(--rs-text); }
      ul { list-style: none; margin: var(--rs-space-2) 0 0; padding: 0; font-size: var(--rs-text-sm); }
      li { border-top: 1px solid var(--rs-border); }
      summary { cursor: pointer; padding: var(--rs-space-1) 0; display: flex; gap: var(--rs-space-3); flex-wrap: wrap; }
      .ok { color: var(--rs-ok); font-weight: 600; }
      .bad { color: var(--rs-danger); font-weight: 600; }
      .muted { color: var(--rs-fg-muted); }
      pre { margin: 0 0 var(--rs-space-2); padding: var(--rs-space-2); background: var(--rs-bg-subtle); border-radius: var(--rs-radius); font-family: var(--rs-font-mono); white-space: pre-wrap; word-break: break-word; max-height: 12rem; overflow: auto; }
      dl { margin: 0; display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--rs-space-1) var(--rs-space-3); padding-bottom: var(--rs-space-2); }
      dt { font-weight: 600; }
      dd { margin: 0; }
    `,
  ];

  override render() {
    return html`<div class="head">
        <h4 id="calls-title">Past calls</h4>
        <button @click=${() => this.dispatchEvent(new CustomEvent("refresh-calls"))}>Refresh</button>
        <a href=${`#/logs?type=function&q=${encodeURIComponent(`function ${this.name}`)}`}>Open these in Logs</a>
      </div>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${this.calls === undefined && !this.error ? html`<p class="muted">Reading the log…</p>` : nothing}
      ${this.calls?.length === 0 ? html`<p class="muted">No calls in the log yet: run it above, or call it from a client.</p>` : nothing}
      ${this.calls && this.calls.length > 0 ? html`<ul aria-labelledby="calls-title">${this.calls.map((c) => this.renderCall(c))}</ul>` : nothing}`;
  }

  private renderCall(c: FunctionCall) {
    const d = (c.details ?? {}) as Record<string, unknown>;
    const error = d.error as { message?: string; line?: number } | undefined;
    const logs = Array.isArray(d.logs) ? (d.logs as { level: string; text: string }[]) : [];
    return html`<li>
      <details>
        <summary>
          <span class=${c.status === "ok" ? "ok" : "bad"}>${c.status === "ok" ? "OK" : "Error"}</span>
          <time datetime=${new Date(c.time).toISOString()}>${new Date(c.time).toLocaleString()}</time>
          <span>${c.userEmail ?? (c.userId ? `user ${c.userId}` : "the system")}</span>
          <span class="muted">from ${ORIGINS[String(d.origin)] ?? String(d.origin ?? "?")}</span>
          ${c.durationMs !== undefined ? html`<span class="muted">${c.durationMs.toFixed(1)} ms</span>` : nothing}
        </summary>
        <dl>
          <dt>Arguments</dt>
          <dd>${d.argumentsHidden ? html`<span class="muted">not logged (Don't log the arguments is on)</span>` : html`<pre>${JSON.stringify(d.arguments ?? [], null, 2)}</pre>`}</dd>
          ${c.status === "ok"
            ? html`<dt>Result</dt><dd><pre>${d.result === undefined ? "(nothing returned)" : JSON.stringify(d.result, null, 2)}</pre></dd>`
            : html`<dt>Error</dt><dd>${error?.line && !/\bline \d/.test(error.message ?? "") ? `Line ${error.line}: ` : ""}${error?.message ?? c.summary}</dd>`}
          <dt>Console output</dt>
          <dd>${logs.length === 0 ? html`<span class="muted">(nothing logged)</span>` : html`<pre>${logs.map((l) => l.text).join("\n")}</pre>`}</dd>
        </dl>
      </details>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-calls": RsFunctionCalls;
  }
}
