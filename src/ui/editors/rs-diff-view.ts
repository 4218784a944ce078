import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import type { ExtraDiagnostic } from "./codemirror-setup.ts";
import type { DiffView } from "./merge-setup.ts";

/**
 * A line diff of two versions of a file (CodeMirror's merge view, loaded the first time a
 * diff appears): the newer text with the older one's removed lines inline, problems on
 * their lines, editable when not `readonly`. Fires `value-changed` (detail: the text).
 */
@customElement("rs-diff-view")
export class RsDiffView extends LitElement {
  /** The older text (empty for an added file). */
  @property() original = "";
  /** The newer text (empty for a removed file). */
  @property() value = "";
  @property() language: "json" | "javascript" | "text" = "json";
  @property() label = "Changes";
  @property({ type: Boolean }) readonly = false;
  @property({ attribute: false }) diagnostics: ExtraDiagnostic[] = [];
  @state() private loadError: string | undefined;
  /** Long unchanged stretches folded away (the fold markers answer clicks only, so a button unfolds them too). */
  @state() private folded = true;
  private view: DiffView | undefined;
  private building: Promise<void> | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); overflow: hidden; background: var(--rs-bg); min-height: 6rem; }
      .cm-editor { max-height: var(--rs-diff-max-height, 34rem); font-size: var(--rs-text-sm); }
      .cm-editor.cm-focused { outline: 2px solid var(--rs-focus); outline-offset: -2px; }
      .bar { display: flex; justify-content: flex-end; padding: var(--rs-space-1); border-bottom: 1px solid var(--rs-border); background: var(--rs-bg-subtle); }
      .bar button { font-weight: 500; min-height: 1.75rem; }
      pre { margin: 0; padding: var(--rs-space-2); white-space: pre-wrap; }
    `,
  ];

  override render() {
    if (this.loadError) {
      return html`<p class="notice warning">${this.loadError}</p>
        <pre aria-label=${this.label} tabindex="0">${this.value}</pre>`;
    }
    // Short texts have nothing long enough to fold.
    const long = Math.max(lineCount(this.original), lineCount(this.value)) > 12;
    return html`${long
        ? html`<div class="bar">
            <button @click=${() => (this.folded = !this.folded)}>${this.folded ? "Show all lines" : "Fold unchanged lines"}</button>
          </div>`
        : ""}
      <div class="host"></div>`;
  }

  override updated(changed: Map<string, unknown>): void {
    // The original text or the mode changed: a new view (the merge view keeps its original fixed).
    const rebuild = !this.view || changed.has("original") || changed.has("language") || changed.has("readonly") || changed.has("folded") || (changed.has("value") && this.view.text() !== this.value);
    if (rebuild) void this.build();
    else if (changed.has("diagnostics")) this.view?.setDiagnostics(this.diagnostics);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.view) void this.build();
  }

  /** Moves the cursor to a line (1-based) and focuses the diff, e.g. from a problem's link. */
  async revealLine(line: number): Promise<void> {
    await this.building;
    this.view?.revealLine(line);
  }

  private build(): Promise<void> {
    this.building = (async () => {
      try {
        const { createDiffView } = await import("./merge-setup.ts");
        this.view?.destroy();
        const parent = this.renderRoot.querySelector<HTMLElement>(".host");
        if (!parent) return;
        parent.replaceChildren();
        this.view = createDiffView({
          parent,
          root: this.renderRoot as ShadowRoot,
          original: this.original,
          value: this.value,
          language: this.language,
          label: this.label,
          readonly: this.readonly,
          fold: this.folded,
          onChange: (text) => {
            this.value = text;
            this.dispatchEvent(new CustomEvent("value-changed", { detail: text, bubbles: true, composed: true }));
          },
        });
        this.view.setDiagnostics(this.diagnostics);
      } catch (error) {
        this.loadError = `The diff could not be loaded (${(error as Error).message}); the file's text is shown instead.`;
      }
    })();
    return this.building;
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-diff-view": RsDiffView;
  }
}
