import type { ParseContext } from "./context.ts";
import { REALM_CONFIG, ROOT_CONFIG } from "./paths.ts";
import type { JsonObject } from "./types.ts";

export const ENVIRONMENT_TAGS = ["", "development", "testing", "qa", "production"] as const;

export const APP_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export interface RealmConfigPart {
  name: string;
  appId: string | undefined;
  environment: string;
  realmConfig: JsonObject;
}

/** realm_config.json (realm-cli v2) or root_config.json (App Services CLI): same data model. */
export function parseRealmConfig(ctx: ParseContext): RealmConfigPart {
  const empty: RealmConfigPart = { name: "", appId: undefined, environment: "", realmConfig: {} };
  const hasRealm = ctx.has(REALM_CONFIG);
  const hasRoot = ctx.has(ROOT_CONFIG);
  if (hasRealm && hasRoot) {
    ctx.report(ROOT_CONFIG, `both ${REALM_CONFIG} and ${ROOT_CONFIG} are present; keep only one`);
  }
  if (!hasRealm && !hasRoot) {
    ctx.report(REALM_CONFIG, `missing file: a 20210101 app needs ${REALM_CONFIG} (or ${ROOT_CONFIG}) at the top level`);
    return empty;
  }
  const path = hasRealm ? REALM_CONFIG : ROOT_CONFIG;
  const config = ctx.readObject(path);
  if (!config) return empty;
  const f = ctx.fields(path);

  if (config.config_version !== undefined && config.config_version !== 20210101) {
    ctx.report(path, `"config_version" must be 20210101, got ${JSON.stringify(config.config_version)}`);
  }
  const name = f.string(config, "name", "", true) ?? "";
  if (name && (!APP_NAME_PATTERN.test(name) || name.length >= 64)) {
    ctx.report(path, `"name" must be letters, digits, "-" or "_" and shorter than 64 characters, got "${name}"`);
  }
  const appId = f.string(config, "app_id");
  let environment = "";
  if (config.environment === "none") {
    // Older CLIs wrote "none" for an app without an environment.
    ctx.note(path, "normalized", '"environment" is "none": the app runs without an environment ("")');
  } else {
    environment = f.oneOf(config, "environment", ENVIRONMENT_TAGS) ?? "";
  }
  f.oneOf(config, "deployment_model", ["GLOBAL", "LOCAL"] as const);
  f.string(config, "location");
  f.string(config, "provider_region");
  f.stringArray(config, "allowed_request_origins");
  return { name, appId, environment, realmConfig: config };
}
