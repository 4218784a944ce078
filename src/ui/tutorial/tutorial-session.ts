/**
 * What the panel does to the sandbox for a tutorial: run a step's check on the draft or
 * the live app, find the step the app is at, write a step's solution, and bring the app
 * to a step's starting state (keeping a copy of the learner's draft first).
 */
import { filesAtStart } from "../../tutorial/state-at.ts";
import type { AppFileMap, CheckResult, StepCheck, Tutorial, TutorialStep } from "../../tutorial/types.ts";
import type { ConsoleStore } from "../state/console-store.ts";
import { APP_CONFIG, TutorialApi } from "../state/tutorial-api.ts";
import { saveBackup } from "./tutorial-progress.ts";

/** The files a step's solution writes, without the app's own identity (realm_config.json). */
export function solutionFiles(step: TutorialStep): AppFileMap {
  const files = { ...step.solution };
  delete files[APP_CONFIG];
  return files;
}

export class TutorialSession {
  readonly api: TutorialApi;

  constructor(
    readonly store: ConsoleStore,
    readonly tutorial: Tutorial,
    /** A step's check by tutorial and step folder (the page loads it through Vite, tests from disk). */
    private readonly loadCheck: (tutorial: string, step: string) => Promise<StepCheck | undefined>,
  ) {
    this.api = new TutorialApi(store.api);
  }

  get appId(): string {
    return this.store.state.appId;
  }

  /** Runs step `index`'s check on the sandbox as it is now. */
  async check(index: number): Promise<CheckResult> {
    const step = this.tutorial.steps[index];
    const check = await this.loadCheck(this.tutorial.manifest.id, step.folder);
    if (!check) return { ok: false, problems: [`This step has no check (${step.folder}/check.ts is missing).`] };
    const snapshot = await this.api.snapshot(this.appId, step.meta.target === "deployed");
    return check(snapshot);
  }

  /** The first step whose check fails: where the app is. All done answers the step count. */
  async appStep(): Promise<number> {
    const steps = this.tutorial.steps;
    const needsDeployed = steps.some((s) => s.meta.target === "deployed");
    const snapshot = await this.api.snapshot(this.appId, needsDeployed);
    const checks = await Promise.all(steps.map((s) => this.loadCheck(this.tutorial.manifest.id, s.folder)));
    for (let i = 0; i < steps.length; i++) {
      const check = checks[i];
      if (!check || !check(snapshot).ok) return i;
    }
    return steps.length;
  }

  /**
   * Whether the current app is not the one step `index` works on: the step brings an app of
   * its own (its start/ files) and the draft lacks some of those files.
   */
  async isOtherApp(index: number): Promise<boolean> {
    const start = this.tutorial.steps[index].start;
    if (!start) return false;
    const draft = await this.api.draftFiles(this.appId);
    return Object.keys(start).some((path) => path !== APP_CONFIG && !(path in draft));
  }

  /** The learner's current draft files at the paths of step `index`'s solution. */
  async learnerFiles(index: number): Promise<{ path: string; mine: string | undefined; solution: string }[]> {
    const draft = await this.api.draftFiles(this.appId);
    return Object.entries(solutionFiles(this.tutorial.steps[index]))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, solution]) => ({ path, mine: draft[path], solution }));
  }

  async applySolution(index: number): Promise<void> {
    await this.api.writeFiles(this.appId, solutionFiles(this.tutorial.steps[index]));
    await this.store.refresh();
  }

  /**
   * Replaces the draft with the app as it is at the start of step `index`. The draft it
   * replaces is kept in this browser first (one copy per app), to restore from the panel;
   * when the browser refuses to keep it, nothing is replaced.
   */
  async bringToStart(index: number): Promise<void> {
    const appId = this.appId;
    const current = await this.api.draftFiles(appId);
    const step = this.tutorial.steps[index];
    if (!saveBackup({ appId, savedAt: Date.now(), reason: `before “${step.meta.title}”`, files: current })) {
      throw new Error("this browser's storage is full, so your current draft could not be kept first; export the app from App Settings, then try again");
    }
    await this.api.replaceDraft(appId, filesAtStart(this.tutorial.steps, index));
    await this.store.refresh();
  }

  /**
   * A new blank app, made the current one, with its draft at the start of step `index`:
   * the learner's other apps stay as they are.
   */
  async startInNewApp(index: number): Promise<string> {
    const { app } = await this.store.api.createApp("blank", "tasktracker");
    await this.store.selectApp(app.appId);
    // The first step has a starting state only when the tutorial brings an app of its own.
    if (index > 0 || this.tutorial.steps[index].start) await this.api.replaceDraft(app.appId, filesAtStart(this.tutorial.steps, index));
    await this.store.refresh();
    return app.appId;
  }

  async restoreDraft(files: AppFileMap): Promise<void> {
    await this.store.api.saveDraft(this.appId, files);
    await this.store.refresh();
  }
}
