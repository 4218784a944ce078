import { Binary } from "../bson/types.ts";
import type { HttpsEndpointConfig, IncomingWebhookConfig } from "../config/parse-endpoints.ts";
import { SANDBOX_SECRETS } from "../config/parse-endpoints.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { defaultFindUser, scriptIdentity } from "../functions/identity.ts";
import { SYSTEM_CONTEXT, userContext, type RequestContext } from "../services/request-context.ts";
import type { RouteContext } from "./context.ts";
import { runHandler, runScript } from "./endpoint-function.ts";
import {
  checkCanEvaluate,
  checkSecretParam,
  checkSignature,
  credentialUser,
  endpointRequestInfo,
  requestHeaders,
  requestQuery,
} from "./endpoint-request.ts";
import { handlerResponse, responseFormat } from "./endpoint-response.ts";
import { readBodyBytes } from "./http.ts";

/**
 * Serves HTTPS endpoints and legacy incoming webhooks: the route or webhook is looked
 * up in the deployed app, the request is authenticated and validated as configured,
 * and the handler runs with `(request, response)` (webhooks: `(payload, response)`).
 * https://www.mongodb.com/docs/atlas/app-services/data-api/custom-endpoints/
 */

function methodNotAllowed(method: string, path: string, allowed: string[]): AppServicesError {
  const allow = allowed.join(", ");
  return Object.assign(new AppServicesError("MethodNotAllowed", `${method} is not allowed on ${path}; use ${allow}`), { allow });
}

/** Endpoints match their route exactly; one trailing slash is forgiven. */
function sameRoute(a: string, b: string): boolean {
  const trim = (r: string) => (r.length > 1 && r.endsWith("/") ? r.slice(0, -1) : r);
  return trim(a) === trim(b);
}

export async function serveEndpoint(ctx: RouteContext, route: string): Promise<Response> {
  const method = ctx.request.method;
  const onRoute = ctx.app.deployed.endpoints.https.filter((e) => sameRoute(e.route, route));
  if (onRoute.length === 0) {
    const hint = /^\/data\/(v1|beta)(\/|$)/.test(route) ? " (the Data API is not emulated by the sandbox)" : "";
    throw new AppServicesError("NotFound", `no endpoint for route '${route}'${hint}`);
  }
  const endpoint = onRoute.find((e) => e.httpMethod === method) ?? onRoute.find((e) => e.httpMethod === "*");
  if (!endpoint) throw methodNotAllowed(method, ctx.url.pathname, onRoute.map((e) => e.httpMethod));
  ctx.details.endpoint = `${endpoint.httpMethod} ${endpoint.route}`;
  ctx.details.function = endpoint.functionName;
  if (endpoint.disabled) throw new AppServicesError("NotFound", `endpoint '${endpoint.route}' is disabled`);
  const fn = ctx.app.deployed.functions.find((f) => f.name === endpoint.functionName);
  if (!fn) throw new AppServicesError("FunctionNotFound", `function not found: '${endpoint.functionName}'`);

  const validated = endpoint.validationMethod !== "NO_VALIDATION";
  const request = endpointRequestInfo(ctx, validated);
  // Application authentication unless the function runs as the system, a fixed user or a script.
  const applicationAuth = !fn.run_as_system && !fn.run_as_user_id && !fn.run_as_user_id_script_source;
  const context: RequestContext = applicationAuth
    ? userContext(await credentialUser(ctx, endpoint.fetchCustomUserData), request)
    : { ...SYSTEM_CONTEXT, request };

  const body = await readBodyBytes(ctx.request);
  if (validated) {
    const secret = endpointSecret(ctx, endpoint);
    if (endpoint.validationMethod === "SECRET_AS_QUERY_PARAM") checkSecretParam(ctx.url, secret);
    else await checkSignature("Endpoint-Signature", ctx.request.headers.get("endpoint-signature"), body, secret);
  }
  const input = requestArgument(ctx, validated, body);
  // The runtime checks can_evaluate for user callers only; a system-run endpoint is checked here.
  if (!applicationAuth && !(await checkCanEvaluate(ctx, fn.can_evaluate, context, input))) {
    throw new AppServicesError("FunctionExecutionError", `cannot execute function "${fn.name}": its can_evaluate expression does not allow this call`);
  }
  const outcome = await runHandler(ctx.app, { name: fn.name, source: fn.source, input, context, request });
  const format = responseFormat(ctx.request.headers.get("accept"), endpoint.returnType);
  return handlerResponse(outcome, { kind: "endpoint", respondResult: endpoint.respondResult, format });
}

function endpointSecret(ctx: RouteContext, endpoint: HttpsEndpointConfig): string {
  const name = endpoint.secretName ?? "";
  const value = ctx.app.deployed.endpoints.secrets[name];
  if (value === undefined) {
    throw new AppServicesError(
      "IncomingWebhookAuthFailed",
      `secret '${name}' has no value in the sandbox: exports never held secret values; set it in ${SANDBOX_SECRETS} as {"${name}": "<value>"}`,
    );
  }
  return value;
}

export async function serveWebhook(ctx: RouteContext, service: string, name: string): Promise<Response> {
  const hook = ctx.app.deployed.endpoints.webhooks.find((w) => w.service === service && w.name === name);
  if (!hook) throw new AppServicesError("IncomingWebhookNotFound", `incoming webhook not found: '${name}' of service '${service}'`);
  const method = ctx.request.method;
  if (hook.httpMethod !== "*" && method !== hook.httpMethod) throw methodNotAllowed(method, ctx.url.pathname, [hook.httpMethod]);
  ctx.details.webhook = `${service}/${name}`;

  const body = await readBodyBytes(ctx.request);
  if (hook.validation === "SECRET_AS_QUERY_PARAM") checkSecretParam(ctx.url, hook.secret ?? "");
  else if (hook.validation === "VERIFY_PAYLOAD") {
    const header = hook.serviceType === "github" ? "X-Hub-Signature" : ctx.request.headers.has("x-hub-signature") ? "X-Hub-Signature" : "X-Hook-Signature";
    await checkSignature(header, ctx.request.headers.get(header), body, hook.secret ?? "");
  }
  const request = endpointRequestInfo(ctx, hook.validation === "SECRET_AS_QUERY_PARAM", { service, action: name });
  const context = await webhookContext(ctx, hook, request);
  const payload = webhookPayload(ctx, hook, body);
  if (!(await checkCanEvaluate(ctx, hook.canEvaluate, context, payload))) {
    throw new AppServicesError("IncomingWebhookAuthFailed", `webhook '${name}' refused the request: its can_evaluate expression is false`);
  }
  const outcome = await runHandler(ctx.app, { name: `incoming_webhook:${service}/${name}`, source: hook.source, input: payload, context, request });
  return handlerResponse(outcome, { kind: "webhook", respondResult: hook.respondResult });
}

/** Who the webhook runs as: the caller (application authentication), a fixed user, a script's answer, or the system. */
async function webhookContext(ctx: RouteContext, hook: IncomingWebhookConfig, request: Record<string, unknown>): Promise<RequestContext> {
  if (hook.runAsAuthedUser) return userContext(await credentialUser(ctx, hook.fetchCustomUserData), request);
  let userId = hook.runAsUserId;
  if (!userId && hook.runAsUserIdScriptSource) {
    const answer = scriptIdentity(
      hook.name,
      await runScript(ctx.app, `incoming_webhook:${hook.service}/${hook.name}/run_as_user_id_script_source`, hook.runAsUserIdScriptSource, { ...SYSTEM_CONTEXT, request }, request),
    );
    if ("userId" in answer) userId = answer.userId;
  }
  if (!userId) return { ...SYSTEM_CONTEXT, request };
  const user = await defaultFindUser(ctx.app)(userId);
  if (!user) throw new AppServicesError("FunctionExecutionError", `cannot run webhook "${hook.name}" as user "${userId}": user not found`);
  ctx.userId = userId;
  return userContext(user, request);
}

/**
 * HTTP service webhooks got `{query, headers, body}` (body a BSON.Binary); GitHub's got
 * the parsed JSON event and Twilio's the parsed form fields, as those services did.
 */
function webhookPayload(ctx: RouteContext, hook: IncomingWebhookConfig, body: Uint8Array<ArrayBuffer>): unknown {
  const text = () => new TextDecoder().decode(body);
  if (hook.serviceType === "github") {
    try {
      return JSON.parse(text());
    } catch (error) {
      throw new AppServicesError("BadRequest", `GitHub webhook body is not JSON: ${(error as Error).message}`);
    }
  }
  if (hook.serviceType === "twilio") return Object.fromEntries(new URLSearchParams(text()));
  return requestArgument(ctx, hook.validation === "SECRET_AS_QUERY_PARAM", body);
}

/** `{query, headers, body}`; `body` (a BSON.Binary) is absent when the request has none. */
function requestArgument(ctx: RouteContext, withoutSecret: boolean, body: Uint8Array<ArrayBuffer>): Record<string, unknown> {
  const input: Record<string, unknown> = { query: requestQuery(ctx.url, withoutSecret), headers: requestHeaders(ctx.request) };
  // Left out rather than undefined: Extended JSON would send undefined as null.
  if (body.byteLength > 0) input.body = new Binary(body);
  return input;
}
