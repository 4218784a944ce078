import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { defaultRulePath, listCollections, listServices, rulesPath } from "./rules-files.ts";

interface Summary {
  roles: string[];
  filters: number;
  error?: string;
}

/** Every collection with its roles in order and its filters, at a glance. */
@customElement("rs-rules-overview")
export class RsRulesOverview extends LitElement {
  @property({ attribute: false }) files: Record<string, string> = {};

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .lead { color: var(--rs-fg-muted); max-width: 48rem; margin: 0 0 var(--rs-space-3); }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); }
      th, td { text-align: left; padding: var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
      th { color: var(--rs-fg-muted); }
      ol { margin: 0; padding-left: var(--rs-space-4); }
      .none { color: var(--rs-fg-muted); }
      .error { color: var(--rs-danger); }
    `,
  ];

  override render() {
    const collections = listCollections(this.files);
    const services = listServices(this.files);
    return html`
      <p class="lead">
        Rules decide what each signed-in user may read and change through the client API and GraphQL. Each collection has its own roles; a
        collection without rules uses its data source's default rule, and without that, every client request on it is refused. Functions running
        as the system and triggers are not bound by rules.
      </p>
      <table aria-label="Rules of every collection">
        <thead><tr><th scope="col">Collection</th><th scope="col">Roles, tried in this order</th><th scope="col">Filters</th><th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
        <tbody>
          ${collections.map((c) => {
            const summary = summarize(this.files[rulesPath(c.service, c.database, c.collection)]);
            const href = `#/rules/${encodeURIComponent(c.database)}/${encodeURIComponent(c.collection)}`;
            return html`<tr>
              <td><code>${c.database}.${c.collection}</code></td>
              <td>${this.roles(summary, "no rules.json: the default rule applies, if there is one")}</td>
              <td>${summary?.filters ?? 0}</td>
              <td><a href=${href}>Edit the rules of ${c.database}.${c.collection}</a></td>
            </tr>`;
          })}
          ${services.map((s) => {
            const summary = summarize(this.files[defaultRulePath(s)]);
            return html`<tr>
              <td>Default rule of <code>${s}</code></td>
              <td>${this.roles(summary, "none: collections without rules refuse every client request")}</td>
              <td>${summary?.filters ?? 0}</td>
              <td><a href="#/rules/${encodeURIComponent(s)}">Edit the default rule of ${s}</a></td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${collections.length === 0 ? html`<p class="none">This app has no collections yet. Open the rules of one with “Another collection” on the left.</p>` : nothing}
    `;
  }

  private roles(summary: Summary | undefined, missing: string) {
    if (!summary) return html`<span class="none">${missing}</span>`;
    if (summary.error) return html`<span class="error">${summary.error}</span>`;
    if (summary.roles.length === 0) return html`<span class="none">no roles: every client request is refused</span>`;
    return html`<ol>${summary.roles.map((r) => html`<li>${r}</li>`)}</ol>`;
  }
}

function summarize(text: string | undefined): Summary | undefined {
  if (text === undefined) return undefined;
  try {
    const rules = JSON.parse(text) as { roles?: { name?: unknown }[]; filters?: unknown[] };
    return {
      roles: Array.isArray(rules.roles) ? rules.roles.map((r) => (typeof r?.name === "string" ? r.name : "(no name)")) : [],
      filters: Array.isArray(rules.filters) ? rules.filters.length : 0,
    };
  } catch {
    return { roles: [], filters: 0, error: "not valid JSON: open it to fix" };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-overview": RsRulesOverview;
  }
}
