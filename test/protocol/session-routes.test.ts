import { afterEach, describe, expect, it } from "vitest";

import { decodeJwtPayload } from "../../src/auth/jwt.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

const EMAIL = "ada@example.com";
const MINUTE = 60 * 1000;

let t: TestSandbox;
let other: TestSandbox | undefined;
afterEach(async () => {
  await t?.sandbox.close();
  await other?.sandbox.close();
  other = undefined;
});

describe("profile", () => {
  it("answers the profile realm-web parses", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    const reply = await t.call("GET", "/auth/profile", { token: login.access_token });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe("application/json");
    expect(reply.json).toEqual({
      user_id: login.user_id,
      domain_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      identities: [
        { id: expect.stringMatching(/^[0-9a-f]{24}$/), provider_type: "local-userpass", provider_id: expect.stringMatching(/^[0-9a-f]{24}$/), provider_data: { email: EMAIL } },
      ],
      data: { email: EMAIL },
      type: "normal",
    });
  });
});

describe("access-token routes refuse bad credentials", () => {
  const routes: [string, string][] = [
    ["GET", "/auth/profile"],
    ["DELETE", "/auth/delete"],
  ];

  it.each(routes)("%s %s without a header: 401 MissingAuthReq", async (method, path) => {
    t = await openSandbox();
    const reply = await t.call(method, path);
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: "must authenticate first", error_code: "MissingAuthReq" });
  });

  it.each(routes)("%s %s with a refresh token, a malformed header or a forged token: 401 InvalidSession", async (method, path) => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    const [header, payload] = login.access_token.split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwtPayload(login.access_token), exp: 9e9 })).toString("base64url")}.${login.access_token.split(".")[2]}`;
    for (const authorization of [`Bearer ${login.refresh_token}`, `Basic ${login.access_token}`, "Bearer", `Bearer ${header}.${payload}.`, `Bearer ${forged}`]) {
      const reply = await t.call(method, path, { headers: { authorization } });
      expect(reply.status, authorization).toBe(401);
      expect(reply.json.error_code).toBe("InvalidSession");
    }
  });

  it("an expired access token: 401 InvalidSession (realm-web then refreshes)", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    t.clock.advance(30 * MINUTE - 1000);
    expect((await t.call("GET", "/auth/profile", { token: login.access_token })).status).toBe(200);
    t.clock.advance(1000);
    const reply = await t.call("GET", "/auth/profile", { token: login.access_token });
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: "invalid session: access token expired", error_code: "InvalidSession" });
  });

  it("another app's token: 401 unauthorized", async () => {
    t = await openSandbox();
    other = await openSandbox({ appId: "other-app" });
    const foreign = await other.signUp(EMAIL);
    await t.signUp(EMAIL);
    const reply = await t.call("GET", "/auth/profile", { token: foreign.access_token });
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: "unauthorized", error_code: "InvalidSession" });
    expect((await t.call("POST", "/auth/session", { token: foreign.refresh_token })).status).toBe(401);
  });
});

describe("session", () => {
  it("POST refreshes with the refresh token; the new token carries fresh custom data", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    await t.sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users").insertOne({ _partition: "p", user_id: login.user_id, name: "Ada" });
    const reply = await t.call("POST", "/auth/session", { token: login.refresh_token });
    expect(reply.status).toBe(201);
    expect(reply.contentType).toBe("application/json");
    expect(Object.keys(reply.json)).toEqual(["access_token"]);
    expect(decodeJwtPayload(reply.json.access_token)!.user_data).toMatchObject({ name: "Ada", user_id: login.user_id });
  });

  it("POST with an access token or none is refused", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    expect((await t.call("POST", "/auth/session", { token: login.access_token })).json.error_code).toBe("InvalidSession");
    expect((await t.call("POST", "/auth/session")).json.error_code).toBe("MissingAuthReq");
  });

  it("DELETE logs out: 204 with no content type; the refresh token is then unknown", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    const reply = await t.call("DELETE", "/auth/session", { token: login.refresh_token });
    expect(reply).toMatchObject({ status: 204, text: "", contentType: null });
    const again = await t.call("POST", "/auth/session", { token: login.refresh_token });
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ error: "failed to find refresh token", error_code: "InvalidSession" });
    // Access tokens live until they expire.
    expect((await t.call("GET", "/auth/profile", { token: login.access_token })).status).toBe(200);
  });

  it("a refresh token expires after 60 days", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    t.clock.advance(60 * 24 * 60 * MINUTE);
    const reply = await t.call("POST", "/auth/session", { token: login.refresh_token });
    expect(reply.status).toBe(401);
    expect(reply.json.error_code).toBe("InvalidSession");
  });
});

describe("delete", () => {
  it("DELETE /auth/delete removes the caller; its tokens stop working", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    const reply = await t.call("DELETE", "/auth/delete", { token: login.access_token });
    expect(reply).toMatchObject({ status: 204, contentType: null });
    expect((await t.call("GET", "/auth/profile", { token: login.access_token })).json.error_code).toBe("InvalidSession");
    const logout = await t.call("DELETE", "/auth/session", { token: login.refresh_token });
    expect(logout.json.error).toBe("failed to find refresh token");
    const relogin = await t.call("POST", t.app("/auth/providers/local-userpass/login"), { body: { username: EMAIL, password: "secret123" } });
    expect(relogin.json).toMatchObject({ error: "invalid username/password", error_code: "InvalidPassword" });
  });
});
