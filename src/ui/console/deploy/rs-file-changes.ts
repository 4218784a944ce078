import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import type { FileEntry } from "./file-entries.ts";

const KIND_LABEL = { added: "added", modified: "modified", removed: "removed", unchanged: "unchanged" } as const;

/**
 * The files of a comparison: changed ones (and any with a problem) first, each with its
 * problems written beside it; unchanged ones folded away. Fires `file-selected` (detail: path).
 */
@customElement("rs-file-changes")
export class RsFileChanges extends LitElement {
  @property({ attribute: false }) entries: FileEntry[] = [];
  @property() selected: string | undefined;
  /** The list's accessible name. */
  @property() label = "Changed files";

  static override styles = [
    controls,
    css`
      :host { display: block; min-width: 0; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
      button.file { width: 100%; flex-direction: column; align-items: flex-start; gap: 2px; text-align: left; border-color: transparent; background: transparent; font-weight: 400; padding: var(--rs-space-1) var(--rs-space-2); }
      button.file[aria-current="true"] { background: var(--rs-accent-subtle); border-color: var(--rs-accent); }
      .path { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); overflow-wrap: anywhere; }
      .kind { font-size: 0.75rem; border-radius: 999px; padding: 0 var(--rs-space-2); border: 1px solid currentColor; white-space: nowrap; }
      .kind.added { color: var(--rs-ok); }
      .kind.modified { color: var(--rs-warning); }
      .kind.removed { color: var(--rs-danger); }
      .kind.unchanged { color: var(--rs-fg-muted); }
      .problems { margin: 2px 0 var(--rs-space-2) var(--rs-space-2); padding: 0 0 0 var(--rs-space-2); border-left: 3px solid var(--rs-danger); color: var(--rs-danger); font-size: var(--rs-text-sm); list-style: none; }
      .problems li { margin: 2px 0; word-break: break-word; }
      details { margin-top: var(--rs-space-3); }
      summary { cursor: pointer; font-size: var(--rs-text-sm); color: var(--rs-fg-muted); padding: var(--rs-space-1) 0; }
      .empty { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; }
    `,
  ];

  override render() {
    const shown = this.entries.filter((e) => e.kind !== "unchanged" || e.edited || e.problems.length > 0);
    const folded = this.entries.filter((e) => !shown.includes(e));
    return html`
      ${shown.length === 0 ? html`<p class="empty">No file differs.</p>` : html`<ul aria-label=${this.label}>${shown.map((e) => this.item(e))}</ul>`}
      ${folded.length > 0
        ? html`<details>
            <summary>Unchanged files (${folded.length})</summary>
            <ul aria-label="Unchanged files">${folded.map((e) => this.item(e))}</ul>
          </details>`
        : nothing}
    `;
  }

  override updated(): void {
    // The chosen file is an unchanged one (e.g. from a link): show it. Never folded again by us.
    const details = this.renderRoot.querySelector("details");
    if (details && !details.open && details.querySelector('[aria-current="true"]')) details.open = true;
  }

  private item(entry: FileEntry) {
    const kind = entry.edited ? "edited, not saved" : KIND_LABEL[entry.kind];
    return html`<li>
      <button class="file" aria-current=${entry.path === this.selected ? "true" : "false"} @click=${() => this.select(entry.path)}>
        <span class="path">${breakable(entry.path)}</span>
        <span class="kind ${entry.edited ? "modified" : entry.kind}">${kind}${entry.problems.length ? `, ${entry.problems.length} ${entry.problems.length === 1 ? "problem" : "problems"}` : ""}</span>
      </button>
      ${entry.problems.length
        ? html`<ul class="problems" aria-label=${`Problems in ${entry.path}`}>
            ${entry.problems.map((p) => html`<li>${p.path}${p.line && !p.message.includes(`line ${p.line}`) ? ` (line ${p.line})` : ""}: ${p.message}</li>`)}
          </ul>`
        : nothing}
    </li>`;
  }

  private select(path: string): void {
    this.dispatchEvent(new CustomEvent("file-selected", { detail: path, bubbles: true, composed: true }));
  }
}

/** A path that wraps after its slashes rather than inside a name. */
function breakable(path: string) {
  const parts = path.split("/");
  return parts.map((part, i) => (i < parts.length - 1 ? html`${part}/<wbr />` : part));
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-file-changes": RsFileChanges;
  }
}
