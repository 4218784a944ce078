import { LitElement, css, html } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";

/**
 * A modal dialog that shows a text to copy (a command, a snippet, a link), copies it when
 * opened and again with its Copy button. Browsers may refuse the clipboard, so the text
 * stays on screen, selectable, whatever happens. Slotted content goes under the text.
 */
@customElement("rs-copy-dialog")
export class RsCopyDialog extends LitElement {
  @property() heading = "";
  /** What the text is, for the text box's accessible name. */
  @property() label = "Text to copy";
  @property() text = "";
  /** Lines of the text box; 1 shows a single-line field (for links). */
  @property({ type: Number }) rows = 12;
  @state() private status = "";
  @state() private copyFailed = false;
  @query("dialog") private dialog!: HTMLDialogElement;
  @query("textarea, input") private field!: HTMLTextAreaElement | HTMLInputElement;
  private returnFocus: HTMLElement | undefined;

  static override styles = [
    controls,
    css`
      dialog { width: min(48rem, calc(100vw - 4rem)); max-height: calc(100vh - 4rem); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); padding: 0; box-shadow: var(--rs-shadow); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      header { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-3); padding: var(--rs-space-3) var(--rs-space-4); border-bottom: 1px solid var(--rs-border); }
      h2 { font-size: var(--rs-text-lg); margin: 0; }
      .body { padding: var(--rs-space-3) var(--rs-space-4) var(--rs-space-4); display: flex; flex-direction: column; gap: var(--rs-space-2); }
      textarea, input { width: 100%; font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); background: var(--rs-bg-subtle); }
      textarea { resize: vertical; white-space: pre; overflow: auto; }
      .actions { display: flex; align-items: center; gap: var(--rs-space-3); }
      .status { font-size: var(--rs-text-sm); }
      .status.failed { color: var(--rs-warning); }
      ::slotted(*) { font-size: var(--rs-text-sm); }
    `,
  ];

  override render() {
    return html`<dialog aria-labelledby="copy-title" @close=${this.closed}>
      <header>
        <h2 id="copy-title">${this.heading}</h2>
        <button @click=${() => this.dialog.close()}>Close</button>
      </header>
      <div class="body">
        <slot name="before"></slot>
        ${this.rows > 1
          ? html`<textarea readonly rows=${this.rows} aria-label=${this.label} spellcheck="false" .value=${this.text}></textarea>`
          : html`<input readonly aria-label=${this.label} spellcheck="false" .value=${this.text} />`}
        <div class="actions">
          <button class="primary" @click=${() => this.copy()}>Copy</button>
          <span class="status ${this.copyFailed ? "failed" : ""}" role="status">${this.status}</span>
        </div>
        <slot></slot>
      </div>
    </dialog>`;
  }

  /** Opens the dialog and copies the text. */
  async show(): Promise<void> {
    this.returnFocus = deepActiveElement();
    this.status = "";
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    await this.copy();
  }

  close(): void {
    this.dialog?.close();
  }

  /** Copies the text: the Clipboard API first, then the older copy command on the selected text. */
  async copy(): Promise<void> {
    await this.updateComplete;
    let copied = false;
    try {
      await navigator.clipboard.writeText(this.text);
      copied = true;
    } catch {
      this.field.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    this.copyFailed = !copied;
    this.status = copied
      ? "Copied to the clipboard."
      : "This browser did not let the page copy. The text above is selected: press Ctrl+C (⌘+C on a Mac) to copy it.";
    if (!copied) {
      this.field.focus();
      this.field.select();
    }
  }

  private closed(): void {
    this.returnFocus?.focus();
    this.returnFocus = undefined;
  }
}

/** The focused element, looking inside shadow roots (the opener usually sits in one). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-copy-dialog": RsCopyDialog;
  }
}
