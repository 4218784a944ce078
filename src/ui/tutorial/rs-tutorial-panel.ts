import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

import { loadCheck, loadTutorial, tutorialManifests } from "../../tutorial/load.ts";
import type { Tutorial, TutorialManifest } from "../../tutorial/types.ts";
import type { ConsoleStore } from "../state/console-store.ts";
import { storeContext } from "../state/context.ts";
import { controls } from "../tokens.ts";
import "./rs-app-step-offer.ts";
import "./rs-tutorial-chooser.ts";
import "./rs-tutorial-end.ts";
import "./rs-tutorial-step.ts";
import { isTypingTarget } from "./keys.ts";
import { TutorialSession } from "./tutorial-session.ts";
import { FIRST_TUTORIAL, OPEN_STEP_EVENT, loadPrefs, loadProgress, savePrefs, saveProgress, stepLink, type OpenStepDetail, type TutorialProgress } from "./tutorial-progress.ts";

/**
 * The tutorial beside the console: the list of tutorials, or one tutorial's current step
 * with its place in the tutorial, Previous/Next (also `[` and `]` outside text fields),
 * a check mark per step done, and the progress kept across reloads. Fires `collapse`.
 */
@customElement("rs-tutorial-panel")
export class RsTutorialPanel extends LitElement {
  @consume({ context: storeContext, subscribe: true }) store!: ConsoleStore;
  @state() private manifests: TutorialManifest[] = [];
  @state() private listProblems: string[] = [];
  @state() private session: TutorialSession | undefined;
  @state() private index = 0;
  @state() private progress: TutorialProgress = { done: [], current: undefined };
  @state() private loading: string | undefined;
  @state() private loadError: string | undefined;
  /** Shows the list of tutorials instead of the current step. */
  @state() private choosing = false;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);
  private readonly onOpenStep = (event: Event) => void this.openStep((event as CustomEvent<OpenStepDetail>).detail);

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; height: 100%; }
      header { padding: var(--rs-space-2) var(--rs-space-3); border-bottom: 1px solid var(--rs-border); display: flex; gap: var(--rs-space-2); align-items: center; }
      header .title { flex: 1; min-width: 0; font-size: var(--rs-text-sm); font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .scroll { flex: 1; overflow: auto; padding: var(--rs-space-3) var(--rs-space-4); }
      .counter { margin: 0; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); }
      h2 { font-size: var(--rs-text-lg); margin: var(--rs-space-1) 0 var(--rs-space-2); }
      .done-mark { color: var(--rs-ok); }
      nav.steps ol { list-style: none; display: flex; flex-wrap: wrap; gap: 2px; margin: var(--rs-space-2) 0 0; padding: 0; }
      nav.steps a { display: inline-flex; min-width: 1.75rem; height: 1.75rem; align-items: center; justify-content: center; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); font-size: var(--rs-text-sm); text-decoration: none; color: var(--rs-fg); }
      nav.steps a.done { border-color: var(--rs-ok); color: var(--rs-ok); }
      nav.steps a[aria-current="step"] { background: var(--rs-accent); border-color: var(--rs-accent); color: var(--rs-accent-fg); }
      footer { display: flex; justify-content: space-between; gap: var(--rs-space-2); padding: var(--rs-space-2) var(--rs-space-3); border-top: 1px solid var(--rs-border); }
      .permalink { font-size: var(--rs-text-sm); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("keydown", this.onKey);
    window.addEventListener(OPEN_STEP_EVENT, this.onOpenStep);
    const entries = tutorialManifests();
    // The tutorial a first visit opens comes first; the others follow in folder order.
    this.manifests = entries.flatMap((e) => (e.manifest ? [e.manifest] : [])).sort((a, b) => Number(b.id === FIRST_TUTORIAL) - Number(a.id === FIRST_TUTORIAL));
    this.listProblems = entries.filter((e) => !e.manifest).map((e) => `${e.folder}/tutorial.json could not be read, so that tutorial is not listed.`);
    const prefs = loadPrefs();
    // A course's own build (TUTORIALS_DIR) may not hold our first tutorial: a first visit then opens the course's first.
    const shown = prefs.tutorial === FIRST_TUTORIAL && !this.manifests.some((m) => m.id === FIRST_TUTORIAL) ? this.manifests[0]?.id : prefs.tutorial;
    if (shown) void this.open(shown, loadProgress(shown).current);
    else this.choosing = true;
  }

  override disconnectedCallback(): void {
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener(OPEN_STEP_EVENT, this.onOpenStep);
    super.disconnectedCallback();
  }

  override updated(changed: Map<string, unknown>): void {
    // The list and the step share one scrolling area: each starts at its top.
    if (changed.has("choosing") && changed.get("choosing") !== undefined) this.renderRoot.querySelector(".scroll")?.scrollTo({ top: 0 });
  }

  override render() {
    const tutorial = this.session?.tutorial;
    return html`
      <header>
        <span class="title" title=${this.choosing || !tutorial ? "Tutorials" : tutorial.manifest.title}>${this.choosing || !tutorial ? "Tutorials" : tutorial.manifest.title}</span>
        ${this.choosing
          ? tutorial
            ? html`<button @click=${() => (this.choosing = false)}>Back to the step</button>`
            : nothing
          : html`<button @click=${() => (this.choosing = true)}>All tutorials</button>`}
        <button title="Hide the tutorial (the bar at the right brings it back)" aria-label="Hide the tutorial" @click=${this.collapse}>Hide ⟩</button>
      </header>
      <div class="scroll">${this.renderBody()}</div>
      ${!this.choosing && tutorial ? this.renderFooter(tutorial) : nothing}
    `;
  }

  private renderBody() {
    if (this.choosing) return html`<rs-tutorial-chooser .tutorials=${this.manifests} .problems=${this.listProblems} @choose=${(e: CustomEvent<string>) => void this.open(e.detail, loadProgress(e.detail).current)}></rs-tutorial-chooser>`;
    if (this.loadError) return html`<p class="notice error" role="alert">${this.loadError}</p><button @click=${() => (this.choosing = true)}>Show all tutorials</button>`;
    const session = this.session;
    if (!session || this.loading) return html`<p class="muted" role="status">${this.loading ?? "Loading the tutorial…"}</p>`;
    const steps = session.tutorial.steps;
    const step = steps[this.index];
    const done = this.progress.done.includes(step.id);
    return html`
      <p class="counter">Step ${this.index + 1} of ${steps.length}</p>
      <p class="visually-hidden" aria-live="polite">${`Step ${this.index + 1} of ${steps.length}: ${step.meta.title}`}</p>
      <h2 id="step-title">${step.meta.title}${done ? html` <span class="done-mark" role="img" aria-label="(done)">✓</span>` : nothing}</h2>
      ${this.renderStepList(session.tutorial)}
      <rs-app-step-offer .session=${session} .index=${this.index} @app-changed=${this.appChanged}></rs-app-step-offer>
      <rs-tutorial-step
        .session=${session}
        .index=${this.index}
        .done=${done}
        @step-checked=${this.stepChecked}
        @step-reset=${this.stepReset}
        @app-changed=${this.appChanged}
      ></rs-tutorial-step>
      ${this.index === steps.length - 1 && done ? html`<rs-tutorial-end .manifest=${session.tutorial.manifest} .next=${this.nextTutorial(session.tutorial.manifest.id)} @choose-another=${this.chooseAnother}></rs-tutorial-end>` : nothing}
      <p class="permalink"><a href=${stepLink(session.tutorial.manifest.id, step.id)}>Link to this step</a></p>
    `;
  }

  /**
   * A numbered link per step, marked when done, so any step is one click away. The step's
   * title is its description (title attribute), not its name, so that names like "Schema"
   * or "Data" stay unique to the console's navigation.
   */
  private renderStepList(tutorial: Tutorial) {
    return html`<nav class="steps" aria-label="Steps">
      <ol>
        ${tutorial.steps.map((s, i) => {
          const done = this.progress.done.includes(s.id);
          return html`<li>
            <a
              href=${stepLink(tutorial.manifest.id, s.id)}
              class=${done ? "done" : ""}
              aria-current=${i === this.index ? "step" : nothing}
              aria-label=${`Step ${i + 1}${done ? ", done" : ""}`}
              title=${`${s.meta.title}${done ? " (done)" : ""}`}
            >${done ? "✓" : i + 1}</a>
          </li>`;
        })}
      </ol>
    </nav>`;
  }

  private renderFooter(tutorial: Tutorial) {
    const last = tutorial.steps.length - 1;
    return html`<footer>
      <button ?disabled=${this.index === 0} title="Previous step ([)" aria-keyshortcuts="[" @click=${() => this.go(this.index - 1)}>← Previous step</button>
      <button class="primary" ?disabled=${this.index === last} title="Next step (])" aria-keyshortcuts="]" @click=${() => this.go(this.index + 1)}>Next step →</button>
    </footer>`;
  }

  /** The tutorial after `id` in the list, if any. */
  private nextTutorial(id: string): TutorialManifest | undefined {
    const at = this.manifests.findIndex((m) => m.id === id);
    return at >= 0 ? this.manifests[at + 1] : undefined;
  }

  private chooseAnother(event: CustomEvent<string | undefined>): void {
    if (event.detail) void this.open(event.detail, loadProgress(event.detail).current);
    else this.choosing = true;
  }

  /** Opens a tutorial on `stepId` (or its first step), remembering it as the one shown. */
  private async open(tutorialId: string, stepId: string | undefined): Promise<void> {
    this.choosing = false;
    this.loadError = undefined;
    savePrefs({ tutorial: tutorialId });
    if (this.session?.tutorial.manifest.id !== tutorialId) {
      this.loading = "Loading the tutorial…";
      const { tutorial, problems } = await loadTutorial(tutorialId);
      this.loading = undefined;
      if (!tutorial) {
        this.session = undefined;
        this.loadError = `The tutorial ${tutorialId} could not be loaded: ${problems.join("; ") || "it is not part of this site"}. Choose another one.`;
        return;
      }
      this.session = new TutorialSession(this.store, tutorial, loadCheck);
    }
    this.progress = loadProgress(tutorialId);
    const steps = this.session!.tutorial.steps;
    const found = steps.findIndex((s) => s.id === stepId);
    this.setIndex(found >= 0 ? found : 0);
  }

  private async openStep(detail: OpenStepDetail): Promise<void> {
    await this.open(detail.tutorial, detail.step);
  }

  private go(index: number): void {
    const steps = this.session?.tutorial.steps;
    if (!steps || index < 0 || index >= steps.length) return;
    this.setIndex(index);
    // The step's screen opens with it, as a deep link would.
    location.hash = steps[index].meta.route;
  }

  private setIndex(index: number): void {
    const session = this.session;
    if (!session) return;
    this.index = index;
    this.progress = { ...this.progress, current: session.tutorial.steps[index].id };
    saveProgress(session.tutorial.manifest.id, this.progress);
    this.renderRoot.querySelector<HTMLElement>(".scroll")?.scrollTo({ top: 0 });
  }

  private stepChecked(event: CustomEvent<{ index: number; ok: boolean }>): void {
    const session = this.session;
    if (!session) return;
    const id = session.tutorial.steps[event.detail.index].id;
    const done = new Set(this.progress.done);
    if (event.detail.ok) done.add(id);
    else done.delete(id);
    this.progress = { ...this.progress, done: [...done] };
    saveProgress(session.tutorial.manifest.id, this.progress);
    this.refreshOffer();
  }

  private stepReset(event: CustomEvent<{ index: number }>): void {
    const session = this.session;
    if (!session) return;
    // The draft went back to this step's start: this step and the later ones are not done in it any more.
    const later = new Set(session.tutorial.steps.slice(event.detail.index).map((s) => s.id));
    this.progress = { ...this.progress, done: this.progress.done.filter((id) => !later.has(id)) };
    saveProgress(session.tutorial.manifest.id, this.progress);
  }

  private appChanged(): void {
    this.refreshOffer();
  }

  private refreshOffer(): void {
    this.renderRoot.querySelector("rs-app-step-offer")?.refresh();
  }

  private collapse(): void {
    this.dispatchEvent(new CustomEvent("collapse", { bubbles: true, composed: true }));
  }

  /** `[` and `]` step back and forth, except while typing in a field or an editor. */
  private key(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.choosing || !this.session) return;
    if (event.key !== "[" && event.key !== "]") return;
    if (isTypingTarget(event)) return;
    event.preventDefault();
    this.go(this.index + (event.key === "]" ? 1 : -1));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-panel": RsTutorialPanel;
  }
}
