import { afterEach, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox";
let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

const post = (path: string, body?: unknown) =>
  sandbox!.admin(`${ADMIN}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });

describe("the console's API: users for Run as", () => {
  it("adds a confirmed user and opens a real session for it", async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    const created = await (await post("/users", { email: "bob@example.com", password: "secret123" })).json();
    expect(created).toMatchObject({ email: "bob@example.com", status: "confirmed" });
    const session = await (await post(`/users/${created.id}/sessions`)).json();
    const profile = await sandbox.fetch("https://realm.mongodb.com/api/client/v2.0/auth/profile", {
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(await profile.json()).toMatchObject({ user_id: created.id, data: { email: "bob@example.com" } });
    const list = await (await sandbox.admin(`${ADMIN}/users`)).json();
    expect(list.map((u: { email: string }) => u.email)).toEqual(["bob@example.com"]);
  });

  it("refuses a session for an unknown or disabled user", async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    expect(await (await post("/users/nobody/sessions")).json()).toMatchObject({ error_code: "UserNotFound" });
    const created = await (await post("/users", { email: "eve@example.com", password: "secret123" })).json();
    await sandbox.auth.admin.disableUser(created.id);
    expect(await (await post(`/users/${created.id}/sessions`)).json()).toMatchObject({ error_code: "UserDisabled" });
  });
});
