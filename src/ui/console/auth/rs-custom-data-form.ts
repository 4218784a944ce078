import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { checkCustomData, dataSourceNames, functionNames, readCustomData, writeCustomData, type CustomDataForm, type FieldProblem } from "./auth-model.ts";
import { authStyles } from "./auth-styles.ts";
import { saveFormFiles, type FormNotice } from "./save-form.ts";
import { clearUnsaved, loadUnsaved, saveUnsaved } from "./unsaved-form.ts";
import "./rs-function-picker.ts";

const FORM = "custom-user-data";
const FIELDS = ["mongo_service_name", "database_name", "collection_name", "user_id_field", "on_user_creation_function_name"] as const;

/** Custom user data (auth/custom_user_data.json): where each user's own document lives. */
@customElement("rs-custom-data-form")
export class RsCustomDataForm extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) files: AppFiles = {};
  @property() appId = "";
  @state() private form: CustomDataForm = readCustomData({});
  @state() private problems: FieldProblem[] = [];
  @state() private notice: FormNotice | undefined;
  @state() private busy = false;
  private loadedFor: { files: AppFiles; appId: string } | undefined;
  private savedText = "";

  static override styles = [controls, authStyles, css`:host { display: block; }`];

  private get saved(): CustomDataForm {
    return readCustomData(this.files);
  }

  private get dirty(): boolean {
    return JSON.stringify(this.form) !== JSON.stringify(this.saved);
  }

  override willUpdate(): void {
    if (this.loadedFor?.files === this.files && this.loadedFor.appId === this.appId) return;
    const newApp = this.loadedFor?.appId !== this.appId;
    this.loadedFor = { files: this.files, appId: this.appId };
    const savedBefore = this.savedText;
    this.savedText = JSON.stringify(this.saved);
    if (!newApp) {
      if (JSON.stringify(this.form) === savedBefore) this.form = this.saved;
      return;
    }
    const kept = loadUnsaved<CustomDataForm>(this.appId, FORM);
    this.form = kept && JSON.stringify(kept) !== this.savedText ? { ...this.saved, ...kept } : this.saved;
    if (kept && this.dirty) this.notice = { kind: "warning", text: "Changes you had not saved were restored. Save them, or discard them." };
    this.problems = [];
  }

  override render() {
    const f = this.form;
    const sources = dataSourceNames(this.files);
    const general = this.problems.filter((p) => !p.field);
    return html`<section class="card" aria-labelledby="cud-title">
      <h2 id="cud-title">Custom user data</h2>
      <p class="muted">
        One document per user in a collection of yours, found by a field holding the user's id. Clients read it as
        <code>user.customData</code>, rules and functions as <code>%%user.custom_data</code> and <code>context.user.custom_data</code>.
      </p>
      <label class="toggle"><input type="checkbox" .checked=${f.enabled} @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} /> Custom user data enabled</label>
      ${f.enabled
        ? html`<div class="sub" style="margin-left: 0">
            <label class="field"
              >Cluster (data source)
              <select aria-describedby="mongo_service_name-problem" @change=${(e: Event) => this.set({ mongo_service_name: (e.target as HTMLSelectElement).value })}>
                ${[...new Set([...sources, f.mongo_service_name])].filter(Boolean).map((s) => html`<option value=${s} ?selected=${s === f.mongo_service_name}>${s}</option>`)}
              </select></label
            >
            <p class="problem" id="mongo_service_name-problem">${this.problemOf("mongo_service_name")}</p>
            ${this.text("database_name", "Database", "tracker")} ${this.text("collection_name", "Collection", "users")}
            ${this.text("user_id_field", "User ID field", "user_id")}
            <rs-function-picker
              label="Function to run when a user is created (optional)"
              .value=${f.on_user_creation_function_name}
              .functions=${functionNames(this.files)}
              .problem=${this.problemOf("on_user_creation_function_name")}
              @value-changed=${(e: CustomEvent<string>) => this.set({ on_user_creation_function_name: e.detail })}
            ></rs-function-picker>
          </div>`
        : nothing}
      ${general.map((p) => html`<p class="notice error" role="alert">${p.message}</p>`)}
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === "error" ? "alert" : "status"}>${this.notice.text}</p>` : nothing}
      <div class="buttons">
        <button class="primary" ?disabled=${this.busy || !this.dirty} @click=${this.save}>Save custom user data</button>
        <button ?disabled=${this.busy || !this.dirty} @click=${this.discard}>Discard custom user data changes</button>
      </div>
    </section>`;
  }

  private problemOf(field: string): string {
    return this.problems.find((p) => p.field === field)?.message ?? "";
  }

  private text(field: "database_name" | "collection_name" | "user_id_field", label: string, placeholder: string) {
    const problem = this.problemOf(field);
    return html`<label class="field"
        >${label}
        <input
          .value=${this.form[field]}
          placeholder=${placeholder}
          aria-invalid=${problem ? "true" : "false"}
          aria-describedby=${`${field}-problem`}
          @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
      /></label>
      <p class="problem" id=${`${field}-problem`}>${problem}</p>`;
  }

  private set(change: Partial<CustomDataForm>): void {
    this.form = { ...this.form, ...change };
    const changed = Object.keys(change);
    this.problems = this.problems.filter((p) => p.field && !changed.includes(p.field));
    this.notice = undefined;
    if (!this.dirty) clearUnsaved(this.appId, FORM);
    else if (!saveUnsaved(this.appId, FORM, this.form)) this.notice = { kind: "warning", text: "This browser would not keep your unsaved changes; save them before you leave." };
  }

  private async save(): Promise<void> {
    const problems = checkCustomData(this.form);
    if (problems.length > 0) {
      this.problems = problems;
      this.notice = { kind: "error", text: "Not saved: fill in the fields marked above." };
      return;
    }
    this.busy = true;
    const files = this.files;
    const { saved, problems: refused, notice } = await saveFormFiles(this.store.api, this.appId, FORM, files, () => writeCustomData(files, this.form), FIELDS);
    this.busy = false;
    this.problems = refused;
    this.notice = notice;
    if (saved) this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
  }

  private discard(): void {
    clearUnsaved(this.appId, FORM);
    this.form = this.saved;
    this.problems = [];
    this.notice = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-custom-data-form": RsCustomDataForm;
  }
}
