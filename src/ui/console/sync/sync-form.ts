/** sync/config.json ⇄ the Device Sync form, keeping every key the form does not show. */
import type { AppFiles, ConfigProblem } from "../../state/console-api.ts";
import { jsonFile, readJson } from "../../state/draft-files.ts";

export const SYNC_CONFIG = "sync/config.json";
export const PARTITION_TYPES = ["string", "objectId", "long", "int", "uuid"] as const;

export interface SyncForm {
  service: string;
  database: string;
  key: string;
  type: string;
  required: boolean;
  /** Permission expressions as typed (JSON text). */
  read: string;
  write: string;
  developmentMode: boolean;
}

export type SyncField = keyof SyncForm | "general";

export interface SyncFile {
  exists: boolean;
  enabled: boolean;
  flexible: boolean;
  raw: Record<string, unknown>;
}

export function readSync(files: AppFiles | undefined): SyncFile {
  const raw = readJson(files, SYNC_CONFIG);
  if (!raw) return { exists: false, enabled: false, flexible: false, raw: {} };
  return { exists: true, enabled: raw.state === "enabled", flexible: raw.type === "flexible" || "flexible" in raw, raw };
}

/** The MongoDB data sources Sync can use (data_sources/<name>/config.json). */
export function clusters(files: AppFiles | undefined): string[] {
  if (!files) return [];
  const names = new Set<string>();
  for (const path of Object.keys(files)) {
    const m = /^data_sources\/([^/]+)\/config\.json$/.exec(path);
    if (!m) continue;
    const type = readJson(files, path)?.type;
    if (type === undefined || type === "mongodb-atlas" || type === "mongodb") names.add(m[1]);
  }
  return [...names].sort();
}

/** Databases that have collections in the draft, offered for the synced database. */
export function databases(files: AppFiles | undefined, service: string): string[] {
  if (!files) return [];
  const names = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split("/");
    if (parts[0] === "data_sources" && parts[1] === service && parts.length === 5) names.add(parts[2]);
  }
  return [...names].sort();
}

/** The form for the file: the guide's settings (`_partition`, a string, empty permissions) when there is none. */
export function formOf(sync: SyncFile, files: AppFiles | undefined): SyncForm {
  const raw = sync.raw;
  const partition = (raw.partition ?? {}) as Record<string, unknown>;
  const permissions = (partition.permissions ?? {}) as Record<string, unknown>;
  const service = typeof raw.service_name === "string" ? raw.service_name : clusters(files)[0] ?? "mongodb-atlas";
  return {
    service,
    database: typeof raw.database_name === "string" ? raw.database_name : databases(files, service)[0] ?? "",
    key: typeof partition.key === "string" ? partition.key : "_partition",
    type: typeof partition.type === "string" ? partition.type : "string",
    required: partition.required === true,
    read: JSON.stringify(permissions.read ?? {}, null, 2),
    write: JSON.stringify(permissions.write ?? {}, null, 2),
    developmentMode: raw.development_mode_enabled === true,
  };
}

/** The JSON problem of a permission's text, or "". A permission is true, false or an expression object. */
export function permissionSyntax(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "boolean" || (value !== null && typeof value === "object" && !Array.isArray(value))) return "";
    return "A permission is true, false or an expression object such as {} (always) or {\"%%user.id\": \"%%partition\"}.";
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}.`;
  }
}

/** sync/config.json for the form, in the given state; keys the form does not show are kept. */
export function syncFile(sync: SyncFile, form: SyncForm, enabled: boolean): AppFiles {
  const raw = { ...sync.raw };
  const config: Record<string, unknown> = {
    ...raw,
    type: "partition",
    state: enabled ? "enabled" : "disabled",
    development_mode_enabled: form.developmentMode,
    service_name: form.service,
    database_name: form.database,
    partition: {
      ...((raw.partition ?? {}) as Record<string, unknown>),
      key: form.key,
      type: form.type,
      required: form.required,
      permissions: { read: JSON.parse(form.read), write: JSON.parse(form.write) },
    },
  };
  if (form.database === "") delete config.database_name;
  if (!enabled && sync.enabled) config.last_disabled = new Date().toISOString();
  return { [SYNC_CONFIG]: jsonFile(config) };
}

/** Which field a problem of sync/config.json is about, from the location its message names. */
export function fieldOf(problem: ConfigProblem): SyncField {
  const m = problem.message;
  if (/permissions\.read/.test(m)) return "read";
  if (/permissions\.write/.test(m)) return "write";
  if (/service_name/.test(m)) return "service";
  if (/database_name/.test(m)) return "database";
  if (/partition\.key|"key"/.test(m)) return "key";
  if (/partition\.type|"type"/.test(m)) return "type";
  return "general";
}
