import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { QueryProblem, QueryTexts } from "./query-state.ts";

/**
 * The query as typed: filter, projection and sort as JSON (Extended JSON allowed), and
 * the page size. Enter or Ctrl/⌘+Enter runs it. Fires `query-input` on every change
 * (detail: the texts) and `query-run` to run it from the first page.
 */
@customElement("rs-query-bar")
export class RsQueryBar extends LitElement {
  @property({ attribute: false }) texts!: QueryTexts;
  @property({ attribute: false }) problems: QueryProblem[] = [];
  @property({ type: Boolean }) busy = false;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: grid; grid-template-columns: 1fr 1fr 6rem auto; gap: var(--rs-space-2) var(--rs-space-3); align-items: start; }
      .filter { grid-column: 1 / -1; }
      label { display: flex; flex-direction: column; gap: 2px; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); font-weight: 600; }
      input { font-family: var(--rs-font-mono); width: 100%; }
      input[aria-invalid="true"] { border-color: var(--rs-danger); }
      .problem { color: var(--rs-danger); font-weight: 400; }
      .buttons { display: flex; gap: var(--rs-space-2); align-self: end; }
    `,
  ];

  override render() {
    const problem = (field: QueryProblem["field"]) => this.problems.find((p) => p.field === field);
    const field = (name: "filter" | "projection" | "sort", label: string, placeholder: string) => {
      const p = problem(name);
      return html`<label class=${name === "filter" ? "filter" : ""}>
        ${label}
        <input
          name=${name}
          spellcheck="false"
          autocomplete="off"
          placeholder=${placeholder}
          .value=${this.texts[name]}
          aria-invalid=${p ? "true" : "false"}
          aria-describedby=${p ? `${name}-problem` : nothing}
          @input=${(e: Event) => this.input({ [name]: (e.target as HTMLInputElement).value })}
        />
        ${p ? html`<span id="${name}-problem" class="problem" role="alert">${p.message}</span>` : nothing}
      </label>`;
    };
    const limit = problem("limit");
    return html`<form role="search" aria-label="Query the documents" @submit=${this.run} @keydown=${this.keydown}>
      ${field("filter", "Filter (a MongoDB query)", '{"status": "Open"}  ·  empty finds every document')}
      ${field("projection", "Projection", '{"name": 1}')}
      ${field("sort", "Sort", '{"name": 1}')}
      <label>
        Per page
        <input type="number" name="limit" min="1" max="1000" .value=${String(this.texts.limit)} aria-invalid=${limit ? "true" : "false"}
          @input=${(e: Event) => this.input({ limit: Number((e.target as HTMLInputElement).value) })} />
        ${limit ? html`<span class="problem" role="alert">${limit.message}</span>` : nothing}
      </label>
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>Find</button>
        <button type="button" @click=${this.clear}>Clear</button>
      </div>
    </form>`;
  }

  private input(change: Partial<QueryTexts>): void {
    this.texts = { ...this.texts, ...change };
    this.dispatchEvent(new CustomEvent("query-input", { detail: this.texts }));
  }

  private run(event: Event): void {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent("query-run", { detail: { ...this.texts, skip: 0 } }));
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) this.run(event);
  }

  private clear(): void {
    this.input({ filter: "", projection: "", sort: "" });
    this.dispatchEvent(new CustomEvent("query-run", { detail: { ...this.texts, skip: 0 } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-query-bar": RsQueryBar;
  }
}
