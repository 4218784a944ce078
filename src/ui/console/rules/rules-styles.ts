import { css } from "lit";

/** Cards, labels and problem lines as every part of the rules screen draws them. */
export const rulesStyles = css`
  .card { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); padding: var(--rs-space-3) var(--rs-space-4); }
  .card.highlight { outline: 3px solid var(--rs-focus); outline-offset: 2px; }
  .row { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
  .spacer { flex: 1; }
  .field-label { display: block; font-size: var(--rs-text-sm); font-weight: 600; margin: var(--rs-space-3) 0 var(--rs-space-1); }
  .help { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-2); max-width: 48rem; }
  .problem { font-size: var(--rs-text-sm); color: var(--rs-fg); background: var(--rs-danger-subtle); border-left: 3px solid var(--rs-danger); padding: var(--rs-space-1) var(--rs-space-2); margin: var(--rs-space-1) 0; border-radius: 0 var(--rs-radius) var(--rs-radius) 0; }
  .problem .what { display: block; color: var(--rs-fg-muted); }
  button.icon { min-width: 2rem; justify-content: center; }
  button.link { border: 0; background: none; color: var(--rs-accent); padding: 0; min-height: 0; font-weight: 600; text-decoration: underline; }
  h2, h3 { margin: 0; }
`;
