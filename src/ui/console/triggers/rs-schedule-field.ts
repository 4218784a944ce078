import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import type { ScheduleAnswer, TriggersApi } from "../../state/triggers-api.ts";
import { controls } from "../../tokens.ts";
import { formatTime } from "./times.ts";

const PRESETS: { label: string; schedule: string }[] = [
  { label: "Every minute", schedule: "* * * * *" },
  { label: "Every hour", schedule: "0 * * * *" },
  { label: "Every day at 03:00 UTC", schedule: "0 3 * * *" },
  { label: "Mondays at 09:00 UTC", schedule: "0 9 * * MON" },
];

/**
 * A scheduled trigger's CRON expression with its next five runs, asked of the backend as
 * you type (the same parser deploy uses, so its message is deploy's). Fires
 * `value-changed` with the text.
 */
@customElement("rs-schedule-field")
export class RsScheduleField extends LitElement {
  @property() value = "";
  @property() appId = "";
  @property({ attribute: false }) api!: TriggersApi;
  /** What saving said about the schedule, shown until the text changes. */
  @property() problem = "";
  @state() private answer: ScheduleAnswer | undefined;
  @state() private asked = "";
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      label { font-weight: 600; display: block; margin-bottom: var(--rs-space-1); }
      input { font-family: var(--rs-font-mono); width: 16rem; }
      .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: var(--rs-space-1) 0; max-width: 44rem; }
      .presets { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); margin: var(--rs-space-2) 0; }
      .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: var(--rs-space-1) 0; }
      h4 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); }
      ol { margin: 0; padding-left: var(--rs-space-6); font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("value") || changed.has("appId")) && this.value !== this.asked) this.ask();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const problem = this.answer?.problem ?? this.problem;
    const zone = this.answer?.timeZone ?? "UTC";
    return html`
      <label for="cron">CRON schedule</label>
      <input
        id="cron"
        .value=${this.value}
        aria-invalid=${problem ? "true" : "false"}
        aria-describedby="cron-help cron-problem"
        spellcheck="false"
        @input=${(e: Event) => this.changeTo((e.target as HTMLInputElement).value)}
      />
      <p class="help" id="cron-help">
        Five fields separated by spaces: minute (0-59), hour (0-23), day of the month (1-31), month (1-12 or JAN-DEC) and day of the week
        (0-6 or SUN-SAT). <code>*</code> means every value, <code>*/15</code> every 15th, <code>1-5</code> a range. The schedule runs in UTC.
      </p>
      <div class="presets" role="group" aria-label="Common schedules">
        ${PRESETS.map((p) => html`<button type="button" @click=${() => this.changeTo(p.schedule)}>${p.label}</button>`)}
      </div>
      <p class="problem" id="cron-problem" role=${problem ? "alert" : nothing}>${problem ? `Deploy would refuse this schedule: ${problem}` : ""}</p>
      ${this.answer && !this.answer.problem
        ? html`<h4 id="runs-heading">Next five runs (times in ${zone})</h4>
            ${this.answer.runs.length === 0
              ? html`<p class="muted">This schedule names no date that comes round (such as 31 February), so it never runs.</p>`
              : html`<ol aria-labelledby="runs-heading">${this.answer.runs.map((t) => html`<li>${formatTime(t, zone)}</li>`)}</ol>`}`
        : nothing}
    `;
  }

  private changeTo(text: string): void {
    this.value = text;
    this.problem = "";
    this.dispatchEvent(new CustomEvent("value-changed", { detail: text, bubbles: true, composed: true }));
  }

  /** Asks shortly after typing stops, so each key does not cost a round trip. */
  private ask(): void {
    clearTimeout(this.timer);
    const text = this.value;
    this.asked = text;
    this.timer = setTimeout(async () => {
      if (!this.api || !this.appId) return;
      try {
        const answer = await this.api.nextRuns(this.appId, text);
        if (this.value === text) this.answer = answer;
      } catch (error) {
        this.answer = { runs: [], timeZone: "UTC", problem: `the next runs could not be worked out (${(error as Error).message})` };
      }
    }, 250);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-schedule-field": RsScheduleField;
  }
}
