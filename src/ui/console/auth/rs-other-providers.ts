import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { AuthProviderConfig } from "../../../config/types.ts";
import { PROVIDER_LABELS, RUN_PROVIDER_TYPES } from "./auth-model.ts";
import { authStyles } from "./auth-styles.ts";

/**
 * Providers of auth/providers.json the sandbox keeps but does not run (anonymous, API
 * keys, OAuth, custom JWT or function, mostly from imported apps): shown with their
 * settings, which stay in the app and are exported again unchanged.
 */
@customElement("rs-other-providers")
export class RsOtherProviders extends LitElement {
  @property({ attribute: false }) providers: AuthProviderConfig[] = [];

  static override styles = [
    controls,
    authStyles,
    css`
      :host { display: block; }
      ul { list-style: none; margin: var(--rs-space-2) 0 0; padding: 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
      li { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2) var(--rs-space-3); }
      .head { display: flex; gap: var(--rs-space-2); align-items: baseline; flex-wrap: wrap; }
      .badge { font-size: var(--rs-text-sm); font-weight: 600; padding: 0 var(--rs-space-2); border-radius: 999px; border: 1px solid currentColor; color: var(--rs-warning); }
      .badge.off { color: var(--rs-fg-muted); }
      pre { margin: var(--rs-space-2) 0 0; white-space: pre-wrap; word-break: break-all; background: var(--rs-bg-subtle); padding: var(--rs-space-2); border-radius: var(--rs-radius); }
      summary { cursor: pointer; font-size: var(--rs-text-sm); margin-top: var(--rs-space-1); }
    `,
  ];

  override render() {
    const others = this.providers.filter((p) => !RUN_PROVIDER_TYPES.includes(p.type));
    if (others.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="others-title">
      <h2 id="others-title">Other providers</h2>
      <p class="muted">
        This app also has these providers. The sandbox keeps them and exports them again unchanged, but does not run them: nobody can log in with
        them here. Use Email/Password to try the app.
      </p>
      <ul>
        ${others.map((p) => {
          const { name, type, disabled, ...rest } = p;
          const label = PROVIDER_LABELS[type] ?? type;
          return html`<li aria-label=${`${label} (${name})`}>
            <div class="head">
              <strong>${label}</strong> <code>${name}</code>
              <span class="badge ${disabled ? "off" : ""}">${disabled ? "Disabled" : "Kept, not run here"}</span>
            </div>
            ${Object.keys(rest).length > 0
              ? html`<details>
                  <summary>Settings of ${name}</summary>
                  <pre>${JSON.stringify(rest, null, 2)}</pre>
                </details>`
              : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-other-providers": RsOtherProviders;
  }
}
