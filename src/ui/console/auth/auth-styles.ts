import { css } from "lit";

/** What the Authentication screen's forms share. */
export const authStyles = css`
  .card { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); padding: var(--rs-space-4); }
  h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-1); }
  fieldset { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); margin: var(--rs-space-3) 0 0; padding: var(--rs-space-2) var(--rs-space-3) var(--rs-space-3); }
  legend { font-weight: 600; padding: 0 var(--rs-space-1); }
  .choice { display: flex; gap: var(--rs-space-2); align-items: flex-start; margin: var(--rs-space-2) 0; }
  .choice input { margin: 0.2rem 0 0; }
  .choice small { display: block; color: var(--rs-fg-muted); }
  .sub { margin: var(--rs-space-2) 0 var(--rs-space-2) var(--rs-space-6); display: flex; flex-direction: column; gap: var(--rs-space-2); }
  label.field { display: flex; flex-direction: column; gap: var(--rs-space-1); font-size: var(--rs-text-sm); font-weight: 600; }
  label.field input, label.field select { max-width: 36rem; }
  .problem { color: var(--rs-danger); font-size: var(--rs-text-sm); margin: 0; }
  .toggle { display: flex; gap: var(--rs-space-2); align-items: center; font-weight: 600; }
  .buttons { display: flex; gap: var(--rs-space-2); align-items: center; margin-top: var(--rs-space-4); flex-wrap: wrap; }
  .muted { color: var(--rs-fg-muted); }
`;
