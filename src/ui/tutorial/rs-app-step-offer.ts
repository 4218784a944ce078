import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import "./rs-tutorial-confirm.ts";
import type { RsTutorialConfirm } from "./rs-tutorial-confirm.ts";
import { dropBackup, loadBackup, type DraftBackup } from "./tutorial-progress.ts";
import type { TutorialSession } from "./tutorial-session.ts";

/**
 * Where the app is in the tutorial compared with the step shown: when they differ, an
 * offer to bring the draft to the step's starting state (after a confirmation, with a copy
 * of the draft kept in this browser), and a way back to that copy. Fires `app-changed`.
 */
@customElement("rs-app-step-offer")
export class RsAppStepOffer extends LitElement {
  @property({ attribute: false }) session!: TutorialSession;
  @property({ type: Number }) index = 0;
  /** The first step whose check fails on the app; undefined until known. */
  @state() private appStep: number | undefined;
  /** The step starts from an app of its own that the current app is not. */
  @state() private otherApp = false;
  @state() private backup: DraftBackup | undefined;
  @state() private busy = false;
  @state() private message: { text: string; error: boolean } | undefined;
  @query("rs-tutorial-confirm") private confirmDialog!: RsTutorialConfirm;
  private asked = 0;
  private unsubscribe: (() => void) | undefined;
  private seen: { appId: string; overview: unknown } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .notice p { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text-sm); }
      .row { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session) this.watch();
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  /** Another app chosen, or its draft saved from a screen: where the app is may have changed. */
  private watch(): void {
    this.unsubscribe?.();
    const store = this.session.store;
    this.seen = { appId: store.state.appId, overview: store.state.overview };
    this.unsubscribe = store.subscribe((s) => {
      if (this.seen?.appId === s.appId && this.seen.overview === s.overview) return;
      this.seen = { appId: s.appId, overview: s.overview };
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), 600);
    });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("session")) this.watch();
    if (changed.has("session") || changed.has("index")) {
      this.message = undefined;
      void this.refresh();
    }
  }

  /** Works out again where the app is (after anything wrote to the draft). */
  async refresh(): Promise<void> {
    const ask = ++this.asked;
    this.backup = loadBackup(this.session.appId);
    try {
      const [step, otherApp] = await Promise.all([this.session.appStep(), this.session.isOtherApp(this.index)]);
      if (ask === this.asked) {
        this.appStep = step;
        this.otherApp = otherApp;
      }
    } catch {
      if (ask === this.asked) [this.appStep, this.otherApp] = [undefined, false]; // No offer when the app cannot be read; the step's check says why.
    }
  }

  override render() {
    const steps = this.session.tutorial.steps;
    const at = this.appStep;
    const offer = this.otherApp || (at !== undefined && at !== this.index && this.index > 0);
    const app = this.session.appId;
    return html`
      ${offer
        ? html`<div class="notice warning" role="group" aria-label="Your app and this step">
            <p>${this.otherApp ? this.describeOther(app) : at === undefined ? "" : this.describe(app, at)}</p>
            <div class="row">
              <button ?disabled=${this.busy} @click=${this.bring}>Bring my app to the start of this step…</button>
              <button ?disabled=${this.busy} @click=${this.startNew}>Start a new app at this step</button>
            </div>
          </div>`
        : nothing}
      ${this.backup
        ? html`<div class="notice" role="group" aria-label="Your earlier draft">
            <p>A copy of your draft from ${new Date(this.backup.savedAt).toLocaleString()} (${this.backup.reason}) is kept in this browser.</p>
            <div class="row">
              <button ?disabled=${this.busy} @click=${this.restore}>Restore my draft…</button>
              <button ?disabled=${this.busy} @click=${this.forget}>Forget the copy</button>
            </div>
          </div>`
        : nothing}
      ${this.message ? html`<p class="notice ${this.message.error ? "error" : "ok"}" role="status">${this.message.text}</p>` : nothing}
      <rs-tutorial-confirm></rs-tutorial-confirm>
    `;
  }

  /** The step works on an app of the tutorial's own, which the current app is not. */
  private describeOther(app: string): string {
    return `This tutorial works on an app of its own, and your app ${app} is not it. Start a new app at this step to get it; ${app} stays as it is.`;
  }

  /** Where the app is, compared with the step shown, in a learner's words. */
  private describe(app: string, at: number): string {
    const steps = this.session.tutorial.steps;
    if (at >= steps.length) return `Your app ${app} already has every step of this tutorial done. To do this step again, bring the app back to how it was when the step began.`;
    const next = `step ${at + 1}, “${steps[at].meta.title}”`;
    if (at < this.index) {
      const done = at === 0 ? "none of the steps before this one done" : at === 1 ? "only step 1 done" : `only steps 1–${at} done`;
      return `Your app ${app} has ${done}; the next one it needs is ${next}. This step builds on every step before it: go back, or let the panel bring the app to where this step begins.`;
    }
    return `Your app ${app} is already past this step (the next one it needs is ${next}). You can read on, or bring the app back to how it was when this step began.`;
  }

  private async bring(): Promise<void> {
    const title = this.session.tutorial.steps[this.index].meta.title;
    const ok = await this.confirmDialog.ask({
      title: "Bring your app to the start of this step?",
      message: `The draft of ${this.session.appId} is replaced by the app as the tutorial has it when “${title}” begins. Your current draft is not lost: a copy is kept in this browser, and Restore my draft brings it back. Data and users are not touched.`,
      confirm: "Replace the draft",
    });
    if (!ok) return;
    await this.act(async () => {
      await this.session.bringToStart(this.index);
      return "Your app is now at the start of this step.";
    });
  }

  /** Leaves the current app alone: a new one, at this step's start, becomes the current app. */
  private async startNew(): Promise<void> {
    await this.act(async () => {
      const created = await this.session.startInNewApp(this.index);
      return `The new app ${created} is now the current app, ready for this step. Your other apps are unchanged; switch back to them with Current app at the top.`;
    });
  }

  private async restore(): Promise<void> {
    const backup = this.backup;
    if (!backup) return;
    const ok = await this.confirmDialog.ask({
      title: "Restore your earlier draft?",
      message: `The draft of ${this.session.appId} goes back to the copy from ${new Date(backup.savedAt).toLocaleString()}. The draft as it is now is replaced.`,
      confirm: "Restore the copy",
    });
    if (!ok) return;
    await this.act(async () => {
      await this.session.restoreDraft(backup.files);
      dropBackup(backup.appId);
      return "Your earlier draft is back.";
    });
  }

  private forget(): void {
    if (this.backup) dropBackup(this.backup.appId);
    this.backup = undefined;
  }

  /** Runs an action that changes the app; its answer is what to tell the learner. */
  private async act(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    try {
      this.message = { text: await action(), error: false };
      this.dispatchEvent(new CustomEvent("app-changed", { bubbles: true, composed: true }));
    } catch (error) {
      this.message = { text: `The draft was not changed: ${(error as Error).message}.`, error: true };
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-app-step-offer": RsAppStepOffer;
  }
}
