import { describe, expect, it } from "vitest";

import { blank } from "../../src/app/templates/index.ts";
import { formatJson } from "../../src/config/json.ts";
import { checkApp } from "../../src/config/parse-app.ts";
import type { AppFiles } from "../../src/config/types.ts";

/** A blank app with one function `hello` and the given extra files. */
function app(extra: AppFiles): AppFiles {
  const files = blank("endpoints-test");
  files["functions/config.json"] = formatJson([{ name: "hello", private: false }]);
  files["functions/hello.js"] = "exports = function () { return 1; };";
  return { ...files, ...extra };
}

const endpoints = (entries: unknown) => ({ "http_endpoints/config.json": formatJson(entries) });
const ok = { route: "/hello", http_method: "GET", function_name: "hello" };

describe("http_endpoints/config.json", () => {
  it("reads an entry with the documented defaults", () => {
    const { model, problems } = checkApp(app(endpoints([ok])));
    expect(problems).toEqual([]);
    expect(model.endpoints.https).toEqual([
      {
        route: "/hello",
        httpMethod: "GET",
        functionName: "hello",
        validationMethod: "NO_VALIDATION",
        secretName: undefined,
        respondResult: false,
        fetchCustomUserData: false,
        createUserOnAuth: false,
        disabled: false,
        returnType: "JSON",
        path: "http_endpoints/config.json",
      },
    ]);
  });

  it("also reads https_endpoints/config.json, as the App Services CLI wrote it", () => {
    const { model } = checkApp(app({ "https_endpoints/config.json": formatJson([ok]) }));
    expect(model.endpoints.https.map((e) => e.path)).toEqual(["https_endpoints/config.json"]);
  });

  it.each([
    ["*", "*"],
    ["ANY", "*"],
    ["post", "POST"],
    ["PATCH", "PATCH"],
  ])("http_method %s is %s", (written, method) => {
    const { model, problems } = checkApp(app(endpoints([{ ...ok, http_method: written }])));
    expect(problems).toEqual([]);
    expect(model.endpoints.https[0].httpMethod).toBe(method);
  });

  it("serves a route without its leading slash and says so", () => {
    const { model, notes } = checkApp(app(endpoints([{ ...ok, route: "hello" }])));
    expect(model.endpoints.https[0].route).toBe("/hello");
    expect(notes).toContainEqual(expect.objectContaining({ path: "http_endpoints/config.json", kind: "normalized" }));
  });

  it.each([
    ["not an array", {}, /expected a JSON array/],
    ["no route", [{ http_method: "GET", function_name: "hello" }], /missing required key "\[0\]\.route"/],
    ["no function", [{ route: "/x", http_method: "GET" }], /missing required key "\[0\]\.function_name"/],
    ["an unknown function", [{ ...ok, function_name: "nope" }], /calls function "nope", which is not in functions\/config\.json/],
    ["an unknown method", [{ ...ok, http_method: "TRACE" }], /"\[0\]\.http_method" must be one of/],
    ["an unknown validation method", [{ ...ok, validation_method: "MAGIC" }], /"\[0\]\.validation_method" must be one of/],
    ["validation without a secret", [{ ...ok, validation_method: "VERIFY_PAYLOAD" }], /VERIFY_PAYLOAD needs a "secret_name"/],
    ["an unknown return type", [{ ...ok, return_type: "XML" }], /"\[0\]\.return_type" must be one of "JSON", "EJSON"/],
    ["the same route and method twice", [ok, ok], /GET \/hello is already served by http_endpoints\/config\.json\[0\]/],
  ])("refuses %s", (_, entries, message) => {
    const { problems } = checkApp(app(endpoints(entries)));
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
    expect(problems.every((p) => p.path === "http_endpoints/config.json")).toBe(true);
  });

  it("the same route with two methods is two endpoints", () => {
    const { model, problems } = checkApp(app(endpoints([ok, { ...ok, http_method: "POST" }])));
    expect(problems).toEqual([]);
    expect(model.endpoints.https.map((e) => e.httpMethod)).toEqual(["GET", "POST"]);
  });
});

describe("incoming webhooks", () => {
  const hook = (service: string, type: string | undefined, name: string, config: Record<string, unknown>, root = "services"): AppFiles => ({
    ...(type ? { [`${root}/${service}/config.json`]: formatJson({ name: service, type, config: {} }) } : {}),
    [`${root}/${service}/incoming_webhooks/${name}/config.json`]: formatJson({ name, ...config }),
    [`${root}/${service}/incoming_webhooks/${name}/source.js`]: "exports = function () { return null; };",
  });

  it.each([
    ["secretAsQueryParam", "http", { options: { httpMethod: "POST", secret: "s", secretAsQueryParam: true } }, { httpMethod: "POST", validation: "SECRET_AS_QUERY_PARAM", secret: "s" }],
    ["a secret alone (payload signature)", "http", { options: { secret: "s" } }, { httpMethod: "*", validation: "VERIFY_PAYLOAD", secret: "s" }],
    ["validationMethod", "http", { options: { httpMethod: "ANY", validationMethod: "SECRET_AS_QUERY_PARAM", secret: "s" } }, { httpMethod: "*", validation: "SECRET_AS_QUERY_PARAM" }],
    ["no options", "http", {}, { httpMethod: "*", validation: "NONE" }],
    ["a GitHub service", "github", { options: { secret: "g" } }, { httpMethod: "POST", validation: "VERIFY_PAYLOAD", serviceType: "github" }],
    ["a Twilio service", "twilio", {}, { httpMethod: "POST", validation: "NONE", serviceType: "twilio" }],
    [
      "run-as settings",
      "http",
      { run_as_authed_user: true, run_as_user_id: "", run_as_user_id_script_source: "", respond_result: true, can_evaluate: {} },
      { runAsAuthedUser: true, runAsUserId: undefined, runAsUserIdScriptSource: undefined, respondResult: true, canEvaluate: undefined },
    ],
  ])("reads %s", (_, type, config, expected) => {
    const { model, problems } = checkApp(app(hook("svc", type, "h", config)));
    expect(problems).toEqual([]);
    expect(model.endpoints.webhooks).toHaveLength(1);
    expect(model.endpoints.webhooks[0]).toMatchObject({ service: "svc", name: "h", ...expected });
  });

  it("reads realm-cli 2's http_endpoints/<service>/incoming_webhooks too", () => {
    const { model } = checkApp(app(hook("inbound", "http", "h", {}, "http_endpoints")));
    expect(model.endpoints.webhooks[0]).toMatchObject({ service: "inbound", serviceType: "http", configPath: "http_endpoints/inbound/incoming_webhooks/h/config.json" });
  });

  it("notes that Twilio signatures are not checked", () => {
    const { notes } = checkApp(app(hook("sms", "twilio", "h", {})));
    expect(notes).toContainEqual(expect.objectContaining({ path: "services/sms/incoming_webhooks/h/config.json", kind: "normalized" }));
  });

  it("keeps a webhook without source.js unserved, and says so", () => {
    const files = app(hook("svc", "http", "h", {}));
    delete files["services/svc/incoming_webhooks/h/source.js"];
    const { model, problems, notes } = checkApp(files);
    expect(problems).toEqual([]);
    expect(model.endpoints.webhooks).toEqual([]);
    expect(notes).toContainEqual({ path: "services/svc/incoming_webhooks/h/config.json", kind: "inert", message: 'webhook "h" has no source.js: kept, but not served' });
  });

  it("refuses validation without a secret", () => {
    const files = app(hook("svc", "http", "h", {}));
    files["services/svc/incoming_webhooks/h/config.json"] = formatJson({ name: "h", options: { secretAsQueryParam: true } });
    expect(checkApp(files).problems.map((p) => p.message).join("\n")).toMatch(/"options\.secret" is required/);
  });
});

describe("sandbox/secrets.json", () => {
  it("holds secret values by name", () => {
    const { model } = checkApp(app({ "sandbox/secrets.json": formatJson({ hookSecret: "12345" }) }));
    expect(model.endpoints.secrets).toEqual({ hookSecret: "12345" });
  });

  it("refuses a value that is not a string", () => {
    const { problems } = checkApp(app({ "sandbox/secrets.json": formatJson({ n: 1 }) }));
    expect(problems).toEqual([{ path: "sandbox/secrets.json", message: 'secret "n" must be a string' }]);
  });
});
