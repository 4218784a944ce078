import * as Realm from "realm-web";
import { afterEach, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { APP_ID, MODES, openHarness, PASSWORD, type Harness } from "./realm-web-support.ts";

const MINUTE = 60 * 1000;

/** The rejection of a realm-web call, as a MongoDBRealmError. */
async function realmError(promise: Promise<unknown>): Promise<Realm.MongoDBRealmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
    return error as Realm.MongoDBRealmError;
  }
  throw new Error("expected the call to fail");
}

describe.each(MODES)("realm-web 2.0.1 auth, $name", (mode) => {
  let h: Harness;
  afterEach(async () => h?.close());

  const host = mode.skipLocation ? "http://emu.local" : "http://base.local";

  it("registers, logs in and reads the profile", async () => {
    h = await openHarness(mode);
    const app = h.client();
    const user = await h.signUp(app, "ada@example.com");
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(user.isLoggedIn).toBe(true);
    expect(user.profile.email).toBe("ada@example.com");
    expect(user.providerType).toBe("local-userpass");
    expect(user.deviceId).toMatch(/^[0-9a-f]{24}$/);
    expect(user.customData).toEqual({});
    expect(app.currentUser?.id).toBe(user.id);

    const paths = h.requests.map((r) => `${r.method} ${r.url}`);
    const expected = [
      `POST ${host}/api/client/v2.0/app/${APP_ID}/auth/providers/local-userpass/register`,
      `POST ${host}/api/client/v2.0/app/${APP_ID}/auth/providers/local-userpass/login`,
      `GET ${host}/api/client/v2.0/auth/profile`,
    ];
    if (!mode.skipLocation) expected.unshift(`GET http://base.local/api/client/v2.0/app/${APP_ID}/location`);
    expect(paths).toEqual(expected);
  });

  it("sends back the device id on the next login", async () => {
    h = await openHarness(mode);
    const app = h.client();
    const first = await h.signUp(app, "ada@example.com");
    await first.logOut();
    const second = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", PASSWORD));
    expect(second.deviceId).toBe(first.deviceId);
  });

  it("refreshes custom user data through a new access token", async () => {
    h = await openHarness(mode);
    const user = await h.signUp(h.client(), "ada@example.com");
    await h.sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users").insertOne({ _partition: "My Project", user_id: user.id, name: "Ada" });
    expect(user.customData).toEqual({});
    const data = await user.refreshCustomData();
    expect(data).toMatchObject({ user_id: user.id, name: "Ada", _partition: "My Project" });
    expect(user.customData).toMatchObject({ name: "Ada" });
    expect(h.requests.at(-1)).toMatchObject({ method: "POST", url: `${host}/api/client/v2.0/auth/session` });
    expect(h.requests.at(-1)!.authorization).toBe(`Bearer ${user.refreshToken}`);
  });

  it("gets the custom data the tutorial's onNewUser trigger writes, from the next token on", async () => {
    h = await openHarness(mode, true);
    const user = await h.signUp(h.client(), "ada@example.com");
    // The trigger runs after the first token is issued, as App Services documents.
    expect(user.customData).toEqual({});
    const deadline = Date.now() + 10_000;
    let data = await user.refreshCustomData();
    while (!data.user_id && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      data = await user.refreshCustomData();
    }
    expect(data).toMatchObject({ _partition: "My Project", user_id: user.id, name: "ada@example.com" });
  });

  it("refreshes an expired access token transparently", async () => {
    h = await openHarness(mode);
    const user = await h.signUp(h.client(), "ada@example.com");
    const before = user.accessToken;
    h.clock.advance(31 * MINUTE);
    h.requests.length = 0;
    await user.refreshProfile();
    expect(user.accessToken).not.toBe(before);
    expect(h.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /api/client/v2.0/auth/profile",
      "POST /api/client/v2.0/auth/session",
      "GET /api/client/v2.0/auth/profile",
    ]);
  });

  it("surfaces wrong credentials as MongoDBRealmError in the server's message format", async () => {
    h = await openHarness(mode);
    const app = h.client();
    await h.signUp(app, "ada@example.com");
    const error = await realmError(app.logIn(Realm.Credentials.emailPassword("ada@example.com", "wrong-pass")));
    expect(error).toMatchObject({ statusCode: 401, errorCode: "InvalidPassword", error: "invalid username/password", method: "POST" });
    expect(error.message).toBe(
      `Request failed (POST ${host}/api/client/v2.0/app/${APP_ID}/auth/providers/local-userpass/login): invalid username/password (status 401)`,
    );
    expect(error.link).toMatch(/co_id=[0-9a-f]{24}$/);
    const taken = await realmError(app.emailPasswordAuth.registerUser({ email: "ada@example.com", password: PASSWORD }));
    expect(taken).toMatchObject({ statusCode: 409, errorCode: "AccountNameInUse", error: "name already in use" });
    const short = await realmError(app.emailPasswordAuth.registerUser({ email: "bob@example.com", password: "12345" }));
    expect(short.message).toMatch(/: password must be between 6 and 128 characters \(status 400\)$/);
  });

  it("registers a second account while logged in, with an expired token attached", async () => {
    h = await openHarness(mode);
    const app = h.client();
    await h.signUp(app, "ada@example.com");
    h.clock.advance(31 * MINUTE);
    h.requests.length = 0;
    await app.emailPasswordAuth.registerUser({ email: "bob@example.com", password: PASSWORD });
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0].authorization).toMatch(/^Bearer /);
  });

  it("runs the tutorial's password reset function, which refuses", async () => {
    h = await openHarness(mode);
    const { fakeFunctions } = await import("../auth/helpers.ts");
    h.sandbox.app.functions = fakeFunctions({ resetFunc: () => ({ status: "fail" }) });
    const app = h.client();
    await h.signUp(app, "ada@example.com");
    const error = await realmError(app.emailPasswordAuth.callResetPasswordFunction({ email: "ada@example.com", password: "newsecret1" }, "extra"));
    expect(error.error).toBe('failed to reset password for user "ada@example.com"');
    const viaEmail = await realmError(app.emailPasswordAuth.sendResetPasswordEmail({ email: "ada@example.com" }));
    expect(viaEmail.error).toBe("please use reset password via function");
  });

  it("logs out: the session is revoked on the server", async () => {
    h = await openHarness(mode);
    const app = h.client();
    const user = await h.signUp(app, "ada@example.com");
    const refreshToken = user.refreshToken!;
    await user.logOut();
    expect(user.isLoggedIn).toBe(false);
    expect(app.currentUser).toBeNull();
    const response = await h.sandbox.fetch(`${host}/api/client/v2.0/auth/session`, { method: "POST", headers: { authorization: `Bearer ${refreshToken}` } });
    expect(response.status).toBe(401);
  });

  it("deletes the user; the account can no longer log in", async () => {
    h = await openHarness(mode);
    const app = h.client();
    const user = await h.signUp(app, "ada@example.com");
    await app.deleteUser(user);
    expect(app.currentUser).toBeNull();
    expect(Object.keys(app.allUsers)).toEqual([]);
    const error = await realmError(app.logIn(Realm.Credentials.emailPassword("ada@example.com", PASSWORD)));
    expect(error.errorCode).toBe("InvalidPassword");
  });

  it("a disabled user is logged out at its next request and cannot log in", async () => {
    h = await openHarness(mode);
    const app = h.client();
    const user = await h.signUp(app, "ada@example.com");
    await h.sandbox.auth.admin.disableUser(user.id);
    const error = await realmError(user.refreshProfile());
    expect(error).toMatchObject({ statusCode: 401, errorCode: "InvalidSession" });
    expect(user.isLoggedIn).toBe(false);
    const login = await realmError(app.logIn(Realm.Credentials.emailPassword("ada@example.com", PASSWORD)));
    expect(login).toMatchObject({ statusCode: 401, errorCode: "UserDisabled" });
    await h.sandbox.auth.admin.enableUser(user.id);
    expect((await app.logIn(Realm.Credentials.emailPassword("ada@example.com", PASSWORD))).id).toBe(user.id);
  });
});
