import { AppServicesError } from "../core/app-services-error.ts";
import { inertPartNotes } from "./inert.ts";
import { formatJson, isObject, parseJsonText } from "./json.ts";
import { normalizeAppDirectory, type ConfigVersion } from "./legacy.ts";
import { checkApp, configError } from "./parse-app.ts";
import { APP_NAME_PATTERN } from "./parse-realm-config.ts";
import { REALM_CONFIG, ROOT_CONFIG } from "./paths.ts";
import type { AppFiles, AppModel, ImportNote, ParseHooks } from "./types.ts";

export interface ImportOptions {
  /** The folder or file the app came in, used to name an export that has no name. */
  sourceName?: string;
}

/** What an import found: the directory as it will be stored, and what it tells the user. */
export interface ImportReport {
  /** The 20210101 directory: the input with every file and value kept (converted when older). */
  files: AppFiles;
  model: AppModel;
  name: string;
  /** The `app_id` of the export's config, when it has one. */
  appId: string | undefined;
  sourceVersion: ConfigVersion;
  /** Normalizations made and parts kept but not run; real errors throw instead. */
  notes: ImportNote[];
}

/**
 * Reads an exported app directory of any config version as leniently as App Services
 * did. Only what App Services itself refused (unparsable JSON, an expression that does
 * not compile, a missing function that something names, a schema that is not a schema)
 * throws InvalidConfig with `<path>: <problem>` lines; the rest becomes notes.
 */
export function prepareImport(input: unknown, hooks: ParseHooks = {}, options: ImportOptions = {}): ImportReport {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new AppServicesError("InvalidConfig", "an app import must be a map of file path to file text");
  }
  const notText = Object.entries(input).filter(([, text]) => typeof text !== "string");
  if (notText.length > 0) throw configError(notText.map(([path]) => ({ path, message: "file content must be text" })));

  const normalized = normalizeAppDirectory(input as AppFiles);
  const notes: ImportNote[] = [];
  if (normalized.version !== 20210101) {
    notes.push({
      path: configPathOf(normalized.files),
      kind: "normalized",
      message: `converted from config_version ${normalized.version} to the 20210101 layout; every file and value was kept`,
    });
  }
  const files = withName(normalized.files, options.sourceName ?? normalized.folder, notes);
  const { model, problems, notes: parseNotes } = checkApp(files, hooks);
  if (problems.length > 0) throw configError(problems);
  notes.push(...parseNotes, ...inertPartNotes(files));
  return { files, model, name: model.name, appId: model.appId || undefined, sourceVersion: normalized.version, notes };
}

function configPathOf(files: AppFiles): string {
  return ROOT_CONFIG in files && !(REALM_CONFIG in files) ? ROOT_CONFIG : REALM_CONFIG;
}

/**
 * Exports made with the old CLI have no name in their root config (the CLI took it on
 * the command line): one is derived from the folder, else the app id, and written in.
 */
function withName(files: AppFiles, sourceName: string | undefined, notes: ImportNote[]): AppFiles {
  const path = configPathOf(files);
  const parsed = path in files ? parseJsonText(files[path]) : undefined;
  if (!parsed?.ok || !isObject(parsed.value)) return files;
  const config = parsed.value;
  if (typeof config.name === "string" && config.name !== "") return files;
  if (config.name !== undefined && config.name !== "") return files;
  const appId = typeof config.app_id === "string" ? config.app_id : "";
  const from = sourceName ? "the folder it came in" : appId ? "its app id" : "a default";
  const name = appNameFrom(sourceName || appId || "imported-app");
  notes.push({ path, kind: "normalized", message: `no app name in ${path}: named "${name}" after ${from}` });
  return { ...files, [path]: formatJson({ ...config, name }) };
}

/** A valid App Services app name (letters, digits, "-" and "_", under 64 characters) from any text. */
export function appNameFrom(text: string): string {
  const name = text
    .replace(/\.zip$/i, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return APP_NAME_PATTERN.test(name) ? name : "imported-app";
}
