import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { generationNote, generationOf } from "./defaults.ts";
import type { ExpressionContext } from "./expansions.ts";
import type { RulesProblem } from "./problems.ts";
import { filters, freeName, moveItem, roles, setFilters, setRoles, updateFilter, updateRole } from "./rules-edit.ts";
import type { FilterForm, RoleForm, RulesForm } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import type { RsAddRoleDialog } from "./rs-add-role-dialog.ts";
import type { RsFilterCard } from "./rs-filter-card.ts";
import type { RsRoleCard } from "./rs-role-card.ts";
import "./rs-add-role-dialog.ts";
import "./rs-filter-card.ts";
import "./rs-role-card.ts";

type IndexDetail = { index: number; to: number };

/**
 * The form view of a rules file: the roles in order and the filters. Every edit fires
 * `form-change` with the whole new form.
 */
@customElement("rs-rules-form")
export class RsRulesForm extends LitElement {
  @property({ attribute: false }) form: RulesForm = {};
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };
  /** A role to point at (from a link such as `?role=isAssignee`). */
  @property() highlightRole = "";
  /** A collection's rules or a data source's default rule, which words the empty state differently. */
  @property() kind: "collection" | "default" = "collection";
  @query("rs-add-role-dialog") private dialog!: RsAddRoleDialog;

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      section.part { margin-top: var(--rs-space-4); }
      .list { display: flex; flex-direction: column; gap: var(--rs-space-3); margin-top: var(--rs-space-2); }
      .part h2 { font-size: var(--rs-text-lg); }
      .empty { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); color: var(--rs-fg-muted); font-size: var(--rs-text-sm); }
      .then { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); text-align: center; }
    `,
  ];

  override render() {
    const roleList = roles(this.form);
    const filterList = filters(this.form);
    const generation = generationOf(this.form);
    return html`
      <section class="part" aria-labelledby="roles-title">
        <div class="row">
          <h2 id="roles-title">Roles</h2>
          <span class="spacer"></span>
          <button class="primary" @click=${() => this.dialog.open()}>Add a role</button>
        </div>
        <p class="help">
          For each document a request touches, the roles are tried from the top. The first whose Apply When is true decides what the user may do with
          that document. When none applies, the document is hidden and cannot be changed.
        </p>
        <p class="help">${generationNote(generation)}</p>
        <div class="list">
          ${roleList.length === 0
            ? html`<p class="empty">
                ${this.kind === "default"
                  ? "No roles yet: collections without rules of their own hide every document from clients. Add a role to let users in."
                  : "No roles yet: every client request on this collection is refused. Add a role to let users in."}
              </p>`
            : roleList.map(
                (role, i) => html`${i > 0 ? html`<p class="then" aria-hidden="true">if it does not apply, then ↓</p>` : nothing}
                  <rs-role-card
                    .roleForm=${role}
                    .index=${i}
                    .count=${roleList.length}
                    .problems=${this.problems.filter((p) => p.location === `roles[${i}]` || p.location.startsWith(`roles[${i}].`))}
                    .generation=${generation}
                    .completions=${this.completions}
                    .context=${this.context}
                    ?highlighted=${this.highlightRole !== "" && role.name === this.highlightRole}
                    @role-change=${(e: CustomEvent<{ index: number; role: RoleForm }>) => this.emit(updateRole(this.form, e.detail.index, () => e.detail.role))}
                    @role-move=${(e: CustomEvent<IndexDetail>) => this.emit(setRoles(this.form, moveItem(roleList, e.detail.index, e.detail.to)))}
                    @role-remove=${(e: CustomEvent<IndexDetail>) => this.emit(setRoles(this.form, roleList.filter((_, j) => j !== e.detail.index)))}
                  ></rs-role-card>`,
              )}
        </div>
      </section>

      <section class="part" aria-labelledby="filters-title">
        <div class="row">
          <h2 id="filters-title">Filters</h2>
          <span class="spacer"></span>
          <button @click=${this.addFilter}>Add a filter</button>
        </div>
        <p class="help">
          Filters run before the query. When a filter's Apply When is true for the request, its query is added to the request's query and its
          projection to its projection, so documents and fields are left out before any role is tried.
        </p>
        <div class="list">
          ${filterList.map(
            (filter, i) => html`<rs-filter-card
              .filter=${filter}
              .index=${i}
              .count=${filterList.length}
              .problems=${this.problems.filter((p) => p.location === `filters[${i}]` || p.location.startsWith(`filters[${i}].`))}
              .completions=${this.completions}
              .context=${this.context}
              @filter-change=${(e: CustomEvent<{ index: number; filter: FilterForm }>) => this.emit(updateFilter(this.form, e.detail.index, () => e.detail.filter))}
              @filter-move=${(e: CustomEvent<IndexDetail>) => this.emit(setFilters(this.form, moveItem(filterList, e.detail.index, e.detail.to)))}
              @filter-remove=${(e: CustomEvent<IndexDetail>) => this.emit(setFilters(this.form, filterList.filter((_, j) => j !== e.detail.index)))}
            ></rs-filter-card>`,
          )}
        </div>
      </section>

      <rs-add-role-dialog
        .taken=${roleList.map((r) => r.name ?? "")}
        .fields=${this.context.fields}
        @roles-add=${(e: CustomEvent<RoleForm[]>) => this.emit(setRoles(this.form, [...roleList, ...e.detail]))}
      ></rs-add-role-dialog>
    `;
  }

  /** Focuses the control a problem belongs to. */
  reveal(location: string): void {
    const role = /^roles\[(\d+)\]/.exec(location);
    const filter = /^filters\[(\d+)\]/.exec(location);
    if (role) this.renderRoot.querySelectorAll<RsRoleCard>("rs-role-card")[Number(role[1])]?.reveal(location);
    else if (filter) this.renderRoot.querySelectorAll<RsFilterCard>("rs-filter-card")[Number(filter[1])]?.reveal(location);
  }

  private addFilter(): void {
    const list = filters(this.form);
    const filter: FilterForm = { name: freeName(list.map((f) => f.name), "filter"), apply_when: "{}", query: '{\n  "owner_id": "%%user.id"\n}', projection: "{}" };
    this.emit(setFilters(this.form, [...list, filter]));
  }

  private emit(form: RulesForm): void {
    this.dispatchEvent(new CustomEvent("form-change", { detail: form, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-form": RsRulesForm;
  }
}
