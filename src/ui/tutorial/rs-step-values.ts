import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import type { CopyValue } from "../../tutorial/types.ts";
import { controls } from "../tokens.ts";

/** The text a value stands for: its own, or its file's from the step's solution. */
export function valueText(value: CopyValue, solution: Record<string, string>): string {
  return value.text ?? (value.file ? (solution[value.file] ?? "") : "");
}

/** The exact values a step has the learner enter, each with a Copy button. */
@customElement("rs-step-values")
export class RsStepValues extends LitElement {
  @property({ attribute: false }) values: CopyValue[] = [];
  @property({ attribute: false }) solution: Record<string, string> = {};
  @state() private copied: string | undefined;
  @state() private failed: string | undefined;

  static override styles = [
    controls,
    css`
      :host { display: block; }
      h3 { font-size: var(--rs-text); margin: var(--rs-space-3) 0 var(--rs-space-1); }
      ul { margin: 0; padding: 0; list-style: none; display: grid; gap: var(--rs-space-2); }
      .value { display: grid; grid-template-columns: 1fr auto; gap: var(--rs-space-1) var(--rs-space-2); align-items: start; }
      .label { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); grid-column: 1 / -1; }
      .text { min-width: 0; }
      .text code { display: inline-block; padding: 0 var(--rs-space-1); background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); overflow-wrap: anywhere; }
      pre { margin: 0; max-height: 10rem; overflow: auto; padding: var(--rs-space-2); background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); }
      .status { font-size: var(--rs-text-sm); min-height: 1.2em; margin: var(--rs-space-1) 0 0; }
    `,
  ];

  override render() {
    if (this.values.length === 0) return nothing;
    return html`<h3>Values to enter</h3>
      <ul>
        ${this.values.map((value) => {
          const text = valueText(value, this.solution);
          const long = text.includes("\n");
          return html`<li class="value">
            <span class="label">${value.label}</span>
            <span class="text">${long ? html`<pre tabindex="0" aria-label=${value.label}>${text}</pre>` : html`<code>${text}</code>`}</span>
            <button title=${`Copy ${value.label} to the clipboard`} aria-label=${`Copy ${value.label}`} @click=${() => this.copy(value.label, text)}>
              ${this.copied === value.label ? "Copied" : "Copy"}
            </button>
          </li>`;
        })}
      </ul>
      <p class="status" role="status">${this.failed ?? (this.copied ? `${this.copied} copied to the clipboard.` : "")}</p>`;
  }

  private async copy(label: string, text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = label;
      this.failed = undefined;
    } catch (error) {
      this.copied = undefined;
      this.failed = `The browser did not allow copying ${label} (${(error as Error).message}); select the text and copy it yourself.`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-step-values": RsStepValues;
  }
}
