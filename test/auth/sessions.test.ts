import { afterEach, describe, expect, it } from "vitest";

import { decodeJwtPayload } from "../../src/auth/jwt.ts";
import { ObjectId } from "../../src/bson/types.ts";
import { createSandbox } from "../../src/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";
import { errorOf } from "../helpers/sandbox.ts";
import { openAuthFixture, seededRandom, type AuthFixture } from "./helpers.ts";

const EMAIL = "ada@example.com";
const PASSWORD = "secret123";
const MINUTE = 60 * 1000;

let fixture: AuthFixture;
afterEach(async () => fixture?.sandbox.close());

async function loggedIn() {
  fixture = await openAuthFixture();
  const auth = fixture.sandbox.auth;
  await auth.userpass.register(EMAIL, PASSWORD);
  return { auth, login: await auth.logIn(EMAIL, PASSWORD) };
}

const users = () => fixture.sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users");

describe("tokens", () => {
  it("mints a 30-minute access token and a 60-day refresh token from the injected clock", async () => {
    const { login } = await loggedIn();
    const now = Math.floor(fixture.clock.now() / 1000);
    const access = decodeJwtPayload(login.access_token)!;
    expect(access).toMatchObject({ sub: login.user_id, typ: "access", iat: now, exp: now + 1800, baas_device_id: login.device_id });
    expect(access.baas_domain_id).toMatch(/^[0-9a-f]{24}$/);
    expect(access).not.toHaveProperty("user_data");
    const refresh = decodeJwtPayload(login.refresh_token)!;
    expect(refresh).toMatchObject({ sub: login.user_id, typ: "refresh", iat: now, exp: now + 60 * 24 * 3600 });
    expect(refresh.baas_id).toMatch(/^[0-9a-f]{24}$/);
    expect(refresh.baas_identity).toMatchObject({ provider_type: "local-userpass" });
    expect(login.device_id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("keeps the device id a client sends back, unless it is all zeros", async () => {
    const { auth } = await loggedIn();
    const device = new ObjectId("0123456789abcdef01234567");
    expect((await auth.logIn(EMAIL, PASSWORD, device)).device_id).toBe("0123456789abcdef01234567");
    expect((await auth.logIn(EMAIL, PASSWORD, "000000000000000000000000")).device_id).not.toBe("000000000000000000000000");
  });

  it("accepts an access token until it expires, then refreshes it with the refresh token", async () => {
    const { auth, login } = await loggedIn();
    expect((await auth.authenticate(login.access_token)).user).toMatchObject({ id: login.user_id, data: { email: EMAIL } });
    fixture.clock.advance(30 * MINUTE);
    expect(await errorOf(() => auth.authenticate(login.access_token))).toEqual({
      code: "InvalidSession",
      message: "invalid session: access token expired",
    });
    const fresh = await auth.refresh(login.refresh_token);
    expect((await auth.authenticate(fresh)).record.id).toBe(login.user_id);
  });

  it("refuses each token where the other is expected", async () => {
    const { auth, login } = await loggedIn();
    expect(await errorOf(() => auth.authenticate(login.refresh_token))).toMatchObject({ code: "InvalidSession" });
    expect(await errorOf(() => auth.refresh(login.access_token))).toMatchObject({ code: "InvalidSession" });
    expect(await errorOf(() => auth.logOut(login.access_token))).toMatchObject({ code: "InvalidSession" });
  });

  it("answers tokens it did not sign with 'unauthorized'", async () => {
    const { auth, login } = await loggedIn();
    const [header, payload] = login.access_token.split(".");
    for (const token of ["", "garbage", `${header}.${payload}.`, `${header}.${payload}.AAAA`]) {
      expect(await errorOf(() => auth.authenticate(token))).toEqual({ code: "InvalidSession", message: "unauthorized" });
    }
  });

  it("keeps its signing secret across a reload", async () => {
    const deps = freshIndexedDB();
    const clock = fakeClock();
    const open = () => createSandbox({ appId: "reload", template: "task-tracker", databaseName: "reload", now: clock.now, bcryptCost: 4, ...deps });
    const first = await open();
    await first.auth.userpass.register(EMAIL, PASSWORD);
    const login = await first.auth.logIn(EMAIL, PASSWORD);
    await first.close();
    const second = await open();
    expect((await second.auth.authenticate(login.access_token)).record.email).toBe(EMAIL);
    expect(await second.auth.refresh(login.refresh_token)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await second.close();
  });

  it("is deterministic with injected randomness and clock", async () => {
    const run = async () => {
      const f = await openAuthFixture(undefined, { random: seededRandom(42) });
      await f.sandbox.auth.userpass.register(EMAIL, PASSWORD);
      const login = await f.sandbox.auth.logIn(EMAIL, PASSWORD);
      await f.sandbox.close();
      return login;
    };
    expect(await run()).toEqual(await run());
  });
});

describe("sessions", () => {
  it("logout revokes the refresh token; the access token runs out on its own", async () => {
    const { auth, login } = await loggedIn();
    await auth.logOut(login.refresh_token);
    expect(await errorOf(() => auth.refresh(login.refresh_token))).toEqual({ code: "InvalidSession", message: "failed to find refresh token" });
    expect(await errorOf(() => auth.logOut(login.refresh_token))).toEqual({ code: "InvalidSession", message: "failed to find refresh token" });
    expect((await auth.authenticate(login.access_token)).record.id).toBe(login.user_id);
  });

  it("ends a session after 60 days, though logging out with it still works", async () => {
    const { auth, login } = await loggedIn();
    fixture.clock.advance(60 * 24 * 60 * MINUTE);
    expect(await errorOf(() => auth.refresh(login.refresh_token))).toMatchObject({ code: "InvalidSession" });
    await auth.logOut(login.refresh_token);
    expect(await fixture.sandbox.auth.admin.sessions()).toEqual([]);
  });

  it("revoking sessions ends every refresh token of the user", async () => {
    const { auth, login } = await loggedIn();
    const second = await auth.logIn(EMAIL, PASSWORD);
    expect(await auth.admin.sessions(login.user_id)).toHaveLength(2);
    expect(await auth.admin.revokeSessions(login.user_id)).toBe(2);
    for (const token of [login.refresh_token, second.refresh_token]) {
      expect(await errorOf(() => auth.refresh(token))).toMatchObject({ code: "InvalidSession" });
    }
  });
});

describe("disable, enable, delete", () => {
  it("disabling blocks login and invalidates both tokens; enabling restores the same user", async () => {
    const { auth, login } = await loggedIn();
    await auth.admin.disableUser(login.user_id);
    expect(await errorOf(() => auth.logIn(EMAIL, PASSWORD))).toEqual({ code: "UserDisabled", message: "user disabled" });
    expect(await errorOf(() => auth.authenticate(login.access_token))).toMatchObject({ code: "InvalidSession" });
    expect(await errorOf(() => auth.refresh(login.refresh_token))).toMatchObject({ code: "InvalidSession" });
    await auth.admin.enableUser(login.user_id);
    expect((await auth.logIn(EMAIL, PASSWORD)).user_id).toBe(login.user_id);
  });

  it("deleting ends the sessions, fires DELETE and frees the name; app data stays", async () => {
    const { auth, login } = await loggedIn();
    await users().insertOne({ _partition: "p", user_id: login.user_id, name: EMAIL });
    await auth.deleteUser(login.user_id);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN", "DELETE"]);
    expect(fixture.events[2].user.id).toBe(login.user_id);
    expect(await errorOf(() => auth.logIn(EMAIL, PASSWORD))).toEqual({ code: "InvalidPassword", message: "invalid username/password" });
    expect(await errorOf(() => auth.authenticate(login.access_token))).toMatchObject({ code: "InvalidSession" });
    expect(await errorOf(() => auth.refresh(login.refresh_token))).toMatchObject({ message: "failed to find refresh token" });
    expect(await users().count({ user_id: login.user_id })).toBe(1);
    await auth.userpass.register(EMAIL, PASSWORD);
    expect((await auth.logIn(EMAIL, PASSWORD)).user_id).not.toBe(login.user_id);
  });

  it("deleting a pending registration fires no DELETE", async () => {
    fixture = await openAuthFixture();
    const auth = fixture.sandbox.auth;
    await auth.userpass.register(EMAIL, PASSWORD);
    const [pending] = await auth.admin.listUsers();
    await auth.admin.deleteUser(pending.id);
    expect(fixture.events).toEqual([]);
    expect(await errorOf(() => auth.admin.deleteUser(pending.id))).toEqual({ code: "UserNotFound", message: "user not found" });
  });

  it("a user added from the console exists at once (CREATE now, not at first login)", async () => {
    fixture = await openAuthFixture();
    const auth = fixture.sandbox.auth;
    const user = await auth.admin.createUser(EMAIL, PASSWORD);
    expect(user.status).toBe("confirmed");
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE"]);
    await auth.logIn(EMAIL, PASSWORD);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN"]);
    expect(await errorOf(() => auth.admin.createUser(EMAIL, PASSWORD))).toMatchObject({ code: "AccountNameInUse" });
  });
});

describe("password authentication without a session (GraphQL credential headers)", () => {
  it("creates the user on its first use, like a login, and opens no session", async () => {
    fixture = await openAuthFixture();
    const auth = fixture.sandbox.auth;
    await auth.userpass.register(EMAIL, PASSWORD);
    const { record, user } = await auth.authenticatePassword(EMAIL, PASSWORD);
    expect(record.status).toBe("confirmed");
    expect(user.data.email).toBe(EMAIL);
    expect(fixture.events.map((e) => e.operationType)).toEqual(["CREATE", "LOGIN"]);
    expect(await auth.admin.sessions()).toEqual([]);
    expect(await errorOf(() => auth.authenticatePassword(EMAIL, "wrong-pass"))).toMatchObject({ code: "InvalidPassword" });
  });
});

describe("wrong credentials", () => {
  it.each([
    ["a wrong password", EMAIL, "wrong-password"],
    ["an unknown user", "nobody@example.com", PASSWORD],
    ["an empty username", "", PASSWORD],
    ["a non-string password", EMAIL, 123456],
  ])("read the same for %s", async (_, email, password) => {
    const { auth } = await loggedIn();
    expect(await errorOf(() => auth.logIn(email, password))).toEqual({ code: "InvalidPassword", message: "invalid username/password" });
  });
});

describe("custom user data", () => {
  it("rides in user_data from the next token on; %%user.custom_data reads it", async () => {
    const { auth, login } = await loggedIn();
    await users().insertOne({ _partition: "p", user_id: login.user_id, name: "Ada", n: 1.5 });
    const token = await auth.refresh(login.refresh_token);
    const claim = decodeJwtPayload(token)!.user_data as Record<string, unknown>;
    expect(claim).toMatchObject({ user_id: login.user_id, name: "Ada", n: 1.5, _id: { $oid: expect.any(String) } });
    const { user } = await auth.authenticate(token);
    expect(user.custom_data).toMatchObject({ name: "Ada", n: 1.5 });
    expect(user.custom_data._id).toBeInstanceOf(ObjectId);
  });

  it("prefers the document keyed by the id as a string over one keyed by an ObjectId", async () => {
    const { auth, login } = await loggedIn();
    await users().insertMany([
      { _partition: "p", user_id: new ObjectId(login.user_id), name: "by oid" },
      { _partition: "p", user_id: login.user_id, name: "by string" },
    ]);
    expect(decodeJwtPayload(await auth.refresh(login.refresh_token))!.user_data).toMatchObject({ name: "by string" });
  });
});

describe("secrets at rest", () => {
  it("never stores or logs a password in plain text", async () => {
    const secret = "Plain-Text-Password-42";
    fixture = await openAuthFixture();
    const auth = fixture.sandbox.auth;
    await auth.userpass.register(EMAIL, secret);
    await auth.logIn(EMAIL, secret);
    await errorOf(() => auth.logIn(EMAIL, `${secret}-wrong`));
    const db = fixture.sandbox.app.db;
    await fixture.sandbox.app.log.flush();
    const dump = JSON.stringify([await db.users.toArray(), await db.sessions.toArray(), await db.meta.toArray(), await db.log.toArray()]);
    expect(dump).not.toContain(secret);
    expect(dump).toContain(EMAIL);
  });
});
