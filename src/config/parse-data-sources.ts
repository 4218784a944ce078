import type { ParseContext } from "./context.ts";
import { isObject, typeName } from "./json.ts";
import { parseRules } from "./parse-rules.ts";
import { COLLECTION_FILES, DATA_SOURCES_DIR, collectionFile, dataSourceDir } from "./paths.ts";
import type { CollectionConfig, DataSourceConfig, RelationshipConfig, RelationshipTarget, RulesConfig } from "./types.ts";

export const DATA_SOURCE_TYPES = ["mongodb-atlas", "mongodb-datafederation", "datalake", "mongodb"] as const;

/** Federated sources read from object stores and other clusters, which the sandbox has not got. */
const FEDERATED_TYPES: readonly string[] = ["mongodb-datafederation", "datalake"];

/** `#/relationship/<svc>/<db>/<coll>`, or `#/stitch/<svc>/<db>/<coll>` from Stitch-era apps. */
const REF = /^#\/(?:relationship|stitch)\/([^/]+)\/([^/]+)\/([^/]+)$/;

export function parseRelationshipRef(ref: string): RelationshipTarget | undefined {
  const m = REF.exec(ref);
  return m ? { service: m[1], database: m[2], collection: m[3] } : undefined;
}

export interface DataSourcesPart {
  dataSources: DataSourceConfig[];
  collections: CollectionConfig[];
  defaultRules: Record<string, RulesConfig | undefined>;
}

export function parseDataSources(ctx: ParseContext): DataSourcesPart {
  const services = new Set<string>();
  const collectionKeys = new Map<string, [string, string, string]>();
  for (const path of ctx.list(DATA_SOURCES_DIR)) {
    const parts = path.slice(DATA_SOURCES_DIR.length).split("/");
    if (parts.length < 2 || parts[0] === "") continue;
    services.add(parts[0]);
    if (parts.length === 4 && (COLLECTION_FILES as readonly string[]).includes(parts[3])) {
      collectionKeys.set(parts.slice(0, 3).join("/"), [parts[0], parts[1], parts[2]]);
    }
  }

  const dataSources: DataSourceConfig[] = [];
  const defaultRules: Record<string, RulesConfig | undefined> = {};
  for (const service of [...services].sort()) {
    const source = parseDataSourceConfig(ctx, service);
    if (source) dataSources.push(source);
    const rulePath = `${dataSourceDir(service)}default_rule.json`;
    const rule = ctx.readObject(rulePath);
    defaultRules[service] = rule ? parseRules(ctx, rulePath, rule) : undefined;
  }

  const collections = [...collectionKeys.keys()].sort().map((key) => {
    const [service, database, collection] = collectionKeys.get(key)!;
    return parseCollection(ctx, service, database, collection);
  });
  checkRelationshipTargets(ctx, collections);
  return { dataSources, collections, defaultRules };
}

function parseDataSourceConfig(ctx: ParseContext, service: string): DataSourceConfig | undefined {
  const path = `${dataSourceDir(service)}config.json`;
  if (!ctx.has(path)) {
    ctx.report(path, `missing file: data source "${service}" needs a config.json`);
    return undefined;
  }
  const obj = ctx.readObject(path);
  if (!obj) return undefined;
  const f = ctx.fields(path);
  const name = f.string(obj, "name", "", true);
  if (name !== undefined && name !== service) {
    ctx.report(path, `"name" is "${name}" but the folder is "${service}"; they must match`);
  }
  const type = f.oneOf(obj, "type", DATA_SOURCE_TYPES, "", true);
  const config = f.object(obj, "config") ?? {};
  if (obj.version !== undefined && typeof obj.version !== "number") f.wrong("", "version", "a number", obj.version);
  if (name === undefined || type === undefined) return undefined;
  if (FEDERATED_TYPES.includes(type)) {
    ctx.note(path, "inert", `Data Federation source "${service}" (${type}) is kept; its collections are local and empty here, not read from its stores`);
  }
  const result: DataSourceConfig = { name: service, type, config };
  if (typeof obj.version === "number") result.version = obj.version;
  return result;
}

function parseCollection(ctx: ParseContext, service: string, database: string, collection: string): CollectionConfig {
  const schemaPath = collectionFile(service, database, collection, "schema.json");
  const schema = ctx.readObject(schemaPath);
  if (schema) {
    ctx.fields(schemaPath).string(schema, "title");
    ctx.checkSchema(schemaPath, schema);
  }

  const rulesPath = collectionFile(service, database, collection, "rules.json");
  const rulesObj = ctx.readObject(rulesPath);
  let rules: RulesConfig | undefined;
  if (rulesObj) {
    const f = ctx.fields(rulesPath);
    for (const [key, folder] of [["database", database], ["collection", collection]] as const) {
      const value = f.string(rulesObj, key, "", true);
      if (value !== undefined && value !== folder) {
        ctx.report(rulesPath, `"${key}" is "${value}" but the folder says "${folder}"; they must match`);
      }
    }
    rules = parseRules(ctx, rulesPath, rulesObj);
  }

  const relPath = collectionFile(service, database, collection, "relationships.json");
  const relObj = ctx.readObject(relPath);
  const relationships: Record<string, RelationshipConfig> = {};
  for (const [field, raw] of Object.entries(relObj ?? {})) {
    const rel = parseRelationship(ctx, relPath, field, raw);
    if (rel) relationships[field] = rel;
  }

  return {
    service,
    database,
    collection,
    namespace: `${database}.${collection}`,
    schema: schema ?? undefined,
    rules,
    relationships,
  };
}

function parseRelationship(ctx: ParseContext, path: string, field: string, raw: unknown): RelationshipConfig | undefined {
  if (field === "") {
    ctx.report(path, "a relationship needs a source field name as its key");
    return undefined;
  }
  if (!isObject(raw)) {
    ctx.report(path, `"${field}" must be an object, got ${typeName(raw)}`);
    return undefined;
  }
  const f = ctx.fields(path);
  const ref = f.string(raw, "ref", field, true);
  const foreignKey = f.string(raw, "foreign_key", field, true);
  const sourceKey = f.string(raw, "source_key", field);
  const isList = f.boolean(raw, "is_list", field) ?? false;
  if (ref === undefined || foreignKey === undefined) return undefined;
  const target = parseRelationshipRef(ref);
  if (!target) {
    ctx.report(path, `"${field}.ref" must look like "#/relationship/<service>/<database>/<collection>", got "${ref}"`);
  }
  const rel: RelationshipConfig = { ref, foreign_key: foreignKey, is_list: isList };
  if (sourceKey !== undefined) rel.source_key = sourceKey;
  if (target) rel.target = target;
  return rel;
}

function checkRelationshipTargets(ctx: ParseContext, collections: CollectionConfig[]): void {
  const known = new Set(collections.map((c) => `${c.service}/${c.database}/${c.collection}`));
  for (const c of collections) {
    for (const [field, rel] of Object.entries(c.relationships)) {
      const t = rel.target;
      if (t && !known.has(`${t.service}/${t.database}/${t.collection}`)) {
        ctx.report(
          collectionFile(c.service, c.database, c.collection, "relationships.json"),
          `"${field}" points to ${t.database}.${t.collection} in "${t.service}", which has no collection folder`,
        );
      }
    }
  }
}

export function findCollection(
  collections: CollectionConfig[],
  service: string,
  database: string,
  collection: string,
): CollectionConfig | undefined {
  return collections.find((c) => c.service === service && c.database === database && c.collection === collection);
}

