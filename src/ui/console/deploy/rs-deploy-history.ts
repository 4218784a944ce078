import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { Deployment } from "../../state/deployment-api.ts";
import { href } from "../../shell/links.ts";
import { changeSummary, deployedTime, originLabel, shortId } from "./history-labels.ts";

/**
 * The deployment history, newest first: when, how, what changed, and for each version its
 * diff, redeploy and export. Fires `redeploy-requested` and `export-requested` (detail: the entry).
 */
@customElement("rs-deploy-history")
export class RsDeployHistory extends LitElement {
  @property({ attribute: false }) history: Deployment[] = [];
  @property({ type: Boolean }) busy = false;
  /** Whether a folder can be written (the browser has a folder picker). */
  @property({ type: Boolean, attribute: "can-save-folder" }) canSaveFolder = false;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); }
      th, td { text-align: left; padding: var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: middle; }
      th { color: var(--rs-fg-muted); font-weight: 600; }
      code { font-size: var(--rs-text-sm); }
      .live { display: inline-block; margin-left: var(--rs-space-1); font-size: 0.75rem; border-radius: 999px; padding: 0 var(--rs-space-2); background: var(--rs-accent); color: var(--rs-accent-fg); font-weight: 600; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--rs-space-1); }
      .actions .button, .actions button { font-weight: 500; }
    `,
  ];

  override render() {
    if (this.history.length === 0) return html`<p class="muted">No deployment yet.</p>`;
    return html`<table>
      <caption class="visually-hidden">Deployment history, newest first</caption>
      <thead><tr><th scope="col">Version</th><th scope="col">Deployed</th><th scope="col">How</th><th scope="col">Changes</th><th scope="col">Actions</th></tr></thead>
      <tbody>
        ${this.history.map((entry, i) => {
          const name = `version ${shortId(entry._id)}`;
          return html`<tr>
            <th scope="row"><code>${shortId(entry._id)}</code>${i === 0 ? html`<span class="live">live</span>` : nothing}</th>
            <td>${deployedTime(entry)}</td>
            <td>${originLabel(entry.origin)}</td>
            <td>${changeSummary(entry)}</td>
            <td>
              <div class="actions">
                <a class="button" href=${href("deploy", entry._id)} aria-label=${`Changes of ${name}`}>Changes</a>
                ${i === 0 ? nothing : html`<button ?disabled=${this.busy} aria-label=${`Redeploy ${name}`} @click=${() => this.fire("redeploy-requested", entry)}>Redeploy</button>`}
                <button ?disabled=${this.busy} aria-label=${`Export ${name} as a .zip`} @click=${() => this.fire("export-requested", entry)}>Export .zip</button>
                ${this.canSaveFolder
                  ? html`<button ?disabled=${this.busy} aria-label=${`Save ${name} to a folder`} @click=${() => this.fire("folder-requested", entry)}>Save to folder…</button>`
                  : nothing}
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private fire(name: string, entry: Deployment): void {
    this.dispatchEvent(new CustomEvent(name, { detail: entry, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-deploy-history": RsDeployHistory;
  }
}
