import { LitElement, css, html } from "lit";
import { customElement, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";

export type ThemeChoice = "light" | "dark" | "system";
const KEY = "realm-sandbox:theme";

/** Applies a theme choice to the page: an explicit one, or the system's, followed as it changes. */
export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark" || (choice === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function savedTheme(): ThemeChoice {
  const saved = localStorage.getItem(KEY);
  return saved === "light" || saved === "dark" ? saved : "system";
}

/** Light, dark, or follow the system; kept across reloads. */
@customElement("rs-theme-switch")
export class RsThemeSwitch extends LitElement {
  @state() private choice: ThemeChoice = savedTheme();
  private readonly media = matchMedia("(prefers-color-scheme: dark)");
  private readonly follow = () => applyTheme(this.choice);

  static override styles = [controls, css`label { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); display: flex; align-items: center; gap: var(--rs-space-1); }`];

  override connectedCallback(): void {
    super.connectedCallback();
    this.media.addEventListener("change", this.follow);
  }

  override disconnectedCallback(): void {
    this.media.removeEventListener("change", this.follow);
    super.disconnectedCallback();
  }

  override render() {
    // The options say what they are, so the visible label is left out to keep the top bar on one line.
    return html`<select aria-label="Theme" title="Theme" @change=${this.pick}>
      ${(["system", "light", "dark"] as const).map(
        (c) => html`<option value=${c} ?selected=${c === this.choice}>${c === "system" ? "System theme" : c === "light" ? "Light theme" : "Dark theme"}</option>`,
      )}
    </select>`;
  }

  private pick(event: Event): void {
    this.choice = (event.target as HTMLSelectElement).value as ThemeChoice;
    localStorage.setItem(KEY, this.choice);
    applyTheme(this.choice);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-theme-switch": RsThemeSwitch;
  }
}
