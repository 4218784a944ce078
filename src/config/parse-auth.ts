import type { ParseContext } from "./context.ts";
import { isObject, typeName } from "./json.ts";
import { AUTH_PROVIDERS, CUSTOM_USER_DATA } from "./paths.ts";
import type { AuthProviderConfig, CollectionConfig, CustomUserDataConfig, DataSourceConfig, JsonObject } from "./types.ts";

export const PROVIDER_TYPES = [
  "anon-user",
  "local-userpass",
  "api-key",
  "custom-token",
  "custom-function",
  "oauth2-facebook",
  "oauth2-google",
  "oauth2-apple",
] as const;

/** The providers the sandbox runs; the others are kept, shown and exported again. */
const RUN_PROVIDER_TYPES: readonly string[] = ["local-userpass"];

/** Things auth config points at, checked against the rest of the app. */
export interface AuthRefs {
  functions: Set<string>;
  dataSources: DataSourceConfig[];
  collections: CollectionConfig[];
}

export function parseAuth(
  ctx: ParseContext,
  refs: AuthRefs,
): { providers: Record<string, AuthProviderConfig>; customUserData: CustomUserDataConfig } {
  return { providers: parseProviders(ctx, refs), customUserData: parseCustomUserData(ctx, refs) };
}

function parseProviders(ctx: ParseContext, refs: AuthRefs): Record<string, AuthProviderConfig> {
  const obj = ctx.readObject(AUTH_PROVIDERS);
  const providers: Record<string, AuthProviderConfig> = {};
  const f = ctx.fields(AUTH_PROVIDERS);
  for (const [key, raw] of Object.entries(obj ?? {})) {
    if (!isObject(raw)) {
      ctx.report(AUTH_PROVIDERS, `"${key}" must be an object, got ${typeName(raw)}`);
      continue;
    }
    const name = f.string(raw, "name", key, true);
    if (name !== undefined && name !== key) {
      ctx.report(AUTH_PROVIDERS, `"${key}.name" is "${name}"; a provider's name must equal its key`);
    }
    const type = f.oneOf(raw, "type", PROVIDER_TYPES, key, true);
    const disabled = f.boolean(raw, "disabled", key) ?? false;
    if (type && !disabled && !RUN_PROVIDER_TYPES.includes(type)) {
      ctx.note(AUTH_PROVIDERS, "inert", `provider "${key}" (${type}) is kept but not run: its users cannot log in here`);
    }
    const config = f.object(raw, "config", key);
    f.object(raw, "secret_config", key);
    f.array(raw, "metadata_fields", key);
    f.stringArray(raw, "redirect_uris", key);
    if (type === "local-userpass" && config) checkUserpass(ctx, key, config, refs);
    if (type === "custom-function" && config) {
      checkFunctionRef(ctx, `${key}.config`, config, "authFunctionName", true, refs);
    }
    if (name === undefined || type === undefined) continue;
    providers[key] = { ...raw, name, type, disabled } as AuthProviderConfig;
  }
  return providers;
}

function checkUserpass(ctx: ParseContext, key: string, config: JsonObject, refs: AuthRefs): void {
  const f = ctx.fields(AUTH_PROVIDERS);
  const where = `${key}.config`;
  // Some exports wrote "" for an unset switch.
  for (const k of ["runConfirmationFunction", "runResetFunction", "autoConfirm"]) {
    if (config[k] === "") ctx.note(AUTH_PROVIDERS, "normalized", `"${where}.${k}" is "": read as false`);
  }
  const flag = (k: string) => (config[k] === "" ? false : f.boolean(config, k, where));
  flag("autoConfirm");
  const runConfirm = flag("runConfirmationFunction") ?? false;
  const runReset = flag("runResetFunction") ?? false;
  for (const k of ["emailConfirmationUrl", "resetPasswordUrl"]) f.string(config, k, where);
  for (const k of ["confirmEmailSubject", "resetPasswordSubject"]) {
    const subject = f.string(config, k, where);
    if (subject !== undefined && subject.length > 256) {
      ctx.report(AUTH_PROVIDERS, `"${where}.${k}" must be at most 256 characters`);
    }
  }
  checkFunctionRef(ctx, where, config, "confirmationFunctionName", runConfirm, refs);
  checkFunctionRef(ctx, where, config, "resetFunctionName", runReset, refs);
}

function checkFunctionRef(
  ctx: ParseContext,
  where: string,
  config: JsonObject,
  key: string,
  required: boolean,
  refs: AuthRefs,
): void {
  const name = ctx.fields(AUTH_PROVIDERS).string(config, key, where, required);
  if (name && !refs.functions.has(name)) {
    ctx.report(AUTH_PROVIDERS, `"${where}.${key}" names function "${name}", which is not in functions/config.json`);
  }
}

function parseCustomUserData(ctx: ParseContext, refs: AuthRefs): CustomUserDataConfig {
  const obj = ctx.readObject(CUSTOM_USER_DATA);
  if (!obj) return { enabled: false };
  const f = ctx.fields(CUSTOM_USER_DATA);
  const enabled = f.boolean(obj, "enabled", "", true) ?? false;
  const result: CustomUserDataConfig = { enabled };
  const keys = ["mongo_service_name", "database_name", "collection_name", "user_id_field"] as const;
  for (const key of keys) {
    const value = f.string(obj, key, "", enabled);
    if (value !== undefined) result[key] = value;
  }
  const onCreate = f.string(obj, "on_user_creation_function_name");
  if (onCreate !== undefined && onCreate !== "") {
    result.on_user_creation_function_name = onCreate;
    if (!refs.functions.has(onCreate)) {
      ctx.report(CUSTOM_USER_DATA, `"on_user_creation_function_name" names function "${onCreate}", which is not in functions/config.json`);
    }
  }
  const { mongo_service_name: svc, database_name: db, collection_name: coll } = result;
  if (enabled && svc && db && coll) {
    if (!refs.dataSources.some((d) => d.name === svc)) {
      ctx.report(CUSTOM_USER_DATA, `"mongo_service_name" is "${svc}", but there is no data source with that name`);
    } else if (!refs.collections.some((c) => c.service === svc && c.database === db && c.collection === coll)) {
      ctx.report(CUSTOM_USER_DATA, `custom user data points to ${db}.${coll}, which has no collection folder in data_sources/${svc}/`);
    }
  }
  return result;
}
