/**
 * The typed view of an exported app directory (config_version 20210101). Config objects
 * keep the key spelling of their files (snake_case) so they read like the docs; values
 * this module derives (targets, normalised trigger fields, sources) use camelCase.
 */

/** An app directory as a map of relative path → file text. The source of truth. */
export type AppFiles = Record<string, string>;

export type JsonObject = Record<string, unknown>;

/** A rule permission: a boolean or a JSON expression. */
export type PermissionValue = boolean | JsonObject;

export interface FieldPermissions {
  read?: PermissionValue;
  write?: PermissionValue;
  fields?: Record<string, FieldPermissions>;
  [key: string]: unknown;
}

/**
 * A query role. Permission defaults are left to the rules layer, because they depend on
 * which generation the role comes from (2020: insert/delete false; 2022+: true).
 */
export interface RoleConfig {
  name: string;
  apply_when: JsonObject;
  read?: PermissionValue;
  write?: PermissionValue;
  insert?: PermissionValue;
  delete?: PermissionValue;
  search?: PermissionValue;
  fields?: Record<string, FieldPermissions>;
  additional_fields?: { read?: PermissionValue; write?: PermissionValue; [key: string]: unknown };
  document_filters?: { read?: PermissionValue; write?: PermissionValue; [key: string]: unknown };
  [key: string]: unknown;
}

/** A query filter; missing apply_when/query/projection are filled with `{}`. */
export interface FilterConfig {
  name: string;
  apply_when: JsonObject;
  query: JsonObject;
  projection: JsonObject;
  [key: string]: unknown;
}

export interface RulesConfig {
  roles: RoleConfig[];
  filters: FilterConfig[];
}

export interface RelationshipTarget {
  service: string;
  database: string;
  collection: string;
}

export interface RelationshipConfig {
  ref: string;
  source_key?: string;
  foreign_key: string;
  is_list: boolean;
  /** Parsed from `#/relationship/<svc>/<db>/<coll>` (or the Stitch-era `#/stitch/...`). */
  target?: RelationshipTarget;
}

export interface DataSourceConfig {
  name: string;
  type: string;
  config: JsonObject;
  version?: number;
}

export interface CollectionConfig {
  service: string;
  database: string;
  collection: string;
  /** "db.coll" */
  namespace: string;
  schema: JsonObject | undefined;
  rules: RulesConfig | undefined;
  relationships: Record<string, RelationshipConfig>;
}

export interface AuthProviderConfig {
  name: string;
  type: string;
  disabled: boolean;
  config?: JsonObject;
  secret_config?: JsonObject;
  metadata_fields?: unknown[];
  redirect_uris?: string[];
  [key: string]: unknown;
}

export interface CustomUserDataConfig {
  enabled: boolean;
  mongo_service_name?: string;
  database_name?: string;
  collection_name?: string;
  user_id_field?: string;
  on_user_creation_function_name?: string;
}

/** One entry of functions/config.json, as written in the file. */
export interface FunctionEntry {
  name: string;
  private?: boolean;
  can_evaluate?: JsonObject;
  disable_arg_logs?: boolean;
  run_as_system?: boolean;
  run_as_user_id?: string;
  run_as_user_id_script_source?: string;
  [key: string]: unknown;
}

/**
 * An entry as written (absent `private` / `run_as_system` mean false; no defaults are
 * added, so writing the entry back leaves config.json unchanged) plus its source.
 */
export interface FunctionConfig extends FunctionEntry {
  /** Text of functions/<name>.js */
  source: string;
  sourcePath: string;
}

export type TriggerType = "DATABASE" | "AUTHENTICATION" | "SCHEDULED";

/** The raw shape of triggers/<name>.json. */
export interface TriggerFile {
  name: string;
  type: TriggerType;
  config: JsonObject;
  function_name?: string;
  event_processors?: JsonObject;
  disabled?: boolean;
  [key: string]: unknown;
}

export interface TriggerConfig {
  name: string;
  type: TriggerType;
  disabled: boolean;
  /** From top-level `function_name` or `event_processors.FUNCTION.config.function_name`. */
  functionName: string | undefined;
  /** Upper-case operation names: auth `operation_type(s)` or database `operation_types`. */
  operationTypes: string[];
  /** AUTHENTICATION only. */
  providers: string[];
  /** DATABASE only. */
  serviceName?: string;
  database?: string;
  collection?: string;
  /** SCHEDULED only: the 5-field UTC CRON expression. */
  schedule?: string;
  /** The file's `config` object as written. */
  config: JsonObject;
  path: string;
}

export interface CustomResolverConfig {
  on_type: string;
  field_name: string;
  function_name: string;
  input_type?: string | JsonObject;
  input_type_format?: string;
  payload_type?: string | JsonObject;
  payload_type_format?: string;
  [key: string]: unknown;
}

export interface ValueConfig {
  name: string;
  value: unknown;
  from_secret: boolean;
}

export interface SyncPartitionConfig {
  key: string;
  type: string;
  required: boolean;
  permissions: { read: PermissionValue; write: PermissionValue };
}

export interface SyncConfig {
  state: string;
  development_mode_enabled: boolean;
  service_name?: string;
  database_name?: string;
  partition?: SyncPartitionConfig;
  [key: string]: unknown;
}

export interface AppModel {
  name: string;
  appId?: string;
  configVersion: 20210101;
  /** "" when the app has no environment set. */
  environment: string;
  /** realm_config.json (or root_config.json) as parsed. */
  realmConfig: JsonObject;
  dataSources: DataSourceConfig[];
  collections: CollectionConfig[];
  defaultRules: Record<string, RulesConfig | undefined>;
  auth: { providers: Record<string, AuthProviderConfig>; customUserData: CustomUserDataConfig };
  functions: FunctionConfig[];
  triggers: TriggerConfig[];
  graphql: { config: { use_natural_pluralization: boolean; disable_schema_introspection?: boolean }; customResolvers: CustomResolverConfig[] };
  values: ValueConfig[];
  environments: Record<string, { values: Record<string, unknown> }>;
  sync: SyncConfig | undefined;
  /** HTTPS endpoints and legacy incoming webhooks, as served. */
  endpoints: import("./endpoint-types.ts").EndpointsConfig;
  sandbox: { indexes: Record<string, string[]> };
}

/**
 * Checks other layers contribute without this module importing them. Hooks return bare
 * messages; the parser prefixes the file path (and, for expressions, the location).
 */
export interface ParseHooks {
  /** Problems that are not `fatal` become notes, as App Services kept such schemas. */
  checkSchema?: (schema: JsonObject) => (string | { message: string; fatal: boolean })[];
  /** `location` names the spot inside the file, e.g. `roles[0].apply_when`. */
  checkExpression?: (expr: unknown, location: string) => string[];
  /** Compiles (without running) a function source, as App Services refused to deploy code that does not parse. */
  checkFunctionSource?: (source: string) => string[];
  /** Checks a scheduled trigger's CRON expression. */
  checkSchedule?: (schedule: string) => string[];
}

export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * What an import tells without refusing: "normalized" (read leniently, as App Services
 * did), "inert" (kept and exported again, but not run by the sandbox), "kept" (kept as
 * written, not understood).
 */
export type ImportNoteKind = "normalized" | "inert" | "kept";

export interface ImportNote {
  path: string;
  kind: ImportNoteKind;
  message: string;
}
