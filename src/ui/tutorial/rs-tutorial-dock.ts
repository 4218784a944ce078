import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import "./rs-tutorial-panel.ts";
import { MAX_WIDTH, MIN_WIDTH, OPEN_STEP_EVENT, clampWidth, loadPrefs, savePrefs } from "./tutorial-progress.ts";

const KEY_STEP = 16;

/**
 * The tutorial's place at the right of the console: the panel, resized by dragging its
 * left edge or with the arrow keys on it, or collapsed to a thin bar. Width and open
 * state are kept across reloads; a deep link to a step opens it.
 */
@customElement("rs-tutorial-dock")
export class RsTutorialDock extends LitElement {
  @state() private open = loadPrefs().open;
  @state() private width = loadPrefs().width;
  private drag: { startX: number; startWidth: number } | undefined;
  private readonly onOpenStep = () => this.setOpen(true);

  static override styles = [
    controls,
    css`
      :host { display: block; position: sticky; top: 0; height: 100vh; align-self: start; }
      aside { height: 100%; max-width: 60vw; display: flex; background: var(--rs-bg); border-left: 1px solid var(--rs-border); box-sizing: border-box; }
      .separator { flex: none; width: 6px; margin-left: -3px; cursor: col-resize; background: transparent; touch-action: none; position: relative; }
      .separator::after { content: ""; position: absolute; inset: 0 2px; background: var(--rs-border); opacity: 0; }
      .separator:hover::after, .separator:focus-visible::after, .separator.dragging::after { opacity: 1; background: var(--rs-accent); }
      .separator:focus-visible { outline-offset: -2px; }
      rs-tutorial-panel { flex: 1; min-width: 0; }
      aside.collapsed { width: 2.5rem; background: var(--rs-bg-subtle); align-items: flex-start; }
      aside.collapsed button { writing-mode: vertical-rl; min-height: 8rem; width: 100%; border: 0; border-radius: 0; background: transparent; padding: var(--rs-space-3) 0; justify-content: center; }
      aside.collapsed button:hover { background: var(--rs-accent-subtle); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(OPEN_STEP_EVENT, this.onOpenStep);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(OPEN_STEP_EVENT, this.onOpenStep);
    super.disconnectedCallback();
  }

  override render() {
    if (!this.open) {
      return html`<aside class="collapsed" aria-label="Tutorial">
        <button aria-expanded="false" title="Show the tutorial panel" aria-label="Show the tutorial" @click=${() => this.setOpen(true)}>☰ Tutorial</button>
      </aside>`;
    }
    return html`<aside aria-label="Tutorial" style=${`width: ${this.width}px`}>
      <div
        class="separator"
        role="separator"
        tabindex="0"
        aria-orientation="vertical"
        aria-label="Resize the tutorial"
        title="Drag, or use the arrow keys, to change the tutorial's width"
        aria-valuenow=${this.width}
        aria-valuemin=${MIN_WIDTH}
        aria-valuemax=${MAX_WIDTH}
        aria-valuetext=${`${this.width} pixels wide`}
        @keydown=${this.resizeKey}
        @pointerdown=${this.dragStart}
        @pointermove=${this.dragMove}
        @pointerup=${this.dragEnd}
        @pointercancel=${this.dragEnd}
      ></div>
      <rs-tutorial-panel @collapse=${() => this.setOpen(false)}></rs-tutorial-panel>
    </aside>`;
  }

  private async setOpen(open: boolean): Promise<void> {
    if (this.open === open) return;
    this.open = open;
    savePrefs({ open });
    await this.updateComplete;
    // Focus follows the control that replaced the one just used.
    const target = open ? this.renderRoot.querySelector<HTMLElement>(".separator") : this.renderRoot.querySelector<HTMLElement>("aside.collapsed button");
    target?.focus();
  }

  private setWidth(width: number): void {
    this.width = clampWidth(width);
    savePrefs({ width: this.width });
  }

  private resizeKey(event: KeyboardEvent): void {
    // The panel sits at the right: moving its edge left widens it.
    const change: Record<string, number> = { ArrowLeft: KEY_STEP, ArrowRight: -KEY_STEP, PageUp: 4 * KEY_STEP, PageDown: -4 * KEY_STEP };
    if (event.key in change) this.setWidth(this.width + change[event.key]);
    else if (event.key === "Home") this.setWidth(MIN_WIDTH);
    else if (event.key === "End") this.setWidth(MAX_WIDTH);
    else return;
    event.preventDefault();
  }

  private dragStart(event: PointerEvent): void {
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    (event.currentTarget as HTMLElement).classList.add("dragging");
    this.drag = { startX: event.clientX, startWidth: this.width };
    event.preventDefault();
  }

  private dragMove(event: PointerEvent): void {
    if (!this.drag) return;
    this.width = clampWidth(this.drag.startWidth + this.drag.startX - event.clientX);
  }

  private dragEnd(event: PointerEvent): void {
    if (!this.drag) return;
    (event.currentTarget as HTMLElement).classList.remove("dragging");
    this.drag = undefined;
    this.setWidth(this.width);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-tutorial-dock": RsTutorialDock;
  }
}
