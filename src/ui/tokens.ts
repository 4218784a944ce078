import { css } from "lit";

/**
 * The one set of design tokens. Light values by default; dark ones when the user picks
 * dark, or follows a dark system. Elements style themselves from these only.
 */
export const tokens = css`
  :root {
    color-scheme: light;
    --rs-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    --rs-font-mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    --rs-text-sm: 0.8125rem;
    --rs-text: 0.9375rem;
    --rs-text-lg: 1.125rem;
    --rs-text-xl: 1.5rem;
    --rs-space-1: 0.25rem;
    --rs-space-2: 0.5rem;
    --rs-space-3: 0.75rem;
    --rs-space-4: 1rem;
    --rs-space-6: 1.5rem;
    --rs-radius: 6px;
    --rs-bg: #ffffff;
    --rs-bg-subtle: #f5f7f6;
    --rs-bg-raised: #ffffff;
    --rs-fg: #1c2d38;
    --rs-fg-muted: #4f5d66;
    --rs-border: #c9d1cf;
    --rs-accent: #00684a;
    --rs-accent-fg: #ffffff;
    --rs-accent-subtle: #e3fcf7;
    --rs-danger: #b3261e;
    --rs-danger-subtle: #fdecea;
    --rs-warning: #8a5300;
    --rs-warning-subtle: #fff4e0;
    --rs-ok: #116b3c;
    --rs-focus: #016bf8;
    --rs-shadow: 0 1px 3px rgb(0 0 0 / 0.12);
  }
  :root[data-theme="dark"] {
    color-scheme: dark;
    --rs-bg: #0f1a1f;
    --rs-bg-subtle: #16252c;
    --rs-bg-raised: #1c2d35;
    --rs-fg: #e8eef0;
    --rs-fg-muted: #a9b8bf;
    --rs-border: #3b4d55;
    --rs-accent: #3ddc97;
    --rs-accent-fg: #07221a;
    --rs-accent-subtle: #12362c;
    --rs-danger: #ff8a80;
    --rs-danger-subtle: #3b1b1a;
    --rs-warning: #ffc56b;
    --rs-warning-subtle: #3a2a10;
    --rs-ok: #7ee2a8;
    --rs-focus: #79b0ff;
    --rs-shadow: 0 1px 3px rgb(0 0 0 / 0.5);
  }
  html,
  body {
    margin: 0;
    background: var(--rs-bg);
    color: var(--rs-fg);
    font-family: var(--rs-font);
    font-size: var(--rs-text);
  }
`;

/** Controls as every element draws them: buttons, fields, focus, notices. */
export const controls = css`
  :host {
    font-family: var(--rs-font);
    color: var(--rs-fg);
  }
  button,
  .button {
    font: inherit;
    font-size: var(--rs-text-sm);
    font-weight: 600;
    padding: var(--rs-space-1) var(--rs-space-3);
    min-height: 2rem;
    border-radius: var(--rs-radius);
    border: 1px solid var(--rs-border);
    background: var(--rs-bg-raised);
    color: var(--rs-fg);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: var(--rs-space-1);
  }
  button.primary,
  .button.primary {
    background: var(--rs-accent);
    border-color: var(--rs-accent);
    color: var(--rs-accent-fg);
  }
  button.danger {
    color: var(--rs-danger);
    border-color: var(--rs-danger);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: var(--rs-text-sm);
    color: var(--rs-fg);
    background: var(--rs-bg);
    border: 1px solid var(--rs-border);
    border-radius: var(--rs-radius);
    padding: var(--rs-space-1) var(--rs-space-2);
    min-height: 2rem;
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--rs-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--rs-accent);
  }
  :root[data-theme="dark"] a {
    color: var(--rs-accent);
  }
  .notice {
    border-left: 4px solid var(--rs-border);
    padding: var(--rs-space-2) var(--rs-space-3);
    margin: var(--rs-space-2) 0;
    background: var(--rs-bg-subtle);
    border-radius: 0 var(--rs-radius) var(--rs-radius) 0;
  }
  .notice.error {
    border-color: var(--rs-danger);
    background: var(--rs-danger-subtle);
  }
  .notice.warning {
    border-color: var(--rs-warning);
    background: var(--rs-warning-subtle);
  }
  .notice.ok {
    border-color: var(--rs-ok);
  }
  .muted {
    color: var(--rs-fg-muted);
  }
  code,
  pre {
    font-family: var(--rs-font-mono);
    font-size: var(--rs-text-sm);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
