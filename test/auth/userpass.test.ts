import { afterEach, describe, expect, it } from "vitest";

import { errorOf } from "../helpers/sandbox.ts";
import { fakeFunctions, openAuthFixture, userpassFiles, type AuthFixture } from "./helpers.ts";

const EMAIL = "ada@example.com";
const PASSWORD = "secret123";
const THIRTY_ONE_MINUTES = 31 * 60 * 1000;

let fixture: AuthFixture;
afterEach(async () => fixture?.sandbox.close());

async function open(config: Record<string, unknown>, provider?: Record<string, unknown>) {
  fixture = await openAuthFixture(userpassFiles(config, provider));
  return fixture.sandbox.auth;
}

describe("automatic confirmation", () => {
  it("registers a pending account; the first login creates the user (CREATE, then LOGIN)", async () => {
    const auth = await open({ autoConfirm: true });
    await auth.userpass.register(EMAIL, PASSWORD);
    const [pending] = await auth.admin.listUsers();
    expect(pending).toMatchObject({ email: EMAIL, status: "pending-login", disabled: false, type: "normal" });
    expect(fixture.events).toEqual([]);

    const first = await auth.logIn(EMAIL, PASSWORD);
    expect(first.user_id).toBe(pending.id);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN"]);
    const created = fixture.events[0];
    expect(created.providers).toEqual(["local-userpass"]);
    expect(created.user).toMatchObject({ id: pending.id, type: "normal", data: { email: EMAIL } });
    expect(created.user.identities).toEqual([{ id: pending.identities[0].id, provider_type: "local-userpass", data: { email: EMAIL } }]);
    expect(created.time).toEqual(new Date(fixture.clock.now()));
    expect((await auth.admin.getUser(pending.id))?.status).toBe("confirmed");

    await auth.logIn(EMAIL, PASSWORD);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN", "LOGIN"]);
  });

  it("fires CREATE once when first logins race", async () => {
    const auth = await open({ autoConfirm: true });
    await auth.userpass.register(EMAIL, PASSWORD);
    await Promise.all([1, 2, 3].map(() => auth.logIn(EMAIL, PASSWORD)));
    expect(fixture.events.filter((e) => e.operationType === "CREATE")).toHaveLength(1);
    expect(fixture.events.filter((e) => e.operationType === "LOGIN")).toHaveLength(3);
  });

  it("refuses a second registration of the same name; names are case-sensitive", async () => {
    const auth = await open({ autoConfirm: true });
    await auth.userpass.register(EMAIL, PASSWORD);
    expect(await errorOf(() => auth.userpass.register(EMAIL, "another1"))).toEqual({ code: "AccountNameInUse", message: "name already in use" });
    await auth.userpass.register(EMAIL.toUpperCase(), PASSWORD);
    expect(await auth.admin.listUsers()).toHaveLength(2);
  });

  it("refuses concurrent registrations of one name but one", async () => {
    const auth = await open({ autoConfirm: true });
    const results = await Promise.allSettled([1, 2, 3].map(() => auth.userpass.register(EMAIL, PASSWORD)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await auth.admin.listUsers()).toHaveLength(1);
  });

  it.each([[""], ["no-at-sign"], ["two words@x.y"], [42], [null], ["a@b".padEnd(300, "c")]])("refuses the username %j", async (email) => {
    const auth = await open({ autoConfirm: true });
    expect(await errorOf(() => auth.userpass.register(email, PASSWORD))).toEqual({ code: "BadRequest", message: "invalid username" });
  });

  it("checks the password length before storing anything", async () => {
    const auth = await open({ autoConfirm: true });
    expect(await errorOf(() => auth.userpass.register(EMAIL, "12345"))).toEqual({
      code: "BadRequest",
      message: "password must be between 6 and 128 characters",
    });
    expect(await auth.admin.listUsers()).toEqual([]);
  });

  it("answers confirmation retries with the server's wording", async () => {
    const auth = await open({ autoConfirm: true });
    await auth.userpass.register(EMAIL, PASSWORD);
    expect(await errorOf(() => auth.userpass.retryConfirmation(EMAIL))).toEqual({
      code: "BadRequest",
      message: `cannot run confirmation for ${EMAIL}: automatic confirmation is enabled`,
    });
    expect(await errorOf(() => auth.userpass.resendConfirmation(EMAIL))).toEqual({ code: "UserAlreadyConfirmed", message: "already confirmed" });
    expect(await errorOf(() => auth.userpass.resendConfirmation("nobody@example.com"))).toEqual({ code: "UserNotFound", message: "user not found" });
  });
});

describe("confirmation by link", () => {
  const config = { autoConfirm: false, runConfirmationFunction: false, emailConfirmationUrl: "https://example.com/confirm" };

  it("keeps the account pending until the link's token is used", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    expect(await errorOf(() => auth.logIn(EMAIL, PASSWORD))).toEqual({ code: "AuthError", message: "confirmation required" });

    const [pending] = await auth.admin.pendingConfirmations();
    expect(pending).toMatchObject({ email: EMAIL, expired: false });
    expect(pending.link).toBe(`https://example.com/confirm?token=${pending.token}&tokenId=${pending.tokenId}`);
    expect(pending.expiresAt - pending.createdAt).toBe(30 * 60 * 1000);

    expect(await errorOf(() => auth.userpass.confirm("wrong", pending.tokenId))).toEqual({ code: "UserpassTokenInvalid", message: "invalid token data" });
    expect(await errorOf(() => auth.userpass.confirm(pending.token, "wrong"))).toEqual({ code: "UserpassTokenInvalid", message: "invalid token data" });
    await auth.userpass.confirm(pending.token, pending.tokenId);
    expect(await auth.admin.pendingConfirmations()).toEqual([]);
    expect(await errorOf(() => auth.userpass.confirm(pending.token, pending.tokenId))).toMatchObject({ message: "invalid token data" });

    const login = await auth.logIn(EMAIL, PASSWORD);
    expect(login.user_id).toBe(pending.userId);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN"]);
  });

  it("expires links after 30 minutes; a resent link replaces the old one", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    const [old] = await auth.admin.pendingConfirmations();
    fixture.clock.advance(THIRTY_ONE_MINUTES);
    expect((await auth.admin.pendingConfirmations())[0].expired).toBe(true);
    expect(await errorOf(() => auth.userpass.confirm(old.token, old.tokenId))).toMatchObject({ message: "invalid token data" });

    await auth.userpass.resendConfirmation(EMAIL);
    const [fresh] = await auth.admin.pendingConfirmations();
    expect(fresh.tokenId).not.toBe(old.tokenId);
    expect(fresh.expired).toBe(false);
    await auth.userpass.confirm(fresh.token, fresh.tokenId);
    expect(await errorOf(() => auth.userpass.resendConfirmation(EMAIL))).toMatchObject({ code: "UserAlreadyConfirmed" });
  });

  it("lets the console confirm a pending account", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    await auth.admin.confirmUser(EMAIL);
    expect((await auth.logIn(EMAIL, PASSWORD)).user_id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("refuses to run a confirmation function that is not configured", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    expect(await errorOf(() => auth.userpass.retryConfirmation(EMAIL))).toMatchObject({ code: "BadRequest" });
  });
});

describe("confirmation by function", () => {
  const config = { autoConfirm: false, runConfirmationFunction: true, confirmationFunctionName: "confirmFunc" };

  it("confirms at once on success, with token, tokenId and username, as the system", async () => {
    const auth = await open(config);
    const host = fakeFunctions({ confirmFunc: () => ({ status: "success" }) });
    fixture.sandbox.app.functions = host;
    await auth.userpass.register(EMAIL, PASSWORD);
    expect(host.calls).toHaveLength(1);
    const [{ name, args, context }] = host.calls;
    expect(name).toBe("confirmFunc");
    expect(args).toEqual([{ token: expect.any(String), tokenId: expect.stringMatching(/^[0-9a-f]{24}$/), username: EMAIL }]);
    expect(context.system).toBe(true);
    expect(await auth.admin.pendingConfirmations()).toEqual([]);
    await auth.logIn(EMAIL, PASSWORD);
  });

  it("waits for the client's confirm on pending", async () => {
    const auth = await open(config);
    const host = fakeFunctions({ confirmFunc: () => ({ status: "pending" }) });
    fixture.sandbox.app.functions = host;
    await auth.userpass.register(EMAIL, PASSWORD);
    const { token, tokenId } = host.calls[0].args[0] as { token: string; tokenId: string };
    expect(await errorOf(() => auth.logIn(EMAIL, PASSWORD))).toMatchObject({ message: "confirmation required" });
    await auth.userpass.confirm(token, tokenId);
    await auth.logIn(EMAIL, PASSWORD);
  });

  it.each([
    ["fail", () => ({ status: "fail" })],
    ["an unknown status", () => ({ status: "maybe" })],
    ["a throw", () => {
      throw new Error("boom");
    }],
  ])("removes the registration on %s, so the name can be used again", async (_, confirmFunc) => {
    const auth = await open(config);
    fixture.sandbox.app.functions = fakeFunctions({ confirmFunc });
    expect(await errorOf(() => auth.userpass.register(EMAIL, PASSWORD))).toEqual({ code: "BadRequest", message: `failed to confirm user "${EMAIL}"` });
    expect(await auth.admin.listUsers()).toEqual([]);
    fixture.sandbox.app.functions = fakeFunctions({ confirmFunc: () => ({ status: "success" }) });
    await auth.userpass.register(EMAIL, PASSWORD);
  });

  it("reruns the function on retry", async () => {
    const auth = await open(config);
    const host = fakeFunctions({ confirmFunc: () => ({ status: "pending" }) });
    fixture.sandbox.app.functions = host;
    await auth.userpass.register(EMAIL, PASSWORD);
    host.calls.length = 0;
    await auth.userpass.retryConfirmation(EMAIL);
    expect(host.calls).toHaveLength(1);
    expect(await errorOf(() => auth.userpass.retryConfirmation("nobody@example.com"))).toEqual({ code: "UserNotFound", message: "user not found" });
  });

  it("answers FunctionNotFound without a functions layer and keeps the name free", async () => {
    const auth = await open(config);
    fixture.sandbox.app.functions = undefined;
    expect(await errorOf(() => auth.userpass.register(EMAIL, PASSWORD))).toMatchObject({ code: "FunctionNotFound" });
    expect(await auth.admin.listUsers()).toEqual([]);
  });
});

describe("password reset by function", () => {
  const config = { autoConfirm: true, runResetFunction: true, resetFunctionName: "resetFunc" };

  async function registered(resetFunc: (...args: any[]) => unknown) {
    const auth = await open(config);
    const host = fakeFunctions({ resetFunc });
    fixture.sandbox.app.functions = host;
    await auth.userpass.register(EMAIL, PASSWORD);
    return { auth, host };
  }

  it("passes token, tokenId, username, password and the client's arguments", async () => {
    const { auth, host } = await registered(() => ({ status: "success" }));
    await auth.userpass.callReset(EMAIL, "newsecret1", ["extra", 2]);
    expect(host.calls[0].args).toEqual([
      { token: expect.any(String), tokenId: expect.any(String), username: EMAIL, password: "newsecret1" },
      "extra",
      2,
    ]);
    expect(await errorOf(() => auth.logIn(EMAIL, PASSWORD))).toMatchObject({ code: "InvalidPassword" });
    await auth.logIn(EMAIL, "newsecret1");
  });

  it("refuses on fail (the tutorial's resetFunc) and leaves the password", async () => {
    const { auth } = await registered(() => ({ status: "fail" }));
    expect(await errorOf(() => auth.userpass.callReset(EMAIL, "newsecret1", []))).toEqual({
      code: "BadRequest",
      message: `failed to reset password for user "${EMAIL}"`,
    });
    await auth.logIn(EMAIL, PASSWORD);
    expect(await auth.admin.pendingResets()).toEqual([]);
  });

  it("waits for resetPassword on pending", async () => {
    const { auth } = await registered(() => ({ status: "pending" }));
    await auth.userpass.callReset(EMAIL, "ignored1", []);
    const [pending] = await auth.admin.pendingResets();
    expect(pending).toMatchObject({ email: EMAIL, expired: false });
    await auth.userpass.resetPassword(pending.token, pending.tokenId, "chosen123");
    await auth.logIn(EMAIL, "chosen123");
    expect(await errorOf(() => auth.userpass.resetPassword(pending.token, pending.tokenId, "again1234"))).toMatchObject({
      message: "invalid token data",
    });
  });

  it("answers unknown users, bad passwords and reset emails with the server's wording", async () => {
    const { auth } = await registered(() => ({ status: "success" }));
    expect(await errorOf(() => auth.userpass.callReset("nobody@example.com", "newsecret1", []))).toEqual({
      code: "UserNotFound",
      message: "user not found",
    });
    expect(await errorOf(() => auth.userpass.callReset(EMAIL, "short", []))).toMatchObject({ code: "BadRequest" });
    expect(await errorOf(() => auth.userpass.sendReset(EMAIL))).toEqual({ code: "BadRequest", message: "please use reset password via function" });
  });
});

describe("password reset by link", () => {
  const config = { autoConfirm: true, runResetFunction: false, resetPasswordUrl: "https://example.com/reset?app=1" };

  it("shows the link to the console and resets with its token", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    await auth.userpass.sendReset(EMAIL);
    const [pending] = await auth.admin.pendingResets();
    expect(pending.link).toBe(`https://example.com/reset?app=1&token=${pending.token}&tokenId=${pending.tokenId}`);
    expect(await errorOf(() => auth.userpass.resetPassword(pending.token, pending.tokenId, "tiny"))).toMatchObject({
      message: "password must be between 6 and 128 characters",
    });
    expect(await errorOf(() => auth.userpass.resetPassword("nope", pending.tokenId, "newsecret1"))).toMatchObject({
      message: "invalid token data",
    });
    await auth.userpass.resetPassword(pending.token, pending.tokenId, "newsecret1");
    await auth.logIn(EMAIL, "newsecret1");
    expect(await errorOf(() => auth.userpass.callReset(EMAIL, "newsecret2", []))).toMatchObject({ code: "BadRequest" });
  });

  it("expires reset links after 30 minutes", async () => {
    const auth = await open(config);
    await auth.userpass.register(EMAIL, PASSWORD);
    await auth.userpass.sendReset(EMAIL);
    const [pending] = await auth.admin.pendingResets();
    fixture.clock.advance(THIRTY_ONE_MINUTES);
    expect(await errorOf(() => auth.userpass.resetPassword(pending.token, pending.tokenId, "newsecret1"))).toMatchObject({
      code: "UserpassTokenInvalid",
    });
  });
});

describe("provider availability", () => {
  it.each([
    ["disabled", { disabled: true }],
    ["of another type", { type: "anon-user" }],
  ])("answers AuthProviderNotFound when the provider is %s", async (_, provider) => {
    const auth = await open({ autoConfirm: true }, provider);
    expect(await errorOf(() => auth.userpass.register(EMAIL, PASSWORD))).toEqual({
      code: "AuthProviderNotFound",
      message: "authentication via 'local-userpass' is unsupported",
    });
  });
});
