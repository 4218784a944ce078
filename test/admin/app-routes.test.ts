import { afterEach, describe, expect, it } from "vitest";

import { blank } from "../../src/app/templates/index.ts";
import { formatJson } from "../../src/config/index.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps";
const opened: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
});

async function open(): Promise<Sandbox> {
  const sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4 });
  opened.push(sandbox);
  return sandbox;
}

async function call(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await sandbox.admin(`${ADMIN}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
}

describe("the console's API: apps and drafts", () => {
  it("creates, imports, lists and removes apps", async () => {
    const sandbox = await open();
    const created = await call(sandbox, "POST", "/", { template: "task-tracker", name: "tracker" });
    expect(created.status).toBe(200);
    expect(created.json.app).toMatchObject({ appId: "tracker", name: "tracker", origin: "template" });
    const files = { ...blank("x", "shop"), "hosting/config.json": formatJson({ enabled: true }) };
    const imported = await call(sandbox, "POST", "/", { files, sourceName: "shop" });
    expect(imported.json.notes).toEqual(expect.arrayContaining([expect.objectContaining({ path: "hosting/", kind: "inert" })]));
    const list = await call(sandbox, "GET", "/");
    expect(list.json.map((a: { appId: string }) => a.appId)).toEqual(["tasktracker-sandbox", "tracker", imported.json.app.appId]);
    expect((await call(sandbox, "DELETE", "/tracker")).status).toBe(204);
    expect((await call(sandbox, "GET", "/tracker")).json).toMatchObject({ error_code: "NotFound" });
  });

  it("answers a refused import with every problem, file by file", async () => {
    const sandbox = await open();
    const files = { ...blank("x", "shop"), "auth/providers.json": "{ nope", "triggers/t.json": formatJson({ name: "t", type: "SCHEDULED", config: { schedule: "* *" }, function_name: "none" }) };
    const { status, json } = await call(sandbox, "POST", "/", { files });
    expect(status).toBe(400);
    expect(json.error_code).toBe("InvalidConfig");
    expect(json.problems.map((p: { path: string }) => p.path)).toEqual(["auth/providers.json", "triggers/t.json", "triggers/t.json"]);
  });

  it("saves, checks, discards and deploys the draft", async () => {
    const sandbox = await open();
    const app = "/tasktracker-sandbox";
    const draft = await call(sandbox, "GET", `${app}/drafts/current`);
    const files = { ...draft.json.files, "values/greeting.json": formatJson({ name: "greeting", value: "hi", from_secret: false }) };
    const check = await call(sandbox, "POST", `${app}/drafts/check`, { files: { ...files, "triggers/bad.json": "{" } });
    expect(check.json.problems[0]).toMatchObject({ path: "triggers/bad.json" });
    expect((await call(sandbox, "PUT", `${app}/drafts/current`, { files })).json.diff.added).toEqual(["values/greeting.json"]);
    expect((await call(sandbox, "GET", app)).json.draft.changes).toBe(1);
    const deployed = await call(sandbox, "POST", `${app}/deployments`);
    expect(deployed.json).toMatchObject({ origin: "UI", diff: { added: ["values/greeting.json"] } });
    expect((await call(sandbox, "GET", app)).json.draft.changes).toBe(0);
    expect((await call(sandbox, "GET", `${app}/deployments`)).json).toHaveLength(2);
  });

  it("changes single files of the draft", async () => {
    const sandbox = await open();
    const app = "/tasktracker-sandbox";
    const value = formatJson({ name: "greeting", value: "hi", from_secret: false });
    const set = await call(sandbox, "PATCH", `${app}/drafts/current`, { set: { "values/greeting.json": value } });
    expect(set.json.diff.added).toEqual(["values/greeting.json"]);
    const refused = await call(sandbox, "PATCH", `${app}/drafts/current`, { set: { "values/bad.json": "{" } });
    expect(refused.json.problems[0].path).toBe("values/bad.json");
    const removed = await call(sandbox, "PATCH", `${app}/drafts/current`, { remove: ["values/greeting.json"] });
    expect(removed.json.diff.added).toEqual([]);
  });

  it("refuses a draft that would not deploy and keeps the one saved", async () => {
    const sandbox = await open();
    const app = "/tasktracker-sandbox";
    const before = (await call(sandbox, "GET", `${app}/drafts/current`)).json.files;
    const refused = await call(sandbox, "PUT", `${app}/drafts/current`, { files: { ...before, "sync/config.json": "[" } });
    expect(refused.status).toBe(400);
    expect((await call(sandbox, "GET", `${app}/drafts/current`)).json.files).toEqual(before);
  });

  it("is not reachable through the client API", async () => {
    const sandbox = await open();
    const response = await sandbox.fetch(`${ADMIN}/`);
    expect(response.status).toBe(404);
  });
});
