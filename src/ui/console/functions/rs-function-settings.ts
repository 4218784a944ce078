import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import "../../editors/rs-code-editor.ts";
import type { ExtraDiagnostic } from "../../editors/rs-code-editor.ts";
import type { FunctionSettings } from "./function-files.ts";

const EXPANSIONS = ["%%user", "%%user.id", "%%user.data.email", "%%user.custom_data", "%%args", "%%request", "%%values", "%%environment", "%function", "%%true", "%%false"];

/**
 * A function's entry in functions/config.json as a form: private, who it runs as,
 * `can_evaluate` (a JSON expression, as text until it parses) and whether its arguments
 * are logged. Fires `settings-changed` (detail: {settings, canEvaluate}) on every change.
 */
@customElement("rs-function-settings")
export class RsFunctionSettings extends LitElement {
  @property({ attribute: false }) settings!: FunctionSettings;
  @property() canEvaluate = "";
  @property({ attribute: false }) diagnostics: ExtraDiagnostic[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: var(--rs-space-3) var(--rs-space-6); align-items: start; }
      .column { display: flex; flex-direction: column; gap: var(--rs-space-3); }
      legend { font-weight: 700; padding: 0 var(--rs-space-1); }
      .choice { display: grid; grid-template-columns: auto 1fr; gap: 0 var(--rs-space-2); align-items: start; }
      .choice input { margin: 0.15rem 0 0; min-height: 0; }
      .choice small, .help { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); grid-column: 2; }
      .help { margin: 0; }
      fieldset fieldset { border: 0; padding: 0; gap: var(--rs-space-1); display: flex; flex-direction: column; }
      fieldset fieldset legend { padding: 0; font-weight: 600; }
      rs-code-editor { --rs-editor-max-height: 10rem; min-height: 4rem; }
      .label { font-weight: 600; }
    `,
  ];

  override render() {
    const s = this.settings;
    return html`<fieldset>
      <legend>Settings</legend>
      <div class="column">
      <label class="choice">
        <input type="checkbox" .checked=${s.private === true} @change=${(e: Event) => this.set("private", (e.target as HTMLInputElement).checked)} />
        <span>Private</span>
        <small>Clients cannot call it; triggers, rules and other functions still can.</small>
      </label>
      <fieldset>
        <legend>Run as</legend>
        <label class="choice">
          <input type="radio" name="run-as" .checked=${s.run_as_system !== true} @change=${() => this.set("run_as_system", false)} />
          <span>The caller</span>
          <small>Runs with the calling user's identity: the collection rules decide what it may read and write.</small>
        </label>
        <label class="choice">
          <input type="radio" name="run-as" .checked=${s.run_as_system === true} @change=${() => this.set("run_as_system", true)} />
          <span>The system</span>
          <small>Runs with full access: rules are not checked. context.user is still the caller.</small>
        </label>
      </fieldset>
      <label class="choice">
        <input type="checkbox" .checked=${s.disable_arg_logs === true} @change=${(e: Event) => this.set("disable_arg_logs", (e.target as HTMLInputElement).checked)} />
        <span>Don't log the arguments</span>
        <small>The log keeps each call without its arguments (for passwords and other secrets).</small>
      </label>
      </div>
      <div>
        <span class="label" id="can-evaluate-label">Can evaluate</span>
        <p class="help">
          A rule expression that must be true for a call to run, e.g. <code>{"%%user.data.email": {"$exists": true}}</code>.
          Leave it as <code>{}</code> to let every caller run it.
        </p>
        <rs-code-editor
          language="json"
          label="Can evaluate (JSON expression)"
          .value=${this.canEvaluate}
          .diagnostics=${this.diagnostics}
          .completions=${EXPANSIONS}
          @value-changed=${(e: CustomEvent<string>) => this.emit(this.settings, e.detail)}
        ></rs-code-editor>
      </div>
    </fieldset>`;
  }

  private set(key: "private" | "run_as_system" | "disable_arg_logs", value: boolean): void {
    const next = { ...this.settings };
    // Kept as written when on; an unset flag means false, as in config.json.
    if (value) next[key] = true;
    else if (key in next) next[key] = false;
    this.emit(next, this.canEvaluate);
  }

  private emit(settings: FunctionSettings, canEvaluate: string): void {
    this.dispatchEvent(new CustomEvent("settings-changed", { detail: { settings, canEvaluate }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-settings": RsFunctionSettings;
  }
}
