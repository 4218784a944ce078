import type { FieldChecker, ParseContext } from "./context.ts";
import { isObject } from "./json.ts";
import type { JsonObject } from "./types.ts";
import {
  ENDPOINT_METHODS,
  VALIDATION_METHODS,
  type EndpointMethod,
  type EndpointsConfig,
  type HttpsEndpointConfig,
  type IncomingWebhookConfig,
  type ValidationMethod,
  type WebhookValidation,
} from "./endpoint-types.ts";

export * from "./endpoint-types.ts";

/**
 * HTTPS endpoints (`http_endpoints/config.json`, written `https_endpoints/` by the App
 * Services CLI) and the incoming webhooks of third-party services that came before them
 * (`services/<svc>/incoming_webhooks/<name>/`, and `http_endpoints/<svc>/incoming_webhooks/`
 * in realm-cli 2 exports). Files are kept as written; this is the running view of them.
 * https://www.mongodb.com/docs/atlas/app-services/reference/config/https_endpoints/
 */

export const ENDPOINT_CONFIG_FILES = ["http_endpoints/config.json", "https_endpoints/config.json"] as const;
/** Secret values by name. Exports never held secret values, so the sandbox keeps them here. */
export const SANDBOX_SECRETS = "sandbox/secrets.json";

const WEBHOOK_CONFIG = /^(services|http_endpoints)\/([^/]+)\/incoming_webhooks\/([^/]+)\/config\.json$/;

export function parseEndpoints(ctx: ParseContext, functions: Set<string>): EndpointsConfig {
  const https: HttpsEndpointConfig[] = [];
  const seen = new Map<string, string>();
  for (const path of ENDPOINT_CONFIG_FILES) {
    const raw = ctx.readJson(path);
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      ctx.report(path, "expected a JSON array of endpoint configs");
      continue;
    }
    raw.forEach((entry, i) => {
      const endpoint = parseEndpoint(ctx, path, `[${i}]`, entry, functions);
      if (!endpoint) return;
      const key = `${endpoint.httpMethod} ${endpoint.route}`;
      const other = seen.get(key);
      if (other) ctx.report(path, `[${i}]: ${key} is already served by ${other}`);
      else {
        seen.set(key, `${path}[${i}]`);
        https.push(endpoint);
      }
    });
  }
  return { https, webhooks: parseWebhooks(ctx), secrets: parseSecrets(ctx) };
}

function parseEndpoint(ctx: ParseContext, path: string, where: string, entry: unknown, functions: Set<string>): HttpsEndpointConfig | undefined {
  if (!isObject(entry)) {
    ctx.report(path, `"${where}" must be an object`);
    return undefined;
  }
  const f = ctx.fields(path);
  let route = f.string(entry, "route", where, true);
  const method = endpointMethod(ctx, f, path, entry, "http_method", where) ?? "*";
  const functionName = f.string(entry, "function_name", where, true);
  if (functionName !== undefined && !functions.has(functionName)) {
    ctx.report(path, `${where}: endpoint ${route ?? ""} calls function "${functionName}", which is not in functions/config.json`);
  }
  const validationMethod = f.oneOf(entry, "validation_method", VALIDATION_METHODS, where) ?? "NO_VALIDATION";
  const secretName = f.string(entry, "secret_name", where) || undefined;
  if (validationMethod !== "NO_VALIDATION" && !secretName) {
    ctx.report(path, `${where}: "validation_method" ${validationMethod} needs a "secret_name"`);
  }
  const returnType = f.oneOf(entry, "return_type", ["JSON", "EJSON"] as const, where) ?? "JSON";
  const flags = {
    respondResult: f.boolean(entry, "respond_result", where) ?? false,
    fetchCustomUserData: f.boolean(entry, "fetch_custom_user_data", where) ?? false,
    createUserOnAuth: f.boolean(entry, "create_user_on_auth", where) ?? false,
    disabled: f.boolean(entry, "disabled", where) ?? false,
  };
  if (route === undefined || functionName === undefined) return undefined;
  if (!route.startsWith("/")) {
    ctx.note(path, "normalized", `${where}: route "${route}" does not start with "/"; served as "/${route}"`);
    route = `/${route}`;
  }
  return { route, httpMethod: method, functionName, validationMethod, secretName, returnType, path, ...flags };
}

/** `"ANY"` (the console's word) is read as `"*"`; any case is accepted. */
function endpointMethod(ctx: ParseContext, f: FieldChecker, path: string, obj: JsonObject, key: string, where: string): EndpointMethod | undefined {
  const value = f.string(obj, key, where);
  if (value === undefined || value === "") return undefined;
  const upper = value.toUpperCase();
  const method = upper === "ANY" ? "*" : upper;
  if ((ENDPOINT_METHODS as readonly string[]).includes(method)) return method as EndpointMethod;
  ctx.report(path, `"${where ? `${where}.` : ""}${key}" must be one of ${ENDPOINT_METHODS.join(", ")}, got "${value}"`);
  return undefined;
}

function parseWebhooks(ctx: ParseContext): IncomingWebhookConfig[] {
  const webhooks: IncomingWebhookConfig[] = [];
  const seen = new Map<string, string>();
  for (const configPath of Object.keys(ctx.files).sort()) {
    const match = WEBHOOK_CONFIG.exec(configPath);
    if (!match) continue;
    const [, root, service, dir] = match;
    const obj = ctx.readObject(configPath);
    if (!obj) continue;
    const sourcePath = configPath.replace(/config\.json$/, "source.js");
    if (!ctx.has(sourcePath)) {
      ctx.note(configPath, "inert", `webhook "${dir}" has no source.js: kept, but not served`);
      continue;
    }
    ctx.checkFunctionSource(sourcePath, ctx.files[sourcePath]);
    const f = ctx.fields(configPath);
    const name = f.string(obj, "name") || dir;
    const options = f.object(obj, "options") ?? {};
    const serviceType = serviceTypeOf(ctx, `${root}/${service}/config.json`);
    const key = `${service}/${name}`;
    if (seen.has(key)) {
      ctx.report(configPath, `webhook "${name}" of service "${service}" is already defined by ${seen.get(key)}`);
      continue;
    }
    seen.set(key, configPath);
    const canEvaluate = f.object(obj, "can_evaluate");
    if (canEvaluate) ctx.checkExpression(configPath, "can_evaluate", canEvaluate);
    // Webhooks of GitHub and Twilio services took POST only, whatever the options say.
    const fixedPost = serviceType === "github" || serviceType === "twilio";
    const webhook: IncomingWebhookConfig = {
      service,
      serviceType,
      name,
      httpMethod: fixedPost ? "POST" : (endpointMethod(ctx, f, configPath, options, "httpMethod", "options") ?? "*"),
      ...webhookValidation(ctx, configPath, options, serviceType),
      respondResult: f.boolean(obj, "respond_result") ?? false,
      runAsAuthedUser: f.boolean(obj, "run_as_authed_user") ?? false,
      runAsUserId: f.string(obj, "run_as_user_id") || undefined,
      runAsUserIdScriptSource: f.string(obj, "run_as_user_id_script_source") || undefined,
      canEvaluate: canEvaluate && Object.keys(canEvaluate).length > 0 ? canEvaluate : undefined,
      fetchCustomUserData: f.boolean(obj, "fetch_custom_user_data") ?? false,
      source: ctx.files[sourcePath],
      sourcePath,
      configPath,
    };
    if (serviceType === "twilio") {
      ctx.note(configPath, "normalized", `Twilio request signatures are not checked: the service's auth token is a secret exports never held`);
    }
    webhooks.push(webhook);
  }
  return webhooks;
}

function serviceTypeOf(ctx: ParseContext, path: string): string | undefined {
  if (!ctx.has(path)) return undefined;
  const obj = ctx.readObject(path);
  return obj && typeof obj.type === "string" ? obj.type : undefined;
}

/**
 * Stitch wrote `secretAsQueryParam: true` (else a set secret meant a payload signature);
 * later exports name the method in `validationMethod`.
 */
function webhookValidation(ctx: ParseContext, path: string, options: JsonObject, serviceType: string | undefined): Pick<IncomingWebhookConfig, "validation" | "secret"> {
  const f = ctx.fields(path);
  const secret = f.string(options, "secret", "options") || undefined;
  const method = f.oneOf(options, "validationMethod", VALIDATION_METHODS, "options");
  let validation: WebhookValidation;
  if (serviceType === "twilio") validation = "NONE";
  else if (method === "SECRET_AS_QUERY_PARAM" || (method === undefined && options.secretAsQueryParam === true)) validation = "SECRET_AS_QUERY_PARAM";
  else if (method === "VERIFY_PAYLOAD" || (method === undefined && secret !== undefined)) validation = "VERIFY_PAYLOAD";
  else validation = "NONE";
  if (validation !== "NONE" && secret === undefined) ctx.report(path, `"options.secret" is required to validate requests (${validation})`);
  return secret === undefined ? { validation } : { validation, secret };
}

function parseSecrets(ctx: ParseContext): Record<string, string> {
  const obj = ctx.readObject(SANDBOX_SECRETS) ?? {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(obj)) {
    if (typeof value === "string") secrets[name] = value;
    else ctx.report(SANDBOX_SECRETS, `secret "${name}" must be a string`);
  }
  return secrets;
}
