import { css } from "lit";

/** The layout the Values, Device Sync and App Settings screens share: a title, a lead, sections of fields. */
export const screenStyles = css`
  :host { display: block; max-width: 60rem; }
  h1 { font-size: var(--rs-text-xl); margin: 0 0 var(--rs-space-1); }
  h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-2); }
  h3 { font-size: var(--rs-text); margin: var(--rs-space-3) 0 var(--rs-space-2); }
  .lead { color: var(--rs-fg-muted); margin: 0 0 var(--rs-space-4); max-width: 52rem; }
  .card { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); padding: var(--rs-space-4); margin: 0 0 var(--rs-space-4); }
  .card > p:first-of-type { margin-top: 0; }
  .field { display: flex; flex-direction: column; gap: var(--rs-space-1); margin: 0 0 var(--rs-space-3); }
  .field > label, .label { font-weight: 600; font-size: var(--rs-text-sm); }
  .field input[type="text"], .field input[type="password"], .field select { max-width: 24rem; }
  .hint { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; }
  .hint.intro { margin: 0 0 var(--rs-space-3); }
  .hint + button, .hint + .row { margin-top: var(--rs-space-2); }
  .field-error { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; }
  .row { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; }
  .actions { display: flex; gap: var(--rs-space-2); align-items: center; flex-wrap: wrap; margin-top: var(--rs-space-2); }
  table { border-collapse: collapse; width: 100%; font-size: var(--rs-text-sm); margin: 0 0 var(--rs-space-3); }
  th, td { text-align: left; padding: var(--rs-space-2); border-bottom: 1px solid var(--rs-border); vertical-align: top; }
  th { color: var(--rs-fg-muted); font-weight: 600; }
  td code { word-break: break-all; }
  label.button { box-sizing: border-box; }
  .empty { color: var(--rs-fg-muted); border: 1px dashed var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-3); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--rs-space-3); }
  legend { font-weight: 600; font-size: var(--rs-text-sm); padding: 0; margin-bottom: var(--rs-space-1); }
  .problems { margin: var(--rs-space-2) 0; padding-left: var(--rs-space-4); color: var(--rs-danger); font-size: var(--rs-text-sm); }
`;
