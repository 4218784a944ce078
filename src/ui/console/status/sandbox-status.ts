import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { ServiceWorkerStatus } from "../../../sw/register.ts";
import type { BackendStatus, Problem, Role } from "../../../worker/protocol.ts";
import { controls } from "../../tokens.ts";
import "./sandbox-actions.ts";

/** Everything the status view shows; the page fills it from the backend and the browser. */
export interface StatusModel {
  /** Undefined until the backend first answers. */
  backend?: BackendStatus;
  role?: Role;
  serviceWorker?: ServiceWorkerStatus;
  storage?: { usage?: number; quota?: number; persisted?: boolean };
  /** The outcome of the last export, import or reset. */
  notice?: { kind: "ok" | "error"; text: string };
  busy?: boolean;
}

/** A minimal view of the backend: ready or not, app, deployed version, storage, service worker, collections. */
@customElement("sandbox-status")
export class SandboxStatusElement extends LitElement {
  @property({ attribute: false }) model: StatusModel = {};

  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 52rem; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-3); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--rs-space-1) var(--rs-space-4); }
      dt { font-weight: 600; }
      dd { margin: 0; }
      .failed, .error { color: var(--rs-danger); }
      .ok { color: var(--rs-ok); }
      .problems { list-style: none; padding: 0; }
      .problems li { border-left: 4px solid var(--rs-warning); padding: var(--rs-space-2) var(--rs-space-3); margin: var(--rs-space-2) 0; background: var(--rs-warning-subtle); }
      table { border-collapse: collapse; margin-top: var(--rs-space-2); }
      td, th { padding: var(--rs-space-1) var(--rs-space-3) var(--rs-space-1) 0; text-align: left; }
      td.count { text-align: right; font-variant-numeric: tabular-nums; }
    `,
  ];

  override render() {
    const { backend, role, serviceWorker, storage, notice, busy } = this.model;
    const state = backend?.state ?? "starting";
    const problems: Problem[] = [...(backend?.problems ?? [])];
    if (serviceWorker?.message) problems.push({ kind: "service-worker", message: serviceWorker.message });
    return html`
      <h1>Sandbox status</h1>
      ${problems.length
        ? html`<ul class="problems" role="alert" data-testid="problems">
            ${problems.map((p) => html`<li data-kind=${p.kind}>${p.message}</li>`)}
          </ul>`
        : nothing}
      <dl>
        <dt>Backend</dt>
        <dd class=${state} data-testid="backend-state">${state}${role ? html` <small>(${role === "leader" ? "served by this tab" : "served by another tab"})</small>` : nothing}</dd>
        <dt>App ID</dt>
        <dd data-testid="app-id">${backend?.appId ?? "—"}</dd>
        <dt>Deployed version</dt>
        <dd data-testid="deployment">${backend?.deployment ? html`${backend.deployment.id} (${new Date(backend.deployment.deployedAt * 1000).toLocaleString()}, ${backend.deployment.origin})` : "—"}</dd>
        <dt>Storage used</dt>
        <dd data-testid="storage">${backend?.storage === "memory" ? "in memory only (not kept)" : formatStorage(storage)}</dd>
        <dt>Service worker</dt>
        <dd data-testid="sw-state">${formatServiceWorker(serviceWorker)}</dd>
      </dl>
      <sandbox-actions .busy=${Boolean(busy) || state === "starting"} .canExport=${state === "ready"}></sandbox-actions>
      ${notice ? html`<p class=${notice.kind} role="status" data-testid="notice">${notice.text}</p>` : nothing}
      <table aria-label="Collections" data-testid="collections">
        <thead><tr><th>Collection</th><th>Documents</th></tr></thead>
        <tbody>
          ${(backend?.collections ?? []).map(
            (c) => html`<tr data-namespace=${c.namespace}><td>${c.namespace}</td><td class="count">${c.count}</td></tr>`,
          )}
          ${backend?.state === "ready" && backend.collections.length === 0 ? html`<tr><td colspan="2"><em>No collections yet</em></td></tr>` : nothing}
        </tbody>
      </table>
    `;
  }
}

function formatStorage(storage: StatusModel["storage"]): string {
  if (!storage || storage.usage === undefined) return "—";
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const quota = storage.quota ? ` of ${mb(storage.quota)}` : "";
  const persisted = storage.persisted ? " (persistent)" : " (the browser may clear it when space runs low)";
  return `${mb(storage.usage)}${quota}${persisted}`;
}

function formatServiceWorker(sw: ServiceWorkerStatus | undefined): string {
  if (!sw) return "—";
  if (sw.state === "failed" || sw.state === "unsupported") return sw.state === "failed" ? "failed" : "unavailable";
  const control = sw.controlling ? "controlling this page" : "not yet controlling this page";
  const update = sw.updated ? "; a newer version took over: reload to use it" : "";
  return `${sw.state}, ${control}${update}`;
}

declare global {
  interface HTMLElementTagNameMap {
    "sandbox-status": SandboxStatusElement;
  }
}
