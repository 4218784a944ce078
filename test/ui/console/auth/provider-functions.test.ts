import { afterEach, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../../../src/index.ts";
import { addProviderFunction, applyUserpassForm, changedFiles, userpassForm, writeProvider } from "../../../../src/ui/console/auth/auth-model.ts";
import { freshIndexedDB } from "../../../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const ADMIN = `http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/${APP}`;
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}/auth/providers/local-userpass`;
let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

const send = (url: string, method: string, body?: unknown) =>
  sandbox!.admin(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const client = (path: string, body: unknown) =>
  sandbox!.fetch(`${CLIENT}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the functions the Authentication screen creates", () => {
  it("run as written: the confirmation start confirms one domain and leaves others pending; the reset start refuses", async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    const { files } = await (await send(`${ADMIN}/drafts/current`, "GET")).json();
    let next = addProviderFunction(files, "confirmFunc", "confirmation");
    next = addProviderFunction(next, "resetByFunc", "reset");
    const form = { ...userpassForm(undefined), enabled: true, confirm: "function" as const, confirmationFunctionName: "confirmFunc", reset: "function" as const, resetFunctionName: "resetByFunc" };
    next = writeProvider(next, applyUserpassForm(undefined, form));
    expect((await send(`${ADMIN}/drafts/current`, "PATCH", { set: changedFiles(files, next) })).status).toBe(200);
    expect((await send(`${ADMIN}/deployments`, "POST")).status).toBeLessThan(300);

    expect((await client("/register", { email: "ann@example.com", password: "secret123" })).status).toBeLessThan(300);
    expect((await client("/register", { email: "bob@elsewhere.org", password: "secret123" })).status).toBeLessThan(300);
    const users = await (await send(`${ADMIN}/users`, "GET")).json();
    expect(Object.fromEntries(users.map((u: { email: string; status: string }) => [u.email, u.status]))).toEqual({
      "ann@example.com": "pending-login",
      "bob@elsewhere.org": "pending-confirmation",
    });
    const pending = await (await send(`${ADMIN}/user_registrations/pending_links`, "GET")).json();
    expect(pending).toMatchObject({ confirmMethod: "function", confirmations: [{ email: "bob@elsewhere.org" }] });
    expect((await send(`${ADMIN}/user_registrations/by_email/bob%40elsewhere.org/run_confirm`, "POST")).status).toBe(204);
    const again = await (await send(`${ADMIN}/user_registrations/pending_links`, "GET")).json();
    expect(again.confirmations[0].tokenId).not.toBe(pending.confirmations[0].tokenId);
    const reset = await client("/reset/call", { email: "ann@example.com", password: "newpass123", arguments: [] });
    expect(await reset.json()).toMatchObject({ error: 'failed to reset password for user "ann@example.com"' });
  });
});
