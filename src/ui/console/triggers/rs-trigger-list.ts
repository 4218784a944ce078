import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { href } from "../../shell/links.ts";
import type { TriggersApi, TriggerSummary, TriggersPage } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import { formatTime } from "./times.ts";
import { TYPE_LABELS } from "./trigger-form.ts";
import { NEW_KEY } from "./unsaved.ts";

/** The draft's triggers in a table: type, enabled (with a switch), linked function and last run. */
@customElement("rs-trigger-list")
export class RsTriggerList extends LitElement {
  @property({ attribute: false }) page!: TriggersPage;
  @property({ attribute: false }) api!: TriggersApi;
  @property() appId = "";
  @state() private error: string | undefined;
  @state() private busy = "";

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .bar { display: flex; gap: var(--rs-space-2); margin-bottom: var(--rs-space-3); }
      table { border-collapse: collapse; width: 100%; max-width: 72rem; }
      th, td { text-align: left; padding: var(--rs-space-2) var(--rs-space-3); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
      th { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); font-weight: 600; }
      td.name a { font-weight: 600; font-family: var(--rs-font-mono); }
      .status-ok { color: var(--rs-ok); }
      .status-error { color: var(--rs-danger); }
      .off { color: var(--rs-fg-muted); }
      .tag { font-size: var(--rs-text-sm); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: 0 var(--rs-space-1); margin-left: var(--rs-space-2); color: var(--rs-fg-muted); }
      .summary { display: block; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); font-family: var(--rs-font-mono); overflow-wrap: anywhere; }
      .empty { border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-4); color: var(--rs-fg-muted); max-width: 52rem; }
    `,
  ];

  override render() {
    const triggers = this.page.triggers;
    return html`
      <div class="bar"><a class="button primary" href=${href("triggers", NEW_KEY)}>Add a trigger</a></div>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${triggers.length === 0
        ? html`<p class="empty">This app has no triggers yet. Add one to run a function when users sign up, when documents change, or on a schedule.</p>`
        : html`<table>
            <caption class="visually-hidden">Triggers of the draft</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Enabled</th><th scope="col">Function</th><th scope="col">Last run</th></tr></thead>
            <tbody>${triggers.map((t) => this.row(t))}</tbody>
          </table>`}
    `;
  }

  private row(t: TriggerSummary) {
    return html`<tr>
      <td class="name"><a href=${href("triggers", t.name)}>${t.name}</a>${t.deployed ? nothing : html`<span class="tag">not deployed</span>`}</td>
      <td>${TYPE_LABELS[t.type]}${t.type === "SCHEDULED" ? html`<span class="summary">${String(t.file.config.schedule ?? "")}</span>` : nothing}</td>
      <td>
        <span class=${t.disabled ? "off" : ""}>${t.disabled ? "Disabled" : "Enabled"}</span>
        <button ?disabled=${this.busy === t.name} @click=${() => this.toggle(t)} aria-label=${`${t.disabled ? "Enable" : "Disable"} ${t.name}`}>
          ${t.disabled ? "Enable" : "Disable"}
        </button>
      </td>
      <td>${t.functionName ? html`<code>${t.functionName}</code>` : html`<span class="status-error">none linked</span>`}</td>
      <td>
        ${t.lastRun
          ? html`<span class=${`status-${t.lastRun.status}`}>${t.lastRun.status === "ok" ? "Succeeded" : "Failed"}</span>
              ${formatTime(t.lastRun.time, this.page.timeZone)} (${this.page.timeZone})${t.lastRun.summary.includes("(test event") ? ", a test event" : ""}`
          : html`<span class="off">Never run</span>`}
      </td>
    </tr>`;
  }

  private async toggle(t: TriggerSummary): Promise<void> {
    this.busy = t.name;
    this.error = undefined;
    try {
      await this.api.save(this.appId, t.name, { ...t.file, disabled: !t.disabled });
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
    } catch (error) {
      this.error = `${t.name} could not be ${t.disabled ? "enabled" : "disabled"}: ${(error as Error).message}`;
    } finally {
      this.busy = "";
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-trigger-list": RsTriggerList;
  }
}
