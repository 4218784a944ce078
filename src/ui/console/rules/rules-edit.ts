/**
 * Edits of the form model. Every edit returns a new object (Lit re-renders on identity)
 * and keeps the other keys where they were, so a form edit changes only what it names.
 */
import type { FieldEntry, FieldRuleForm, FilterForm, RoleForm, RulesForm } from "./rules-form.ts";

/** Sets `key` in place (or appends it); `undefined` removes it. */
export function withKey<T extends object>(obj: T, key: string, value: unknown): T {
  const entries = Object.entries(obj);
  const at = entries.findIndex(([k]) => k === key);
  if (value === undefined) {
    if (at >= 0) entries.splice(at, 1);
  } else if (at >= 0) {
    entries[at] = [key, value];
  } else {
    entries.push([key, value]);
  }
  return Object.fromEntries(entries) as T;
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (to < 0 || to >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

export function roles(form: RulesForm): RoleForm[] {
  return form.roles ?? [];
}

export function filters(form: RulesForm): FilterForm[] {
  return form.filters ?? [];
}

export function setRoles(form: RulesForm, list: RoleForm[]): RulesForm {
  return withKey(form, "roles", list);
}

export function setFilters(form: RulesForm, list: FilterForm[]): RulesForm {
  return withKey(form, "filters", list);
}

export function updateRole(form: RulesForm, index: number, change: (role: RoleForm) => RoleForm): RulesForm {
  return setRoles(form, roles(form).map((r, i) => (i === index ? change(r) : r)));
}

export function updateFilter(form: RulesForm, index: number, change: (filter: FilterForm) => FilterForm): RulesForm {
  return setFilters(form, filters(form).map((f, i) => (i === index ? change(f) : f)));
}

/** A name not yet used by another entry: `base`, then `base2`, `base3`… */
export function freeName(taken: Iterable<string | undefined>, base: string): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

// ------------------------------------------------------------ field permissions

/** A path of field names into a role's `fields` tree: ["address", "city"]. */
export type FieldPath = readonly string[];

export function updateFields(entries: FieldEntry[] | undefined, path: FieldPath, change: (rule: FieldRuleForm) => FieldRuleForm | undefined): FieldEntry[] {
  const [head, ...rest] = path;
  const out: FieldEntry[] = [];
  for (const entry of entries ?? []) {
    if (entry.field !== head) {
      out.push(entry);
      continue;
    }
    const rule = rest.length === 0 ? change(entry.rule) : withKey(entry.rule, "fields", updateFields(entry.rule.fields, rest, change));
    if (rule) out.push({ field: entry.field, rule });
  }
  return out;
}

/** Adds a field (no permissions yet) under `parent`; an existing name is left as it is. */
export function addField(entries: FieldEntry[] | undefined, parent: FieldPath, field: string): FieldEntry[] {
  if (parent.length === 0) {
    if ((entries ?? []).some((e) => e.field === field)) return entries ?? [];
    return [...(entries ?? []), { field, rule: {} }];
  }
  return updateFields(entries, parent, (rule) => withKey(rule, "fields", addField(rule.fields, [], field)));
}

export function removeField(entries: FieldEntry[] | undefined, path: FieldPath): FieldEntry[] {
  return updateFields(entries, path, () => undefined);
}

/** Every field of a tree with its path, parents before children, for a flat table. */
export function flattenFields(entries: FieldEntry[] | undefined, parent: FieldPath = []): { path: string[]; rule: FieldRuleForm }[] {
  const out: { path: string[]; rule: FieldRuleForm }[] = [];
  for (const { field, rule } of entries ?? []) {
    const path = [...parent, field];
    out.push({ path, rule });
    out.push(...flattenFields(rule.fields, path));
  }
  return out;
}

/** The location of a field in rules.json, as deploy names it: `roles[0].fields.address.fields.city`. */
export function fieldLocation(roleIndex: number, path: FieldPath): string {
  return `roles[${roleIndex}].fields.${path.join(".fields.")}`;
}
