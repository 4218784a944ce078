import { consume } from "@lit/context";
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";
import { toRelaxed } from "../../components/ejson-values.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { FunctionsApi, type FunctionRunAnswer, type FunctionCall } from "../../state/functions-api.ts";
import type { FunctionSettings } from "./function-files.ts";
import "./rs-function-calls.ts";

const ARGS_KEY = "realm-sandbox:console:function-args";

/**
 * Runs the function's text from the editor (saved or not, before any deploy) with
 * arguments in Extended JSON, as the console's Run as identity, and shows what came back:
 * the value, the console output, the error with its line (`reveal-line` moves the editor
 * there) and the time taken; then the log entries of its past calls.
 */
@customElement("rs-function-run")
export class RsFunctionRun extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property() name = "";
  @property() source = "";
  @property({ attribute: false }) settings!: FunctionSettings;
  /** Why the settings cannot be used yet (can_evaluate does not parse). */
  @property() blocked: string | undefined;
  private readonly state = new StateController(this, () => this.store);

  @state() private args = "[]";
  @state() private argsError: string | undefined;
  @state() private answer: FunctionRunAnswer | undefined;
  @state() private failure: string | undefined;
  @state() private running = false;
  @state() private calls: FunctionCall[] | undefined;
  @state() private callsError: string | undefined;
  private loadedKey: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      section { border-top: 1px solid var(--rs-border); padding-top: var(--rs-space-4); display: flex; flex-direction: column; gap: var(--rs-space-3); }
      h3 { margin: 0; font-size: var(--rs-text-lg); }
      .help { margin: 0; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); max-width: 52rem; }
      rs-code-editor { --rs-editor-max-height: 8rem; min-height: 2.5rem; }
      .bar { display: flex; gap: var(--rs-space-3); align-items: center; flex-wrap: wrap; }
      .who { font-size: var(--rs-text-sm); }
      .output { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); display: flex; flex-direction: column; gap: var(--rs-space-2); background: var(--rs-bg-raised); }
      .output.failed { border-color: var(--rs-danger); }
      .summary { margin: 0; font-weight: 600; display: flex; gap: var(--rs-space-3); align-items: baseline; flex-wrap: wrap; }
      .ok { color: var(--rs-ok); }
      .bad { color: var(--rs-danger); }
      .meta { font-weight: 400; color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
      h4 { margin: 0; font-size: var(--rs-text-sm); }
      pre { margin: 0; padding: var(--rs-space-2); background: var(--rs-bg-subtle); border-radius: var(--rs-radius); font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); white-space: pre-wrap; word-break: break-word; max-height: 16rem; overflow: auto; }
      .error-line { display: flex; gap: var(--rs-space-3); align-items: baseline; flex-wrap: wrap; }
      .error-text { color: var(--rs-danger); font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); white-space: pre-wrap; }
    `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.store.state.appId}|${this.name}`;
    if (changed.has("name") && key !== this.loadedKey) {
      this.loadedKey = key;
      this.args = this.savedArgs(key);
      this.answer = undefined;
      this.failure = undefined;
      this.argsError = undefined;
      void this.loadCalls();
    }
  }

  override render() {
    const runAs = this.store.state.runAs;
    const who = runAs.kind === "user" ? runAs.email : "the system";
    return html`<section aria-labelledby="run-title">
      <h3 id="run-title">Run</h3>
      <p class="help">
        Runs the text in the editor, saved or not, with the settings below: nothing needs deploying first. Give the arguments as a
        JSON array, one item per parameter (Extended JSON such as <code>{"$oid": "…"}</code> or <code>{"$date": "2024-01-01T00:00:00Z"}</code> works).
      </p>
      <rs-code-editor language="json" label="Arguments (a JSON array)" .value=${this.args} @value-changed=${this.argsTyped}></rs-code-editor>
      ${this.argsError ? html`<p class="notice error" role="alert">${this.argsError}</p>` : nothing}
      <div class="bar">
        <button class="primary" ?disabled=${this.running} @click=${this.run}>${this.running ? "Running…" : `Run as ${who}`}</button>
        <span class="who">
          ${runAs.kind === "user"
            ? html`As the client of ${runAs.email} would call it, with a session of theirs.`
            : html`As the system: what a trigger or a system call sees (<code>context.user</code> is the system user).`}
          Change who with Run as in the top bar.
        </span>
      </div>
      ${this.failure ? html`<p class="notice error" role="alert">${this.failure}</p>` : nothing}
      ${this.answer ? this.renderAnswer(this.answer) : nothing}
      <rs-function-calls .name=${this.name} .calls=${this.calls} .error=${this.callsError} @refresh-calls=${() => void this.loadCalls()}></rs-function-calls>
    </section>`;
  }

  private renderAnswer(a: FunctionRunAnswer) {
    const who = a.caller.kind === "user" ? a.caller.email : "the system";
    const mode = a.caller.kind === "user" && a.ranAsSystem ? " (its settings run it as the system)" : "";
    const from = a.sourceFrom === "request" ? "the editor's text" : a.sourceFrom === "draft" ? "the draft" : "the deployed version";
    return html`<div class="output ${a.ok ? "" : "failed"}" role="region" aria-label="Run result">
      <p class="summary">
        ${a.ok ? html`<span class="ok">Returned</span>` : html`<span class="bad">Failed</span>`}
        <span class="meta">in ${formatMs(a.durationMs)} · called by ${who}${mode} · ran ${from}</span>
      </p>
      ${a.private && a.caller.kind === "user"
        ? html`<p class="notice warning">This function is private: ${a.caller.email}'s client could not call it directly. Triggers, rules and other functions can.</p>`
        : nothing}
      ${a.ok
        ? html`<h4>Result</h4><pre aria-label="Result">${a.result === undefined ? "(nothing returned)" : JSON.stringify(toRelaxed(a.result), null, 2)}</pre>`
        : html`<h4>Error</h4>
            <div class="error-line">
              <span class="error-text" aria-label="Error">${a.error?.line && !/\bline \d/.test(a.error.message) ? `Line ${a.error.line}: ` : ""}${a.error?.message ?? "unknown error"} (${a.error?.code})</span>
              ${a.error?.line ? html`<button @click=${() => this.reveal(a.error!.line!)}>Go to line ${a.error.line}</button>` : nothing}
            </div>`}
      <h4>Console output</h4>
      <pre aria-label="Console output">${a.logs.length === 0 ? "(nothing logged)" : a.logs.map((l) => (l.level === "log" ? l.text : `[${l.level}] ${l.text}`)).join("\n")}</pre>
    </div>`;
  }

  private argsTyped(event: CustomEvent<string>): void {
    this.args = event.detail;
    try {
      localStorage.setItem(`${ARGS_KEY}:${this.loadedKey}`, this.args);
    } catch {
      // Arguments are easy to type again; nothing to warn about.
    }
  }

  private savedArgs(key: string): string {
    try {
      return localStorage.getItem(`${ARGS_KEY}:${key}`) ?? "[]";
    } catch {
      return "[]";
    }
  }

  private async run(): Promise<void> {
    let args: unknown;
    try {
      args = JSON.parse(this.args.trim() === "" ? "[]" : this.args);
    } catch (error) {
      this.argsError = `The arguments are not valid JSON: ${(error as Error).message}. Write them as an array, e.g. ["Ada", 3].`;
      return;
    }
    if (!Array.isArray(args)) {
      this.argsError = `The arguments must be an array, one item per parameter: [${this.args.trim()}] passes this value as the first one.`;
      return;
    }
    this.argsError = undefined;
    if (this.blocked) {
      this.failure = `Not run: ${this.blocked}`;
      return;
    }
    const runAs = this.store.state.runAs;
    this.running = true;
    this.failure = undefined;
    try {
      this.answer = await new FunctionsApi(this.store.api).run(this.store.state.appId, this.name, {
        arguments: args,
        userId: runAs.kind === "user" ? runAs.userId : undefined,
        source: this.source,
        settings: this.settings,
      });
    } catch (error) {
      this.answer = undefined;
      this.failure = `The run could not start: ${(error as Error).message}`;
    } finally {
      this.running = false;
    }
    await this.loadCalls();
  }

  private async loadCalls(): Promise<void> {
    const name = this.name;
    try {
      const calls = await new FunctionsApi(this.store.api).calls(this.store.state.appId, name);
      if (name !== this.name) return;
      this.calls = calls;
      this.callsError = undefined;
    } catch (error) {
      this.callsError = `The past calls could not be read: ${(error as Error).message}`;
    }
  }

  private reveal(line: number): void {
    this.dispatchEvent(new CustomEvent("reveal-line", { detail: line, bubbles: true, composed: true }));
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-run": RsFunctionRun;
  }
}
