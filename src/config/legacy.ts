import { ParseContext } from "./context.ts";
import { formatJson, isObject, parseJsonText } from "./json.ts";
import { configError } from "./parse-app.ts";
import { DATA_SOURCE_TYPES, parseRelationshipRef } from "./parse-data-sources.ts";
import {
  AUTH_PROVIDERS,
  CUSTOM_USER_DATA,
  ENVIRONMENTS_DIR,
  ENVIRONMENT_NAMES,
  FUNCTIONS_CONFIG,
  REALM_CONFIG,
  ROOT_CONFIG,
  SYNC_CONFIG,
  collectionFile,
  dataSourceDir,
  functionSourcePath,
} from "./paths.ts";
import type { AppFiles, JsonObject } from "./types.ts";

export type ConfigVersion = 20180301 | 20200603 | 20210101;

const LEGACY_ROOT = "config.json";
const STITCH_ROOT = "stitch.json";

/** Which generation an app directory is, from its root file (reference §9.1). */
export function detectConfigVersion(files: AppFiles): ConfigVersion {
  if (REALM_CONFIG in files || ROOT_CONFIG in files) return 20210101;
  if (STITCH_ROOT in files) return 20180301;
  if (LEGACY_ROOT in files) {
    const parsed = parseJsonText(files[LEGACY_ROOT]);
    if (!parsed.ok) throw configError([{ path: LEGACY_ROOT, message: parsed.message }]);
    const version = isObject(parsed.value) ? parsed.value.config_version : undefined;
    if (version === 20200603 || version === 20180301) return version;
    throw configError([
      {
        path: LEGACY_ROOT,
        message: `"config_version" must be 20200603 or 20180301 for an app in the legacy layout, got ${JSON.stringify(version)}`,
      },
    ]);
  }
  throw configError([
    { path: REALM_CONFIG, message: `missing file: no ${REALM_CONFIG}, ${ROOT_CONFIG}, ${LEGACY_ROOT} or ${STITCH_ROOT} at the top level of the app` },
  ]);
}

/**
 * Cleans up paths (backslashes, "./", one enclosing folder as zip exports have it) and
 * converts legacy layouts, so parseApp always sees a 20210101 directory.
 */
export function normalizeAppFiles(files: AppFiles): AppFiles {
  return normalizeAppDirectory(files).files;
}

export interface NormalizedDirectory {
  files: AppFiles;
  /** The version the directory was written in, before any conversion. */
  version: ConfigVersion;
  /** The enclosing folder a zip or folder pick wrapped the app in, when there was one. */
  folder: string | undefined;
}

export function normalizeAppDirectory(files: AppFiles): NormalizedDirectory {
  let clean: AppFiles = {};
  for (const [raw, text] of Object.entries(files)) {
    const path = raw.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "");
    if (path !== "" && !path.endsWith("/")) clean[path] = text;
  }
  const stripped = stripEnclosingFolder(clean);
  const folder = stripped === clean ? undefined : Object.keys(clean)[0].split("/")[0];
  clean = stripped;
  const version = detectConfigVersion(clean);
  return { files: version === 20210101 ? clean : convertLegacyApp(clean), version, folder };
}

const ROOT_FILES = [REALM_CONFIG, ROOT_CONFIG, LEGACY_ROOT, STITCH_ROOT];

function stripEnclosingFolder(files: AppFiles): AppFiles {
  const paths = Object.keys(files);
  if (paths.length === 0 || paths.some((p) => ROOT_FILES.includes(p))) return files;
  const first = paths[0].split("/")[0];
  const prefix = `${first}/`;
  if (!paths.every((p) => p.startsWith(prefix))) return files;
  if (!ROOT_FILES.some((f) => `${prefix}${f}` in files)) return files;
  const out: AppFiles = {};
  for (const p of paths) out[p.slice(prefix.length)] = files[p];
  return out;
}

function withoutKeys(obj: JsonObject, ...keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/**
 * Converts a 20200603 (or 20180301, whose tree is the same) export into the 20210101
 * layout: rules files split into schema/rules/relationships per collection folder, per-
 * function folders into functions/config.json + <name>.js, auth_providers/ into
 * auth/providers.json, and the Sync block out of the service config. Nothing is dropped:
 * export-era `id` fields and keys it does not know stay where they were, and files it
 * does not know are kept as they are.
 */
export function convertLegacyApp(files: AppFiles): AppFiles {
  const ctx = new ParseContext(files);
  const rootPath = STITCH_ROOT in files ? STITCH_ROOT : LEGACY_ROOT;
  const root = ctx.readObject(rootPath);
  if (!root) throw configError(ctx.problems.length ? ctx.problems : [{ path: rootPath, message: "missing file" }]);

  const out: AppFiles = {};
  const consumed = new Set<string>([rootPath]);
  const write = (path: string, value: unknown) => {
    out[path] = formatJson(value);
  };

  write(REALM_CONFIG, realmConfigFrom(root));
  write(CUSTOM_USER_DATA, isObject(root.custom_user_data_config) ? root.custom_user_data_config : { enabled: false });
  if (isObject(root.hosting) && !("hosting/config.json" in files)) write("hosting/config.json", root.hosting);

  // auth_providers/<name>.json → one auth/providers.json keyed by name
  const providers: JsonObject = {};
  for (const path of ctx.list("auth_providers/")) {
    consumed.add(path);
    const provider = ctx.readObject(path);
    if (!provider) continue;
    const name = typeof provider.name === "string" ? provider.name : path.slice("auth_providers/".length, -".json".length);
    providers[name] = provider;
  }
  write(AUTH_PROVIDERS, providers);

  const functionIds = new Map<string, string>();
  write(FUNCTIONS_CONFIG, convertFunctions(ctx, out, consumed, functionIds));

  const serviceIds = new Map<string, string>();
  convertServices(ctx, root, out, consumed, serviceIds);

  for (const path of ctx.list("triggers/")) {
    const trigger = path.endsWith(".json") ? ctx.readObject(path) : undefined;
    if (!trigger) continue;
    consumed.add(path);
    const next: JsonObject = { ...trigger };
    if (next.function_name === undefined && typeof trigger.function_id === "string") {
      next.function_name = functionIds.get(trigger.function_id);
    }
    if (isObject(next.config) && typeof next.config.service_id === "string" && next.config.service_name === undefined) {
      const { service_id: serviceId, ...rest } = next.config;
      next.config = { ...rest, service_name: serviceIds.get(serviceId as string) ?? serviceId };
    }
    write(path, next);
  }

  for (const path of [...ctx.list("values/"), ...ctx.list("graphql/")]) {
    const obj = path.endsWith(".json") ? ctx.readObject(path) : undefined;
    if (!obj) continue;
    consumed.add(path);
    const next: JsonObject = { ...obj };
    if (path.startsWith("graphql/custom_resolvers/") && next.function_name === undefined && typeof obj.function_id === "string") {
      next.function_name = functionIds.get(obj.function_id);
    }
    write(path, next);
  }

  // Without a synced service, the root's Sync settings go where 20210101 exports keep them.
  if (!(SYNC_CONFIG in out) && isObject(root.sync) && Object.keys(root.sync).length > 0) write(SYNC_CONFIG, root.sync);
  for (const [path, text] of Object.entries(files)) if (!consumed.has(path) && !(path in out)) out[path] = text;
  if (!Object.keys(out).some((p) => p.startsWith(ENVIRONMENTS_DIR))) {
    for (const name of ENVIRONMENT_NAMES) write(`${ENVIRONMENTS_DIR}${name}.json`, { values: {} });
  }
  if (ctx.problems.length > 0) throw configError(ctx.problems);
  return out;
}

/** Root keys that move to files of their own in the 20210101 layout. */
const MOVED_ROOT_KEYS = ["config_version", "custom_user_data_config", "hosting", "sync"];

function realmConfigFrom(root: JsonObject): JsonObject {
  const config: JsonObject = {};
  if (root.app_id !== undefined) config.app_id = root.app_id;
  config.config_version = 20210101;
  for (const [key, value] of Object.entries(root)) {
    const empty = isObject(value) && Object.keys(value).length === 0;
    if (!MOVED_ROOT_KEYS.includes(key) && !(key in config) && !empty) config[key] = value;
  }
  const security = isObject(root.security) ? root.security : {};
  if (security.allowed_request_origins !== undefined) config.allowed_request_origins = security.allowed_request_origins;
  return config;
}

function convertFunctions(ctx: ParseContext, out: AppFiles, consumed: Set<string>, ids: Map<string, string>): JsonObject[] {
  const dirs = new Set<string>();
  for (const path of ctx.list("functions/")) {
    const parts = path.split("/");
    if (parts.length === 3 && (parts[2] === "config.json" || parts[2] === "source.js")) dirs.add(parts[1]);
  }
  const entries: JsonObject[] = [];
  for (const dir of [...dirs].sort()) {
    const configPath = `functions/${dir}/config.json`;
    const sourcePath = `functions/${dir}/source.js`;
    consumed.add(configPath);
    consumed.add(sourcePath);
    const config = ctx.has(configPath) ? ctx.readObject(configPath) : undefined;
    if (!ctx.has(configPath)) ctx.report(configPath, `missing file: function folder "${dir}" needs a config.json`);
    if (!ctx.has(sourcePath)) ctx.report(sourcePath, `missing file: function folder "${dir}" needs a source.js`);
    if (!config || !ctx.has(sourcePath)) continue;
    const name = typeof config.name === "string" ? config.name : dir;
    if (typeof config.id === "string") ids.set(config.id, name);
    entries.push({ name, ...withoutKeys(config, "name") });
    out[functionSourcePath(name)] = ctx.files[sourcePath];
  }
  return entries;
}

function convertServices(ctx: ParseContext, root: JsonObject, out: AppFiles, consumed: Set<string>, ids: Map<string, string>): void {
  const services = new Set<string>();
  for (const path of ctx.list("services/")) services.add(path.split("/")[1]);
  let syncFrom: string | undefined;
  for (const service of [...services].sort()) {
    const dir = `services/${service}/`;
    const configPath = `${dir}config.json`;
    const raw = ctx.has(configPath) ? ctx.readObject(configPath) : undefined;
    if (!raw || !(DATA_SOURCE_TYPES as readonly string[]).includes(raw.type as string)) continue;
    // A MongoDB service becomes a data source; third-party services stay under services/.
    const name = typeof raw.name === "string" ? raw.name : service;
    if (typeof raw.id === "string") ids.set(raw.id, name);
    const inner = isObject(raw.config) ? raw.config : {};
    const source: JsonObject = { name, type: raw.type, config: withoutKeys(inner, "sync") };
    Object.assign(source, withoutKeys(raw, "name", "type", "config"));
    out[`${dataSourceDir(name)}config.json`] = formatJson(source);
    consumed.add(configPath);

    if (isObject(inner.sync)) {
      if (syncFrom) ctx.report(configPath, `Sync is configured on both "${syncFrom}" and "${name}"; an app syncs one cluster`);
      syncFrom = name;
      const devMode = isObject(root.sync) ? root.sync.development_mode_enabled : undefined;
      out[SYNC_CONFIG] = formatJson({ ...inner.sync, development_mode_enabled: devMode ?? false, service_name: name });
    }
    const defaultRule = `${dir}default_rule.json`;
    if (ctx.has(defaultRule)) {
      const rule = ctx.readObject(defaultRule);
      consumed.add(defaultRule);
      if (rule) out[`${dataSourceDir(name)}default_rule.json`] = formatJson(rule);
    }
    for (const path of ctx.list(`${dir}rules/`)) {
      if (!path.endsWith(".json")) continue;
      consumed.add(path);
      convertRule(ctx, out, name, path);
    }
  }
}

function convertRule(ctx: ParseContext, out: AppFiles, service: string, path: string): void {
  const rule = ctx.readObject(path);
  if (!rule) return;
  if (rule.namespace !== undefined || (rule.roles === undefined && ["read", "write", "valid"].some((k) => k in rule))) {
    ctx.report(path, "Stitch v1 field rules (read/write/valid per field) are not supported; recreate them as roles");
    return;
  }
  // Database names cannot contain ".", so the file name splits at its first dot.
  const base = path.slice(path.lastIndexOf("/") + 1, -".json".length);
  const dot = base.indexOf(".");
  const database = typeof rule.database === "string" ? rule.database : base.slice(0, dot);
  const collection = typeof rule.collection === "string" ? rule.collection : base.slice(dot + 1);
  if (!database || !collection) {
    ctx.report(path, `cannot tell the namespace: expected "database" and "collection" keys or a <database>.<collection>.json file name`);
    return;
  }
  const rules = { database, collection, ...withoutKeys(rule, "database", "collection", "schema", "relationships") };
  out[collectionFile(service, database, collection, "rules.json")] = formatJson(rules);
  if (isObject(rule.schema) && Object.keys(rule.schema).length > 0) {
    out[collectionFile(service, database, collection, "schema.json")] = formatJson(rule.schema);
  }
  const relationships: JsonObject = {};
  for (const [field, rel] of Object.entries(isObject(rule.relationships) ? rule.relationships : {})) {
    relationships[field] = isObject(rel) ? modernRef(rel) : rel;
  }
  out[collectionFile(service, database, collection, "relationships.json")] = formatJson(relationships);
}

/** Stitch-era `#/stitch/...` refs become the `#/relationship/...` form 20210101 exports use. */
function modernRef(rel: JsonObject): JsonObject {
  if (typeof rel.ref !== "string") return rel;
  const target = parseRelationshipRef(rel.ref);
  if (!target) return rel;
  return { ...rel, ref: `#/relationship/${target.service}/${target.database}/${target.collection}` };
}
