import { afterEach, describe, expect, it } from "vitest";

import { VERIFIED_SESSION_TTL_MS, VerifiedSessions } from "../../src/auth/session-cache.ts";
import type { AccessClaims } from "../../src/auth/tokens.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import type { UserRecord } from "../../src/storage/database.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox";
const CLIENT = "https://realm.mongodb.com/api/client/v2.0";

let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

const admin = (method: string, path: string) => sandbox!.admin(`${ADMIN}${path}`, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });

/** A sandbox with one user logged in through the console's "open a session" route. */
async function loggedIn() {
  const clock = fakeClock();
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4, now: clock.now });
  const user = await (
    await sandbox.admin(`${ADMIN}/users`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "ada@example.com", password: "secret123" }) })
  ).json();
  const session = await (await admin("POST", `/users/${user.id}/sessions`)).json();
  return { clock, userId: user.id as string, access: session.access_token as string, refresh: session.refresh_token as string };
}

/** The client API's answer to a call with the access token: the profile's user id, or the error code. */
async function profile(access: string): Promise<string> {
  const response = await sandbox!.fetch(`${CLIENT}/auth/profile`, { headers: { authorization: `Bearer ${access}` } });
  const body = await response.json();
  return response.ok ? body.user_id : `${response.status} ${body.error_code}: ${body.error}`;
}

/** Disables the user in storage only, behind the services' back: only a verification that reads the record again sees it. */
const disableInStorage = (userId: string) => sandbox!.app.db.users.update(userId, { disabled: true });

describe("the cache of verified sessions", () => {
  it("verifies a token once for a few seconds, then reads the user again", async () => {
    const { clock, userId, access } = await loggedIn();
    expect(await profile(access)).toBe(userId);
    await disableInStorage(userId);
    expect(await profile(access)).toBe(userId);
    clock.advance(VERIFIED_SESSION_TTL_MS);
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: user disabled");
  });

  it("never keeps a token past its expiry", async () => {
    const { clock, userId, access } = await loggedIn();
    clock.advance(30 * 60 * 1000 - 1000);
    expect(await profile(access)).toBe(userId);
    clock.advance(1000);
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: access token expired");
  });

  it("forgets a user disabled from the console on the very next call", async () => {
    const { userId, access } = await loggedIn();
    expect(await profile(access)).toBe(userId);
    expect((await admin("PUT", `/users/${userId}/disable`)).status).toBe(204);
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: user disabled");
    expect((await admin("PUT", `/users/${userId}/enable`)).status).toBe(204);
    expect(await profile(access)).toBe(userId);
  });

  it("forgets a deleted user on the very next call", async () => {
    const { userId, access } = await loggedIn();
    expect(await profile(access)).toBe(userId);
    expect((await admin("DELETE", `/users/${userId}`)).status).toBe(204);
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: user not found");
  });

  it("verifies again after the console revokes the user's sessions", async () => {
    const { userId, access } = await loggedIn();
    expect(await profile(access)).toBe(userId);
    await disableInStorage(userId);
    expect(await (await admin("PUT", `/users/${userId}/logout`)).json()).toEqual({ revoked: 1 });
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: user disabled");
  });

  it("verifies again after the user logs out", async () => {
    const { userId, access, refresh } = await loggedIn();
    expect(await profile(access)).toBe(userId);
    await disableInStorage(userId);
    const logout = await sandbox!.fetch(`${CLIENT}/auth/session`, { method: "DELETE", headers: { authorization: `Bearer ${refresh}` } });
    expect(logout.status).toBe(204);
    expect(await profile(access)).toBe("401 InvalidSession: invalid session: user disabled");
  });

  it("gives every call a user object of its own", async () => {
    const { access } = await loggedIn();
    const first = await sandbox!.auth.authenticate(access);
    const second = await sandbox!.auth.authenticate(access);
    expect(second.user).toEqual(first.user);
    expect(second.user).not.toBe(first.user);
  });
});

describe("VerifiedSessions", () => {
  const session = (id: string) => ({ record: { id } as UserRecord, claims: { exp: 2_000_000_000 } as AccessClaims });

  it("drops a verification that began before a user was forgotten", () => {
    const cache = new VerifiedSessions();
    const begun = cache.begin();
    cache.forgetUser("someone else");
    cache.set("token", session("u"), 0, begun);
    expect(cache.get("token", 0)).toBeUndefined();
    cache.set("token", session("u"), 0, cache.begin());
    expect(cache.get("token", 0)?.record.id).toBe("u");
  });

  it("keeps at most its limit, dropping the oldest", () => {
    const cache = new VerifiedSessions(5_000, 3);
    for (const token of ["a", "b", "c", "d"]) cache.set(token, session(token), 0, cache.begin());
    expect(cache.size).toBe(3);
    expect(cache.get("a", 0)).toBeUndefined();
    expect(cache.get("d", 0)?.record.id).toBe("d");
  });
});
