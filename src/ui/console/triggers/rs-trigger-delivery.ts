import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";

/**
 * How a database trigger's events are delivered, as App Services offered it under
 * "Advanced": event ordering (`unordered`), skipping events on re-enable
 * (`skip_catchup_events`) and maximum throughput (`maximum_throughput`). Says what the
 * sandbox does with each. Fires `config-changed` (detail: the keys to set in `config`).
 */
@customElement("rs-trigger-delivery")
export class RsTriggerDelivery extends LitElement {
  /** The trigger's `config`. */
  @property({ attribute: false }) config: Record<string, unknown> = {};

  static override styles = [
    controls,
    css`
      :host { display: block; }
      fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
      legend { font-weight: 600; padding: 0; margin-bottom: var(--rs-space-1); }
      .check { display: inline-flex; gap: var(--rs-space-1); align-items: center; font-weight: normal; }
      .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-1); max-width: 44rem; }
    `,
  ];

  override render() {
    const c = this.config;
    return html`<fieldset>
      <legend>Delivery</legend>
      <label class="check">
        <input type="checkbox" aria-describedby="ordered-help" .checked=${c.unordered !== true} @change=${(e: Event) => this.set({ unordered: !this.checked(e) })} />
        Run events in order
      </label>
      <p class="help" id="ordered-help">
        In order, each run waits for the one before, so the function sees changes in the order they happened; a burst of changes then queues up.
        Out of order, runs start at once and side by side: faster under load, but a later change may be handled first.
      </p>
      <label class="check">
        <input type="checkbox" aria-describedby="skip-help" .checked=${c.skip_catchup_events === true} @change=${(e: Event) => this.set({ skip_catchup_events: this.checked(e) })} />
        Skip events on re-enable
      </label>
      <p class="help" id="skip-help">
        In App Services, a trigger enabled again first handled the changes made while it was off, unless this was on. Here a disabled trigger
        misses those changes either way: the setting is kept with the trigger for App Services.
      </p>
      <label class="check">
        <input type="checkbox" aria-describedby="throughput-help" .checked=${c.maximum_throughput === true} @change=${(e: Event) => this.set({ maximum_throughput: this.checked(e) })} />
        Maximum throughput
      </label>
      <p class="help" id="throughput-help">
        In App Services, this let the trigger run more events at once than the usual limit, on a dedicated cluster. The sandbox runs every trigger
        the same way; the setting is kept with the trigger.
      </p>
    </fieldset>`;
  }

  private checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  private set(changes: Record<string, boolean>): void {
    this.dispatchEvent(new CustomEvent("config-changed", { detail: changes }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-trigger-delivery": RsTriggerDelivery;
  }
}
