import type { FieldPermissions, JsonObject, PermissionValue, RoleConfig, RulesConfig } from "../../config/types.ts";
import { isPlainObject } from "../../bson/types.ts";
import { expressionScope, type ExpressionScope } from "./scope.ts";

/** A permission as evaluated: a constant, or an expression with what it reads. */
export type Permission = ConstantPermission | ExpressionPermission;

export interface ConstantPermission {
  kind: "constant";
  value: boolean;
  /** Location in the rules file, e.g. `roles[0].read`. */
  where: string;
  /** `default` when the config leaves it unset. */
  source: "default" | "constant";
}

export interface ExpressionPermission {
  kind: "expression";
  expr: JsonObject;
  /** Location in the rules file, e.g. `roles[0].fields.status.write`. */
  where: string;
  scope: ExpressionScope;
}

/** One entry of a role's `fields`, possibly with embedded `fields` of its own. */
export interface FieldNode {
  /** `fields.meta.fields.reviewers`: how traces name the entry. */
  where: string;
  /** Whether the entry sets read or write itself; then it decides for its whole subtree. */
  defines: boolean;
  read: Permission;
  write: Permission;
  children: ReadonlyMap<string, FieldNode> | undefined;
}

export interface CompiledRole {
  index: number;
  name: string;
  where: string;
  applyWhen: Permission;
  read: Permission;
  write: Permission;
  insert: Permission;
  delete: Permission;
  search: Permission;
  fields: ReadonlyMap<string, FieldNode> | undefined;
  additionalRead: Permission;
  additionalWrite: Permission;
  /** Rules v2 `document_filters`; undefined members are "not set" (true without Sync). */
  filterRead: Permission | undefined;
  filterWrite: Permission | undefined;
  /** False when no field-level setting can grant anything, so field checks can be skipped. */
  fieldLevel: boolean;
}

export interface CompiledFilter {
  index: number;
  name: string;
  where: string;
  applyWhen: Permission;
  query: JsonObject;
  projection: JsonObject;
}

export type RulesGeneration = "2020" | "2022";

export interface CompiledRules {
  roles: readonly CompiledRole[];
  filters: readonly CompiledFilter[];
  generation: RulesGeneration;
}

const cache = new WeakMap<RulesConfig, CompiledRules>();

/**
 * Resolves defaults once per rules object (configs are replaced, never mutated).
 *
 * Defaults (reference §3.2): `read`, `write` and every field-level setting default to
 * false, `search` to true. `insert`/`delete` changed between generations: a rule set in
 * which no role mentions `search` or `document_filters` is a 2020-style set and defaults
 * them to false; otherwise they default to true (2022+). The generation is decided per
 * rules file rather than per role, since one file comes from one editor version.
 */
export function compileRules(rules: RulesConfig): CompiledRules {
  let compiled = cache.get(rules);
  if (!compiled) {
    const generation = rulesGeneration(rules.roles);
    compiled = {
      generation,
      roles: rules.roles.map((role, index) => compileRole(role, index, generation)),
      filters: (rules.filters ?? []).map((filter, index) => ({
        index,
        name: filter.name,
        where: `filters[${index}]`,
        applyWhen: permission(filter.apply_when ?? {}, `filters[${index}].apply_when`, true),
        query: filter.query ?? {},
        projection: filter.projection ?? {},
      })),
    };
    cache.set(rules, compiled);
  }
  return compiled;
}

export function rulesGeneration(roles: readonly RoleConfig[]): RulesGeneration {
  return roles.some((role) => role.search !== undefined || role.document_filters !== undefined) ? "2022" : "2020";
}

function compileRole(role: RoleConfig, index: number, generation: RulesGeneration): CompiledRole {
  const where = `roles[${index}]`;
  const insertDeleteDefault = generation === "2022";
  const fields = compileFields(role.fields, `${where}.fields`, "fields");
  const additional = role.additional_fields ?? {};
  const filters = role.document_filters;
  const compiled: CompiledRole = {
    index,
    name: role.name,
    where,
    applyWhen: permission(role.apply_when ?? {}, `${where}.apply_when`, true),
    read: permission(role.read, `${where}.read`, false),
    write: permission(role.write, `${where}.write`, false),
    insert: permission(role.insert, `${where}.insert`, insertDeleteDefault),
    delete: permission(role.delete, `${where}.delete`, insertDeleteDefault),
    search: permission(role.search, `${where}.search`, true),
    fields,
    additionalRead: permission(additional.read, `${where}.additional_fields.read`, false),
    additionalWrite: permission(additional.write, `${where}.additional_fields.write`, false),
    filterRead: filters?.read === undefined ? undefined : permission(filters.read, `${where}.document_filters.read`, true),
    filterWrite: filters?.write === undefined ? undefined : permission(filters.write, `${where}.document_filters.write`, true),
    fieldLevel: false,
  };
  compiled.fieldLevel = fields !== undefined || !isFalse(compiled.additionalRead) || !isFalse(compiled.additionalWrite);
  return compiled;
}

function compileFields(
  fields: Record<string, FieldPermissions> | undefined,
  where: string,
  name: string,
): ReadonlyMap<string, FieldNode> | undefined {
  if (!isPlainObject(fields)) return undefined;
  const nodes = new Map<string, FieldNode>();
  for (const [field, perms] of Object.entries(fields)) {
    if (!isPlainObject(perms)) continue;
    const at = `${where}.${field}`;
    const defines = perms.read !== undefined || perms.write !== undefined;
    nodes.set(field, {
      where: `${name}.${field}`,
      defines,
      read: permission(perms.read, `${at}.read`, false),
      write: permission(perms.write, `${at}.write`, false),
      children: compileFields(perms.fields, `${at}.fields`, `${name}.${field}.fields`),
    });
  }
  return nodes.size > 0 ? nodes : undefined;
}

/** `{}` is the constant true, so it never reaches the evaluator. */
export function permission(value: PermissionValue | undefined, where: string, fallback: boolean): Permission {
  if (value === undefined || value === null) return { kind: "constant", value: fallback, where, source: "default" };
  if (typeof value === "boolean") return { kind: "constant", value, where, source: "constant" };
  if (isPlainObject(value) && Object.keys(value).length === 0) return { kind: "constant", value: true, where, source: "constant" };
  return { kind: "expression", expr: value as JsonObject, where, scope: expressionScope(value) };
}

function isFalse(p: Permission): boolean {
  return p.kind === "constant" && !p.value;
}
