import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { href } from "../../shell/links.ts";
import { storeContext } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { ConsoleApiError, type AppFiles } from "../../state/console-api.ts";
import { functionFiles, nameProblem, starterSource, type FunctionItem } from "./function-files.ts";

/**
 * The functions of the app, each a link to its page, and "New function": the name is
 * checked as deploy checks it, then the function is saved to the draft with a starting
 * source and opened. Fires `draft-changed` after the draft changed.
 */
@customElement("rs-function-list")
export class RsFunctionList extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) functions: FunctionItem[] = [];
  @property({ attribute: false }) files!: AppFiles;
  @property() current: string | undefined;
  @state() private adding = false;
  @state() private problem: string | undefined;
  @state() private busy = false;

  static override styles = [
    controls,
    css`
      :host { display: block; font-size: var(--rs-text-sm); }
      h2 { font-size: var(--rs-text); margin: 0 0 var(--rs-space-2); }
      ul { list-style: none; margin: 0; padding: 0; }
      a { display: flex; justify-content: space-between; gap: var(--rs-space-2); padding: var(--rs-space-1) var(--rs-space-2); border-radius: var(--rs-radius); color: var(--rs-fg); text-decoration: none; word-break: break-all; }
      a:hover { background: var(--rs-accent-subtle); }
      a[aria-current="page"] { background: var(--rs-accent-subtle); font-weight: 700; box-shadow: inset 3px 0 0 var(--rs-accent); }
      .tag { color: var(--rs-fg-muted); font-weight: 400; white-space: nowrap; }
      form { display: flex; flex-direction: column; gap: var(--rs-space-2); margin-top: var(--rs-space-3); padding: var(--rs-space-3); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-subtle); }
      label { display: flex; flex-direction: column; gap: 2px; font-weight: 600; }
      .hint { color: var(--rs-fg-muted); font-weight: 400; }
      .error { color: var(--rs-danger); font-weight: 400; }
      .row { display: flex; gap: var(--rs-space-2); }
      .add { margin-top: var(--rs-space-3); }
    `,
  ];

  override render() {
    return html`
      <nav aria-label="Functions">
        <h2>Functions</h2>
        ${this.functions.length === 0 ? html`<p class="muted">None yet.</p>` : nothing}
        <ul>
          ${this.functions.map(
            (f) => html`<li>
              <a href=${href("functions", f.name)} aria-current=${f.name === this.current ? "page" : nothing}>
                <span>${f.name}</span>
                ${f.settings.private ? html`<span class="tag">private</span>` : nothing}
              </a>
            </li>`,
          )}
        </ul>
      </nav>
      ${this.adding ? this.renderForm() : html`<button class="add" @click=${this.open}>New function</button>`}
    `;
  }

  private renderForm() {
    return html`<form aria-label="New function" @submit=${this.create} novalidate>
      <label>Function name
        <input name="name" autocomplete="off" placeholder="createNewUserDocument" aria-invalid=${this.problem ? "true" : "false"} aria-describedby="name-help" />
        <span id="name-help" class=${this.problem ? "error" : "hint"}>${this.problem ?? 'Letters, digits, "_" and "-"; a "/" makes a folder.'}</span>
      </label>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>Create function</button>
        <button type="button" @click=${() => ((this.adding = false), (this.problem = undefined))}>Cancel</button>
      </div>
    </form>`;
  }

  private async open(): Promise<void> {
    this.adding = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("input[name=name]")?.focus();
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem("name") as HTMLInputElement;
    const name = input.value.trim();
    this.problem = nameProblem(name, this.functions.map((f) => f.name));
    if (this.problem) {
      input.focus();
      return;
    }
    this.busy = true;
    try {
      await this.store.api.patchDraft(this.store.state.appId, functionFiles(this.files, { name, private: false }, starterSource(name)));
      this.adding = false;
      this.dispatchEvent(new CustomEvent("draft-changed", { bubbles: true, composed: true }));
      location.hash = href("functions", name);
    } catch (error) {
      const problems = error instanceof ConsoleApiError ? error.problems.map((p) => `${p.path}: ${p.message}`) : [];
      this.problem = `The function was not created: ${[(error as Error).message, ...problems].join("; ")}`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-function-list": RsFunctionList;
  }
}
