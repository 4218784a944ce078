import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import type { LogEntry } from "../../../log/app-log.ts";
import type { TestEventAnswer, TriggerFile, TriggersApi } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import { formatTime } from "./times.ts";

type Entry = Pick<LogEntry, "status" | "summary" | "durationMs" | "details"> & { time?: number };

const EVENT_WORDS: Record<TriggerFile["type"], string> = {
  AUTHENTICATION: "an authentication event for a made-up user (test-event@example.com)",
  DATABASE: "a change event built from a document of the watched collection (a made-up one when it is empty), passed through the match and project",
  SCHEDULED: "a scheduled run (no arguments)",
};

/**
 * A trigger's last runs from the app log, each with its event, result, console output or
 * error; and "Fire a test event", which runs the linked function once with a sample event
 * of the trigger's kind, through the trigger manager, and logs it as a test.
 */
@customElement("rs-trigger-runs")
export class RsTriggerRuns extends LitElement {
  @property({ attribute: false }) api!: TriggersApi;
  @property() appId = "";
  /** The saved trigger's name (its runs are logged under it). */
  @property() name = "";
  @property({ attribute: false }) file!: TriggerFile;
  @property() timeZone = "UTC";
  /** Why a test cannot run yet (e.g. a new function not saved), or "". */
  @property() blocked = "";
  @state() private entries: LogEntry[] | undefined;
  @state() private error: string | undefined;
  @state() private test: TestEventAnswer | undefined;
  @state() private testing = false;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h3 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-2); }
      .bar { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); max-width: 48rem; }
      ul { list-style: none; padding: 0; margin: var(--rs-space-2) 0 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
      li, .result { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); background: var(--rs-bg-raised); }
      .result { margin-top: var(--rs-space-3); }
      .head { display: flex; gap: var(--rs-space-3); flex-wrap: wrap; align-items: baseline; }
      .ok { color: var(--rs-ok); font-weight: 600; }
      .error { color: var(--rs-danger); font-weight: 600; }
      .summary { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); overflow-wrap: anywhere; }
      pre { max-height: 16rem; overflow: auto; margin: var(--rs-space-1) 0; padding: var(--rs-space-2); background: var(--rs-bg-subtle); border-radius: var(--rs-radius); font-size: var(--rs-text-sm); }
      h5 { margin: var(--rs-space-2) 0 0; font-size: var(--rs-text-sm); }
      summary { cursor: pointer; font-size: var(--rs-text-sm); }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("name") || changed.has("appId")) void this.load();
  }

  override render() {
    return html`
      <h3>Test and recent runs</h3>
      <div class="bar">
        <button class="primary" ?disabled=${this.testing || !!this.blocked} @click=${this.fire}>${this.testing ? "Running…" : "Fire a test event"}</button>
        <button @click=${this.load}>Refresh runs</button>
      </div>
      <p class="help">
        ${this.blocked ||
        html`Runs the linked function now with ${EVENT_WORDS[this.file.type]}, using the text in this form even before you save or
        deploy. The function runs for real: what it writes is saved.`}
      </p>
      ${this.test ? this.renderTest(this.test) : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      <h4 id="runs-title">Recent runs</h4>
      ${this.entries === undefined
        ? html`<p class="muted">Reading the log…</p>`
        : this.entries.length === 0
          ? html`<p class="muted">No runs logged yet. A deployed, enabled trigger logs each run here; so does a test event.</p>`
          : html`<ul aria-labelledby="runs-title">${this.entries.map((e) => html`<li>${this.renderEntry(e)}</li>`)}</ul>`}
    `;
  }

  private renderTest(answer: TestEventAnswer) {
    if (answer.skipped) return html`<p class="notice warning" role="status">The test event did not reach the function: ${answer.skipped}.</p>`;
    if (!answer.entry) return nothing;
    return html`<section class="result" role="status" aria-label="Test event result">${this.renderEntry(answer.entry, true)}</section>`;
  }

  private renderEntry(e: Entry, open = false) {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const logs = Array.isArray(d.logs) ? (d.logs as { level?: string; text?: string }[]) : [];
    return html`
      <div class="head">
        <span class=${e.status === "ok" ? "ok" : "error"}>${e.status === "ok" ? "Succeeded" : "Failed"}</span>
        ${e.time !== undefined ? html`<span>${formatTime(e.time, this.timeZone)} (${this.timeZone})</span>` : html`<span>Test event, just now</span>`}
        ${e.durationMs !== undefined ? html`<span class="muted">${e.durationMs} ms</span>` : nothing}
        ${d.test === true && e.time !== undefined ? html`<span class="muted">test event</span>` : nothing}
      </div>
      <div class="summary">${e.summary}</div>
      <details ?open=${open}>
        <summary>Event, output and result</summary>
        ${"event" in d ? html`<h5>Event</h5><pre>${JSON.stringify(d.event, null, 2)}</pre>` : nothing}
        <h5>Console output</h5>
        ${logs.length === 0 ? html`<p class="muted">Nothing was logged.</p>` : html`<pre>${logs.map((l) => `${l.level ?? "log"}: ${l.text ?? ""}`).join("\n")}</pre>`}
        ${"result" in d ? html`<h5>Result</h5><pre>${JSON.stringify(d.result, null, 2)}</pre>` : nothing}
        ${"error" in d ? html`<h5>Error</h5><pre>${JSON.stringify(d.error, null, 2)}</pre>` : nothing}
      </details>
    `;
  }

  private fire = async (): Promise<void> => {
    this.testing = true;
    this.error = undefined;
    this.test = undefined;
    try {
      this.test = await this.api.test(this.appId, this.name || this.file.name, this.file);
    } catch (error) {
      this.error = `The test event could not run: ${(error as Error).message}`;
    } finally {
      this.testing = false;
    }
    await this.load();
  };

  private load = async (): Promise<void> => {
    if (!this.api || !this.appId || !this.name) {
      this.entries = [];
      return;
    }
    try {
      this.entries = (await this.api.runs(this.appId, this.name)).entries;
    } catch (error) {
      this.error = `The runs could not be read from the log: ${(error as Error).message}`;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-trigger-runs": RsTriggerRuns;
  }
}
