import { css } from "lit";

/** How a tutorial's prose reads in the narrow panel. */
export const proseStyles = css`
  .prose { line-height: 1.5; overflow-wrap: break-word; }
  .prose p, .prose ul, .prose ol { margin: 0 0 var(--rs-space-3); }
  .prose ul, .prose ol { padding-left: var(--rs-space-6); }
  .prose li { margin-bottom: var(--rs-space-1); }
  .prose h3 { font-size: var(--rs-text); margin: var(--rs-space-4) 0 var(--rs-space-2); }
  .prose h4, .prose h5 { font-size: var(--rs-text-sm); margin: var(--rs-space-3) 0 var(--rs-space-1); }
  .prose code { background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); border-radius: 4px; padding: 0 0.2em; }
  .prose pre { background: var(--rs-bg-subtle); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); padding: var(--rs-space-2); overflow: auto; }
  .prose pre code { border: 0; padding: 0; }
  .prose .table-scroll { overflow-x: auto; margin: 0 0 var(--rs-space-3); }
  .prose table { border-collapse: collapse; font-size: var(--rs-text-sm); }
  .prose th, .prose td { border: 1px solid var(--rs-border); padding: var(--rs-space-1) var(--rs-space-2); text-align: left; vertical-align: top; }
`;
