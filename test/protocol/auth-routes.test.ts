import { afterEach, describe, expect, it } from "vitest";

import { fakeFunctions, userpassFiles } from "../auth/helpers.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

const EMAIL = "ada@example.com";
const PASSWORD = "secret123";
const PROVIDER = "/auth/providers/local-userpass";

let t: TestSandbox;
afterEach(async () => t?.sandbox.close());

async function withProvider(config: Record<string, unknown>) {
  t = await openSandbox({ appId: "auth-test" });
  await t.sandbox.importApp(userpassFiles(config));
  return t;
}

const provider = (path: string) => t.app(`${PROVIDER}${path}`);

describe("register and login", () => {
  it("register answers 201 with no body and no content type", async () => {
    t = await openSandbox();
    const reply = await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    expect(reply).toMatchObject({ status: 201, text: "", contentType: null });
  });

  it("login answers the four fields realm-web requires", async () => {
    t = await openSandbox();
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    const reply = await t.call("POST", provider("/login"), {
      body: { username: EMAIL, password: PASSWORD, options: { device: { sdkVersion: "2.0.1", platform: "node", platformVersion: "20" } } },
    });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe("application/json");
    expect(reply.json).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refresh_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      user_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      device_id: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
  });

  it("login keeps the device id sent as an ObjectId", async () => {
    t = await openSandbox();
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    const body = `{"username":"${EMAIL}","password":"${PASSWORD}","options":{"device":{"deviceId":{"$oid":"0123456789abcdef01234567"}}}}`;
    const reply = await t.call("POST", provider("/login"), { rawBody: body, headers: { "content-type": "application/json" } });
    expect(reply.json.device_id).toBe("0123456789abcdef01234567");
  });

  it.each([
    ["a taken name", { email: EMAIL, password: PASSWORD }, 409, "AccountNameInUse", "name already in use"],
    ["a short password", { email: "b@example.com", password: "12345" }, 400, "BadRequest", "password must be between 6 and 128 characters"],
    ["a long password", { email: "b@example.com", password: "x".repeat(129) }, 400, "BadRequest", "password must be between 6 and 128 characters"],
    ["no password", { email: "b@example.com" }, 400, "BadRequest", "password must be between 6 and 128 characters"],
    ["a bad email", { email: "not an email", password: PASSWORD }, 400, "BadRequest", "invalid username"],
    ["an EJSON number as email", { email: { $numberInt: "1" }, password: PASSWORD }, 400, "BadRequest", "invalid username"],
  ])("register refuses %s", async (_, body, status, code, message) => {
    t = await openSandbox();
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    const reply = await t.call("POST", provider("/register"), { rawBody: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ error: message, error_code: code });
  });

  it("login refuses wrong credentials with 401 InvalidPassword", async () => {
    t = await openSandbox();
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    for (const body of [{ username: EMAIL, password: "wrong-one" }, { username: "nobody@example.com", password: PASSWORD }, { password: PASSWORD }]) {
      const reply = await t.call("POST", provider("/login"), { body });
      expect(reply.status).toBe(401);
      expect(reply.json).toMatchObject({ error: "invalid username/password", error_code: "InvalidPassword" });
    }
  });

  it("login of a disabled user answers 401 UserDisabled", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    await t.sandbox.auth.admin.disableUser(login.user_id);
    const reply = await t.call("POST", provider("/login"), { body: { username: EMAIL, password: PASSWORD } });
    expect(reply.status).toBe(401);
    expect(reply.json.error_code).toBe("UserDisabled");
  });

  it("answers other or disabled providers with AuthProviderNotFound", async () => {
    t = await openSandbox();
    const reply = await t.call("POST", t.app("/auth/providers/anon-user/login"), { body: {} });
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ error: "authentication via 'anon-user' is unsupported", error_code: "AuthProviderNotFound" });
    const apiKey = await t.call("POST", t.app("/auth/providers/api-key/register"), { body: { email: EMAIL, password: PASSWORD } });
    expect(apiKey.json.error_code).toBe("AuthProviderNotFound");
  });

  it("refuses linking (?link=true)", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    const reply = await t.call("POST", `${provider("/login")}?link=true`, { token: login.access_token, body: { username: EMAIL, password: PASSWORD } });
    expect(reply.status).toBe(400);
  });
});

describe("provider routes ignore an Authorization header", () => {
  const headers = [
    ["a garbage token", "Bearer garbage"],
    ["a non-bearer scheme", "Basic abc"],
  ];

  it.each(headers)("register, confirm and reset work with %s", async (_, authorization) => {
    await withProvider({ autoConfirm: false, runConfirmationFunction: false, runResetFunction: false });
    const h = { authorization };
    expect((await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD }, headers: h })).status).toBe(201);
    expect((await t.call("POST", provider("/confirm/send"), { body: { email: EMAIL }, headers: h })).status).toBe(204);
    const [pending] = await t.sandbox.auth.admin.pendingConfirmations();
    expect((await t.call("POST", provider("/confirm"), { body: { token: pending.token, tokenId: pending.tokenId }, headers: h })).status).toBe(204);
    expect((await t.call("POST", provider("/reset/send"), { body: { email: EMAIL }, headers: h })).status).toBe(204);
    const [reset] = await t.sandbox.auth.admin.pendingResets();
    const body = { token: reset.token, tokenId: reset.tokenId, password: "newsecret1" };
    expect((await t.call("POST", provider("/reset"), { body, headers: h })).status).toBe(204);
    expect((await t.call("POST", provider("/login"), { body: { username: EMAIL, password: "newsecret1" }, headers: h })).status).toBe(200);
  });

  it("also with an expired access token of a logged-in user", async () => {
    t = await openSandbox();
    const login = await t.signUp(EMAIL);
    t.clock.advance(31 * 60 * 1000);
    const reply = await t.call("POST", provider("/register"), { body: { email: "second@example.com", password: PASSWORD }, token: login.access_token });
    expect(reply.status).toBe(201);
  });
});

describe("confirmation and reset routes", () => {
  it("confirm answers a bad token with invalid token data", async () => {
    await withProvider({ autoConfirm: false });
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    for (const body of [{ token: "x", tokenId: "y" }, {}, { token: 1, tokenId: 2 }]) {
      const reply = await t.call("POST", provider("/confirm"), { body });
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ error: "invalid token data", error_code: "UserpassTokenInvalid" });
    }
    const login = await t.call("POST", provider("/login"), { body: { username: EMAIL, password: PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.json.error).toBe("confirmation required");
  });

  it("confirm/call reruns the confirmation function; confirm/send answers the server's errors", async () => {
    await withProvider({ autoConfirm: false, runConfirmationFunction: true, confirmationFunctionName: "confirmFunc" });
    const host = fakeFunctions({ confirmFunc: () => ({ status: "pending" }) });
    t.sandbox.app.functions = host;
    await t.call("POST", provider("/register"), { body: { email: EMAIL, password: PASSWORD } });
    expect((await t.call("POST", provider("/confirm/call"), { body: { email: EMAIL } })).status).toBe(204);
    expect(host.calls).toHaveLength(2);
    const unknown = await t.call("POST", provider("/confirm/call"), { body: { email: "nobody@example.com" } });
    expect(unknown).toMatchObject({ status: 404, json: { error: "user not found", error_code: "UserNotFound" } });
    host.calls.length = 0;
    t.sandbox.app.functions = fakeFunctions({ confirmFunc: () => ({ status: "success" }) });
    await t.call("POST", provider("/confirm/call"), { body: { email: EMAIL } });
    const again = await t.call("POST", provider("/confirm/send"), { body: { email: EMAIL } });
    expect(again).toMatchObject({ status: 409, json: { error: "already confirmed", error_code: "UserAlreadyConfirmed" } });
  });

  it("confirm/call with automatic confirmation answers the server's message", async () => {
    t = await openSandbox();
    const reply = await t.call("POST", provider("/confirm/call"), { body: { email: EMAIL } });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe(`cannot run confirmation for ${EMAIL}: automatic confirmation is enabled`);
  });

  it("reset/call runs the tutorial's resetFunc, which refuses", async () => {
    t = await openSandbox();
    t.sandbox.app.functions = fakeFunctions({ resetFunc: () => ({ status: "fail" }) });
    await t.signUp(EMAIL);
    const reply = await t.call("POST", provider("/reset/call"), { body: { email: EMAIL, password: "newsecret1", arguments: [] } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: `failed to reset password for user "${EMAIL}"`, error_code: "BadRequest" });
    const send = await t.call("POST", provider("/reset/send"), { body: { email: EMAIL } });
    expect(send.json.error).toBe("please use reset password via function");
  });

  it("reset/call passes EJSON arguments through and sets the password on success", async () => {
    t = await openSandbox();
    const host = fakeFunctions({ resetFunc: () => ({ status: "success" }) });
    t.sandbox.app.functions = host;
    await t.signUp(EMAIL);
    const reply = await t.call("POST", provider("/reset/call"), {
      body: { email: EMAIL, password: "newsecret1", arguments: [1, { when: new Date(0) }] },
    });
    expect(reply.status).toBe(204);
    expect(host.calls[0].args.slice(1)).toEqual([1, { when: new Date(0) }]);
    expect((await t.call("POST", provider("/login"), { body: { username: EMAIL, password: "newsecret1" } })).status).toBe(200);
    const bad = await t.call("POST", provider("/reset/call"), { body: { email: EMAIL, password: "newsecret1", arguments: "nope" } });
    expect(bad.status).toBe(400);
  });
});
