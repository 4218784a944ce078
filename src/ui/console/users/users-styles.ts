import { css } from "lit";

/** What the App Users screen's elements share: cards, badges, button rows. */
export const usersStyles = css`
  .card { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); padding: var(--rs-space-3) var(--rs-space-4); }
  .badge { display: inline-block; font-size: var(--rs-text-sm); font-weight: 600; padding: 0 var(--rs-space-2); border-radius: 999px; border: 1px solid currentColor; }
  .badge.ok { color: var(--rs-ok); }
  .badge.warning { color: var(--rs-warning); }
  .badge.danger { color: var(--rs-danger); }
  .badge.muted { color: var(--rs-fg-muted); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; }
  .mono { font-family: var(--rs-font-mono); font-size: var(--rs-text-sm); word-break: break-all; }
  h2 { font-size: var(--rs-text-lg); margin: 0 0 var(--rs-space-2); }
  h3 { font-size: var(--rs-text); margin: 0; }
  ul.plain { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--rs-space-2); }
`;
