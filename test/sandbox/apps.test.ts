import { afterEach, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/index.ts";
import { blank } from "../../src/app/templates/index.ts";
import { AppServicesError, createSandbox, type Sandbox } from "../../src/index.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const opened: Sandbox[] = [];
async function open(deps = freshIndexedDB()): Promise<Sandbox> {
  const sandbox = await createSandbox({ ...deps, template: "task-tracker", bcryptCost: 4, now: fakeClock().now });
  opened.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
});

const API = "https://realm.mongodb.com/api/client/v2.0";

async function post(sandbox: Sandbox, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return sandbox.fetch(`${API}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

/** Registers and logs in on one app; returns its tokens. */
async function logIn(sandbox: Sandbox, appId: string, email: string): Promise<{ access_token: string; refresh_token: string; user_id: string }> {
  const provider = `/app/${appId}/auth/providers/local-userpass`;
  expect((await post(sandbox, `${provider}/register`, { email, password: "secret123" })).status).toBe(201);
  const login = await post(sandbox, `${provider}/login`, { username: email, password: "secret123" });
  expect(login.status).toBe(200);
  return login.json();
}

/** An app named `name` with the client app id `appId` in its config. */
function exportedApp(appId: string, name: string): Record<string, string> {
  const files = blank(appId, name);
  return { ...files, "realm_config.json": formatJson({ ...JSON.parse(files["realm_config.json"]), app_id: appId, name }) };
}

describe("the apps of one sandbox", () => {
  it("lists the default app first, then the apps added, in the order they came", async () => {
    const sandbox = await open();
    await sandbox.apps.create({ template: "blank" });
    await sandbox.apps.import(exportedApp("orders-abcde", "orders"));
    const apps = await sandbox.apps.list();
    expect(apps.map((a) => [a.appId, a.isDefault, a.origin])).toEqual([
      ["tasktracker-sandbox", true, "default"],
      ["application-0", false, "template"],
      ["orders-abcde", false, "import"],
    ]);
  });

  it("gives an export without an app id one derived from its name, unique in the sandbox", async () => {
    const sandbox = await open();
    const files = blank("ignored", "Inventory");
    const { app_id: _dropped, ...config } = JSON.parse(files["realm_config.json"]);
    files["realm_config.json"] = formatJson(config);
    const first = await sandbox.apps.import(files);
    const second = await sandbox.apps.import(files);
    expect([first.app.appId, second.app.appId]).toEqual(["inventory", "inventory-2"]);
  });

  it("refuses a second import under a taken id unless asked to replace, and keeps the data when replacing", async () => {
    const sandbox = await open();
    const files = exportedApp("orders-abcde", "orders");
    await sandbox.apps.import(files);
    const error = await sandbox.apps.import(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppServicesError);
    expect((error as AppServicesError).message).toMatch(/already in this sandbox/);
    const hosted = (await sandbox.apps.get("orders-abcde"))!;
    const { SYSTEM_CONTEXT } = await import("../../src/services/request-context.ts");
    await hosted.app.mongo(SYSTEM_CONTEXT).db("shop").collection("orders").insertOne({ n: 1 });
    await sandbox.apps.import(files, { replace: true });
    expect(await hosted.app.mongo(SYSTEM_CONTEXT).db("shop").collection("orders").count({})).toBe(1);
    expect(hosted.app.history.map((d) => d.origin)).toEqual(["import", "import", "template"]);
  });

  it("leaves nothing behind when an import is refused", async () => {
    const sandbox = await open();
    const files = { ...exportedApp("broken-abcde", "broken"), "auth/providers.json": "{ nope" };
    await expect(sandbox.apps.import(files)).rejects.toMatchObject({ code: "InvalidConfig" });
    expect((await sandbox.apps.list()).map((a) => a.appId)).toEqual(["tasktracker-sandbox"]);
    expect(await sandbox.apps.get("broken-abcde")).toBeUndefined();
  });

  it("routes the client API by app id, and answers an unknown id as App Services did", async () => {
    const sandbox = await open();
    await sandbox.apps.import(exportedApp("orders-abcde", "orders"));
    const known = await sandbox.fetch(`${API}/app/orders-abcde/location`);
    expect(known.status).toBe(200);
    const unknown = await sandbox.fetch(`${API}/app/nobody-zzzzz/location`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "cannot find app using Client App ID 'nobody-zzzzz'", error_code: "NotFound" });
  });

  it("keeps users apart, and ties session routes to the app whose token they carry", async () => {
    const sandbox = await open();
    const second = await sandbox.apps.create({ template: "task-tracker" });
    const alice = await logIn(sandbox, second.appId, "alice@example.com");
    // The default app has no alice: her email is free there.
    const other = await logIn(sandbox, "tasktracker-sandbox", "alice@example.com");
    expect(other.user_id).not.toBe(alice.user_id);

    const profile = await sandbox.fetch(`${API}/auth/profile`, { headers: { authorization: `Bearer ${alice.access_token}` } });
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ user_id: alice.user_id });
    const refreshed = await post(sandbox, "/auth/session", undefined, alice.refresh_token);
    expect(refreshed.status).toBe(201);
    expect(await (await sandbox.apps.get(second.appId))!.auth.admin.listUsers()).toHaveLength(1);
  });

  it("reopens the apps it holds after a restart", async () => {
    const deps = freshIndexedDB();
    const first = await open(deps);
    await first.apps.import(exportedApp("orders-abcde", "orders"));
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const again = await open(deps);
    expect((await again.apps.list()).map((a) => a.appId)).toEqual(["tasktracker-sandbox", "orders-abcde"]);
    expect((await again.fetch(`${API}/app/orders-abcde/location`)).status).toBe(200);
  });

  it("removes an app with its database, but never the default one", async () => {
    const sandbox = await open();
    await sandbox.apps.import(exportedApp("orders-abcde", "orders"));
    await sandbox.apps.remove("orders-abcde");
    expect((await sandbox.apps.list()).map((a) => a.appId)).toEqual(["tasktracker-sandbox"]);
    expect((await sandbox.fetch(`${API}/app/orders-abcde/location`)).status).toBe(404);
    await expect(sandbox.apps.remove("tasktracker-sandbox")).rejects.toThrow(/cannot be removed/);
  });
});
