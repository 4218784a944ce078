import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { ExplainAnswer } from "../state/graphql-api.ts";
import "./rs-graphql-explain.ts";
import { nullVerdict } from "./explain-verdict.ts";

/** What the playground asked Explain, and how it went. */
export interface ExplainState {
  operationName?: string;
  /** Who it ran as, for the heading. */
  who: string;
  /** A mutation waits for a confirmation: Explain runs it again, writes included. */
  confirmMutation?: boolean;
  running?: boolean;
  answer?: ExplainAnswer;
  failure?: string;
  /** Set when Explain was opened from a null's Why? (`["tasks", 0, "assignee"]`). */
  askedAbout?: (string | number)[];
}

/**
 * The playground's Explain panel: asks before running a mutation again, then shows the
 * report of what the resolvers asked the database and what the rules did
 * (`rs-graphql-explain`). Fires `explain-confirm` and `explain-cancel`.
 */
@customElement("rs-explain-panel")
export class RsExplainPanel extends LitElement {
  @property({ attribute: false }) explain: ExplainState | undefined;

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-2); font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text); margin: 0; }
      p { margin: 0; }
      .actions { display: flex; gap: var(--rs-space-2); flex-wrap: wrap; margin-top: var(--rs-space-2); }
      .muted { color: var(--rs-fg-muted); }
    `,
  ];

  override render() {
    const state = this.explain;
    if (!state) {
      return html`<p class="muted">
        Explain runs the chosen operation once more with a trace: for each field, the MongoDB calls its resolver made, the rules' filters and
        roles, how many documents storage read and how many the rules let through, and the time each step took. Press Explain to see it.
      </p>`;
    }
    const op = state.operationName ? html`<code>${state.operationName}</code>` : "the operation";
    return html`
      <h2>Explain of ${op} as ${state.who}</h2>
      ${state.askedAbout ? this.renderQuestion(state.askedAbout, state.answer) : nothing}
      ${state.confirmMutation
        ? html`<p class="notice warning" role="alert">
            Explain runs the mutation again, so its writes happen a second time.
            <span class="actions">
              <button class="primary" @click=${() => this.fire("explain-confirm")}>Run it again with Explain</button>
              <button @click=${() => this.fire("explain-cancel")}>Cancel</button>
            </span>
          </p>`
        : nothing}
      ${state.running ? html`<p class="muted" role="status">Explaining…</p>` : nothing}
      ${state.failure ? html`<p class="notice error" role="alert">${state.failure}</p>` : nothing}
      ${state.answer?.response.errors?.length
        ? html`<p class="notice warning">The operation answered with ${state.answer.response.errors.length} error(s): ${state.answer.response.errors.map((e) => e.message).join("; ")}</p>`
        : nothing}
      ${state.answer ? html`<rs-graphql-explain .report=${state.answer.report}></rs-graphql-explain>` : nothing}
    `;
  }

  private renderQuestion(path: (string | number)[], answer: ExplainAnswer | undefined) {
    const verdict = answer ? nullVerdict(answer.report, path) : undefined;
    return html`<p class="notice" role="status">
      Why is <code>${path.join(".")}</code> null?
      ${verdict ??
      (answer
        ? "Look below for the documents the rules withheld and the fields they hid; Why? beside one opens the rules' reasoning for that document. A null the rules did not cause is a value the document does not hold."
        : nothing)}
    </p>`;
  }

  private fire(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-explain-panel": RsExplainPanel;
  }
}
