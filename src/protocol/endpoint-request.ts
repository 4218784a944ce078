import { readCustomData } from "../auth/custom-data.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { evaluateExpression } from "../rules/expressions/index.ts";
import { expressionEnvironment, SYSTEM_USER_VIEW } from "../functions/snapshot.ts";
import type { RequestContext, RequestUser } from "../services/request-context.ts";
import type { JsonObject } from "../config/types.ts";
import type { RouteContext } from "./context.ts";

/**
 * What endpoints and webhooks read from the HTTP request: the handler's `request`
 * argument, `context.request`, application credentials and the secret checks.
 */

/** Credential headers: they authenticate the request and are not shown to the function or the log. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "email", "password", "apikey", "api-key", "jwttokenstring"]);

function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** `{ "Content-Type": ["application/json"] }`, as App Services spelled request headers. */
export function requestHeaders(request: Request): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of request.headers) {
    if (CREDENTIAL_HEADERS.has(name)) continue;
    // Fetch has already joined repeated headers with ", " (and values may hold commas).
    headers[canonicalHeaderName(name)] = [value];
  }
  return headers;
}

/** Each query parameter's first value; the validation `secret` is not passed on. */
export function requestQuery(url: URL, withoutSecret: boolean): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (withoutSecret && key === "secret") continue;
    if (!(key in query)) query[key] = value;
  }
  return query;
}

/** `context.request` / `%%request` of an endpoint or webhook call. */
export function endpointRequestInfo(ctx: RouteContext, withoutSecret: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const params = new URLSearchParams(ctx.url.search);
  if (withoutSecret) params.delete("secret");
  return { ...ctx.requestInfo(), rawQueryString: params.toString(), webhookUrl: ctx.url.pathname, ...extra };
}

/**
 * The user named by the request's credentials, as App Services' application
 * authentication took them: a Bearer access token, or `email` and `password` headers.
 * API keys and custom JWTs are providers the sandbox does not have.
 */
export async function credentialUser(ctx: RouteContext, fetchCustomUserData: boolean): Promise<RequestUser> {
  const headers = ctx.request.headers;
  if (!headers.has("authorization") && !headers.has("email")) {
    if (headers.has("apikey") || headers.has("api-key")) {
      throw new AppServicesError("AuthProviderNotFound", "authentication provider not found: API keys are not emulated by the sandbox; send a Bearer access token or email and password headers");
    }
    if (headers.has("jwttokenstring")) {
      throw new AppServicesError("AuthProviderNotFound", "authentication provider not found: Custom JWT is not emulated by the sandbox; send a Bearer access token or email and password headers");
    }
  }
  const caller = await ctx.credentialCaller();
  ctx.userId = caller.record.id;
  const customData = fetchCustomUserData ? ((await readCustomData(ctx.app, caller.record.id)) ?? {}) : {};
  return { ...caller.user, custom_data: customData };
}

/** A webhook's or system endpoint's `can_evaluate`, which the function runtime only checks for user callers. */
export async function checkCanEvaluate(ctx: RouteContext, expr: JsonObject | undefined, context: RequestContext, input: unknown): Promise<boolean> {
  if (!expr || Object.keys(expr).length === 0) return true;
  const host = ctx.app.functions;
  try {
    return await evaluateExpression(expr, {
      user: (context.user ?? SYSTEM_USER_VIEW) as Record<string, unknown>,
      request: context.request,
      args: [input],
      defaultScope: "args",
      callFunction: (name, args) => {
        if (!host) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
        return host.call(name, args, context);
      },
      ...expressionEnvironment(ctx.app),
    });
  } catch (error) {
    throw new AppServicesError("FunctionExecutionError", `can_evaluate failed: ${(error as Error).message}`);
  }
}

function authFailed(message: string): AppServicesError {
  return new AppServicesError("IncomingWebhookAuthFailed", message);
}

/** `?secret=` must be the secret. */
export function checkSecretParam(url: URL, secret: string): void {
  const given = url.searchParams.get("secret");
  if (given === null) throw authFailed("expected a secret query parameter");
  if (!constantTimeEqual(given, secret)) throw authFailed("invalid secret");
}

/**
 * A payload signature header: `sha256=<hex>` (or `sha1=<hex>`, GitHub's) HMAC of the raw
 * body keyed with the secret. The docs print `Endpoint-Signature::sha256=…` (header and
 * value joined by a colon), so a leading colon is tolerated.
 */
export async function checkSignature(headerName: string, header: string | null, body: Uint8Array<ArrayBuffer>, secret: string): Promise<void> {
  if (header === null || header.trim() === "") throw authFailed(`expected a payload signature in the ${headerName} header`);
  const match = /^:?\s*(?:(sha1|sha256)=)?([0-9a-f]+)\s*$/i.exec(header);
  if (!match) throw authFailed(`${headerName} must be "sha256=<hex-encoded HMAC of the body>"`);
  const algorithm = (match[1] ?? "sha256").toLowerCase() === "sha1" ? "SHA-1" : "SHA-256";
  const expected = await hmacHex(algorithm, secret, body);
  if (!constantTimeEqual(match[2].toLowerCase(), expected)) throw authFailed("payload signature does not match the body and the secret");
}

async function hmacHex(hash: "SHA-1" | "SHA-256", secret: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, body));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
