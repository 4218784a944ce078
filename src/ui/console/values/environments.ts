/** The app's environments as realm_config.json and environments/<name>.json hold them. */
import type { AppFiles } from "../../state/console-api.ts";
import { jsonFile, readJson } from "../../state/draft-files.ts";

/** The `environment` tags of realm_config.json, "" meaning none. */
export const ENVIRONMENT_TAGS = ["", "development", "testing", "qa", "production"] as const;

export const REALM_CONFIG = "realm_config.json";
const ROOT_CONFIG = "root_config.json";

/** realm_config.json, or root_config.json in apps the App Services CLI exported. */
export function configPath(files: AppFiles | undefined): string {
  return files && !(REALM_CONFIG in files) && ROOT_CONFIG in files ? ROOT_CONFIG : REALM_CONFIG;
}

export function environmentLabel(tag: string): string {
  return tag === "" ? "None" : tag;
}

/** The current environment tag ("none" in older exports means none). */
export function currentEnvironment(files: AppFiles | undefined): string {
  const env = readJson(files, configPath(files))?.environment;
  return typeof env === "string" && env !== "none" ? env : "";
}

/** The file that holds an environment's values: no-environment.json serves "". */
export function environmentFile(tag: string): string {
  return `environments/${tag === "" ? "no-environment" : tag}.json`;
}

export function environmentValues(files: AppFiles | undefined, tag: string): Record<string, unknown> {
  const values = readJson(files, environmentFile(tag))?.values;
  return values !== null && typeof values === "object" && !Array.isArray(values) ? (values as Record<string, unknown>) : {};
}

/** realm_config.json with one key changed, every other key kept as it was. */
export function withConfigKey(files: AppFiles | undefined, key: string, value: unknown): AppFiles {
  const path = configPath(files);
  const config = { ...(readJson(files, path) ?? {}) };
  if (value === undefined) delete config[key];
  else config[key] = value;
  return { [path]: jsonFile(config) };
}
