import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { quietTaskTracker } from "./fixtures.ts";

/** The secret the fixtures validate with, as sandbox/secrets.json holds it. */
export const SECRET = "12345";

interface FunctionSpec {
  source: string;
  config?: Record<string, unknown>;
}

/** Endpoint functions, each small enough to read at a glance. */
export const ENDPOINT_FUNCTIONS: Record<string, FunctionSpec> = {
  // Application authentication (no run_as_* setting): the caller's credentials decide.
  echo: {
    source: `exports = function (request, response) {
  return {
    query: request.query,
    contentType: request.headers["Content-Type"],
    authorization: request.headers["Authorization"],
    body: request.body === undefined ? null : request.body.text(),
    user: context.user.id,
    customData: context.user.custom_data,
    method: context.request.httpMethod,
    system: context.runningAsSystem(),
  };
};`,
  },
  whoami: {
    source: `exports = function () { return { user: context.user.id, system: context.runningAsSystem(), raw: context.request.rawQueryString, query: arguments[0].query }; };`,
    config: { run_as_system: true },
  },
  shaped: {
    source: `exports = function (request, response) {
  response.setStatusCode(201);
  response.setHeader("X-Kind", "a");
  response.addHeader("X-Kind", "b");
  response.setHeader("Content-Type", "text/plain");
  response.setBody("created " + request.query.name);
  return "not sent";
};`,
    config: { run_as_system: true },
  },
  statusOnly: {
    source: `exports = function (request, response) { response.setStatusCode(202); return "kept"; };`,
    config: { run_as_system: true },
  },
  binaryBody: {
    source: `exports = function (request, response) { response.setBody(BSON.Binary.fromText("bytes")); };`,
    config: { run_as_system: true },
  },
  typed: {
    source: `exports = function () {
  return { when: new Date(0), id: new BSON.ObjectId("5d505646cf6d4fe581014ab2"), big: BSON.Long.fromNumber(50), dec: BSON.Decimal128.fromString("1.5"), n: 3 };
};`,
    config: { run_as_system: true },
  },
  stub: { source: `exports = function() { return null; };`, config: { run_as_system: true } },
  thrower: { source: `exports = function () { throw new Error("boom"); };`, config: { run_as_system: true } },
  badStatus: { source: `exports = function (request, response) { response.setStatusCode(42); };`, config: { run_as_system: true } },
  scripted: {
    source: `exports = function () { return { system: context.runningAsSystem() }; };`,
    config: { run_as_user_id_script_source: `exports = function () { return { runAsSystem: true }; };` },
  },
  guarded: {
    source: `exports = function () { return "allowed"; };`,
    config: { run_as_system: true, can_evaluate: { "%%request.requestHeaders.X-Token": ["let-me-in"] } },
  },
  privateOne: { source: `exports = function () { return "private ok"; };`, config: { run_as_system: true, private: true } },
};

type Endpoint = Record<string, unknown>;

const endpoint = (route: string, method: string, functionName: string, extra: Endpoint = {}): Endpoint => ({
  route,
  http_method: method,
  function_name: functionName,
  validation_method: "NO_VALIDATION",
  respond_result: true,
  fetch_custom_user_data: false,
  create_user_on_auth: false,
  disabled: false,
  return_type: "JSON",
  ...extra,
});

export const ENDPOINTS: Endpoint[] = [
  endpoint("/echo", "GET", "echo"),
  endpoint("/echo", "POST", "echo", { fetch_custom_user_data: true }),
  endpoint("/any", "*", "whoami"),
  endpoint("/secret", "GET", "whoami", { validation_method: "SECRET_AS_QUERY_PARAM", secret_name: "hookSecret" }),
  endpoint("/signed", "POST", "whoami", { validation_method: "VERIFY_PAYLOAD", secret_name: "hookSecret" }),
  endpoint("/unset-secret", "GET", "whoami", { validation_method: "SECRET_AS_QUERY_PARAM", secret_name: "neverSet" }),
  endpoint("/shaped", "POST", "shaped", { respond_result: false }),
  endpoint("/status-only", "GET", "statusOnly"),
  endpoint("/status-only-quiet", "GET", "statusOnly", { respond_result: false }),
  endpoint("/binary", "GET", "binaryBody"),
  endpoint("/typed", "GET", "typed"),
  endpoint("/typed-ejson", "GET", "typed", { return_type: "EJSON" }),
  endpoint("/stub", "GET", "stub"),
  endpoint("/quiet", "GET", "stub", { respond_result: false }),
  endpoint("/off", "GET", "stub", { disabled: true }),
  endpoint("/boom", "GET", "thrower"),
  endpoint("/bad-status", "GET", "badStatus"),
  endpoint("/scripted", "GET", "scripted"),
  endpoint("/guarded", "GET", "guarded"),
  endpoint("/private", "GET", "privateOne"),
  endpoint("/my/nested/route", "GET", "stub"),
];

/** The Task Tracker backend plus the endpoint functions and endpoints above. */
export function endpointApp(appId: string, extraFunctions: Record<string, FunctionSpec> = {}, endpoints: Endpoint[] = ENDPOINTS): AppFiles {
  const files = quietTaskTracker(appId);
  const configs = JSON.parse(files["functions/config.json"]) as Record<string, unknown>[];
  for (const [name, spec] of Object.entries({ ...ENDPOINT_FUNCTIONS, ...extraFunctions })) {
    configs.push({ name, private: false, ...spec.config });
    files[`functions/${name}.js`] = spec.source;
  }
  files["functions/config.json"] = formatJson(configs);
  files["http_endpoints/config.json"] = formatJson(endpoints);
  files["sandbox/secrets.json"] = formatJson({ hookSecret: SECRET });
  return files;
}

/** Hex HMAC of `body` keyed with `secret`, as callers signed payloads. */
export async function hmacHex(hash: "SHA-1" | "SHA-256", secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}
