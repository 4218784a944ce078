import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { expressionCompletions, type ExpressionContext } from "./expansions.ts";
import { functionNames, resolveTarget, schemaFields, valueNames, type RulesTarget } from "./rules-files.ts";
import "./rs-rules-collections.ts";
import "./rs-rules-editor.ts";
import "./rs-rules-overview.ts";

/**
 * The Rules screen: `#/rules` lists every collection's roles; `#/rules/<db>/<coll>` edits a
 * collection's rules and `#/rules/<service>` a data source's default rule. A role named
 * in the hash (`?role=isAssignee`) is pointed out.
 */
@customElement("rs-rules-screen")
export class RsRulesScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly stateController = new StateController(this, () => this.store);
  @state() private files: Record<string, string> | undefined;
  @state() private loadError: string | undefined;
  @state() private highlight = roleInHash();
  private loadedFor: unknown;
  private loadSeq = 0;
  private readonly onHash = () => (this.highlight = roleInHash());

  static override styles = [
    controls,
    css`
      :host { display: grid; grid-template-columns: 12rem minmax(0, 1fr); gap: var(--rs-space-6); align-items: start; }
      aside { position: sticky; top: 0; }
      h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
      .sub { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-2); max-width: 48rem; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.onHash);
  }

  override willUpdate(): void {
    const s = this.stateController.state;
    // Reload the draft when the app changes and after every change the store hears of (save, deploy, discard).
    if (s && s.overview !== this.loadedFor) {
      this.loadedFor = s.overview;
      void this.load(s.appId);
    }
  }

  override render() {
    const s = this.stateController.state;
    const target = this.files ? resolveTarget(this.files, this.params) : undefined;
    return html`
      <aside>${this.files ? html`<rs-rules-collections .files=${this.files} .current=${currentPath(target)}></rs-rules-collections>` : nothing}</aside>
      <div>
        ${this.heading(target)}
        ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
        ${!this.files || !s
          ? html`<p class="muted">Loading the rules…</p>`
          : target
            ? this.editor(target, s.appId, this.files)
            : html`<rs-rules-overview .files=${this.files}></rs-rules-overview>`}
      </div>
    `;
  }

  private heading(target: RulesTarget | undefined) {
    if (!target) return html`<h1>Rules</h1>`;
    if (target.kind === "default") {
      const exists = this.files?.[target.path] !== undefined;
      return html`<h1>Default rule of ${target.service}</h1>
        <p class="sub">
          These roles and filters hold for every collection of ${target.service} that has no rules of its own; a collection with its own rules never
          falls back to them. ${exists ? "" : "This data source has no default rule yet, so such collections refuse every client request."}
        </p>`;
    }
    const exists = this.files?.[target.path] !== undefined;
    return html`<h1>Rules of ${target.database}.${target.collection}</h1>
      ${exists
        ? nothing
        : html`<p class="sub">This collection has no rules yet, so the default rule applies to it (or, without one, every client request is refused). Add roles below and save to give it rules of its own.</p>`}`;
  }

  private editor(target: RulesTarget, appId: string, files: Record<string, string>) {
    const context: ExpressionContext = {
      fields: target.kind === "collection" ? schemaFields(files, target.service, target.database!, target.collection!) : [],
      values: valueNames(files),
      functions: functionNames(files),
    };
    return html`<rs-rules-editor
      .appId=${appId}
      .target=${target}
      .baseText=${files[target.path]}
      .files=${files}
      .context=${context}
      .completions=${expressionCompletions(context)}
      .highlightRole=${this.highlight}
      @rules-saved=${this.saved}
    ></rs-rules-editor>`;
  }

  private async load(appId: string): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const { files } = await this.store.api.draft(appId);
      if (seq !== this.loadSeq) return;
      this.files = files;
      this.loadError = undefined;
    } catch (error) {
      this.loadError = `The draft could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  private async saved(): Promise<void> {
    // The store's refresh gives a new overview, which reloads the draft here and updates the top bar.
    await this.store.refresh();
  }
}

function roleInHash(): string {
  return new URLSearchParams(location.hash.split("?")[1] ?? "").get("role") ?? "";
}

/** The hash path of a target, as the collection links write it. */
function currentPath(target: RulesTarget | undefined): string {
  if (!target) return "/rules";
  return target.kind === "default"
    ? `/rules/${encodeURIComponent(target.service)}`
    : `/rules/${encodeURIComponent(target.database!)}/${encodeURIComponent(target.collection!)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-rules-screen": RsRulesScreen;
  }
}
