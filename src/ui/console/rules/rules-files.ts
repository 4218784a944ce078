/**
 * Where rules live in an app's files (the 20210101 app directory), read from the draft:
 * `data_sources/<service>/<db>/<coll>/rules.json` per collection and
 * `data_sources/<service>/default_rule.json` for collections without their own.
 */

const ROOT = "data_sources/";
const COLLECTION_FILES = ["schema.json", "rules.json", "relationships.json"];

export interface RulesTarget {
  kind: "collection" | "default";
  service: string;
  database?: string;
  collection?: string;
  path: string;
}

export interface CollectionEntry {
  service: string;
  database: string;
  collection: string;
  hasRules: boolean;
}

export function rulesPath(service: string, database: string, collection: string): string {
  return `${ROOT}${service}/${database}/${collection}/rules.json`;
}

export function defaultRulePath(service: string): string {
  return `${ROOT}${service}/default_rule.json`;
}

/** Every collection folder of the draft (any of its three files), sorted. */
export function listCollections(files: Record<string, string>): CollectionEntry[] {
  const found = new Map<string, CollectionEntry>();
  for (const path of Object.keys(files)) {
    if (!path.startsWith(ROOT)) continue;
    const parts = path.slice(ROOT.length).split("/");
    if (parts.length !== 4 || !COLLECTION_FILES.includes(parts[3])) continue;
    const [service, database, collection, file] = parts;
    const key = `${service}/${database}/${collection}`;
    const entry = found.get(key) ?? { service, database, collection, hasRules: false };
    if (file === "rules.json") entry.hasRules = true;
    found.set(key, entry);
  }
  return [...found.values()].sort((a, b) => `${a.service}/${a.database}/${a.collection}`.localeCompare(`${b.service}/${b.database}/${b.collection}`));
}

/** The data sources (folders with a config.json); MongoDB clusters first. */
export function listServices(files: Record<string, string>): string[] {
  const services: string[] = [];
  for (const path of Object.keys(files)) {
    const m = /^data_sources\/([^/]+)\/config\.json$/.exec(path);
    if (m) services.push(m[1]);
  }
  return services.sort((a, b) => Number(b === "mongodb-atlas") - Number(a === "mongodb-atlas") || a.localeCompare(b));
}

/** The rules file a route names: a collection's (in the source that holds it) or a source's default rule. */
export function resolveTarget(files: Record<string, string>, params: Record<string, string>): RulesTarget | undefined {
  if (params.database !== undefined && params.collection !== undefined) {
    const { database, collection } = params;
    const existing = listCollections(files).find((c) => c.database === database && c.collection === collection);
    const service = existing?.service ?? listServices(files)[0] ?? "mongodb-atlas";
    return { kind: "collection", service, database, collection, path: rulesPath(service, database, collection) };
  }
  if (params.service !== undefined) return { kind: "default", service: params.service, path: defaultRulePath(params.service) };
  return undefined;
}

/** Field paths named by a collection's schema (`address.city` for nested objects), for completions. */
export function schemaFields(files: Record<string, string>, service: string, database: string, collection: string): string[] {
  const text = files[`${ROOT}${service}/${database}/${collection}/schema.json`];
  if (!text) return [];
  try {
    const out: string[] = [];
    const walk = (schema: unknown, prefix: string) => {
      const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
      if (!properties || typeof properties !== "object") return;
      for (const [name, sub] of Object.entries(properties)) {
        out.push(prefix + name);
        if (prefix.split(".").length < 4) walk(sub, `${prefix}${name}.`);
      }
    };
    walk(JSON.parse(text), "");
    return out;
  } catch {
    return [];
  }
}

/** Names of the app's values (`values/<name>.json`). */
export function valueNames(files: Record<string, string>): string[] {
  return Object.keys(files)
    .map((p) => /^values\/([^/]+)\.json$/.exec(p)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

/** Names of the app's functions (functions/config.json). */
export function functionNames(files: Record<string, string>): string[] {
  try {
    const config = JSON.parse(files["functions/config.json"] ?? "[]") as { name?: unknown }[];
    return Array.isArray(config) ? config.map((f) => f?.name).filter((n): n is string => typeof n === "string").sort() : [];
  } catch {
    return [];
  }
}

/** A new rules file for a collection: no roles yet, so no client request is allowed. */
export function emptyRules(target: RulesTarget): Record<string, unknown> {
  return target.kind === "collection" ? { database: target.database, collection: target.collection, roles: [], filters: [] } : { roles: [], filters: [] };
}
