import type { FieldChecker, ParseContext } from "./context.ts";
import { isObject, typeName } from "./json.ts";
import type { FieldPermissions, FilterConfig, JsonObject, RoleConfig, RulesConfig } from "./types.ts";

const MAX_NAME = 100;

/** The `roles` and `filters` of a rules.json or default_rule.json (reference §3.2, §3.6). */
export function parseRules(ctx: ParseContext, path: string, obj: JsonObject): RulesConfig {
  const f = ctx.fields(path);
  const roles: RoleConfig[] = [];
  const roleNames = new Set<string>();
  (f.array(obj, "roles") ?? []).forEach((raw, i) => {
    const role = parseRole(ctx, f, raw, `roles[${i}]`);
    if (!role) return;
    if (roleNames.has(role.name)) ctx.report(path, `duplicate role name "${role.name}"`);
    roleNames.add(role.name);
    roles.push(role);
  });
  const filters: FilterConfig[] = [];
  const filterNames = new Set<string>();
  (f.array(obj, "filters") ?? []).forEach((raw, i) => {
    const filter = parseFilter(ctx, f, raw, `filters[${i}]`);
    if (!filter) return;
    if (filterNames.has(filter.name)) ctx.report(path, `duplicate filter name "${filter.name}"`);
    filterNames.add(filter.name);
    filters.push(filter);
  });
  return { roles, filters };
}

function parseName(ctx: ParseContext, f: FieldChecker, raw: JsonObject, where: string): string | undefined {
  const name = f.string(raw, "name", where, true);
  if (name !== undefined && name.length > MAX_NAME) {
    ctx.report(f.path, `"${where}.name" must be at most ${MAX_NAME} characters`);
  }
  return name;
}

function parseRole(ctx: ParseContext, f: FieldChecker, raw: unknown, where: string): RoleConfig | undefined {
  if (!isObject(raw)) {
    ctx.report(f.path, `"${where}" must be an object, got ${typeName(raw)}`);
    return undefined;
  }
  const name = parseName(ctx, f, raw, where);
  const applyWhen = f.object(raw, "apply_when", where);
  if (applyWhen) ctx.checkExpression(f.path, `${where}.apply_when`, applyWhen);
  for (const key of ["read", "write", "insert", "delete", "search"]) f.permission(raw, key, where);
  const fields = f.object(raw, "fields", where);
  if (fields) parseFieldPermissions(ctx, f, fields, `${where}.fields`);
  for (const key of ["additional_fields", "document_filters"]) {
    const scope = f.object(raw, key, where);
    if (scope) {
      f.permission(scope, "read", `${where}.${key}`);
      f.permission(scope, "write", `${where}.${key}`);
    }
  }
  if (name === undefined) return undefined;
  return { ...raw, name, apply_when: applyWhen ?? {} } as RoleConfig;
}

function parseFieldPermissions(ctx: ParseContext, f: FieldChecker, fields: JsonObject, where: string): void {
  for (const [field, perms] of Object.entries(fields)) {
    const at = `${where}.${field}`;
    if (!isObject(perms)) {
      ctx.report(f.path, `"${at}" must be an object, got ${typeName(perms)}`);
      continue;
    }
    f.permission(perms, "read", at);
    f.permission(perms, "write", at);
    const nested = f.object(perms, "fields", at) as Record<string, FieldPermissions> | undefined;
    if (nested) parseFieldPermissions(ctx, f, nested, `${at}.fields`);
  }
}

function parseFilter(ctx: ParseContext, f: FieldChecker, raw: unknown, where: string): FilterConfig | undefined {
  if (!isObject(raw)) {
    ctx.report(f.path, `"${where}" must be an object, got ${typeName(raw)}`);
    return undefined;
  }
  const name = parseName(ctx, f, raw, where);
  const applyWhen = f.object(raw, "apply_when", where);
  if (applyWhen) ctx.checkExpression(f.path, `${where}.apply_when`, applyWhen);
  const query = f.object(raw, "query", where) ?? {};
  const projection = f.object(raw, "projection", where) ?? {};
  if (name === undefined) return undefined;
  return { ...raw, name, apply_when: applyWhen ?? {}, query, projection };
}
