import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";

import type { TutorialManifest } from "../../tutorial/types.ts";
import { controls } from "../tokens.ts";
import { loadProgress } from "./tutorial-progress.ts";

/** The tutorials of this site: what each builds, for whom, how long, and how far the learner got. Fires `choose` (detail: the tutorial id). */
@customElement("rs-tutorial-chooser")
export class RsTutorialChooser extends LitElement {
  @property({ attribute: false }) tutorials: TutorialManifest[] = [];
  /** Problems loading the list, shown instead of silently leaving tutorials out. */
  @property({ attribute: false }) problems: string[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-3); }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--rs-space-3); }
      li { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); background: var(--rs-bg-raised); }
      h3 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-1); }
      p { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text-sm); line-height: 1.45; }
      .facts { color: var(--rs-fg-muted); }
      progress { width: 100%; accent-color: var(--rs-accent); }
    `,
  ];

  override render() {
    return html`<h2>Tutorials</h2>
      ${this.problems.map((p) => html`<p class="notice error">${p}</p>`)}
      <ul>
        ${this.tutorials.map((t) => {
          const progress = loadProgress(t.id);
          const done = progress.done.filter((id) => t.steps.some((folder) => folder.endsWith(`-${id}`))).length;
          const label = `${done} of ${t.steps.length} steps done`;
          return html`<li>
            <h3>${t.title}</h3>
            <p>${t.summary}</p>
            <p class="facts"><strong>For:</strong> ${t.audience}</p>
            <p class="facts">About ${t.estimatedMinutes} minutes · ${t.steps.length} steps · ${label}</p>
            <progress max=${t.steps.length} .value=${done} aria-label=${`${t.title}: ${label}`}></progress>
            <p><button class="primary" @click=${() => this.choose(t.id)}>${done || progress.current ? "Continue" : "Start"} ${t.title}</button></p>
          </li>`;
        })}
      </ul>`;
  }

  private choose(id: string): void {
    this.dispatchEvent(new CustomEvent("choose", { detail: id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-chooser": RsTutorialChooser;
  }
}
