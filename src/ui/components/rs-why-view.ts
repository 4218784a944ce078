import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { FieldView, OutcomeView, RoleView, RuleExplanation } from "../../admin/rules-explain.ts";

const VERBS: Record<RuleExplanation["action"], string> = { read: "read", write: "update", insert: "insert", delete: "delete" };

/** What each permission of a role means, in words. */
const PERMISSION_NAMES: Record<string, string> = {
  read: "Read (the whole document)",
  write: "Write (the whole document)",
  insert: "Insert",
  delete: "Delete",
  search: "Search",
  "document_filters.read": "Document filter for reading",
  "document_filters.write": "Document filter for writing",
};

/**
 * Why the rules gave a user a document or a field, or refused a write, in plain words:
 * the query filters, the roles tried in order with each Apply When and the values it
 * compared, the role that applied, the permission that decided and, field by field,
 * what hid each field. Links to the role in the Rules screen.
 */
@customElement("rs-why-view")
export class RsWhyView extends LitElement {
  @property({ attribute: false }) explanation: RuleExplanation | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      h3 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-2); }
      h4 { font-size: var(--rs-text-sm); margin: var(--rs-space-4) 0 var(--rs-space-2); }
      p { margin: var(--rs-space-1) 0; }
      ol, ul { margin: 0; padding-left: var(--rs-space-6); }
      li { margin: var(--rs-space-2) 0; }
      code { background: var(--rs-bg-subtle); border-radius: 3px; padding: 0 3px; word-break: break-word; }
      .lines { margin: var(--rs-space-1) 0 0; padding: var(--rs-space-1) var(--rs-space-2); background: var(--rs-bg-subtle); border-radius: var(--rs-radius); white-space: pre-wrap; word-break: break-word; }
      .verdict { font-weight: 700; }
      .yes { color: var(--rs-ok); }
      .no { color: var(--rs-danger); }
      .skipped { color: var(--rs-fg-muted); }
      .applied { border-left: 3px solid var(--rs-accent); padding-left: var(--rs-space-2); margin-left: calc(-1 * var(--rs-space-2) - 3px); }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
      tr.denied td:first-child { font-weight: 700; }
      details { margin-top: var(--rs-space-4); }
      summary { cursor: pointer; }
      pre { white-space: pre-wrap; word-break: break-word; background: var(--rs-bg-subtle); padding: var(--rs-space-2); border-radius: var(--rs-radius); }
    `,
  ];

  override render() {
    const e = this.explanation;
    if (!e) return nothing;
    return html`
      <h3>${this.headline(e)}</h3>
      <p><span class="muted">Because:</span> ${e.reason}${e.message ? html` The client was told <code>${e.message}</code>.` : nothing}</p>
      ${this.governance(e)} ${this.filters(e)} ${this.roles(e)} ${this.permissions(e)} ${this.fields(e)}
      <p class="muted"><code>%%user.id</code> is <code>${e.user.id}</code>${e.user.email ? html` (${e.user.email})` : nothing}.</p>
      <p><a href=${e.rulesHref}>Open the rules of ${e.database}.${e.collection}</a></p>
      <details>
        <summary>The whole trace</summary>
        <pre>${e.trace.join("\n")}</pre>
      </details>
    `;
  }

  private headline(e: RuleExplanation): string {
    const who = e.user.email ?? e.user.id;
    if (e.action === "read") {
      if (!e.allowed) return `${who} does not get this document`;
      if (e.hiddenFields.length === 0) return `${who} reads this whole document`;
      const n = e.hiddenFields.length;
      return `${who} gets this document with ${n} ${n === 1 ? "field" : "fields"} hidden: ${e.hiddenFields.join(", ")}`;
    }
    const verb = VERBS[e.action];
    return e.allowed ? `${who} may ${verb} this document` : `${who} may not ${verb} this document`;
  }

  private governance(e: RuleExplanation): TemplateResult | typeof nothing {
    const ns = `${e.database}.${e.collection}`;
    if (e.governedBy === "no rules") {
      return html`<p class="notice warning">${ns} has no roles and the data source has no default roles, so App Services refuses every request a user makes on it. Add a role in the Rules screen.</p>`;
    }
    if (e.governedBy === "sync permissions") {
      return html`<p class="notice">Device Sync is on for this database, so its partition read and write permissions decide for every document, instead of the collection's roles.</p>`;
    }
    if (e.governedBy === "default roles") return html`<p>${ns} has no roles of its own, so the data source's default roles apply.</p>`;
    return nothing;
  }

  private filters(e: RuleExplanation): TemplateResult | typeof nothing {
    if (e.filters.length === 0) return nothing;
    return html`<h4>Query filters, applied before any role</h4>
      <ul>
        ${e.filters.map(
          (f) => html`<li>
            Filter <strong>${f.name}</strong>: Apply When <code>${f.applyWhen.asWritten ?? "{}"}</code> is
            ${this.verdict(f.applies, f.applies ? "true, so it applies" : "false, so it does not apply")}
            ${this.lines(f.applyWhen)}
            ${f.query ? html`<p>It adds the query <code>${f.query}</code> to every request.</p>` : nothing}
            ${f.projection ? html`<p>It adds the projection <code>${f.projection}</code>.</p>` : nothing}
            ${f.excludes ? html`<p class="verdict no">This document does not match that query, so it is never found: the roles are not even tried.</p>` : nothing}
          </li>`,
        )}
      </ul>`;
  }

  private roles(e: RuleExplanation): TemplateResult | typeof nothing {
    if (e.roles.length === 0) return nothing;
    return html`<h4>Roles, tried in order until one applies</h4>
      <ol>
        ${e.roles.map((role) => this.roleItem(e, role))}
      </ol>
      ${e.roles.some((r) => r.tried) && !e.appliedRole
        ? html`<p class="verdict no">No role applies, so the user gets nothing of this document and cannot change it.</p>`
        : nothing}`;
  }

  private roleItem(e: RuleExplanation, role: RoleView): TemplateResult {
    const applied = role.name === e.appliedRole && role.applyWhen?.result === true;
    const always = role.asWritten === "{}";
    let verdict: TemplateResult;
    if (!role.tried) verdict = html`<span class="skipped">not tried${e.appliedRole ? ": an earlier role applied" : ""}</span>`;
    else if (always) verdict = this.verdict(true, "{} always applies");
    else verdict = this.verdict(role.applyWhen?.result === true, role.applyWhen?.result ? "true" : "false");
    return html`<li class=${applied ? "applied" : ""}>
      <strong>${role.name}</strong>: Apply When <code>${role.asWritten}</code> → ${verdict}
      ${role.applyWhen ? this.lines(role.applyWhen) : nothing}
      ${applied ? html`<p><span class="verdict yes">This role applies to the document.</span> <a href=${roleLink(e, role.name)}>Open role ${role.name} in the Rules screen</a></p>` : nothing}
    </li>`;
  }

  private permissions(e: RuleExplanation): TemplateResult | typeof nothing {
    if (e.document.length === 0) return nothing;
    const title = e.governedBy === "sync permissions" ? "Partition permissions" : `What role ${e.appliedRole ?? ""} allows, in the order it was checked`;
    return html`<h4>${title}</h4>
      <ul>
        ${e.document.map((o) => html`<li>${PERMISSION_NAMES[o.name] ?? o.name} (<code>${o.where}</code>): ${this.outcome(o)}</li>`)}
      </ul>`;
  }

  private fields(e: RuleExplanation): TemplateResult | typeof nothing {
    if (e.fields.length === 0) return nothing;
    const hidden = new Set(e.hiddenFields);
    return html`<h4>Field by field</h4>
      <table>
        <caption class="visually-hidden">Field permissions</caption>
        <thead><tr><th scope="col">Field</th><th scope="col">Asked</th><th scope="col">Answer</th><th scope="col">Decided by</th></tr></thead>
        <tbody>
          ${e.fields.map(
            (f: FieldView) => html`<tr class=${f.allowed ? "" : "denied"}>
              <td><code>${f.path}</code>${hidden.has(f.path) ? html` <span class="no">(hidden)</span>` : nothing}</td>
              <td>${f.access}</td>
              <td>${this.verdict(f.allowed, f.allowed ? "allowed" : "denied")}</td>
              <td>${this.decidedBy(f)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  /** A read falls back to write (write implies read), so a denied read means both were false. */
  private decidedBy(f: FieldView): TemplateResult {
    const outcome = f.outcome ? this.outcome(f.outcome) : nothing;
    const prefix = f.via.replace(/\.(read|write)$/, "");
    if (f.access === "read" && f.via.endsWith(".write")) {
      return f.allowed
        ? html`<code>${f.via}</code>: ${outcome} (write implies read)`
        : html`<code>${prefix}.read</code> is false, and <code>${f.via}</code>: ${outcome}`;
    }
    return html`<code>${f.via}</code>: ${outcome}`;
  }

  private outcome(o: OutcomeView): TemplateResult {
    if (o.source === "default") return html`not set, so ${this.verdict(o.result, String(o.result))} by default`;
    if (o.source === "constant") return html`set to <code>${o.asWritten ?? String(o.result)}</code>, so ${this.verdict(o.result, String(o.result))}`;
    return html`<code>${o.asWritten ?? "an expression"}</code> → ${this.verdict(o.result, String(o.result))}${this.lines(o)}`;
  }

  private lines(o: OutcomeView): TemplateResult | typeof nothing {
    if (o.lines.length === 0) return nothing;
    return html`<div class="lines">${o.lines.map((line) => html`<div><code>${line}</code></div>`)}</div>`;
  }

  private verdict(yes: boolean, text: string): TemplateResult {
    return html`<span class="verdict ${yes ? "yes" : "no"}">${text}</span>`;
  }
}

function roleLink(e: RuleExplanation, role: string): string {
  return `${e.rulesHref}?role=${encodeURIComponent(role)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-why-view": RsWhyView;
  }
}
