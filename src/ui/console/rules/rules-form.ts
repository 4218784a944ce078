/**
 * The form's model of a rules.json (or default_rule.json), and the conversion both ways.
 *
 * The model is the file's own object with two changes: JSON expressions are held as the
 * text the form edits (so a half-typed condition survives a reload), and `fields` maps
 * become ordered lists (so fields can be added and renamed in place). Keys keep their
 * names and their order, and keys the form does not know stay as they were, so
 * JSON → form → JSON gives back the same object and form → JSON → form the same form.
 */

import { scanJson } from "./json-lines.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A permission the form edits: yes, no, or a condition (a JSON expression as text). Absent = not set. */
export type PermissionForm = boolean | { expression: string };

export interface FieldEntry {
  field: string;
  rule: FieldRuleForm;
}

export interface FieldRuleForm {
  read?: PermissionForm;
  write?: PermissionForm;
  fields?: FieldEntry[];
  [key: string]: unknown;
}

/** `additional_fields` and `document_filters`. */
export interface ScopeForm {
  read?: PermissionForm;
  write?: PermissionForm;
  [key: string]: unknown;
}

export interface RoleForm {
  name?: string;
  /** JSON text of the Apply When expression. */
  apply_when?: string;
  read?: PermissionForm;
  write?: PermissionForm;
  insert?: PermissionForm;
  delete?: PermissionForm;
  search?: PermissionForm;
  fields?: FieldEntry[];
  additional_fields?: ScopeForm;
  document_filters?: ScopeForm;
  [key: string]: unknown;
}

export interface FilterForm {
  name?: string;
  apply_when?: string;
  query?: string;
  projection?: string;
  [key: string]: unknown;
}

export interface RulesForm {
  roles?: RoleForm[];
  filters?: FilterForm[];
  [key: string]: unknown;
}

/** Something the conversion could not do, at a location such as `roles[0].apply_when`. */
export interface ConversionProblem {
  location: string;
  message: string;
}

export type Converted<T> = { ok: true; value: T } | { ok: false; problems: ConversionProblem[] };

export const PERMISSION_KEYS = ["insert", "delete", "search", "read", "write"] as const;
export type PermissionKey = (typeof PERMISSION_KEYS)[number];
const SCOPE_KEYS = ["additional_fields", "document_filters"] as const;
const FILTER_TEXT_KEYS = ["apply_when", "query", "projection"] as const;

/** How the form writes an expression: two-space JSON, the way people paste them from the docs. */
export function expressionText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Builds an object from entries without `__proto__` surprises (entries become own keys). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

class Problems {
  readonly list: ConversionProblem[] = [];
  add(location: string, message: string): undefined {
    this.list.push({ location, message });
    return undefined;
  }
}

// ---------------------------------------------------------------- JSON → form

/** The form of a parsed rules file; refused, with where and why, when the form cannot show it. */
export function rulesToForm(value: unknown): Converted<RulesForm> {
  const problems = new Problems();
  if (!isPlainObject(value)) {
    problems.add("", `the file must hold a JSON object, not ${describe(value)}`);
    return { ok: false, problems: problems.list };
  }
  const form = objectOf(
    Object.entries(value).map(([key, v]): [string, unknown] => {
      if (key === "roles") return [key, listToForm(v, "roles", problems, roleToFormAt)];
      if (key === "filters") return [key, listToForm(v, "filters", problems, filterToFormAt)];
      return [key, v];
    }),
  );
  return problems.list.length ? { ok: false, problems: problems.list } : { ok: true, value: form as RulesForm };
}

/** One role (e.g. from a template) as the form holds it. */
export function roleToForm(value: unknown): Converted<RoleForm> {
  const problems = new Problems();
  const role = roleToFormAt(value, "role", problems);
  return role && problems.list.length === 0 ? { ok: true, value: role } : { ok: false, problems: problems.list };
}

function listToForm<T>(value: unknown, at: string, problems: Problems, item: (v: unknown, at: string, p: Problems) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return problems.add(at, `must be a list ([ … ]), not ${describe(value)}`);
  return value.map((v, i) => item(v, `${at}[${i}]`, problems)).filter((v): v is T => v !== undefined);
}

function nameToForm(value: unknown, at: string, problems: Problems): string | undefined {
  if (typeof value === "string") return value;
  return problems.add(`${at}.name`, `the name must be text, not ${describe(value)}`);
}

function roleToFormAt(value: unknown, at: string, problems: Problems): RoleForm | undefined {
  if (!isPlainObject(value)) return problems.add(at, `a role must be an object ({ … }), not ${describe(value)}`);
  const role = objectOf(
    Object.entries(value).map(([key, v]): [string, unknown] => {
      if (key === "name") return [key, nameToForm(v, at, problems)];
      if (key === "apply_when") return [key, expressionText(v)];
      if ((PERMISSION_KEYS as readonly string[]).includes(key)) return [key, permissionToForm(v)];
      if (key === "fields") return [key, fieldsToForm(v, `${at}.fields`, problems)];
      if ((SCOPE_KEYS as readonly string[]).includes(key)) return [key, scopeToForm(v, `${at}.${key}`, problems)];
      return [key, v];
    }),
  );
  return role as RoleForm;
}

function filterToFormAt(value: unknown, at: string, problems: Problems): FilterForm | undefined {
  if (!isPlainObject(value)) return problems.add(at, `a filter must be an object ({ … }), not ${describe(value)}`);
  return objectOf(
    Object.entries(value).map(([key, v]): [string, unknown] => {
      if (key === "name") return [key, nameToForm(v, at, problems)];
      if ((FILTER_TEXT_KEYS as readonly string[]).includes(key)) return [key, expressionText(v)];
      return [key, v];
    }),
  ) as FilterForm;
}

export function permissionToForm(value: unknown): PermissionForm {
  return typeof value === "boolean" ? value : { expression: expressionText(value) };
}

function scopeToForm(value: unknown, at: string, problems: Problems): ScopeForm | undefined {
  if (!isPlainObject(value)) return problems.add(at, `must be an object ({ … }), not ${describe(value)}`);
  return objectOf(Object.entries(value).map(([key, v]) => [key, key === "read" || key === "write" ? permissionToForm(v) : v])) as ScopeForm;
}

function fieldsToForm(value: unknown, at: string, problems: Problems): FieldEntry[] | undefined {
  if (!isPlainObject(value)) return problems.add(at, `must be an object of field names, not ${describe(value)}`);
  const entries: FieldEntry[] = [];
  for (const [field, rule] of Object.entries(value)) {
    const where = `${at}.${field}`;
    if (!isPlainObject(rule)) {
      problems.add(where, `a field's permissions must be an object ({ "read": …, "write": … }), not ${describe(rule)}`);
      continue;
    }
    const form = objectOf(
      Object.entries(rule).map(([key, v]): [string, unknown] => {
        if (key === "read" || key === "write") return [key, permissionToForm(v)];
        if (key === "fields") return [key, fieldsToForm(v, `${where}.fields`, problems)];
        return [key, v];
      }),
    );
    entries.push({ field, rule: form as FieldRuleForm });
  }
  return entries;
}

// ---------------------------------------------------------------- form → JSON

/** The JSON object of a form; refused where an expression's text is not JSON (yet). */
export function formToRules(form: RulesForm): Converted<JsonObject> {
  const problems = new Problems();
  const out = objectOf(
    Object.entries(form).map(([key, v]): [string, unknown] => {
      if (key === "roles" && Array.isArray(v)) return [key, (v as RoleForm[]).map((r, i) => roleToJsonAt(r, `roles[${i}]`, problems))];
      if (key === "filters" && Array.isArray(v)) return [key, (v as FilterForm[]).map((f, i) => filterToJsonAt(f, `filters[${i}]`, problems))];
      return [key, v];
    }),
  );
  return problems.list.length ? { ok: false, problems: problems.list } : { ok: true, value: out as JsonObject };
}

/** One role's JSON (used for the preview of a template). */
export function roleToJson(role: RoleForm, at = "role"): Converted<JsonObject> {
  const problems = new Problems();
  const value = roleToJsonAt(role, at, problems);
  return problems.list.length ? { ok: false, problems: problems.list } : { ok: true, value };
}

function roleToJsonAt(role: RoleForm, at: string, problems: Problems): JsonObject {
  return objectOf(
    Object.entries(role).map(([key, v]): [string, unknown] => {
      if (key === "apply_when") return [key, parseExpression(v as string, `${at}.apply_when`, problems)];
      if ((PERMISSION_KEYS as readonly string[]).includes(key)) return [key, permissionToJson(v as PermissionForm, `${at}.${key}`, problems)];
      if (key === "fields") return [key, fieldsToJson(v as FieldEntry[], `${at}.fields`, problems)];
      if ((SCOPE_KEYS as readonly string[]).includes(key)) return [key, scopeToJson(v as ScopeForm, `${at}.${key}`, problems)];
      return [key, v];
    }),
  ) as JsonObject;
}

function filterToJsonAt(filter: FilterForm, at: string, problems: Problems): JsonObject {
  return objectOf(
    Object.entries(filter).map(([key, v]): [string, unknown] => [
      key,
      (FILTER_TEXT_KEYS as readonly string[]).includes(key) ? parseExpression(v as string, `${at}.${key}`, problems) : v,
    ]),
  ) as JsonObject;
}

function permissionToJson(value: PermissionForm, at: string, problems: Problems): Json | undefined {
  return typeof value === "boolean" ? value : parseExpression(value.expression, at, problems);
}

function scopeToJson(scope: ScopeForm, at: string, problems: Problems): JsonObject {
  return objectOf(
    Object.entries(scope).map(([key, v]): [string, unknown] => [key, key === "read" || key === "write" ? permissionToJson(v as PermissionForm, `${at}.${key}`, problems) : v]),
  ) as JsonObject;
}

function fieldsToJson(entries: FieldEntry[], at: string, problems: Problems): JsonObject {
  return objectOf(
    entries.map(({ field, rule }): [string, unknown] => {
      const where = `${at}.${field}`;
      const value = objectOf(
        Object.entries(rule).map(([key, v]): [string, unknown] => {
          if (key === "read" || key === "write") return [key, permissionToJson(v as PermissionForm, `${where}.${key}`, problems)];
          if (key === "fields") return [key, fieldsToJson(v as FieldEntry[], `${where}.fields`, problems)];
          return [key, v];
        }),
      );
      return [field, value];
    }),
  ) as JsonObject;
}

/** Parses an expression's text; a syntax error becomes a problem at its location. */
export function parseExpression(text: string, at: string, problems?: Problems): Json | undefined {
  const result = parseJsonText(text);
  if (result.ok) return result.value;
  problems?.add(at, result.message);
  return undefined;
}

export type JsonParse = { ok: true; value: Json } | { ok: false; message: string; line?: number };

/** JSON.parse with a message that says where: "not valid JSON at line 2, column 5 (…)". */
export function parseJsonText(text: string): JsonParse {
  if (text.trim() === "") return { ok: false, message: "empty: write a JSON value, e.g. {} for always" };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    const where = scanJson(text).error;
    const reason = (error as Error).message.replace(/,? ".*" is not valid JSON$/, "").replace(/ in JSON at position \d+.*$/, "");
    if (!where) return { ok: false, message: `not valid JSON: ${reason}` };
    return { ok: false, line: where.line, message: `not valid JSON at line ${where.line}, column ${where.column}: ${reason}` };
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value === "number" ? "the number" : "the value"} ${String(value)}`;
}

/** The file's text as the App Services CLI writes it: four-space JSON and a final newline. */
export function formatRulesJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}
