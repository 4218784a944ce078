import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createSandbox } from "../../src/index.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";
import { errorOf } from "../helpers/sandbox.ts";
import { APP_ID, openAuthFixture, userpassFiles, type AuthFixture } from "./helpers.ts";

const EMAIL = "ada@example.com";
const PASSWORD = "secret123";

let fixture: AuthFixture;
afterEach(async () => {
  vi.restoreAllMocks();
  await fixture?.sandbox.close();
});

/** bcrypt's cost as written in a hash: `$2b$04$…` */
const costOf = (hash: string) => Number(hash.split("$")[2]);

describe("login timing does not reveal who is registered", () => {
  it.each([
    ["an unknown email", "nobody@example.com", PASSWORD],
    ["a wrong password", EMAIL, "wrong-password"],
    ["the right password", EMAIL, PASSWORD],
  ])("%s costs one bcrypt comparison at the accounts' cost", async (_name, email, password) => {
    fixture = await openAuthFixture(userpassFiles({ autoConfirm: true }));
    const auth = fixture.sandbox.auth;
    await auth.userpass.register(EMAIL, PASSWORD);
    const compare = vi.spyOn(bcrypt, "compare");

    const outcome = await errorOf(() => auth.logIn(email, password)).catch(() => "logged in");
    expect(outcome).toEqual(password === PASSWORD && email === EMAIL ? "logged in" : { code: "InvalidPassword", message: "invalid username/password", details: undefined });
    expect(compare).toHaveBeenCalledTimes(1);
    expect(costOf(compare.mock.calls[0][1] as string)).toBe(auth.userpass.bcryptCost);
  });

  it("takes comparable time for an unknown email and a wrong password", async () => {
    // A cost whose hashing (~15 ms) outweighs the noise of a shared machine.
    const sandbox = await createSandbox({ appId: APP_ID, template: "task-tracker", databaseName: "login-timing", bcryptCost: 8, ...freshIndexedDB() });
    await sandbox.importApp(userpassFiles({ autoConfirm: true }));
    fixture = { sandbox, clock: fakeClock(), events: [] };
    const auth = sandbox.auth;
    await auth.userpass.register(EMAIL, PASSWORD);
    const time = async (email: string) => {
      const start = performance.now();
      await errorOf(() => auth.logIn(email, "wrong-password"));
      return performance.now() - start;
    };
    await time("warm@example.com");
    const median = async (email: string) => {
      const times = [await time(email), await time(email), await time(email), await time(email), await time(email)].sort((a, b) => a - b);
      return times[2];
    };
    const [unknown, wrong] = [await median("nobody@example.com"), await median(EMAIL)];
    expect(unknown / wrong).toBeGreaterThan(1 / 3);
    expect(unknown / wrong).toBeLessThan(3);
  });
});
