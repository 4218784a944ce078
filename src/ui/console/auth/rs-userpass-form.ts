import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AppFiles } from "../../state/console-api.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import {
  USERPASS,
  addProviderFunction,
  applyUserpassForm,
  changedFiles,
  checkUserpassForm,
  functionNames,
  readProviders,
  userpassForm,
  writeProvider,
  type FieldProblem,
  type UserpassForm,
} from "./auth-model.ts";
import { authStyles } from "./auth-styles.ts";
import { describeSaveFailure } from "./save-failure.ts";
import { saveFormFiles, type FormNotice } from "./save-form.ts";
import { clearUnsaved, loadUnsaved, saveUnsaved } from "./unsaved-form.ts";
import "./rs-function-picker.ts";

const FORM = "userpass";
const FIELDS = ["emailConfirmationUrl", "confirmEmailSubject", "confirmationFunctionName", "resetPasswordUrl", "resetPasswordSubject", "resetFunctionName"] as const;
type TextField = (typeof FIELDS)[number];

/**
 * Email/Password: on or off, how new accounts are confirmed and how passwords are reset,
 * saved to auth/providers.json in the draft. Functions for either can be created here.
 */
@customElement("rs-userpass-form")
export class RsUserpassForm extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) files: AppFiles = {};
  @property() appId = "";
  @state() private form: UserpassForm = userpassForm(undefined);
  @state() private problems: FieldProblem[] = [];
  @state() private notice: FormNotice | undefined;
  @state() private busy = false;
  private loadedFor: { files: AppFiles; appId: string } | undefined;
  private savedText = "";

  static override styles = [
    controls,
    authStyles,
    css`
      :host { display: block; }
    `,
  ];

  private get saved(): UserpassForm {
    return userpassForm(readProviders(this.files).find((p) => p.name === USERPASS));
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
      // The draft changed elsewhere: an untouched form follows it; typed changes stay.
      if (JSON.stringify(this.form) === savedBefore) this.form = this.saved;
      return;
    }
    const kept = loadUnsaved<UserpassForm>(this.appId, FORM);
    if (kept && JSON.stringify(kept) !== JSON.stringify(this.saved)) {
      this.form = { ...this.saved, ...kept };
      this.notice = { kind: "warning", text: "Changes you had not saved were restored. Save them, or discard them." };
    } else {
      this.form = this.saved;
    }
    this.problems = [];
  }

  override render() {
    const f = this.form;
    const functions = functionNames(this.files);
    const general = this.problems.filter((p) => !p.field);
    return html`<section class="card" aria-labelledby="userpass-title">
      <h2 id="userpass-title">Email/Password</h2>
      <p class="muted">Users register with an email address and a password. The sandbox sends no mail: links it would send appear under App Users.</p>
      <label class="toggle"><input type="checkbox" .checked=${f.enabled} @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} /> Provider enabled</label>
      ${f.enabled ? nothing : html`<p class="muted">While it is off, clients can neither register nor log in with an email and a password.</p>`}
      <fieldset>
        <legend>User confirmation method</legend>
        ${this.choice("confirm", "auto", "Confirm users automatically", "New accounts can log in at once; the email address is not checked.")}
        ${this.choice("confirm", "email", "Send a confirmation email", "Your app's page at this URL receives token and tokenId and calls confirmUser.")}
        ${f.confirm === "email"
          ? html`<div class="sub">
              ${this.text("emailConfirmationUrl", "Email confirmation URL", "https://myapp.example.com/confirm")}
              ${this.text("confirmEmailSubject", "Email subject (optional)", "Confirm your account")}
            </div>`
          : nothing}
        ${this.choice("confirm", "function", "Run a confirmation function", "A function you write decides: confirm now, wait for confirmUser, or refuse.")}
        ${f.confirm === "function" ? html`<div class="sub">${this.picker("confirmationFunctionName", "Confirmation function", "confirmFunc", functions)}</div>` : nothing}
      </fieldset>
      <fieldset>
        <legend>Password reset method</legend>
        ${this.choice("reset", "email", "Send a password reset email", "Your app's page at this URL receives token and tokenId and calls resetPassword.")}
        ${f.reset === "email"
          ? html`<div class="sub">
              ${this.text("resetPasswordUrl", "Password reset URL", "https://myapp.example.com/reset")}
              ${this.text("resetPasswordSubject", "Email subject (optional)", "Reset your password")}
            </div>`
          : nothing}
        ${this.choice("reset", "function", "Run a password reset function", "callResetPasswordFunction runs a function you write, which allows or refuses the new password.")}
        ${f.reset === "function" ? html`<div class="sub">${this.picker("resetFunctionName", "Password reset function", "resetFunc", functions)}</div>` : nothing}
      </fieldset>
      ${general.map((p) => html`<p class="notice error" role="alert">${p.message}</p>`)}
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === "error" ? "alert" : "status"}>${this.notice.text}</p>` : nothing}
      <div class="buttons">
        <button class="primary" ?disabled=${this.busy || !this.dirty} @click=${this.save}>Save Email/Password</button>
        <button ?disabled=${this.busy || !this.dirty} @click=${this.discard}>Discard changes</button>
        <span class="muted">${this.dirty ? "Not saved yet." : "No unsaved changes."}</span>
      </div>
    </section>`;
  }

  private choice(group: "confirm" | "reset", value: string, label: string, hint: string) {
    return html`<label class="choice"
      ><input type="radio" name=${group} .value=${value} .checked=${this.form[group] === value} @change=${() => this.set({ [group]: value } as Partial<UserpassForm>)} />
      <span>${label}<small>${hint}</small></span></label
    >`;
  }

  private problemOf(field: string): string {
    return this.problems.find((p) => p.field === field)?.message ?? "";
  }

  private text(field: TextField, label: string, placeholder: string) {
    const problem = this.problemOf(field);
    return html`<label class="field"
        >${label}
        <input
          .value=${this.form[field]}
          placeholder=${placeholder}
          aria-invalid=${problem ? "true" : "false"}
          aria-describedby=${`${field}-problem`}
          @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value } as Partial<UserpassForm>)}
      /></label>
      <p class="problem" id=${`${field}-problem`}>${problem}</p>`;
  }

  private picker(field: "confirmationFunctionName" | "resetFunctionName", label: string, createName: string, functions: string[]) {
    return html`<rs-function-picker
      label=${label}
      .value=${this.form[field]}
      .functions=${functions}
      create-name=${createName}
      .problem=${this.problemOf(field)}
      ?busy=${this.busy}
      @value-changed=${(e: CustomEvent<string>) => this.set({ [field]: e.detail } as Partial<UserpassForm>)}
      @create-function=${(e: CustomEvent<string>) => this.createFunction(field, e)}
    ></rs-function-picker>`;
  }

  private set(change: Partial<UserpassForm>): void {
    this.form = { ...this.form, ...change };
    const changed = Object.keys(change);
    this.problems = this.problems.filter((p) => p.field && !changed.includes(p.field));
    this.notice = undefined;
    if (!this.dirty) clearUnsaved(this.appId, FORM);
    else if (!saveUnsaved(this.appId, FORM, this.form)) {
      this.notice = { kind: "warning", text: "This browser would not keep your unsaved changes; save them before you leave." };
    }
  }

  private async createFunction(field: "confirmationFunctionName" | "resetFunctionName", e: CustomEvent<string>): Promise<void> {
    const picker = e.target as import("./rs-function-picker.ts").RsFunctionPicker;
    const name = e.detail;
    if (functionNames(this.files).includes(name)) {
      this.problems = [...this.problems.filter((p) => p.field !== field), { field, message: `A function named "${name}" exists already: pick it from the list.` }];
      return;
    }
    this.busy = true;
    try {
      const next = addProviderFunction(this.files, name, field === "resetFunctionName" ? "reset" : "confirmation");
      await this.store.api.patchDraft(this.appId, changedFiles(this.files, next));
      picker.created();
      this.set({ [field]: name } as Partial<UserpassForm>);
      this.notice = { kind: "ok", text: `Created the function ${name} in the draft with a starting source; edit it under Functions. Save Email/Password to use it.` };
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    } catch (error) {
      this.problems = [...this.problems.filter((p) => p.field !== field), { field, message: `The function was not created: ${(error as Error).message}` }];
    } finally {
      this.busy = false;
    }
  }

  private async save(): Promise<void> {
    const problems = checkUserpassForm(this.form, functionNames(this.files));
    if (problems.length > 0) {
      this.problems = problems;
      this.notice = { kind: "error", text: "Not saved: fix the fields marked above." };
      return;
    }
    this.busy = true;
    const files = this.files;
    const next = () => writeProvider(files, applyUserpassForm(readProviders(files).find((p) => p.name === USERPASS), this.form));
    const { saved, problems: refused, notice } = await saveFormFiles(this.store.api, this.appId, FORM, files, next, FIELDS);
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
    "rs-userpass-form": RsUserpassForm;
  }
}
