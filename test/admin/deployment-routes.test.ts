import { afterEach, describe, expect, it } from "vitest";

import { HISTORY_LIMIT } from "../../src/app/deployment-store.ts";
import { formatJson } from "../../src/config/index.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps";
const APP = "/tasktracker-sandbox";
const opened: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
});

async function open(options: Record<string, unknown> = {}): Promise<Sandbox> {
  const sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4, ...options });
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

const value = (text: string) => formatJson({ name: "greeting", value: text, from_secret: false });

/** Saves one value into the draft and deploys it; answers the deployment. */
async function deployGreeting(sandbox: Sandbox, text: string): Promise<any> {
  expect((await call(sandbox, "PATCH", `${APP}/drafts/current`, { set: { "values/greeting.json": value(text) } })).status).toBe(200);
  return (await call(sandbox, "POST", `${APP}/deployments`)).json;
}

describe("the console's API: deployments and their versions", () => {
  it("keeps the files of every deployed version in the history", async () => {
    const sandbox = await open();
    const [template] = (await call(sandbox, "GET", `${APP}/deployments`)).json;
    const first = await deployGreeting(sandbox, "one");
    const second = await deployGreeting(sandbox, "two");
    const got = await call(sandbox, "GET", `${APP}/deployments/${first._id}`);
    expect(got.json).toMatchObject({ _id: first._id, origin: "UI", diff: { added: ["values/greeting.json"] } });
    expect(got.json.files["values/greeting.json"]).toBe(value("one"));
    expect((await call(sandbox, "GET", `${APP}/deployments/${second._id}`)).json.files["values/greeting.json"]).toBe(value("two"));
    const original = (await call(sandbox, "GET", `${APP}/deployments/${template._id}`)).json;
    expect(original.origin).toBe("template");
    expect(original.files["values/greeting.json"]).toBeUndefined();
    expect(Object.keys(original.files).length).toBeGreaterThan(3);
    // The listing stays light: no files in it.
    expect((await call(sandbox, "GET", `${APP}/deployments`)).json[0].files).toBeUndefined();
    const missing = await call(sandbox, "GET", `${APP}/deployments/000000000000000000000000`);
    expect(missing).toMatchObject({ status: 404, json: { error_code: "DeploymentNotFound" } });
  });

  it("redeploys an old version as a new deployment equal to it", async () => {
    const sandbox = await open();
    const first = await deployGreeting(sandbox, "one");
    await deployGreeting(sandbox, "two");
    const old = (await call(sandbox, "GET", `${APP}/deployments/${first._id}`)).json.files;
    const redeployed = await call(sandbox, "POST", `${APP}/deployments/${first._id}/redeploy`);
    expect(redeployed.json).toMatchObject({ origin: "redeploy", diff: { modified: ["values/greeting.json"], added: [], removed: [] } });
    const history = (await call(sandbox, "GET", `${APP}/deployments`)).json;
    expect(history.map((d: { _id: string }) => d._id)[0]).toBe(redeployed.json._id);
    expect(history).toHaveLength(4);
    expect((await call(sandbox, "GET", `${APP}/deployments/${redeployed.json._id}`)).json.files).toEqual(old);
    const draft = await call(sandbox, "GET", `${APP}/drafts/current`);
    expect(draft.json.files).toEqual(old);
    expect(draft.json.diff).toEqual({ added: [], removed: [], modified: [] });
  });

  it("does not replace a draft with changes by a redeploy unless asked to", async () => {
    const sandbox = await open();
    const first = await deployGreeting(sandbox, "one");
    await call(sandbox, "PATCH", `${APP}/drafts/current`, { set: { "values/greeting.json": value("typed") } });
    const refused = await call(sandbox, "POST", `${APP}/deployments/${first._id}/redeploy`);
    expect(refused).toMatchObject({ status: 400, json: { error_code: "BadRequest" } });
    expect(refused.json.error).toMatch(/draft has changes/);
    expect((await call(sandbox, "GET", `${APP}/drafts/current`)).json.files["values/greeting.json"]).toBe(value("typed"));
    const done = await call(sandbox, "POST", `${APP}/deployments/${first._id}/redeploy`, { discard_draft: true });
    expect(done.json.origin).toBe("redeploy");
  });

  it("refuses files that would not deploy with every problem by file, and deploys nothing of them", async () => {
    const sandbox = await open();
    const bad = {
      "values/broken.json": '{\n  "name": "broken",\n  "value": \n}',
      "functions/oops.js": "exports = function() {\n  return 1 +;\n};",
      "functions/config.json": formatJson([{ name: "oops", private: false }]),
    };
    const refused = await call(sandbox, "PATCH", `${APP}/drafts/current`, { set: bad });
    expect(refused.status).toBe(400);
    expect(refused.json.error_code).toBe("InvalidConfig");
    const paths = refused.json.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["values/broken.json", "functions/oops.js"]));
    const byPath = Object.fromEntries(refused.json.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
    expect(byPath["values/broken.json"]).toMatch(/line 4/);
    expect(byPath["functions/oops.js"]).toMatch(/line 2/);
    const deployed = await call(sandbox, "POST", `${APP}/deployments`);
    expect(deployed.json.diff).toEqual({ added: [], removed: [], modified: [] });
    expect((await call(sandbox, "GET", `${APP}/deployments/${deployed.json._id}`)).json.files["values/broken.json"]).toBeUndefined();
  });

  it("keeps the files of as many versions as the history keeps", async () => {
    const sandbox = await open();
    let first: any;
    for (let i = 0; i <= HISTORY_LIMIT; i++) {
      const d = await deployGreeting(sandbox, `v${i}`);
      first ??= d;
    }
    const history = (await call(sandbox, "GET", `${APP}/deployments`)).json;
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect((await call(sandbox, "GET", `${APP}/deployments/${first._id}`)).status).toBe(404);
    const oldest = history[history.length - 1];
    expect((await call(sandbox, "GET", `${APP}/deployments/${oldest._id}`)).json.files["values/greeting.json"]).toBe(value("v1"));
  }, 30_000);
});
