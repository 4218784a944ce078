import type { FieldChecker, ParseContext } from "./context.ts";
import { isObject, typeName } from "./json.ts";
import type { FieldPermissions, FilterConfig, JsonObject, RoleConfig, RulesConfig } from "./types.ts";

const MAX_NAME = 100;

/** The `roles` and `filters` of a rules.json or default_rule.json (reference §3.2, §3.6). */
export function parseRules(ctx: ParseContext, path: string, obj: JsonObject): RulesConfig {
  const f = ctx.fields(path);
  return {
    roles: parseNamedList(ctx, f, obj, "roles", "role", parseRole),
    filters: parseNamedList(ctx, f, obj, "filters", "filter", parseFilter),
  };
}

/** A list of named entries; names must be unique within the list. */
function parseNamedList<T extends { name: string }>(
  ctx: ParseContext,
  f: FieldChecker,
  obj: JsonObject,
  key: string,
  noun: string,
  parse: (ctx: ParseContext, f: FieldChecker, raw: unknown, where: string) => T | undefined,
): T[] {
  const entries: T[] = [];
  const names = new Set<string>();
  (f.array(obj, key) ?? []).forEach((raw, i) => {
    const entry = parse(ctx, f, raw, `${key}[${i}]`);
    if (!entry) return;
    if (names.has(entry.name)) ctx.report(f.path, `duplicate ${noun} name "${entry.name}"`);
    names.add(entry.name);
    entries.push(entry);
  });
  return entries;
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
