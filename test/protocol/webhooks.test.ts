import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { endpointApp, hmacHex } from "./endpoint-fixtures.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let token: string;
let userId: string;

interface Hook {
  config: Record<string, unknown>;
  source: string;
}

/** Webhooks of the fixture's services, as Stitch-era exports wrote them. */
function hooks(runAsUser: string): Record<string, Record<string, Hook>> {
  const system = { run_as_user_id: "", run_as_user_id_script_source: "" };
  return {
    web: {
      echo: {
        config: { ...system, options: { httpMethod: "POST", secret: "s3cret", secretAsQueryParam: true }, respond_result: true },
        source: `exports = function (payload, response) {
  return { query: payload.query, body: payload.body.text(), system: context.runningAsSystem(), service: context.request.service, action: context.request.action, raw: context.request.rawQueryString };
};`,
      },
      signed: {
        config: { ...system, options: { httpMethod: "POST", validationMethod: "VERIFY_PAYLOAD", secret: "k" }, respond_result: false },
        source: `exports = function (payload, response) { response.setStatusCode(201); response.setBody("ok"); };`,
      },
      touched: {
        config: { ...system, options: { httpMethod: "ANY" }, respond_result: true },
        source: `exports = function ({ query, headers, body }, response) { response.setStatusCode(200); return "Hello world"; };`,
      },
      plain: {
        config: { ...system, options: { httpMethod: "GET" }, respond_result: true },
        source: `exports = function (payload) { return { n: 1, when: new Date(0), hasBody: payload.body !== undefined }; };`,
      },
      quiet: {
        config: { ...system, options: { httpMethod: "GET" }, respond_result: false },
        source: `exports = function () { return "dropped"; };`,
      },
      authed: {
        config: { ...system, run_as_authed_user: true, options: { httpMethod: "GET" }, respond_result: true },
        source: `exports = function () { return context.user.id; };`,
      },
      asUser: {
        config: { ...system, run_as_user_id: runAsUser, options: { httpMethod: "GET" }, respond_result: true },
        source: `exports = function () { return { user: context.user.id, system: context.runningAsSystem() }; };`,
      },
      scripted: {
        config: { ...system, run_as_user_id_script_source: `exports = function () { return "${runAsUser}"; };`, options: { httpMethod: "GET" }, respond_result: true },
        source: `exports = function () { return context.user.id; };`,
      },
      guarded: {
        config: { ...system, can_evaluate: { "%%request.requestHeaders.X-Token": ["go"] }, options: { httpMethod: "GET" }, respond_result: true },
        source: `exports = function () { return "in"; };`,
      },
      stub: {
        config: { ...system, options: { httpMethod: "POST", secret: "secret", secretAsQueryParam: true }, respond_result: true },
        source: `exports = function() { return null; };`,
      },
    },
    gh: {
      push: {
        config: { ...system, options: { secret: "ghs" }, respond_result: true },
        source: `exports = function (event) { return event.ref; };`,
      },
    },
    sms: {
      incoming: {
        config: { ...system, respond_result: true },
        source: `exports = function (payload) { return payload.Body; };`,
      },
    },
  };
}

const SERVICE_TYPES: Record<string, string> = { web: "http", gh: "github", sms: "twilio" };

/** A realm-cli v1 (20200603) export with third-party services and their webhooks. */
function legacyApp(appId: string, runAsUser: string): AppFiles {
  const files: AppFiles = {
    "config.json": formatJson({
      app_id: appId,
      config_version: 20200603,
      name: "hooks",
      location: "US-VA",
      deployment_model: "GLOBAL",
      security: {},
      custom_user_data_config: { enabled: false },
      sync: { development_mode_enabled: false },
    }),
    "auth_providers/local-userpass.json": formatJson({
      id: "5f0000000000000000000001",
      name: "local-userpass",
      type: "local-userpass",
      config: { autoConfirm: true, runConfirmationFunction: false, runResetFunction: false, resetPasswordUrl: "https://example.com/reset" },
      disabled: false,
    }),
    "services/mongodb-atlas/config.json": formatJson({
      id: "5f0000000000000000000002",
      name: "mongodb-atlas",
      type: "mongodb-atlas",
      config: { clusterName: "Cluster0" },
      version: 1,
    }),
  };
  for (const [service, named] of Object.entries(hooks(runAsUser))) {
    files[`services/${service}/config.json`] = formatJson({ id: "5f0000000000000000000003", name: service, type: SERVICE_TYPES[service], config: {}, version: 1 });
    for (const [name, hook] of Object.entries(named)) {
      files[`services/${service}/incoming_webhooks/${name}/config.json`] = formatJson({ id: "5f0000000000000000000004", name, ...hook.config });
      files[`services/${service}/incoming_webhooks/${name}/source.js`] = hook.source;
    }
  }
  return files;
}

let imported: AppFiles;

beforeAll(async () => {
  t = await openSandbox();
  ({ access_token: token, user_id: userId } = await t.signUp("ada@example.com"));
  imported = legacyApp(t.appId, userId);
  await t.sandbox.importApp(imported);
});
afterAll(async () => t.sandbox.close());

const hookUrl = (service: string, name: string, query = "", host = "https://webhooks.mongodb-realm.com") =>
  `${host}/api/client/v2.0/app/${t.appId}/service/${service}/incoming_webhook/${name}${query}`;

async function hit(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await t.sandbox.fetch(url, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

describe("legacy webhooks survive the conversion", () => {
  it("exports every webhook file as it was imported", async () => {
    const exported = await t.sandbox.exportApp();
    for (const [path, text] of Object.entries(imported)) {
      if (path.includes("/incoming_webhooks/") || /^services\/(web|gh|sms)\/config\.json$/.test(path)) expect(exported[path], path).toBe(text);
    }
  });

  it("the running app knows them", () => {
    const names = t.sandbox.app.deployed.endpoints.webhooks.map((w) => `${w.service}/${w.name}`).sort();
    expect(names).toEqual(["gh/push", "sms/incoming", ...Object.keys(hooks("x").web).map((n) => `web/${n}`)].sort());
  });
});

describe("webhook URLs", () => {
  it.each(["https://webhooks.mongodb-realm.com", "https://webhooks.mongodb-stitch.com", "https://realm.mongodb.com", "http://emu.local", "https://someone.github.io/realm-sandbox"])(
    "%s serves the stubbed webhook",
    async (host) => {
      const reply = await hit("POST", hookUrl("web", "stub", "?secret=secret", host));
      expect(reply.status).toBe(200);
      expect(reply.text).toBe("null");
    },
  );

  it.each([
    ["an unknown webhook", "POST", "web", "nope", 404, "IncomingWebhookNotFound"],
    ["an unknown service", "POST", "nope", "echo", 404, "IncomingWebhookNotFound"],
    ["another method", "GET", "web", "echo", 405, "MethodNotAllowed"],
  ])("%s", async (_, method, service, name, status, code) => {
    const reply = await hit(method, hookUrl(service, name, "?secret=s3cret"));
    expect(reply.status).toBe(status);
    expect(reply.json.error_code).toBe(code);
  });
});

describe("validation", () => {
  it.each([
    ["the secret", "?secret=s3cret&x=1", 200],
    ["a wrong secret", "?secret=no", 401],
    ["no secret", "", 401],
  ])("secret as query parameter: %s", async (_, query, status) => {
    const reply = await hit("POST", hookUrl("web", "echo", query), { body: "hi" });
    expect(reply.status).toBe(status);
    if (status !== 200) expect(reply.json.error_code).toBe("IncomingWebhookAuthFailed");
  });

  it.each([
    ["X-Hook-Signature sha256", "x-hook-signature", "SHA-256", "sha256", "k", 201],
    ["X-Hub-Signature sha1", "x-hub-signature", "SHA-1", "sha1", "k", 201],
    ["a signature with another secret", "x-hook-signature", "SHA-256", "sha256", "other", 401],
  ] as const)("payload signature: %s", async (_, header, hash, prefix, key, status) => {
    const body = '{"message":"MESSAGE"}';
    const reply = await hit("POST", hookUrl("web", "signed"), { headers: { [header]: `${prefix}=${await hmacHex(hash, key, body)}` }, body });
    expect(reply.status).toBe(status);
    if (status === 201) expect(reply.text).toBe("ok");
  });

  it("GitHub webhooks check X-Hub-Signature and get the parsed event", async () => {
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const signed = await hit("POST", hookUrl("gh", "push"), { headers: { "x-hub-signature": `sha1=${await hmacHex("SHA-1", "ghs", body)}` }, body });
    expect(signed.text).toBe('"refs/heads/main"');
    expect((await hit("POST", hookUrl("gh", "push"), { body })).status).toBe(401);
  });

  it("Twilio webhooks get the form fields", async () => {
    const reply = await hit("POST", hookUrl("sms", "incoming"), {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "From=%2B15550001&Body=hello+there",
    });
    expect(reply.text).toBe('"hello there"');
  });

  it("can_evaluate decides for system webhooks", async () => {
    expect((await hit("GET", hookUrl("web", "guarded"), { headers: { "x-token": "go" } })).text).toBe('"in"');
    expect((await hit("GET", hookUrl("web", "guarded"))).json.error_code).toBe("IncomingWebhookAuthFailed");
  });
});

describe("payload, identity and response", () => {
  it("passes {query, headers, body} and tells context.request the service and webhook", async () => {
    const reply = await hit("POST", hookUrl("web", "echo", "?secret=s3cret&x=1"), { body: "hi" });
    expect(reply.json).toEqual({ query: { x: "1" }, body: "hi", system: true, service: "web", action: "echo", raw: "x=1" });
  });

  it.each([
    ["application authentication", "authed", { authorization: () => `Bearer ${token}` }, () => `"${userId}"`],
    ["a fixed user id", "asUser", {}, () => `{"user":"${userId}","system":false}`],
    ["a script naming the user", "scripted", {}, () => `"${userId}"`],
  ])("runs as %s", async (_, name, headers, expected) => {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, (v as () => string)()]));
    const reply = await hit("GET", hookUrl("web", name), { headers: h });
    expect(reply.text).toBe(expected());
  });

  it("application authentication without credentials is refused", async () => {
    expect((await hit("GET", hookUrl("web", "authed"))).json.error_code).toBe("MissingAuthReq");
  });

  it.each([
    ["respond_result answers the return value as EJSON", "GET", "plain", 200, '{"n":{"$numberInt":"1"},"when":{"$date":{"$numberLong":"0"}},"hasBody":false}'],
    ["respond_result off answers no content", "GET", "quiet", 204, ""],
    ["a response call replaces the return value (unlike endpoints)", "PUT", "touched", 200, ""],
  ])("%s", async (_, method, name, status, body) => {
    const reply = await hit(method, hookUrl("web", name));
    expect(reply.status).toBe(status);
    expect(reply.text).toBe(body);
  });
});

describe("realm-cli 2 layout", () => {
  it("serves http_endpoints/<service>/incoming_webhooks/<name>", async () => {
    const files = endpointApp(t.appId);
    files["http_endpoints/inbound/config.json"] = formatJson({ name: "inbound", type: "http", config: {}, version: 1 });
    files["http_endpoints/inbound/incoming_webhooks/hello/config.json"] = formatJson({ name: "hello", options: { httpMethod: "GET" }, respond_result: true });
    files["http_endpoints/inbound/incoming_webhooks/hello/source.js"] = `exports = function (payload) { return "hello " + payload.query.who; };`;
    await t.sandbox.importApp(files);
    expect((await hit("GET", hookUrl("inbound", "hello", "?who=you"))).text).toBe('"hello you"');
    await t.sandbox.importApp(imported);
  });
});
