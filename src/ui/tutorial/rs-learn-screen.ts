import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { loadTutorial } from "../../tutorial/load.ts";
import { controls } from "../tokens.ts";
import { OPEN_STEP_EVENT, loadProgress, savePrefs, saveProgress, type OpenStepDetail } from "./tutorial-progress.ts";

/**
 * The deep link of a step, `#/learn/<tutorial>/<step>`: it records the step as the
 * tutorial's current one and the panel as open, tells an open panel, then replaces the
 * address with the step's own screen. The panel keeps the step, so a reload keeps both.
 */
@customElement("rs-learn-screen")
export class RsLearnScreen extends LitElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private problem: string | undefined;
  /** The params object last followed (the shell sets a new one for every visit of the link). */
  private handled: Record<string, string> | undefined;

  static override styles = [controls, css`:host { display: block; max-width: 40rem; }`];

  override willUpdate(): void {
    if (this.handled === this.params) return;
    this.handled = this.params;
    void this.follow(this.params.tutorial, this.params.step);
  }

  override render() {
    if (this.problem) {
      return html`<h1>Tutorial link</h1>
        <p class="notice error" role="alert">${this.problem}</p>
        <p><a href="#/">Go to the home screen</a>; the tutorial panel at the right lists every tutorial.</p>`;
    }
    return html`<p class="muted" role="status">Opening the tutorial step…</p>`;
  }

  private async follow(tutorialId: string, stepId: string | undefined): Promise<void> {
    this.problem = undefined;
    const { tutorial } = await loadTutorial(tutorialId);
    if (!tutorial) {
      this.problem = `This site has no tutorial called “${tutorialId}”. Check the link, or pick a tutorial from the list in the panel.`;
      return;
    }
    const progress = loadProgress(tutorialId);
    const step = stepId === undefined ? (tutorial.steps.find((s) => s.id === progress.current) ?? tutorial.steps[0]) : tutorial.steps.find((s) => s.id === stepId);
    if (!step) {
      this.problem = `The tutorial “${tutorial.manifest.title}” has no step called “${stepId}”. Its steps are: ${tutorial.steps.map((s) => s.id).join(", ")}.`;
      return;
    }
    saveProgress(tutorialId, { ...progress, current: step.id });
    savePrefs({ open: true, tutorial: tutorialId });
    window.dispatchEvent(new CustomEvent<OpenStepDetail>(OPEN_STEP_EVENT, { detail: { tutorial: tutorialId, step: step.id } }));
    // Replace, so Back returns to where the learner was rather than to this redirect.
    location.replace(`${location.pathname}${location.search}${step.meta.route}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-learn-screen": RsLearnScreen;
  }
}
