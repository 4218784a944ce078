import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles, ConfigProblem } from "../../state/console-api.ts";
import type { DraftFiles } from "../../state/draft-files.ts";
import { screenStyles } from "../values/screen-styles.ts";
import { withConfigKey } from "../values/environments.ts";
import "../values/rs-environment-picker.ts";
import { appName, nameProblem, timeZone, timeZones, withTimeZone } from "./app-settings.ts";

const UNSAVED = "realm-sandbox:settings-name-unsaved:";

/** The app's name, id, environment and time zone; changes go to the draft. */
@customElement("rs-app-general")
export class RsAppGeneral extends LitElement {
  @property({ attribute: false }) draft!: DraftFiles;
  @property({ attribute: false }) files: AppFiles | undefined;
  @property() appId = "";
  /** The name as typed, kept until saved or discarded. */
  @state() private name: string | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private error = "";
  @state() private status = "";
  @state() private zoneStatus = "";
  private restoredFor = "";

  static override styles = [controls, screenStyles];

  override willUpdate(): void {
    if (this.appId && this.restoredFor !== this.appId) {
      this.restoredFor = this.appId;
      this.name = localStorage.getItem(UNSAVED + this.appId) ?? undefined;
    }
  }

  override render() {
    const saved = appName(this.files);
    const name = this.name ?? saved;
    const problem = this.name === undefined ? "" : nameProblem(name);
    const zone = timeZone(this.files);
    return html`
      <form @submit=${this.saveName} aria-label="App name">
        <div class="field">
          <label for="app-name">App name</label>
          <div class="row">
            <input id="app-name" type="text" .value=${name} aria-invalid=${problem || this.problems.length ? "true" : "false"} aria-describedby="app-name-hint app-name-error" @input=${this.typed} />
            <button class="primary" type="submit" ?disabled=${Boolean(problem) || name === saved}>Save name</button>
            ${name !== saved ? html`<button type="button" @click=${this.discard}>Discard</button>` : nothing}
          </div>
          <p class="hint" id="app-name-hint">Letters, digits, "-" and "_". The top bar shows the new name once the draft is deployed.</p>
          <div id="app-name-error" role="alert">
            ${problem ? html`<p class="field-error">${problem}</p>` : nothing}
            ${this.error ? html`<p class="field-error">${this.error}</p>` : nothing}
            ${this.problems.map((p) => html`<p class="field-error"><code>${p.path}</code>: ${p.message}</p>`)}
          </div>
          ${this.status ? html`<p class="notice ok" role="status">${this.status}</p>` : nothing}
        </div>
      </form>
      <div class="field">
        <label for="app-id">App ID</label>
        <input id="app-id" type="text" readonly .value=${this.appId} aria-describedby="app-id-hint" />
        <p class="hint" id="app-id-hint">
          Clients name the app by this id, as in <code>new Realm.App({ id: "${this.appId}" })</code>; it cannot change. An imported app keeps
          the id from its realm_config.json, so its clients reach it unchanged.
        </p>
      </div>
      <div class="field">
        <rs-environment-picker .files=${this.files}></rs-environment-picker>
      </div>
      <div class="field">
        <label for="time-zone">Time zone</label>
        <select id="time-zone" aria-describedby="time-zone-hint" @change=${this.saveZone}>
          ${timeZones().map((z) => html`<option value=${z} ?selected=${z === zone}>${z}</option>`)}
        </select>
        <p class="hint" id="time-zone-hint">
          The zone scheduled triggers and the log show times in. App Services kept it with the project, not in the app, so the sandbox keeps
          it in <code>sandbox/settings.json</code>. Saved to the draft when you pick it.
        </p>
        ${this.zoneStatus ? html`<p class="hint" role="status">${this.zoneStatus}</p>` : nothing}
      </div>
    `;
  }

  private typed(event: Event): void {
    this.name = (event.target as HTMLInputElement).value;
    this.problems = [];
    this.error = "";
    this.status = "";
    try {
      localStorage.setItem(UNSAVED + this.appId, this.name);
    } catch {
      // Storage full or off: the name stays in the field until the page closes.
    }
  }

  private discard(): void {
    localStorage.removeItem(UNSAVED + this.appId);
    this.name = undefined;
    this.problems = [];
    this.error = "";
  }

  private async saveName(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.name;
    if (name === undefined) return;
    const { problems, error } = await this.draft.save(withConfigKey(this.files, "name", name));
    this.problems = problems;
    this.error = error && !problems.length ? error : "";
    if (error) return;
    localStorage.removeItem(UNSAVED + this.appId);
    this.name = undefined;
    this.status = `The name ${name} was saved to the draft. Deploy it from the top bar.`;
  }

  private async saveZone(event: Event): Promise<void> {
    const zone = (event.target as HTMLSelectElement).value;
    const { error, problems } = await this.draft.save(withTimeZone(this.files, zone));
    this.zoneStatus = error ? `The time zone was not saved: ${[error, ...problems.map((p) => p.message)].join("; ")}` : `Time zone ${zone} saved to the draft.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-app-general": RsAppGeneral;
  }
}
