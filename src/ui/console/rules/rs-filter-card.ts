import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { ExpressionContext } from "./expansions.ts";
import { problemLines } from "./permission-select.ts";
import type { RulesProblem } from "./problems.ts";
import { withKey } from "./rules-edit.ts";
import type { FilterForm } from "./rules-form.ts";
import { rulesStyles } from "./rules-styles.ts";
import type { RsExpressionField } from "./rs-expression-field.ts";
import "./rs-expression-field.ts";

const TEXTS = [
  { key: "apply_when", label: "Apply When", help: "Tried once per request, before any document is read, so it can use %%user, %%values, %%environment, %%request and functions, but not the document." },
  { key: "query", label: "Query", help: "Added to every query of the request, e.g. { \"owner_id\": \"%%user.id\" }." },
  { key: "projection", label: "Projection", help: "Fields to leave out (0) or keep (1), e.g. { \"secret\": 0 }." },
] as const;

/** One filter: name, when it applies, and the query and projection it adds. Fires `filter-change`, `filter-move`, `filter-remove`. */
@customElement("rs-filter-card")
export class RsFilterCard extends LitElement {
  @property({ attribute: false }) filter: FilterForm = {};
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  @property({ attribute: false }) problems: readonly RulesProblem[] = [];
  @property({ attribute: false }) completions: string[] = [];
  @property({ attribute: false }) context: ExpressionContext = { fields: [], values: [], functions: [] };

  static override styles = [
    controls,
    rulesStyles,
    css`
      :host { display: block; }
      header { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
      .name { display: flex; align-items: center; gap: var(--rs-space-2); font-size: var(--rs-text-sm); font-weight: 600; }
      .name input { width: 14rem; }
      .grid { display: grid; grid-template-columns: 1fr; }
    `,
  ];

  override render() {
    const at = `filters[${this.index}]`;
    const name = this.filter.name ?? "";
    const title = name || `${this.index + 1} (no name yet)`;
    const here = (location: string) => this.problems.filter((p) => p.location === location);
    return html`<section class="card" aria-label="Filter ${title}">
      <header>
        <label class="name">Filter name
          <input .value=${name} data-location="${at}.name" aria-invalid=${here(`${at}.name`).length ? "true" : nothing} maxlength="100" @input=${(e: Event) => this.set("name", (e.target as HTMLInputElement).value)} />
        </label>
        <span class="spacer"></span>
        <button class="icon" aria-label="Move filter ${title} up" ?disabled=${this.index === 0} @click=${() => this.fire("filter-move", this.index - 1)}>↑</button>
        <button class="icon" aria-label="Move filter ${title} down" ?disabled=${this.index === this.count - 1} @click=${() => this.fire("filter-move", this.index + 1)}>↓</button>
        <button class="danger" aria-label="Remove filter ${title}" @click=${() => this.fire("filter-remove", this.index)}>Remove</button>
      </header>
      ${problemLines([...here(at), ...here(`${at}.name`)])}
      <div class="grid">
        ${TEXTS.map(
          (t) => html`<rs-expression-field
            .label=${t.label}
            .help=${t.help}
            .value=${(this.filter[t.key] as string | undefined) ?? ""}
            .location="${at}.${t.key}"
            .problems=${here(`${at}.${t.key}`)}
            .completions=${this.completions}
            .context=${this.context}
            ?picker=${t.key !== "projection"}
            ?documents=${t.key === "query"}
            @expression-change=${(e: CustomEvent<string>) => this.set(t.key, e.detail.trim() === "" ? undefined : e.detail)}
          ></rs-expression-field>`,
        )}
      </div>
    </section>`;
  }

  reveal(location: string): void {
    const field = [...this.renderRoot.querySelectorAll<RsExpressionField>("rs-expression-field")].find((f) => f.location === location);
    const target = field ?? this.renderRoot.querySelector<HTMLElement>("input");
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }

  private set(key: string, value: unknown): void {
    this.dispatchEvent(new CustomEvent("filter-change", { detail: { index: this.index, filter: withKey(this.filter, key, value) }, bubbles: true, composed: true }));
  }

  private fire(name: "filter-move" | "filter-remove", to: number): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { index: this.index, to }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-filter-card": RsFilterCard;
  }
}
