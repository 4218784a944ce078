import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { PreviewMessage } from "./preview-document.ts";

/**
 * What the preview printed since it last loaded: console calls and uncaught errors, each
 * error with the file and line it came from and a button that opens that line in the
 * editor (fires `reveal-line`, detail `{ file, line }`).
 */
@customElement("rs-client-console")
export class RsClientConsole extends LitElement {
  @property({ attribute: false }) entries: PreviewMessage[] = [];

  static override styles = [
    controls,
    css`
      :host { display: block; }
      .head { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-2); }
      h3 { font-size: var(--rs-text-sm); margin: 0; }
      .lines { margin: var(--rs-space-1) 0 0; padding: 0; max-height: 12rem; overflow: auto; font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg); }
      .line { padding: var(--rs-space-1) var(--rs-space-2); border-bottom: 1px solid var(--rs-border); white-space: pre-wrap; word-break: break-word; display: flex; gap: var(--rs-space-2); align-items: baseline; }
      .line:last-child { border-bottom: 0; }
      .line.warn { color: var(--rs-warning); background: var(--rs-warning-subtle); }
      .line.error { color: var(--rs-danger); background: var(--rs-danger-subtle); }
      .text { flex: 1; }
      .empty { color: var(--rs-fg-muted); }
      button.link { font-size: var(--rs-text-sm); white-space: nowrap; }
    `,
  ];

  override render() {
    return html`<div class="head"><h3 id="console-heading">Console</h3>
        ${this.entries.length ? html`<button type="button" @click=${this.clear}>Clear console</button>` : nothing}</div>
      <div class="lines" role="log" aria-labelledby="console-heading">
        ${this.entries.length === 0 ? html`<div class="line empty">Nothing printed yet. What app.js passes to console.log, and any error it throws, shows here.</div>` : nothing}
        ${this.entries.map((entry) => this.entry(entry))}
      </div>`;
  }

  private entry(entry: PreviewMessage) {
    const level = entry.kind === "error" ? "error" : entry.level;
    const where = entry.file && entry.line ? `${entry.file}:${entry.line}` : entry.file;
    return html`<div class="line ${level}">
      <span class="text">${entry.kind === "error" ? `Error${where ? ` in ${where}` : ""}: ` : entry.level === "warn" ? "Warning: " : ""}${entry.text}</span>
      ${entry.file && entry.line && !entry.file.includes(":")
        ? html`<button type="button" class="link" @click=${() => this.reveal(entry)}>Go to ${entry.file} line ${entry.line}</button>`
        : nothing}
    </div>`;
  }

  private reveal(entry: PreviewMessage): void {
    this.dispatchEvent(new CustomEvent("reveal-line", { detail: { file: entry.file, line: entry.line }, bubbles: true, composed: true }));
  }

  private clear(): void {
    this.dispatchEvent(new CustomEvent("clear-console", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-client-console": RsClientConsole;
  }
}
