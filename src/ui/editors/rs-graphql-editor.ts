import { LitElement, css, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { GraphQLSchema } from "graphql";

import { controls } from "../tokens.ts";
import type { GraphqlEditorView } from "./graphql-setup.ts";

/**
 * A GraphQL editor (CodeMirror 6 with cm6-graphql, loaded the first time one appears):
 * highlighting, completion, validation and hover docs from `schema`. Fires
 * `value-changed` (detail: the text) on every edit, `run-request` on Ctrl/Cmd+Enter,
 * `prettify-request` on Shift+Ctrl+P and `show-in-docs` (detail {type, field}) on a
 * Ctrl/Cmd+click on a name; the caller decides what they do.
 */
@customElement("rs-graphql-editor")
export class RsGraphqlEditor extends LitElement {
  /** The text; setting it replaces the editor's content unless it already holds it. */
  @property() value = "";
  /** The accessible name of the editing area. */
  @property() label = "GraphQL";
  @property({ attribute: false }) schema: GraphQLSchema | undefined;
  /** Which document the text is (a tab's id): another one starts with its own undo history. */
  @property() documentKey = "";
  @state() private loadError: string | undefined;
  private view: GraphqlEditorView | undefined;
  private plainCursor = 0;

  static override styles = [
    controls,
    css`
      :host { display: block; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); overflow: hidden; background: var(--rs-bg); min-height: 8rem; }
      .host { height: 100%; }
      .cm-editor { height: 100%; font-size: var(--rs-text-sm); }
      .cm-editor.cm-focused { outline: 2px solid var(--rs-focus); outline-offset: -2px; }
      textarea { width: 100%; height: 100%; min-height: 12rem; border: 0; font-family: var(--rs-font-mono); }
    `,
  ];

  override render() {
    if (this.loadError) {
      // The editor could not load (offline on a first visit): a plain text area keeps the work going.
      return html`<p class="notice warning">${this.loadError}</p>
        <textarea aria-label=${this.label} .value=${this.value} @input=${this.plainInput} @keydown=${this.plainKey}></textarea>`;
    }
    return html`<div class="host"></div>`;
  }

  override async firstUpdated(): Promise<void> {
    try {
      const { createGraphqlEditor } = await import("./graphql-setup.ts");
      this.view = createGraphqlEditor({
        parent: this.renderRoot.querySelector(".host")!,
        root: this.renderRoot as ShadowRoot,
        value: this.value,
        label: this.label,
        schema: this.schema,
        onChange: (text) => {
          this.value = text;
          this.fire("value-changed", text);
        },
        onRun: () => this.fire("run-request"),
        onPrettify: () => this.fire("prettify-request"),
        onShowInDocs: (type, field) => this.fire("show-in-docs", { type, field }),
      });
    } catch (error) {
      this.loadError = `The GraphQL editor could not be loaded (${(error as Error).message}); you can still write the query here.`;
    }
  }

  override updated(changed: Map<string, unknown>): void {
    if (!this.view) return;
    if (changed.has("documentKey") && changed.get("documentKey") !== undefined) this.view.reset(this.value);
    else if (changed.has("value") && this.view.text() !== this.value) this.view.setText(this.value);
    if (changed.has("schema")) this.view.setSchema(this.schema);
  }

  /** The cursor's offset in the text. */
  cursor(): number {
    return this.view ? this.view.cursor() : this.plainCursor;
  }

  /** Moves the cursor to a 1-based line and column (an error's location) and focuses the editor. */
  moveTo(line: number, column: number): void {
    if (this.view) {
      this.view.moveTo(line, column);
      return;
    }
    const area = this.renderRoot.querySelector("textarea");
    if (!area) return;
    const lines = area.value.split("\n");
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  }

  override focus(): void {
    if (this.view) this.view.focus();
    else this.renderRoot.querySelector("textarea")?.focus();
  }

  private fire(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private plainInput(event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    this.value = area.value;
    this.plainCursor = area.selectionStart;
    this.fire("value-changed", this.value);
  }

  private plainKey(event: KeyboardEvent): void {
    this.plainCursor = (event.target as HTMLTextAreaElement).selectionStart;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.fire("run-request");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-graphql-editor": RsGraphqlEditor;
  }
}
