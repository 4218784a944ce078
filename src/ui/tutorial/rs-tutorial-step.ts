import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import type { CheckResult, TutorialStep } from "../../tutorial/types.ts";
import { ConsoleApiError } from "../state/console-api.ts";
import { matchScreen } from "../shell/routes.ts";
import { controls } from "../tokens.ts";
import { renderInline, renderMarkdown } from "./markdown.ts";
import "./rs-step-solution.ts";
import type { SolutionFile } from "./rs-step-solution.ts";
import "./rs-step-values.ts";
import "./rs-tutorial-confirm.ts";
import type { RsTutorialConfirm } from "./rs-tutorial-confirm.ts";
import { solutionFiles, type TutorialSession } from "./tutorial-session.ts";
import { proseStyles } from "./prose-styles.ts";

/** The link text for a step's screen: its title, and the collection or item it opens. */
export function screenLabel(route: string): string {
  const match = matchScreen(route.replace(/^#/, "").split("?")[0]);
  const detail = Object.values(match.params).join(".");
  return `Open ${match.route.title}${detail ? ` (${detail})` : ""}`;
}

/** What the last action said, announced in the live region. */
type Outcome = { kind: "checked"; result: CheckResult } | { kind: "info"; text: string } | { kind: "error"; text: string };

/**
 * One step of a tutorial: where it happens, the prose, the values to enter, hints one at a
 * time, Check my work, the solution as a diff, and — each only after a confirmation —
 * applying the solution or resetting the step. Fires `step-checked` (detail: {index, ok})
 * and `app-changed` after it wrote to the draft.
 */
@customElement("rs-tutorial-step")
export class RsTutorialStep extends LitElement {
  @property({ attribute: false }) session!: TutorialSession;
  @property({ type: Number }) index = 0;
  @property({ type: Boolean }) done = false;
  @state() private hints = 0;
  @state() private busy: string | undefined;
  @state() private outcome: Outcome | undefined;
  @state() private solution: SolutionFile[] | undefined;
  @query("rs-tutorial-confirm") private confirmDialog!: RsTutorialConfirm;

  static override styles = [
    controls,
    proseStyles,
    css`
      :host { display: block; }
      .where { margin: var(--rs-space-2) 0; }
      .hints ol { padding-left: var(--rs-space-6); margin: var(--rs-space-1) 0; }
      .hints li { margin-bottom: var(--rs-space-1); }
      .actions { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); margin: var(--rs-space-3) 0; }
      .result { margin: var(--rs-space-2) 0; }
      .result:empty { display: none; }
      .result ul { margin: var(--rs-space-1) 0 0; padding-left: var(--rs-space-6); }
      .result p { margin: 0; }
      .ok-text { color: var(--rs-ok); font-weight: 600; }
      h3.section { font-size: var(--rs-text); margin: var(--rs-space-4) 0 var(--rs-space-1); }
    `,
  ];

  private get step(): TutorialStep {
    return this.session.tutorial.steps[this.index];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // Another step (or tutorial) starts with its hints hidden and nothing announced.
    if (changed.has("index") || changed.has("session")) {
      this.hints = 0;
      this.outcome = undefined;
      this.solution = undefined;
    }
  }

  override render() {
    const step = this.step;
    const hints = step.meta.hints;
    const hasSolution = Object.keys(solutionFiles(step)).length > 0;
    return html`
      <p class="where"><a class="button primary" href=${step.meta.route}>${screenLabel(step.meta.route)}</a></p>
      <div class="prose">${renderMarkdown(step.body)}</div>
      <rs-step-values .values=${step.meta.values} .solution=${step.solution}></rs-step-values>

      ${hints.length
        ? html`<section class="hints" aria-labelledby="hints-title">
            <h3 class="section" id="hints-title">Hints</h3>
            ${this.hints ? html`<ol>${hints.slice(0, this.hints).map((hint) => html`<li>${renderInline(hint)}</li>`)}</ol>` : nothing}
            ${this.hints < hints.length
              ? html`<button @click=${this.showHint}>${this.hints === 0 ? "Show a hint" : "Show the next hint"}</button>
                  <span class="muted">${this.hints} of ${hints.length} shown</span>`
              : html`<p class="muted">That was the last hint. Show solution compares your work with the answer.</p>`}
          </section>`
        : nothing}

      <div class="actions" role="group" aria-label="Your work">
        <button class="primary" ?disabled=${!!this.busy} @click=${this.check}>Check my work</button>
        ${hasSolution
          ? html`<button ?disabled=${!!this.busy} aria-expanded=${this.solution ? "true" : "false"} @click=${this.toggleSolution}>${this.solution ? "Hide solution" : "Show solution"}</button>
              <button ?disabled=${!!this.busy} @click=${this.applySolution}>Apply solution…</button>`
          : nothing}
        ${this.index > 0 ? html`<button class="danger" ?disabled=${!!this.busy} @click=${this.reset}>Reset this step…</button>` : nothing}
      </div>
      <div class="result" role="status" aria-live="polite" aria-label="Result of your work">${this.renderOutcome()}</div>
      ${this.solution ? html`<rs-step-solution .files=${this.solution}></rs-step-solution>` : nothing}
      <rs-tutorial-confirm></rs-tutorial-confirm>
    `;
  }

  private renderOutcome() {
    if (this.busy) return html`<p class="muted">${this.busy}</p>`;
    const o = this.outcome;
    if (!o) return nothing;
    if (o.kind === "info") return html`<p class="notice">${o.text}</p>`;
    if (o.kind === "error") return html`<p class="notice error">${o.text}</p>`;
    if (o.result.ok) return html`<p class="notice ok"><span class="ok-text">✓ Done.</span> This step is complete${this.isLast ? "" : "; go on with Next step"}.</p>`;
    return html`<div class="notice warning">
      <p>Not yet. ${o.result.problems.length === 1 ? "One thing is" : `${o.result.problems.length} things are`} missing or different:</p>
      <ul>${o.result.problems.map((p) => html`<li>${renderInline(p)}</li>`)}</ul>
    </div>`;
  }

  private get isLast(): boolean {
    return this.index === this.session.tutorial.steps.length - 1;
  }

  private showHint(): void {
    this.hints = Math.min(this.step.meta.hints.length, this.hints + 1);
  }

  /** Runs the step's check and announces what it found. */
  async check(): Promise<void> {
    await this.run("Checking your work…", async () => {
      const result = await this.session.check(this.index);
      this.outcome = { kind: "checked", result };
      void this.revealResult();
      this.dispatchEvent(new CustomEvent("step-checked", { detail: { index: this.index, ok: result.ok }, bubbles: true, composed: true }));
    });
  }

  /** Brings the answer into view in the narrow panel (it is also announced). */
  private async revealResult(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector(".result")?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  private async toggleSolution(): Promise<void> {
    if (this.solution) {
      this.solution = undefined;
      return;
    }
    await this.run("Reading your draft…", async () => {
      this.solution = await this.session.learnerFiles(this.index);
    });
  }

  private async applySolution(): Promise<void> {
    const files = Object.keys(solutionFiles(this.step)).sort();
    const ok = await this.confirmDialog.ask({
      title: "Apply the solution?",
      message: `These files of the draft of ${this.session.appId} will be overwritten with the solution of “${this.step.meta.title}”. What you typed in them is replaced; other files stay as they are.`,
      items: files,
      confirm: "Overwrite these files",
    });
    if (!ok) return;
    await this.run("Applying the solution…", async () => {
      await this.session.applySolution(this.index);
      this.changed();
      if (this.solution) this.solution = await this.session.learnerFiles(this.index);
    });
    if (this.outcome?.kind !== "error") await this.check();
  }

  private async reset(): Promise<void> {
    const ok = await this.confirmDialog.ask({
      title: "Reset this step?",
      message: `The whole draft of ${this.session.appId} goes back to how the app is at the start of “${this.step.meta.title}”: every change you made since, in this step or elsewhere, is replaced. A copy of your current draft is kept in this browser, and Restore my draft in this panel brings it back.`,
      confirm: "Reset the draft",
    });
    if (!ok) return;
    await this.run("Resetting the step…", async () => {
      await this.session.bringToStart(this.index);
      this.changed();
      this.outcome = { kind: "info", text: "The draft is back at the start of this step." };
      this.dispatchEvent(new CustomEvent("step-reset", { detail: { index: this.index }, bubbles: true, composed: true }));
    });
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent("app-changed", { bubbles: true, composed: true }));
  }

  /** Runs an action with its progress shown; failures say what happened and what to do. */
  private async run(progress: string, action: () => Promise<void>): Promise<void> {
    this.busy = progress;
    this.outcome = undefined;
    try {
      await action();
    } catch (error) {
      const detail =
        error instanceof ConsoleApiError
          ? `${error.message}${error.problems.length ? `: ${error.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}` : ""} (${error.code})`
          : (error as Error).message;
      this.outcome = { kind: "error", text: `That did not work: ${detail}. Nothing was changed; reload the page and try again.` };
    } finally {
      this.busy = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-step": RsTutorialStep;
  }
}
