import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createRequestHandler, type RequestHandler } from "../../src/protocol/handler.ts";
import { jsonResponse } from "../../src/protocol/http.ts";
import { API, openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let handler: RequestHandler;

beforeEach(async () => {
  t = await openSandbox();
  // What the GraphQL layer plugs in: it reads plain JSON and authenticates the documented way.
  handler = createRequestHandler(t.sandbox.app, {
    auth: t.sandbox.auth,
    graphql: async (ctx) => {
      const body = await ctx.json();
      const { record, user } = await ctx.credentialCaller();
      return jsonResponse({ data: { body, userId: record.id, email: user.data.email } });
    },
  });
});
afterEach(async () => t.sandbox.close());

const graphql = (headers: Record<string, string>, body = `{"query":"{ x }","variables":{"n":5000000000}}`) =>
  handler(new Request(`${API}/app/${t.appId}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));

describe("the GraphQL route slot", () => {
  it("hands the handler a plain JSON body and the Bearer caller", async () => {
    const login = await t.signUp("ada@example.com");
    const response = await graphql({ authorization: `Bearer ${login.access_token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { body: { query: "{ x }", variables: { n: 5000000000 } }, userId: login.user_id, email: "ada@example.com" } });
  });

  it("accepts email and password headers when there is no Authorization header", async () => {
    const login = await t.signUp("ada@example.com");
    const response = await graphql({ email: "ada@example.com", password: "secret123" });
    expect((await response.json()).data.userId).toBe(login.user_id);
    const wrong = await graphql({ email: "ada@example.com", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error_code).toBe("InvalidPassword");
  });

  it("an Authorization header wins over credential headers and must be valid", async () => {
    await t.signUp("ada@example.com");
    const response = await graphql({ authorization: "Bearer forged", email: "ada@example.com", password: "secret123" });
    expect(response.status).toBe(401);
    expect((await response.json()).error_code).toBe("InvalidSession");
  });

  it("refuses anonymous calls and bad JSON with the usual error shape", async () => {
    const login = await t.signUp("ada@example.com");
    expect((await (await graphql({})).json()).error_code).toBe("MissingAuthReq");
    const bad = await graphql({ authorization: `Bearer ${login.access_token}` }, "{nope");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error_code).toBe("BadRequest");
  });

  it("can be installed after the handler was made", async () => {
    const login = await t.signUp("ada@example.com");
    handler.useGraphQL(undefined);
    expect((await graphql({ authorization: `Bearer ${login.access_token}` })).status).toBe(404);
    handler.useGraphQL(async () => jsonResponse({ data: null }));
    expect((await graphql({ authorization: `Bearer ${login.access_token}` })).status).toBe(200);
  });
});
