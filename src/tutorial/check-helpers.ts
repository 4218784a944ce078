/**
 * Small readers for step checks: they find things in a snapshot's app files and say,
 * in one sentence each, what is missing or different. Pure; safe for the page.
 */
import type { RoleConfig } from "../config/types.ts";
import type { AppFileMap, CheckResult } from "./types.ts";

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Collects problems; `result()` is the check's answer. */
export class Problems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  /** Records `problem` unless `ok`; returns `ok` so a check can stop early. */
  expect(ok: boolean, problem: string): boolean {
    if (!ok) this.add(problem);
    return ok;
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  result(): CheckResult {
    return { ok: this.ok, problems: [...this.list] };
  }
}

/** Two JSON values are the same, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}

/** Compact JSON for messages. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? "nothing";
}

/**
 * The parsed JSON of a file, or undefined after recording why not (missing, not JSON).
 * `what` names the file in words, e.g. "the schema of `tracker.users`".
 */
export function readJson(files: AppFileMap, path: string, problems: Problems, what = `\`${path}\``): unknown {
  const text = files[path];
  if (text === undefined) {
    problems.add(`${capitalize(what)} does not exist yet (${path}).`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.add(`${capitalize(what)} is not valid JSON (${path}): ${(error as Error).message}.`);
    return undefined;
  }
}

/** The parsed JSON of a file, or undefined when it is missing or broken; records nothing. */
export function peekJson(files: AppFileMap, path: string): unknown {
  const text = files[path];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `data_sources/<service>/<db>/<collection>` for a namespace "db.collection". */
export function collectionDir(namespace: string, service = "mongodb-atlas"): string {
  const dot = namespace.indexOf(".");
  return `data_sources/${service}/${namespace.slice(0, dot)}/${namespace.slice(dot + 1)}`;
}

export function hasCollection(files: AppFileMap, namespace: string, service = "mongodb-atlas"): boolean {
  const dir = `${collectionDir(namespace, service)}/`;
  return Object.keys(files).some((p) => p.startsWith(dir));
}

/** A collection's schema.json, or undefined after saying what is missing. */
export function schemaOf(files: AppFileMap, namespace: string, problems: Problems): Obj | undefined {
  if (!hasCollection(files, namespace)) {
    problems.add(`There is no collection \`${namespace}\` yet: add it on the Schema screen.`);
    return undefined;
  }
  const schema = readJson(files, `${collectionDir(namespace)}/schema.json`, problems, `the schema of \`${namespace}\``);
  if (schema === undefined) return undefined;
  if (!isObject(schema)) {
    problems.add(`The schema of \`${namespace}\` must be a JSON object.`);
    return undefined;
  }
  return schema;
}

/**
 * Compares a schema with what a step asks for: its title, each property's bsonType and
 * the required fields. Extra properties are allowed unless `exact`.
 */
export function expectSchema(
  files: AppFileMap,
  namespace: string,
  expected: { title?: string; properties: Record<string, string>; required?: string[]; exact?: boolean },
  problems: Problems,
): void {
  const schema = schemaOf(files, namespace, problems);
  if (!schema) return;
  const name = `\`${namespace}\``;
  if (expected.title !== undefined) problems.expect(schema.title === expected.title, `The schema of ${name} has the title ${show(schema.title)}; it should be "${expected.title}".`);
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [field, bsonType] of Object.entries(expected.properties)) {
    const property = properties[field];
    if (!isObject(property)) problems.add(`The schema of ${name} has no property \`${field}\` (bsonType "${bsonType}").`);
    else problems.expect(property.bsonType === bsonType, `In the schema of ${name}, \`${field}\` has bsonType ${show(property.bsonType)}; it should be "${bsonType}".`);
  }
  if (expected.exact) {
    for (const field of Object.keys(properties)) problems.expect(field in expected.properties, `The schema of ${name} has a property \`${field}\` the step does not ask for.`);
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const field of expected.required ?? []) problems.expect(required.includes(field), `The schema of ${name} does not list \`${field}\` as required.`);
}

/** The bsonType of one property of a collection's schema, if the schema has it. */
export function schemaProperty(files: AppFileMap, namespace: string, field: string): Obj | undefined {
  const schema = peekJson(files, `${collectionDir(namespace)}/schema.json`);
  if (!isObject(schema) || !isObject(schema.properties)) return undefined;
  const property = schema.properties[field];
  return isObject(property) ? property : undefined;
}

/** A collection's relationships.json as a map of source field → relationship. */
export function relationshipsOf(files: AppFileMap, namespace: string): Record<string, Obj> {
  const value = peekJson(files, `${collectionDir(namespace)}/relationships.json`);
  return isObject(value) ? (value as Record<string, Obj>) : {};
}

/** The roles of a collection's rules.json, or undefined after saying what is missing. */
export function rolesOf(files: AppFileMap, namespace: string, problems: Problems): RoleConfig[] | undefined {
  if (!hasCollection(files, namespace)) {
    problems.add(`There is no collection \`${namespace}\` yet.`);
    return undefined;
  }
  const rules = readJson(files, `${collectionDir(namespace)}/rules.json`, problems, `the rules of \`${namespace}\``);
  if (rules === undefined) return undefined;
  if (!isObject(rules) || !Array.isArray(rules.roles)) {
    problems.add(`The rules of \`${namespace}\` have no list of roles.`);
    return undefined;
  }
  return rules.roles as RoleConfig[];
}

export function findRole(files: AppFileMap, namespace: string, name: string): RoleConfig | undefined {
  const rules = peekJson(files, `${collectionDir(namespace)}/rules.json`);
  if (!isObject(rules) || !Array.isArray(rules.roles)) return undefined;
  return (rules.roles as RoleConfig[]).find((r) => r.name === name);
}

export interface ExpectedRole {
  apply_when?: unknown;
  insert?: boolean;
  delete?: boolean;
  read?: boolean;
  write?: boolean;
}

const PERMISSION_WORDS: Record<"insert" | "delete" | "read" | "write", string> = { insert: "insert", delete: "delete", read: "read", write: "write" };

/**
 * Checks that a collection has a role of that name with the given Apply When and
 * document-level permissions. A permission expected true must be exactly true; one
 * expected false must be false or absent.
 */
export function expectRole(files: AppFileMap, namespace: string, name: string, expected: ExpectedRole, problems: Problems): RoleConfig | undefined {
  const roles = rolesOf(files, namespace, problems);
  if (!roles) return undefined;
  const role = roles.find((r) => r.name === name);
  const coll = namespace.slice(namespace.indexOf(".") + 1);
  if (!role) {
    const names = roles.map((r) => `\`${r.name}\``);
    problems.add(`The \`${coll}\` collection has no role named \`${name}\`${names.length ? ` (its roles: ${names.join(", ")})` : " (it has no roles yet)"}.`);
    return undefined;
  }
  if (expected.apply_when !== undefined && !sameJson(role.apply_when ?? {}, expected.apply_when)) {
    problems.add(`The \`${coll}\` role \`${name}\` applies when ${show(role.apply_when ?? {})}; it should apply when ${show(expected.apply_when)}.`);
  }
  for (const key of ["insert", "delete", "read", "write"] as const) {
    const want = expected[key];
    if (want === undefined) continue;
    const has = (role as unknown as Obj)[key];
    if (want && has !== true) problems.add(`The \`${coll}\` role \`${name}\` has no ${PERMISSION_WORDS[key]} permission.`);
    if (!want && has !== undefined && has !== false) problems.add(`The \`${coll}\` role \`${name}\` has ${PERMISSION_WORDS[key]} permission; it should not.`);
  }
  return role;
}

/** The source of functions/<name>.js, if the function exists. */
export function functionSource(files: AppFileMap, name: string): string | undefined {
  return files[`functions/${name}.js`];
}

/** A function's entry in functions/config.json. */
export function functionConfig(files: AppFileMap, name: string): Obj | undefined {
  const list = peekJson(files, "functions/config.json");
  return Array.isArray(list) ? (list.find((f) => isObject(f) && f.name === name) as Obj | undefined) : undefined;
}

/** An authentication provider of auth/providers.json, by its type (e.g. local-userpass). */
export function providerOf(files: AppFileMap, type: string): Obj | undefined {
  const providers = peekJson(files, "auth/providers.json");
  if (!isObject(providers)) return undefined;
  const found = Object.values(providers).find((p) => isObject(p) && p.type === type);
  return found as Obj | undefined;
}

/** A trigger of triggers/<name>.json (by its file name or its `name`). */
export function triggerOf(files: AppFileMap, name: string): Obj | undefined {
  const direct = peekJson(files, `triggers/${name}.json`);
  if (isObject(direct)) return direct;
  for (const path of Object.keys(files)) {
    if (!/^triggers\/[^/]+\.json$/.test(path)) continue;
    const trigger = peekJson(files, path);
    if (isObject(trigger) && trigger.name === name) return trigger;
  }
  return undefined;
}

/** A JSON object's member, when it is an object too. */
export function objectAt(value: unknown, key: string): Obj | undefined {
  return isObject(value) && isObject(value[key]) ? value[key] : undefined;
}

export { isObject };
