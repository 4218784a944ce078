import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { freeName } from "./rules-edit.ts";
import { roleToForm, type JsonObject, type RoleForm } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import {
  APPLY_WHEN_TEMPLATES,
  DEFAULT_PARAMS,
  PARAM_LABELS,
  PERMISSION_TEMPLATES,
  SETUP_TEMPLATES,
  buildRole,
  type ParamKey,
  type TemplateParams,
} from "./templates.ts";

const OWN = "own";

/**
 * Adds roles from a starting point: a common setup (one or two roles), or a role of
 * your own from a condition and a set of permissions. Fires `roles-add` with the roles.
 */
@customElement("rs-add-role-dialog")
export class RsAddRoleDialog extends LitElement {
  /** Names already used in the file, so new roles get names of their own. */
  @property({ attribute: false }) taken: readonly string[] = [];
  /** Field names of the collection, offered for the templates' field. */
  @property({ attribute: false }) fields: readonly string[] = [];
  @state() private choice = SETUP_TEMPLATES[0].id;
  @state() private applyWhen = "owner";
  @state() private permissions = "read-write";
  @state() private params: TemplateParams = { ...DEFAULT_PARAMS };
  @state() private name = "";
  @query("dialog") private dialog!: HTMLDialogElement;

  static override styles = [
    controls,
    rulesStyles,
    css`
      dialog { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); width: min(58rem, 92vw); max-height: 90vh; padding: var(--rs-space-4) var(--rs-space-6); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      h2 { font-size: var(--rs-text-lg); margin-bottom: var(--rs-space-2); }
      .columns { display: grid; grid-template-columns: 1fr 1fr; gap: var(--rs-space-4); }
      fieldset { border: 0; padding: 0; margin: 0; }
      legend { font-weight: 600; font-size: var(--rs-text-sm); margin-bottom: var(--rs-space-1); }
      .option { display: flex; gap: var(--rs-space-2); align-items: flex-start; padding: var(--rs-space-1) 0; font-size: var(--rs-text-sm); }
      .option small { display: block; color: var(--rs-fg-muted); }
      .stack { display: flex; flex-direction: column; gap: var(--rs-space-1); }
      .stack label { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); font-weight: 600; margin-top: var(--rs-space-1); }
      .stack small { font-weight: 400; color: var(--rs-fg-muted); font-size: 0.75rem; }
      pre { background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2); max-height: 14rem; overflow: auto; margin: 0; }
      .actions { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-4); }
    `,
  ];

  open(): void {
    this.name = "";
    // Suggest the collection's own owner field when its schema names one (the tutorial's tasks use `assignee`).
    const owner = this.fields.find((f) => /^(owner|owner_id|ownerId|user_id|userId|assignee|author)$/.test(f));
    if (owner && this.params.field === DEFAULT_PARAMS.field) this.params = { ...this.params, field: owner };
    this.dialog.showModal();
  }

  override render() {
    const own = this.choice === OWN;
    const applyWhen = APPLY_WHEN_TEMPLATES.find((t) => t.id === this.applyWhen)!;
    const permissions = PERMISSION_TEMPLATES.find((t) => t.id === this.permissions)!;
    const setup = SETUP_TEMPLATES.find((t) => t.id === this.choice);
    const params: ParamKey[] = own ? [...applyWhen.params, ...permissions.params] : [...(setup?.params ?? [])];
    const roles = this.roles();
    return html`<dialog aria-labelledby="add-role-title">
      <h2 id="add-role-title">Add a role</h2>
      <p class="help">Pick a starting point; you can change every setting afterwards. Roles are added at the end of the list.</p>
      <div class="columns">
        <fieldset>
          <legend>Start from</legend>
          ${SETUP_TEMPLATES.map((t) => this.option(t.id, t.label, t.description))}
          ${this.option(OWN, "Build a role of your own", "Choose when it applies and what it may do.")}
        </fieldset>
        <div class="stack">
          ${own
            ? html`<label for="apply-when">Applies when</label>
                <select id="apply-when" aria-describedby="apply-when-help" @change=${(e: Event) => (this.applyWhen = (e.target as HTMLSelectElement).value)}>
                  ${APPLY_WHEN_TEMPLATES.map((t) => html`<option value=${t.id} ?selected=${t.id === this.applyWhen}>${t.label}</option>`)}
                </select>
                <small id="apply-when-help">${applyWhen.description}</small>
                <label for="permissions">Permissions</label>
                <select id="permissions" aria-describedby="permissions-help" @change=${(e: Event) => (this.permissions = (e.target as HTMLSelectElement).value)}>
                  ${PERMISSION_TEMPLATES.map((t) => html`<option value=${t.id} ?selected=${t.id === this.permissions}>${t.label}</option>`)}
                </select>
                <small id="permissions-help">${permissions.description}</small>`
            : nothing}
          ${params.map((key) => this.param(key))}
          ${roles.length === 1
            ? html`<label>Role name
                <input .value=${this.name} placeholder=${String(roles[0].name)} maxlength="100" @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
              </label>`
            : nothing}
          <span class="field-label">What will be added</span>
          <pre aria-label="Preview of the roles">${JSON.stringify(roles, null, 2)}</pre>
        </div>
      </div>
      <div class="actions">
        <button @click=${() => this.dialog.close()}>Cancel</button>
        <button class="primary" @click=${this.add}>${roles.length === 1 ? "Add role" : `Add ${roles.length} roles`}</button>
      </div>
    </dialog>`;
  }

  private option(id: string, label: string, description: string) {
    return html`<label class="option">
      <input type="radio" name="start" aria-labelledby="opt-${id}" aria-describedby="opt-${id}-desc" .checked=${this.choice === id} @change=${() => (this.choice = id)} />
      <span><span id="opt-${id}">${label}</span><small id="opt-${id}-desc">${description}</small></span>
    </label>`;
  }

  private param(key: ParamKey) {
    const { label, placeholder } = PARAM_LABELS[key];
    const list = key === "field" || key === "fields" ? "known-fields" : undefined;
    return html`<label>${label}
        <input .value=${this.params[key]} placeholder=${placeholder} list=${list ?? nothing} @input=${(e: Event) => (this.params = { ...this.params, [key]: (e.target as HTMLInputElement).value })} />
      </label>
      ${list ? html`<datalist id="known-fields">${this.fields.map((f) => html`<option value=${f}></option>`)}</datalist>` : nothing}`;
  }

  /** The roles the current choice adds, named so that no name is used twice. */
  private roles(): JsonObject[] {
    let roles: JsonObject[];
    if (this.choice === OWN) {
      const applyWhen = APPLY_WHEN_TEMPLATES.find((t) => t.id === this.applyWhen)!;
      const permissions = PERMISSION_TEMPLATES.find((t) => t.id === this.permissions)!;
      roles = [buildRole(permissions.name, applyWhen, permissions, this.params)];
    } else {
      roles = SETUP_TEMPLATES.find((t) => t.id === this.choice)!.roles(this.params);
    }
    const taken = [...this.taken];
    return roles.map((role, i) => {
      const wanted = i === 0 && roles.length === 1 && this.name.trim() ? this.name.trim() : String(role.name);
      const name = freeName(taken, wanted);
      taken.push(name);
      return { ...role, name };
    });
  }

  private add(): void {
    const roles = this.roles()
      .map((r) => roleToForm(r))
      .flatMap((r) => (r.ok ? [r.value] : []));
    this.dispatchEvent(new CustomEvent<RoleForm[]>("roles-add", { detail: roles, bubbles: true, composed: true }));
    this.dialog.close();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-add-role-dialog": RsAddRoleDialog;
  }
}
