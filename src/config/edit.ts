import { AppServicesError } from "../core/app-services-error.ts";
import { cloneJson, formatJson, isObject, parseJsonText } from "./json.ts";
import { isValidFunctionName } from "./parse-functions.ts";
import {
  AUTH_PROVIDERS,
  CUSTOM_USER_DATA,
  FUNCTIONS_CONFIG,
  SANDBOX_INDEXES,
  TRIGGERS_DIR,
  collectionDir,
  collectionFile,
  dataSourceDir,
  functionSourcePath,
  triggerPath,
} from "./paths.ts";
import type {
  AppFiles,
  AuthProviderConfig,
  CustomUserDataConfig,
  FilterConfig,
  FunctionEntry,
  JsonObject,
  RelationshipConfig,
  RoleConfig,
  TriggerFile,
} from "./types.ts";

/*
 * Edit helpers: each returns a new AppFiles and never mutates its input. They write with
 * formatJson, so a file the sandbox wrote comes back byte-identical after parse + rewrite.
 */

export function setFile(files: AppFiles, path: string, text: string): AppFiles {
  return { ...files, [path]: text };
}

export function setJsonFile(files: AppFiles, path: string, value: unknown): AppFiles {
  return setFile(files, path, formatJson(value));
}

export function removeFile(files: AppFiles, path: string): AppFiles {
  if (!(path in files)) return files;
  const next = { ...files };
  delete next[path];
  return next;
}

function removeFolder(files: AppFiles, dir: string): AppFiles {
  const next: AppFiles = {};
  for (const [path, text] of Object.entries(files)) if (!path.startsWith(dir)) next[path] = text;
  return next;
}

function readJson(files: AppFiles, path: string): unknown {
  if (!(path in files)) return undefined;
  const result = parseJsonText(files[path]);
  if (!result.ok) throw new AppServicesError("InvalidConfig", `${path}: ${result.message}`);
  return result.value;
}

function readObject(files: AppFiles, path: string): JsonObject {
  const value = readJson(files, path);
  if (value === undefined) return {};
  if (!isObject(value)) throw new AppServicesError("InvalidConfig", `${path}: expected a JSON object at the top level`);
  return value;
}

function invalid(message: string): AppServicesError {
  return new AppServicesError("InvalidParameter", message);
}

// ── collections ─────────────────────────────────────────────────────────────

/** MongoDB's naming limits, checked before a folder is created. */
export function checkNamespaceNames(database: string, collection: string): void {
  if (!database || /[/\\. "$\0]/.test(database) || database.length >= 64) {
    throw invalid(`invalid database name "${database}": it must be non-empty, shorter than 64 characters and without / \\ . " $ or spaces`);
  }
  if (!collection || /[$/\0]/.test(collection) || collection.startsWith("system.")) {
    throw invalid(`invalid collection name "${collection}": it must be non-empty, without $ or /, and not start with "system."`);
  }
}

function hasCollection(files: AppFiles, service: string, database: string, collection: string): boolean {
  const dir = collectionDir(service, database, collection);
  return Object.keys(files).some((p) => p.startsWith(dir));
}

/**
 * Adds a collection the way the rules editor's "Add Collection" with no template did: a
 * rule with no roles yet (so every request is denied until roles exist), no relationships,
 * and no schema.json — a collection without a schema has no GraphQL type and no validation.
 */
export function addCollection(files: AppFiles, service: string, database: string, collection: string): AppFiles {
  checkNamespaceNames(database, collection);
  if (!(`${dataSourceDir(service)}config.json` in files)) {
    throw invalid(`there is no data source named "${service}"`);
  }
  if (hasCollection(files, service, database, collection)) {
    throw invalid(`collection ${database}.${collection} already exists in "${service}"`);
  }
  let next = setJsonFile(files, collectionFile(service, database, collection, "rules.json"), {
    database,
    collection,
    roles: [],
    filters: [],
  });
  next = setJsonFile(next, collectionFile(service, database, collection, "relationships.json"), {});
  return next;
}

export function removeCollection(files: AppFiles, service: string, database: string, collection: string): AppFiles {
  return removeFolder(files, collectionDir(service, database, collection));
}

/** Writes schema.json, or removes it when `schema` is undefined. */
export function setCollectionSchema(
  files: AppFiles,
  service: string,
  database: string,
  collection: string,
  schema: JsonObject | undefined,
): AppFiles {
  const path = collectionFile(service, database, collection, "schema.json");
  return schema === undefined ? removeFile(files, path) : setJsonFile(files, path, schema);
}

/** Writes rules.json with database/collection taken from the folder; undefined removes it. */
export function setCollectionRules(
  files: AppFiles,
  service: string,
  database: string,
  collection: string,
  rules: { roles: RoleConfig[]; filters?: FilterConfig[] } | undefined,
): AppFiles {
  const path = collectionFile(service, database, collection, "rules.json");
  if (rules === undefined) return removeFile(files, path);
  return setJsonFile(files, path, {
    database,
    collection,
    roles: cloneJson(rules.roles),
    filters: cloneJson(rules.filters ?? []),
  });
}

/** Writes relationships.json; the parsed `target` is derived from `ref` and is not written. */
export function setRelationships(
  files: AppFiles,
  service: string,
  database: string,
  collection: string,
  relationships: Record<string, RelationshipConfig>,
): AppFiles {
  const out: Record<string, JsonObject> = {};
  for (const [field, rel] of Object.entries(relationships)) {
    const entry: JsonObject = { ref: rel.ref };
    if (rel.source_key !== undefined) entry.source_key = rel.source_key;
    entry.foreign_key = rel.foreign_key;
    entry.is_list = rel.is_list;
    out[field] = entry;
  }
  return setJsonFile(files, collectionFile(service, database, collection, "relationships.json"), out);
}

// ── functions and triggers ─────────────────────────────────────────────────

function functionEntries(files: AppFiles): JsonObject[] {
  const value = readJson(files, FUNCTIONS_CONFIG);
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AppServicesError("InvalidConfig", `${FUNCTIONS_CONFIG}: expected a JSON array`);
  return value as JsonObject[];
}

/** Adds or replaces (in place, by name) a functions/config.json entry and its source. */
export function setFunction(files: AppFiles, config: FunctionEntry, source: string): AppFiles {
  if (!isValidFunctionName(config.name)) {
    throw invalid(`invalid function name "${config.name}": use letters, digits, "_", "-" and "/" between parts`);
  }
  const entry = cloneJson(config) as JsonObject;
  delete entry.source;
  delete entry.sourcePath;
  const entries = functionEntries(files);
  const index = entries.findIndex((e) => isObject(e) && e.name === config.name);
  const next = index >= 0 ? entries.map((e, i) => (i === index ? entry : e)) : [...entries, entry];
  return setFile(setJsonFile(files, FUNCTIONS_CONFIG, next), functionSourcePath(config.name), source);
}

export function removeFunction(files: AppFiles, name: string): AppFiles {
  const entries = functionEntries(files).filter((e) => !(isObject(e) && e.name === name));
  return removeFile(setJsonFile(files, FUNCTIONS_CONFIG, entries), functionSourcePath(name));
}

/** Paths of trigger files whose `name` is `name` (file names are not binding). */
function triggerFilesNamed(files: AppFiles, name: string): string[] {
  return Object.keys(files).filter((path) => {
    if (!path.startsWith(TRIGGERS_DIR) || !path.endsWith(".json")) return false;
    const parsed = parseJsonText(files[path]);
    return parsed.ok && isObject(parsed.value) && parsed.value.name === name;
  });
}

/** Writes triggers/<name>.json, replacing any other file that defines the same trigger. */
export function setTrigger(files: AppFiles, trigger: TriggerFile): AppFiles {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(trigger.name)) {
    throw invalid(`invalid trigger name "${trigger.name}": use 1-64 letters, digits, "_" or "-"`);
  }
  let next = files;
  for (const path of triggerFilesNamed(files, trigger.name)) next = removeFile(next, path);
  return setJsonFile(next, triggerPath(trigger.name), trigger);
}

export function removeTrigger(files: AppFiles, name: string): AppFiles {
  let next = removeFile(files, triggerPath(name));
  for (const path of triggerFilesNamed(next, name)) next = removeFile(next, path);
  return next;
}

// ── auth and sandbox settings ──────────────────────────────────────────────

/** Adds or replaces the provider keyed by its name in auth/providers.json. */
export function setAuthProvider(files: AppFiles, provider: AuthProviderConfig): AppFiles {
  const providers = readObject(files, AUTH_PROVIDERS);
  return setJsonFile(files, AUTH_PROVIDERS, { ...providers, [provider.name]: cloneJson(provider) });
}

export function removeAuthProvider(files: AppFiles, name: string): AppFiles {
  const providers = { ...readObject(files, AUTH_PROVIDERS) };
  delete providers[name];
  return setJsonFile(files, AUTH_PROVIDERS, providers);
}

export function setCustomUserData(files: AppFiles, config: CustomUserDataConfig): AppFiles {
  return setJsonFile(files, CUSTOM_USER_DATA, config);
}

/** Writes sandbox/indexes.json sorted and without `_id`; no indexes removes the file. */
export function setIndexes(files: AppFiles, indexes: Record<string, string[]>): AppFiles {
  const out: Record<string, string[]> = {};
  for (const namespace of Object.keys(indexes).sort()) {
    const fields = [...new Set(indexes[namespace].filter((f) => f && f !== "_id"))].sort();
    if (fields.length > 0) out[namespace] = fields;
  }
  return Object.keys(out).length === 0 ? removeFile(files, SANDBOX_INDEXES) : setJsonFile(files, SANDBOX_INDEXES, out);
}
