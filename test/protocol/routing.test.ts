import { afterEach, describe, expect, it } from "vitest";

import { API, openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
afterEach(async () => t?.sandbox.close());

describe("location", () => {
  it("answers with the origin the request came to", async () => {
    t = await openSandbox();
    for (const origin of ["http://emu.local", "https://services.cloud.mongodb.com", "http://localhost:5173"]) {
      const response = await t.sandbox.fetch(`${origin}/api/client/v2.0/app/${t.appId}/location`, { headers: { accept: "application/json" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({
        deployment_model: "GLOBAL",
        location: "US-VA",
        hostname: origin,
        ws_hostname: origin.replace(/^http/, "ws"),
      });
    }
  });

  it("keeps a sub-path the page is served from", async () => {
    t = await openSandbox();
    const response = await t.sandbox.fetch(`https://someone.github.io/realm-sandbox/api/client/v2.0/app/${t.appId}/location`);
    expect((await response.json()).hostname).toBe("https://someone.github.io/realm-sandbox");
  });

  it("ignores credentials", async () => {
    t = await openSandbox();
    expect((await t.call("GET", t.app("/location"), { token: "not-a-token" })).status).toBe(200);
  });
});

describe("routing errors", () => {
  it("answers another app's id with the server's 404", async () => {
    t = await openSandbox();
    for (const path of ["/app/other-app/location", "/app/other-app/auth/providers/local-userpass/login", "/app/other-app/functions/call"]) {
      const get = path.endsWith("location");
      const reply = await t.call(get ? "GET" : "POST", path, get ? {} : { body: {} });
      expect(reply.status).toBe(404);
      expect(reply.json).toMatchObject({ error: "cannot find app using Client App ID 'other-app'", error_code: "NotFound" });
    }
  });

  it.each([
    ["GET", "/nothing"],
    ["GET", "/app/sandbox-test/nothing"],
    ["GET", "/app/sandbox-test/location/extra"],
    ["GET", "/app/sandbox-test/location/"],
    ["POST", "/app//location"],
    ["GET", "/app/%E0%A4%A/location"],
  ])("answers %s %s with 404 NotFound", async (method, path) => {
    t = await openSandbox();
    const reply = await t.call(method, path);
    expect(reply.status).toBe(404);
    expect(reply.contentType).toBe("application/json");
    expect(reply.json.error_code).toBe("NotFound");
  });

  it("answers requests outside the client API with 404", async () => {
    t = await openSandbox();
    const response = await t.sandbox.fetch("http://emu.local/index.html");
    expect(response.status).toBe(404);
    expect((await response.json()).error).toBe("no route for GET /index.html");
  });

  it.each([
    ["PUT", "/app/sandbox-test/location", "GET"],
    ["GET", "/app/sandbox-test/auth/providers/local-userpass/login", "POST"],
    ["DELETE", "/app/sandbox-test/functions/call", "POST, GET"],
    ["PATCH", "/auth/session", "POST, DELETE"],
    ["GET", "/auth/delete", "DELETE"],
  ])("answers %s %s with 405 and Allow: %s", async (method, path, allow) => {
    t = await openSandbox();
    const reply = await t.call(method, path);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe(allow);
    expect(reply.json).toMatchObject({ error_code: "MethodNotAllowed" });
  });

  it("links each error to the log entry of its request", async () => {
    t = await openSandbox();
    const reply = await t.call("GET", "/nothing");
    expect(reply.json.link).toMatch(/^https:\/\/services\.cloud\.mongodb\.com\/groups\/sandbox\/apps\/sandbox-test\/logs\?co_id=[0-9a-f]{24}$/);
    const requestId = new URL(reply.json.link).searchParams.get("co_id");
    const [entry] = await t.sandbox.app.log.query({ types: ["request"] });
    expect(entry.details).toMatchObject({ requestId, status: 404, error_code: "NotFound" });
  });

  it("serves GraphQL to authenticated callers only", async () => {
    t = await openSandbox();
    const anonymous = await t.call("POST", t.app("/graphql"), { body: { query: "{ __typename }" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error_code).toBe("MissingAuthReq");
    const login = await t.signUp("ada@example.com");
    const reply = await t.call("POST", t.app("/graphql"), { body: { query: "{ __typename }" }, token: login.access_token });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ data: { __typename: "Query" } });
  });
});

describe("request log", () => {
  it("writes one entry per request with method, path, status, duration and user", async () => {
    t = await openSandbox();
    const login = await t.signUp("ada@example.com");
    t.clock.advance(0);
    await t.call("GET", "/auth/profile", { token: login.access_token });
    const entries = await t.sandbox.app.log.query({ types: ["request"] });
    expect(entries.map((e) => e.summary)).toEqual([
      "GET /api/client/v2.0/auth/profile 200",
      `POST /api/client/v2.0/app/${t.appId}/auth/providers/local-userpass/login 200`,
      `POST /api/client/v2.0/app/${t.appId}/auth/providers/local-userpass/register 201`,
    ]);
    expect(entries[0]).toMatchObject({ status: "ok", userId: login.user_id, durationMs: 0 });
    expect(entries[0].details).toMatchObject({ method: "GET", path: "/api/client/v2.0/auth/profile", status: 200 });
    expect(entries[1].userId).toBe(login.user_id);
    expect(JSON.stringify(entries)).not.toContain(login.access_token);
  });

  it("does not log the query string (tokens and watch requests travel there)", async () => {
    t = await openSandbox();
    await t.sandbox.fetch(`${API}/app/${t.appId}/location?secret=1`);
    const [entry] = await t.sandbox.app.log.query({ types: ["request"] });
    expect(entry.summary).toBe(`GET /api/client/v2.0/app/${t.appId}/location 200`);
  });
});
