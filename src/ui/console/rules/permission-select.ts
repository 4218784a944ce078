import { html, nothing } from "lit";

import type { PermissionForm } from "./rules-form.ts";

/** The select of one permission: not set (with what that means), yes, no, or a condition. */
export function permissionSelect(options: {
  label: string;
  value: PermissionForm | undefined;
  /** What "not set" means here. */
  unset: boolean;
  location: string;
  invalid?: boolean;
  onChange: (value: PermissionForm | undefined) => void;
}) {
  const { value } = options;
  const mode = value === undefined ? "unset" : typeof value === "boolean" ? String(value) : "when";
  const change = (event: Event) => {
    const next = (event.target as HTMLSelectElement).value;
    if (next === "unset") options.onChange(undefined);
    else if (next === "true" || next === "false") options.onChange(next === "true");
    // A new condition starts as the one most rules need: the user owns the document.
    else options.onChange(typeof value === "object" ? value : { expression: '{\n  "owner_id": "%%user.id"\n}' });
  };
  return html`<select aria-label=${options.label} data-location=${options.location} aria-invalid=${options.invalid ? "true" : nothing} @change=${change}>
    <option value="unset" ?selected=${mode === "unset"}>Default: ${options.unset ? "yes" : "no"}</option>
    <option value="true" ?selected=${mode === "true"}>Yes</option>
    <option value="false" ?selected=${mode === "false"}>No</option>
    <option value="when" ?selected=${mode === "when"}>Only when…</option>
  </select>`;
}

/** The problems of one location, with what to do. */
export function problemLines(problems: readonly { text: string; hint: string }[]) {
  return problems.map((p) => html`<p class="problem">${p.text}${p.hint ? html`<span class="what">${p.hint}</span>` : nothing}</p>`);
}
