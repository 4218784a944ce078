import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { ConfigProblem } from "../../state/console-api.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { draftNotice } from "../../components/draft-notice.ts";
import "../../editors/rs-code-editor.ts";
import { screenStyles } from "../values/screen-styles.ts";
import { expressionCompletions } from "../rules/expansions.ts";
import { PARTITION_TYPES, SYNC_CONFIG, clusters, databases, fieldOf, formOf, permissionSyntax, readSync, syncFile, type SyncField, type SyncForm } from "./sync-form.ts";

const UNSAVED = "realm-sandbox:sync-unsaved:";

/**
 * Device Sync as the Task Tracker guide sets it up: partition-based Sync on a cluster,
 * the partition key and its type, read and write permissions, development mode, enable
 * and disable. Flexible Sync from imported apps is shown read-only and kept. Edits are
 * kept in localStorage until saved or discarded; deploy's problems are shown as you type.
 */
@customElement("rs-sync-screen")
export class RsSyncScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);
  /** The form as typed; undefined shows the draft's settings. */
  @state() private edited: SyncForm | undefined;
  @state() private problems: ConfigProblem[] = [];
  @state() private error = "";
  @state() private status = "";
  @state() private busy = false;
  private restoredFor = "";
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    screenStyles,
    css`
      .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--rs-space-4); }
      .state { font-weight: 600; }
      .state.on { color: var(--rs-ok); }
      rs-code-editor { min-height: 5rem; }
      @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  override willUpdate(): void {
    const appId = this.state.state?.appId;
    if (appId && this.restoredFor !== appId) {
      this.restoredFor = appId;
      try {
        this.edited = (JSON.parse(localStorage.getItem(UNSAVED + appId) ?? "null") as SyncForm | null) ?? undefined;
      } catch {
        this.edited = undefined;
      }
      this.problems = [];
      if (this.edited) this.scheduleCheck();
    }
  }

  override render() {
    const files = this.draft.files;
    return html`
      <h1>Device Sync</h1>
      <p class="lead">
        Device Sync kept a copy of the data on each phone or desktop and synchronized it with the cluster. Partition-based Sync splits the
        data by one field, the partition key: a client opens one partition at a time, and the read and write permissions decide which
        partitions a user may open.
      </p>
      ${draftNotice(this.draft)}
      ${files ? this.renderBody() : nothing}
    `;
  }

  private renderBody() {
    const files = this.draft.files;
    const sync = readSync(files);
    if (sync.flexible) {
      return html`<section class="card" aria-labelledby="flex-h">
        <h2 id="flex-h">Flexible Sync (${sync.enabled ? "on" : "off"})</h2>
        <p class="notice warning">
          This app uses Flexible Sync. The sandbox keeps its configuration and exports it unchanged, but does not run it: its permissions do
          not apply, and client API calls follow the collection rules.
        </p>
        <rs-code-editor readonly language="json" label="Flexible Sync configuration (read-only)" .value=${JSON.stringify(sync.raw, null, 2)}></rs-code-editor>
      </section>`;
    }
    const form = this.edited ?? formOf(sync, files);
    const dirty = this.edited !== undefined;
    const byField = (field: SyncField) => this.problems.filter((p) => p.path === SYNC_CONFIG && fieldOf(p) === field);
    const readSyntax = permissionSyntax(form.read);
    const writeSyntax = permissionSyntax(form.write);
    const blocked = Boolean(readSyntax || writeSyntax) || form.key.trim() === "" || form.database.trim() === "";
    const completions = [...expressionCompletions({ fields: [], values: [], functions: [] }), "%%partition"];
    const general = this.problems.filter((p) => p.path !== SYNC_CONFIG || fieldOf(p) === "general");
    return html`
      <p class="notice" role="note">
        There is no Device Sync server in the sandbox: while Sync is on, it applies these permissions to client API calls (GraphQL and
        MongoDB) on the synced database instead of that database's rules.
      </p>
      <form class="card" aria-labelledby="settings-h" @submit=${(e: Event) => this.save(e, sync.enabled)}>
        <h2 id="settings-h">Settings</h2>
        <p class="hint intro">
          <span class="state ${sync.enabled ? "on" : ""}">${!sync.exists ? "Sync is not set up." : sync.enabled ? "Sync is on." : "Sync is off."}</span>
          ${sync.enabled ? " Disabling it puts the database's rules back in charge." : " Fill in the settings, then enable Sync."}
        </p>
        <div class="grid">
          <div class="field">
            <label for="cluster">Cluster to sync</label>
            <select id="cluster" @change=${(e: Event) => this.change({ service: (e.target as HTMLSelectElement).value })}>
              ${clusters(files).map((c) => html`<option value=${c} ?selected=${c === form.service}>${c}</option>`)}
            </select>
            ${this.fieldProblems(byField("service"))}
          </div>
          <div class="field">
            <label for="database">Database</label>
            <input id="database" type="text" list="database-names" .value=${form.database} aria-describedby="database-hint" @input=${(e: Event) => this.change({ database: (e.target as HTMLInputElement).value })} />
            <datalist id="database-names">${databases(files, form.service).map((d) => html`<option value=${d}></option>`)}</datalist>
            <p class="hint" id="database-hint">${form.database.trim() === "" ? "Name the database whose collections are synced (tracker in the guide)." : "Every collection of this database that has a schema is synced."}</p>
            ${this.fieldProblems(byField("database"))}
          </div>
          <div class="field">
            <label for="key">Partition key</label>
            <input id="key" type="text" .value=${form.key} aria-describedby="key-hint" @input=${(e: Event) => this.change({ key: (e.target as HTMLInputElement).value })} />
            <p class="hint" id="key-hint">${form.key.trim() === "" ? "Name the field that says which partition a document belongs to." : "The field that says which partition a document belongs to; every synced schema needs it."}</p>
            ${this.fieldProblems(byField("key"))}
          </div>
          <div class="field">
            <label for="type">Partition key type</label>
            <select id="type" @change=${(e: Event) => this.change({ type: (e.target as HTMLSelectElement).value })}>
              ${PARTITION_TYPES.map((t) => html`<option value=${t} ?selected=${t === form.type}>${t}</option>`)}
            </select>
            ${this.fieldProblems(byField("type"))}
          </div>
        </div>
        <label class="row"><input type="checkbox" .checked=${form.required} @change=${(e: Event) => this.change({ required: (e.target as HTMLInputElement).checked })} /> Every synced document must have the partition key</label>
        <h3>Permissions</h3>
        <p class="hint intro">
          Each is <code>true</code>, <code>false</code> or an expression; <code>{}</code> lets every user in. <code>%%partition</code> is the
          partition being opened and <code>%%user.id</code> the user, so <code>{"%%user.id": "%%partition"}</code> gives each user their own
          partition. Type <code>%%</code> for suggestions.
        </p>
        <div class="grid">
          ${this.permissionField("read", "Read permission", form.read, readSyntax, byField("read"), completions)}
          ${this.permissionField("write", "Write permission", form.write, writeSyntax, byField("write"), completions)}
        </div>
        <label class="row"
          ><input type="checkbox" aria-describedby="dev-mode-help" .checked=${form.developmentMode} @change=${(e: Event) => this.change({ developmentMode: (e.target as HTMLInputElement).checked })} />
          Development mode</label
        >
        <p class="hint" id="dev-mode-help">
          In App Services, development mode let the object models of connecting Sync clients become the app's schema: a client that synced a
          new object type or property added it to the schema. Here the setting is saved with the app and exported with it, but it has no effect:
          no device connects to this sandbox, so no client ever sends its models.
        </p>
        ${general.length ? html`<div role="alert"><p class="field-error">Deploy would refuse this:</p><ul class="problems">${general.map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}</ul></div>` : nothing}
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        ${this.status ? html`<p class="notice ok" role="status">${this.status}</p>` : nothing}
        <div class="actions">
          ${sync.enabled
            ? html`<button class="primary" type="submit" ?disabled=${this.busy || blocked || !dirty}>Save</button>
                <button type="button" class="danger" ?disabled=${this.busy || blocked} @click=${(e: Event) => this.save(e, false)}>Disable Sync</button>`
            : html`<button class="primary" type="button" ?disabled=${this.busy || blocked} @click=${(e: Event) => this.save(e, true)}>Enable Sync</button>
                <button type="submit" ?disabled=${this.busy || blocked || (!dirty && sync.exists)}>Save without enabling</button>`}
          ${dirty ? html`<button type="button" @click=${this.discard}>Discard changes</button><span class="muted">Unsaved changes (kept in this browser)</span>` : nothing}
        </div>
      </form>
    `;
  }

  private permissionField(name: "read" | "write", label: string, text: string, syntax: string, problems: ConfigProblem[], completions: string[]) {
    return html`<div class="field">
      <span class="label">${label}</span>
      <rs-code-editor language="json" label=${label} .value=${text} .completions=${completions}
        .diagnostics=${problems.map((p) => ({ message: p.message, severity: "error" as const }))}
        @value-changed=${(e: CustomEvent<string>) => this.change({ [name]: e.detail })}></rs-code-editor>
      ${syntax ? html`<p class="field-error" role="alert">${syntax}</p>` : nothing}
      ${this.fieldProblems(problems)}
    </div>`;
  }

  private fieldProblems(problems: ConfigProblem[]) {
    if (!problems.length) return nothing;
    return html`<div role="alert">${problems.map((p) => html`<p class="field-error">${p.message}</p>`)}</div>`;
  }

  private change(partial: Partial<SyncForm>): void {
    const files = this.draft.files;
    const form = { ...(this.edited ?? formOf(readSync(files), files)), ...partial };
    this.edited = form;
    this.status = "";
    this.error = "";
    try {
      localStorage.setItem(UNSAVED + this.store.state.appId, JSON.stringify(form));
    } catch {
      // Storage full or off: the form stays on screen until the page closes.
    }
    this.scheduleCheck();
  }

  /** What deploy would say about the form, shown beside its fields while typing. */
  private scheduleCheck(): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(async () => {
      const files = this.draft.files;
      const form = this.edited;
      if (!files || !form || permissionSyntax(form.read) || permissionSyntax(form.write)) return;
      const sync = readSync(files);
      try {
        const { problems } = await this.store.api.checkDraft(this.store.state.appId, { ...files, ...syncFile(sync, form, true) });
        if (this.edited === form) this.problems = problems.filter((p) => p.path === SYNC_CONFIG);
      } catch {
        // The check is a help while typing; saving reports any problem for real.
      }
    }, 300);
  }

  private discard(): void {
    localStorage.removeItem(UNSAVED + this.store.state.appId);
    this.edited = undefined;
    this.problems = [];
    this.error = "";
  }

  private async save(event: Event, enabled: boolean): Promise<void> {
    event.preventDefault();
    const files = this.draft.files;
    const sync = readSync(files);
    const form = this.edited ?? formOf(sync, files);
    this.busy = true;
    const { problems, error } = await this.draft.save(syncFile(sync, form, enabled));
    this.busy = false;
    this.problems = problems;
    this.error = error && !problems.length ? error : "";
    if (error) {
      if (problems.length) this.error = "Nothing was saved: fix the problems shown beside the fields.";
      return;
    }
    localStorage.removeItem(UNSAVED + this.store.state.appId);
    this.edited = undefined;
    this.status = `${enabled ? "Sync is on" : "Sync is off"} in the draft. Deploy the draft for it to take effect.`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-sync-screen": RsSyncScreen;
  }
}
