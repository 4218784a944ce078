import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, queryAll, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";

import { controls } from "../tokens.ts";
import type { PlaygroundTab } from "../state/playground-tabs.ts";

export interface TabEventDetail {
  id: string;
  title?: string;
}

/**
 * The playground's tab strip: a tablist (arrow keys, Home, End; Delete or a middle click
 * closes; F2 or a double-click renames in place), a close button per tab and "New tab". It only reports:
 * `tab-select`, `tab-close`, `tab-rename` (detail {id, title?}) and `tab-add`.
 *
 * Close buttons and the rename field must not sit inside the tablist (a tablist may only
 * own tabs), so they lie in a layer over it that shares its columns through a subgrid.
 */
@customElement("rs-playground-tabs")
export class RsPlaygroundTabs extends LitElement {
  @property({ attribute: false }) tabs: PlaygroundTab[] = [];
  @property() activeId = "";
  /** The id of the panel the tabs control, for aria-controls. */
  @property() panelId = "";
  @state() private renamingId: string | undefined;
  @query("input.rename") private renameField: HTMLInputElement | undefined;
  @queryAll("[role=tab]") private tabButtons!: NodeListOf<HTMLButtonElement>;
  /** Set when focus was on a tab or close button that may go away, to put it on the active tab after the update. */
  private focusActiveTab = false;

  static override styles = [
    controls,
    css`
      :host { display: flex; align-items: center; gap: var(--rs-space-2); min-width: 0; }
      .scroller { overflow-x: auto; min-width: 0; flex: 0 1 auto; padding: 3px; }
      .strip { display: grid; grid-auto-flow: column; grid-auto-columns: max-content; }
      .strip > * { grid-row: 1; grid-column: 1 / -1; display: grid; grid-template-columns: subgrid; }
      [role="tablist"] { gap: 0; }
      [role="tab"] {
        grid-row: 1;
        border-radius: var(--rs-radius) var(--rs-radius) 0 0;
        border-bottom: 2px solid transparent;
        margin-right: 2px;
        padding-right: 2.25rem;
        max-width: 16rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        display: block;
        font-weight: 500;
        background: var(--rs-bg-subtle);
      }
      [role="tab"][aria-selected="true"] { border-bottom-color: var(--rs-accent); background: var(--rs-bg-raised); font-weight: 700; }
      .layer { pointer-events: none; }
      .layer > * { grid-row: 1; pointer-events: auto; }
      .close {
        justify-self: end;
        align-self: center;
        margin-right: calc(2px + var(--rs-space-1));
        min-height: 1.5rem;
        width: 1.5rem;
        padding: 0;
        justify-content: center;
        border-color: transparent;
        background: transparent;
        font-size: 1rem;
        line-height: 1;
      }
      .close:hover { border-color: var(--rs-border); background: var(--rs-bg-subtle); }
      input.rename { justify-self: stretch; margin-right: 2px; min-width: 10rem; }
      .actions { display: flex; gap: var(--rs-space-1); flex: none; }
    `,
  ];

  override render() {
    const columns = this.tabs.map((tab, i) => ({ tab, column: i + 1 }));
    return html`
      <div class="scroller">
        <div class="strip" style="grid-template-columns: repeat(${Math.max(this.tabs.length, 1)}, max-content)">
          <div role="tablist" aria-label="Query tabs" @keydown=${this.tabKeys}>
            ${repeat(
              columns,
              ({ tab }) => tab.id,
              ({ tab, column }) => html`<button
                role="tab"
                id="tab-${tab.id}"
                style="grid-column: ${column}"
                aria-selected=${tab.id === this.activeId ? "true" : "false"}
                aria-controls=${this.panelId || nothing}
                tabindex=${tab.id === this.activeId ? "0" : "-1"}
                title=${tab.title}
                @click=${() => this.fire("tab-select", { id: tab.id })}
                @dblclick=${() => this.startRename(tab.id)}
                @auxclick=${(e: MouseEvent) => e.button === 1 && this.close(tab.id)}
              >${tab.title}</button>`,
            )}
          </div>
          <div class="layer">
            ${repeat(
              columns,
              ({ tab }) => tab.id,
              ({ tab, column }) =>
                this.renamingId === tab.id
                  ? html`<input
                      class="rename"
                      style="grid-column: ${column}"
                      aria-label="Name of tab ${tab.title}"
                      .value=${tab.title}
                      @keydown=${this.renameKeys}
                      @blur=${this.finishRename}
                    />`
                  : html`<button
                      class="close"
                      style="grid-column: ${column}"
                      aria-label="Close tab ${tab.title}"
                      title="Close tab"
                      tabindex=${tab.id === this.activeId ? "0" : "-1"}
                      @click=${() => this.close(tab.id)}
                    >×</button>`,
            )}
          </div>
        </div>
      </div>
      <div class="actions">
        <button @click=${() => this.fire("tab-add", { id: "" })}>+ New tab</button>
        <button @click=${() => this.startRename(this.activeId)} ?disabled=${!this.activeId}>Rename tab</button>
      </div>
    `;
  }

  override updated(changed: Map<string, unknown>): void {
    if (this.focusActiveTab && (changed.has("tabs") || changed.has("activeId"))) {
      this.focusActiveTab = false;
      this.activeTabButton()?.focus();
    }
    if (changed.has("activeId")) this.activeTabButton()?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  private activeTabButton(): HTMLButtonElement | undefined {
    return [...this.tabButtons].find((b) => b.getAttribute("aria-selected") === "true");
  }

  private fire(name: "tab-select" | "tab-close" | "tab-add" | "tab-rename", detail: TabEventDetail): void {
    this.dispatchEvent(new CustomEvent<TabEventDetail>(name, { detail, bubbles: true, composed: true }));
  }

  private close(id: string): void {
    this.focusActiveTab = true;
    this.fire("tab-close", { id });
  }

  private tabKeys(event: KeyboardEvent): void {
    const buttons = [...this.tabButtons];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
      next.focus();
      this.fire("tab-select", { id: this.tabs[buttons.indexOf(next)].id });
    } else if (event.key === "Delete") {
      event.preventDefault();
      this.close(this.tabs[at].id);
    } else if (event.key === "F2") {
      event.preventDefault();
      void this.startRename(this.tabs[at].id);
    }
  }

  private async startRename(id: string): Promise<void> {
    if (!id) return;
    if (id !== this.activeId) this.fire("tab-select", { id });
    this.renamingId = id;
    await this.updateComplete;
    this.renameField?.focus();
    this.renameField?.select();
  }

  private renameKeys(event: KeyboardEvent): void {
    if (event.key === "Enter") {
      event.preventDefault();
      this.finishRename();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.endRename();
    }
  }

  /** Enter or leaving the field keeps the name; an empty name gives the title back to the operation. */
  private finishRename(): void {
    const id = this.renamingId;
    if (!id || !this.renameField) return;
    const title = this.renameField.value.trim();
    const tab = this.tabs.find((t) => t.id === id);
    this.endRename();
    if (tab && title !== tab.title) this.fire("tab-rename", { id, title });
  }

  private endRename(): void {
    const hadFocus = this.shadowRoot?.activeElement === this.renameField;
    this.renamingId = undefined;
    if (hadFocus) this.focusActiveTab = true;
    void this.updateComplete.then(() => {
      if (this.focusActiveTab) {
        this.focusActiveTab = false;
        this.activeTabButton()?.focus();
      }
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-playground-tabs": RsPlaygroundTabs;
  }
}
