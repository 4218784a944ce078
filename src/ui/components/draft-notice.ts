import { html, nothing } from "lit";

import type { DraftFiles } from "../state/draft-files.ts";

/**
 * What a screen built on the draft shows before its forms: why the draft could not be read,
 * or that it is still on its way. Nothing once the files are here.
 */
export function draftNotice(draft: Pick<DraftFiles, "files" | "error">) {
  if (draft.error) return html`<p class="notice error" role="alert">${draft.error}</p>`;
  return draft.files ? nothing : html`<p class="muted">Loading the draft…</p>`;
}
