/** File locations of the 20210101 app directory (reference §9.3), in one place. */

export const REALM_CONFIG = "realm_config.json";
/** The App Services CLI's name for the same file. */
export const ROOT_CONFIG = "root_config.json";
export const AUTH_PROVIDERS = "auth/providers.json";
export const CUSTOM_USER_DATA = "auth/custom_user_data.json";
export const FUNCTIONS_CONFIG = "functions/config.json";
export const GRAPHQL_CONFIG = "graphql/config.json";
export const CUSTOM_RESOLVERS_DIR = "graphql/custom_resolvers/";
export const TRIGGERS_DIR = "triggers/";
export const VALUES_DIR = "values/";
export const ENVIRONMENTS_DIR = "environments/";
export const SYNC_CONFIG = "sync/config.json";
export const DATA_SOURCES_DIR = "data_sources/";
/** Indexes are a sandbox setting: App Services kept them in the cluster, not the app. */
export const SANDBOX_INDEXES = "sandbox/indexes.json";

/** The fixed environment names; no-environment.json serves the "" environment. */
export const ENVIRONMENT_NAMES = ["no-environment", "development", "testing", "qa", "production"] as const;

export const COLLECTION_FILES = ["schema.json", "rules.json", "relationships.json"] as const;
export type CollectionFile = (typeof COLLECTION_FILES)[number];

export function dataSourceDir(service: string): string {
  return `${DATA_SOURCES_DIR}${service}/`;
}

export function collectionDir(service: string, database: string, collection: string): string {
  return `${DATA_SOURCES_DIR}${service}/${database}/${collection}/`;
}

export function collectionFile(service: string, database: string, collection: string, file: CollectionFile): string {
  return collectionDir(service, database, collection) + file;
}

export function functionSourcePath(name: string): string {
  return `functions/${name}.js`;
}

export function triggerPath(name: string): string {
  return `${TRIGGERS_DIR}${name}.json`;
}
