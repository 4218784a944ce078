import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

/** What the status view shows about the running backend. */
export interface SandboxStatus {
  state: "starting" | "ready" | "failed";
  appId?: string;
  deployment?: { id: string; deployedAt: number };
  collections?: { namespace: string; count: number }[];
  storage?: { usage?: number; quota?: number; persisted?: boolean };
  serviceWorker?: string;
  error?: string;
}

/** A minimal view of the backend: ready or not, app, deployed version, storage and collections. */
@customElement("sandbox-status")
export class SandboxStatusElement extends LitElement {
  @property({ attribute: false }) status: SandboxStatus = { state: "starting" };

  static override styles = css`
    :host { display: block; padding: 1rem 1.5rem; max-width: 48rem; }
    h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
    dt { font-weight: 600; }
    .failed { color: #b00020; }
    table { border-collapse: collapse; margin-top: 0.5rem; }
    td, th { padding: 0.2rem 0.75rem 0.2rem 0; text-align: left; }
    td.count { text-align: right; font-variant-numeric: tabular-nums; }
  `;

  override render() {
    const s = this.status;
    return html`
      <h1>Realm Sandbox</h1>
      <dl>
        <dt>Backend</dt>
        <dd class=${s.state} data-testid="backend-state">${s.state}${s.error ? html`: ${s.error}` : ""}</dd>
        <dt>App ID</dt>
        <dd data-testid="app-id">${s.appId ?? "—"}</dd>
        <dt>Deployed version</dt>
        <dd>${s.deployment ? html`${s.deployment.id} (${new Date(s.deployment.deployedAt * 1000).toLocaleString()})` : "—"}</dd>
        <dt>Storage used</dt>
        <dd>${formatStorage(s.storage)}</dd>
        <dt>Service worker</dt>
        <dd data-testid="sw-state">${s.serviceWorker ?? "—"}</dd>
      </dl>
      <table aria-label="Collections">
        <thead><tr><th>Collection</th><th>Documents</th></tr></thead>
        <tbody>
          ${(s.collections ?? []).map(
            (c) => html`<tr><td>${c.namespace}</td><td class="count">${c.count}</td></tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

function formatStorage(storage: SandboxStatus["storage"]): string {
  if (!storage || storage.usage === undefined) return "—";
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const quota = storage.quota ? ` of ${mb(storage.quota)}` : "";
  return `${mb(storage.usage)}${quota}${storage.persisted ? " (persistent)" : ""}`;
}

declare global {
  interface HTMLElementTagNameMap {
    "sandbox-status": SandboxStatusElement;
  }
}
