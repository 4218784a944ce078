import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { endpointApp, hmacHex, SECRET } from "./endpoint-fixtures.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let token: string;
let userId: string;

beforeAll(async () => {
  t = await openSandbox();
  await t.sandbox.importApp(endpointApp(t.appId));
  ({ access_token: token, user_id: userId } = await t.signUp("ada@example.com"));
});
afterAll(async () => t.sandbox.close());

const GLOBAL = () => `https://data.mongodb-api.com/app/${t.appId}/endpoint`;

interface Hit {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

async function hit(method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Hit> {
  const response = await t.sandbox.fetch(url, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

describe("endpoint URLs", () => {
  it.each([
    ["the global host", () => `https://data.mongodb-api.com/app/${t.appId}/endpoint/stub`],
    ["a regional host", () => `https://us-east-1.aws.data.mongodb-api.com/app/${t.appId}/endpoint/stub`],
    ["the sandbox origin", () => `http://emu.local/app/${t.appId}/endpoint/stub`],
    ["the sandbox origin under a sub-path", () => `https://someone.github.io/realm-sandbox/app/${t.appId}/endpoint/stub`],
  ])("%s runs the endpoint", async (_, url) => {
    const reply = await hit("GET", url());
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("null");
  });

  it("serves nested routes", async () => {
    expect((await hit("GET", `${GLOBAL()}/my/nested/route`)).text).toBe("null");
  });

  it("answers another app id as the client API does", async () => {
    const reply = await hit("GET", `https://data.mongodb-api.com/app/other-app/endpoint/stub`);
    expect(reply.status).toBe(404);
    expect(reply.json.error).toBe("cannot find app using Client App ID 'other-app'");
  });
});

describe("routing", () => {
  it.each([
    ["unknown route", "GET", "/nowhere", 404, "NotFound", "no endpoint for route '/nowhere'"],
    ["the Data API", "POST", "/data/v1/action/find", 404, "NotFound", "no endpoint for route '/data/v1/action/find' (the Data API is not emulated by the sandbox)"],
    ["a method the route lacks", "DELETE", "/echo", 405, "MethodNotAllowed", undefined],
    ["a disabled endpoint", "GET", "/off", 404, "NotFound", "endpoint '/off' is disabled"],
  ])("%s", async (_, method, route, status, code, message) => {
    const reply = await hit(method, `${GLOBAL()}${route}`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(status);
    expect(reply.json.error_code).toBe(code);
    expect(reply.json.link).toMatch(/\/logs\?co_id=[0-9a-f]{24}$/);
    if (message) expect(reply.json.error).toBe(message);
  });

  it("a wrong method names the allowed ones", async () => {
    const reply = await hit("PUT", `${GLOBAL()}/echo`);
    expect(reply.headers.get("allow")).toBe("GET, POST");
  });

  it.each(["GET", "POST", "PUT", "PATCH", "DELETE"])("an ANY endpoint takes %s", async (method) => {
    const reply = await hit(method, `${GLOBAL()}/any`);
    expect(reply.status).toBe(200);
    expect(reply.json.system).toBe(true);
  });
});

describe("authentication", () => {
  it("application authentication takes a Bearer access token", async () => {
    const reply = await hit("GET", `${GLOBAL()}/echo?a=1&a=2&b=x`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ query: { a: "1", b: "x" }, user: userId, method: "GET", system: false, body: null, customData: {} });
    // Credentials are not handed to the function.
    expect(reply.json.authorization).toBeNull();
  });

  it("application authentication takes email and password headers", async () => {
    const reply = await hit("GET", `${GLOBAL()}/echo`, { headers: { email: "ada@example.com", password: "secret123" } });
    expect(reply.status).toBe(200);
    expect(reply.json.user).toBe(userId);
  });

  it.each([
    ["no credentials", {}, 401, "MissingAuthReq"],
    ["a bad token", { authorization: "Bearer nope" }, 401, "InvalidSession"],
    ["a wrong password", { email: "ada@example.com", password: "wrong-one" }, 401, "InvalidPassword"],
    ["an API key", { apiKey: "abc" }, 404, "AuthProviderNotFound"],
    ["a custom JWT", { jwtTokenString: "abc" }, 404, "AuthProviderNotFound"],
  ])("application authentication refuses %s", async (_, headers, status, code) => {
    const reply = await hit("GET", `${GLOBAL()}/echo`, { headers });
    expect(reply.status).toBe(status);
    expect(reply.json.error_code).toBe(code);
  });

  it("a system function needs no credentials", async () => {
    const reply = await hit("GET", `${GLOBAL()}/any`);
    expect(reply.json).toMatchObject({ system: true });
  });

  it("a script may answer runAsSystem", async () => {
    expect((await hit("GET", `${GLOBAL()}/scripted`)).json).toEqual({ system: true });
  });

  it("fetch_custom_user_data reads the caller's custom data", async () => {
    await t.sandbox.app.mongo({ user: null, system: true }).db("tracker").collection("users").insertOne({ _id: userId, user_id: userId, name: "Ada" });
    const reply = await hit("POST", `${GLOBAL()}/echo`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.json.customData).toMatchObject({ name: "Ada" });
  });

  it("private functions can serve endpoints", async () => {
    expect((await hit("GET", `${GLOBAL()}/private`)).text).toBe('"private ok"');
  });

  it("can_evaluate is checked for system functions too", async () => {
    expect((await hit("GET", `${GLOBAL()}/guarded`, { headers: { "x-token": "let-me-in" } })).text).toBe('"allowed"');
    const refused = await hit("GET", `${GLOBAL()}/guarded`);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/can_evaluate/);
  });
});

describe("validation", () => {
  it.each([
    ["the right secret", "?secret=12345&x=1", 200],
    ["a wrong secret", "?secret=nope", 401],
    ["no secret", "", 401],
  ])("SECRET_AS_QUERY_PARAM with %s", async (_, query, status) => {
    const reply = await hit("GET", `${GLOBAL()}/secret${query}`);
    expect(reply.status).toBe(status);
    if (status === 200) expect(reply.json).toMatchObject({ raw: "x=1", query: { x: "1" } });
    else expect(reply.json.error_code).toBe("IncomingWebhookAuthFailed");
  });

  it("a secret with no value in the sandbox says where to set it", async () => {
    const reply = await hit("GET", `${GLOBAL()}/unset-secret?secret=x`);
    expect(reply.status).toBe(401);
    expect(reply.json.error).toMatch(/secret 'neverSet' has no value.*sandbox\/secrets\.json/);
  });

  it.each([
    ["a correct signature", async (body: string) => `sha256=${await hmacHex("SHA-256", SECRET, body)}`, 200],
    ["the docs' colon spelling", async (body: string) => `:sha256=${await hmacHex("SHA-256", SECRET, body)}`, 200],
    ["a signature of another body", async () => `sha256=${await hmacHex("SHA-256", SECRET, "{}")}`, 401],
    ["a signature with another secret", async (body: string) => `sha256=${await hmacHex("SHA-256", "other", body)}`, 401],
    ["no signature", async () => undefined, 401],
  ])("VERIFY_PAYLOAD with %s", async (_, sign, status) => {
    const body = JSON.stringify({ message: "Hello!" });
    const signature = await sign(body);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature) headers["endpoint-signature"] = signature;
    expect((await hit("POST", `${GLOBAL()}/signed`, { headers, body })).status).toBe(status);
  });
});

describe("request and response", () => {
  it("passes the body as a BSON.Binary and the headers as arrays", async () => {
    const reply = await hit("POST", `${GLOBAL()}/echo`, {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: '{"name":"Casey"}',
    });
    expect(reply.json).toMatchObject({ body: '{"name":"Casey"}', contentType: ["application/json"], method: "POST" });
  });

  it("the response object sets status, headers and body", async () => {
    const reply = await hit("POST", `${GLOBAL()}/shaped?name=x`);
    expect(reply.status).toBe(201);
    expect(reply.headers.get("x-kind")).toBe("a, b");
    expect(reply.headers.get("content-type")).toBe("text/plain");
    expect(reply.text).toBe("created x");
  });

  it.each([
    ["respond_result with no response calls", "/stub", {}, 200, "null", "application/json"],
    ["respond_result off and no response calls", "/quiet", {}, 204, "", null],
    ["a status set without a body keeps the return value", "/status-only", {}, 202, '"kept"', "application/json"],
    ["a status set with respond_result off sends no body", "/status-only-quiet", {}, 202, "", null],
    ["a Binary body", "/binary", {}, 200, "bytes", null],
    [
      "return_type JSON",
      "/typed",
      {},
      200,
      '{"when":"1970-01-01T00:00:00.000Z","id":"5d505646cf6d4fe581014ab2","big":50,"dec":"1.5","n":3}',
      "application/json",
    ],
    [
      "return_type EJSON",
      "/typed-ejson",
      {},
      200,
      '{"when":{"$date":{"$numberLong":"0"}},"id":{"$oid":"5d505646cf6d4fe581014ab2"},"big":{"$numberLong":"50"},"dec":{"$numberDecimal":"1.5"},"n":{"$numberInt":"3"}}',
      "application/ejson",
    ],
    ["Accept: application/ejson over return_type JSON", "/typed", { accept: "application/ejson" }, 200, /^\{"when":\{"\$date"/, "application/ejson"],
    ["Accept: application/json over return_type EJSON", "/typed-ejson", { accept: "application/json" }, 200, /^\{"when":"1970-01-01T00:00:00.000Z"/, "application/json"],
  ])("%s", async (_, route, headers, status, body, contentType) => {
    const reply = await hit("GET", `${GLOBAL()}${route}`, { headers });
    expect(reply.status).toBe(status);
    if (typeof body === "string") expect(reply.text).toBe(body);
    else expect(reply.text).toMatch(body);
    expect(reply.headers.get("content-type")).toBe(contentType);
  });

  it.each([
    ["a thrown error", "/boom", 400, "FunctionExecutionError", "boom"],
    ["an impossible status code", "/bad-status", 400, "FunctionExecutionError", "response.setStatusCode: 42 is not an HTTP status code from 200 to 599"],
  ])("%s answers in the error shape", async (_, route, status, code, message) => {
    const reply = await hit("GET", `${GLOBAL()}${route}`);
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ error: message, error_code: code });
    expect(Object.keys(reply.json).sort()).toEqual(["error", "error_code", "link"]);
  });
});

describe("logging", () => {
  it("writes one request entry with the endpoint and the function", async () => {
    await hit("GET", `${GLOBAL()}/echo`, { headers: { authorization: `Bearer ${token}` } });
    await t.sandbox.app.log.flush();
    const entries = await t.sandbox.app.log.query({ types: ["request"] });
    const entry = entries.find((e) => e.details?.endpoint === "GET /echo");
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ status: "ok", userId, details: { function: "echo", status: 200, path: `/app/${t.appId}/endpoint/echo` } });
  });
});
