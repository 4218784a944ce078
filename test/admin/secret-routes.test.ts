import { afterEach, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox";
let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await sandbox!.admin(`${APP}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
}

describe("secrets: names listed, values kept in the draft and never answered back", () => {
  it("creates, lists, replaces and deletes a secret", async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    expect((await call("GET", "/secrets")).json).toEqual([]);
    expect((await call("POST", "/secrets", { name: "apiKey", value: "s3cret" })).json).toEqual({ _id: "apiKey", name: "apiKey" });
    const listed = await call("GET", "/secrets");
    expect(listed.json).toEqual([{ _id: "apiKey", name: "apiKey" }]);
    expect(JSON.stringify(listed.json)).not.toContain("s3cret");

    const duplicate = await call("POST", "/secrets", { name: "apiKey", value: "other" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.error).toContain("already exists");
    expect((await call("POST", "/secrets", { name: "bad name", value: "x" })).status).toBe(400);
    expect((await call("POST", "/secrets", { name: "n", value: 5 })).status).toBe(400);

    expect((await call("PUT", "/secrets/apiKey", { value: "n3w" })).status).toBe(204);
    const draft = (await call("GET", "/drafts/current")).json.files;
    expect(JSON.parse(draft["sandbox/secrets.json"])).toEqual({ apiKey: "(hidden secret, revision 1)" });
    expect(JSON.stringify(draft)).not.toContain("n3w");
    expect((await call("PUT", "/secrets/missing", { value: "x" })).status).toBe(404);

    expect((await call("DELETE", "/secrets/apiKey")).status).toBe(204);
    expect((await call("GET", "/drafts/current")).json.files["sandbox/secrets.json"]).toBeUndefined();
  });

  it("a value linked to a secret reads the secret once deployed", async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    await call("POST", "/secrets", { name: "apiKeySecret", value: "s3cret" });
    await call("PATCH", "/drafts/current", {
      set: {
        "values/apiKey.json": JSON.stringify({ name: "apiKey", value: "apiKeySecret", from_secret: true }),
        "values/plain.json": JSON.stringify({ name: "plain", value: { n: 1 }, from_secret: false }),
      },
    });
    expect((await call("POST", "/deployments")).status).toBe(200);
    const { valuesOf } = await import("../../src/app/policies.ts");
    expect(valuesOf(sandbox.app.deployed)).toEqual({ apiKey: "s3cret", plain: { n: 1 } });
  });
});

describe("secret values never travel to the page", () => {
  async function withSecrets() {
    sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
    await call("POST", "/secrets", { name: "apiKey", value: "first-value" });
    await call("POST", "/secrets", { name: "other", value: "first-value" });
    await call("POST", "/deployments");
    return sandbox.app;
  }
  const secretsIn = (files: Record<string, string>) => JSON.parse(files["sandbox/secrets.json"]);

  it("masks every answer that carries files: draft, saves, versions; the same placeholder for the same value", async () => {
    const app = await withSecrets();
    await call("PUT", "/secrets/apiKey", { value: "second-value" });
    const draft = await call("GET", "/drafts/current");
    expect(secretsIn(draft.json.files)).toEqual({ apiKey: "(hidden secret, revision 2)", other: "(hidden secret, revision 1)" });
    expect(draft.json.diff.modified).toEqual(["sandbox/secrets.json"]);
    const history = (await call("GET", "/deployments")).json;
    const version = (await call("GET", `/deployments/${history[0]._id}`)).json;
    expect(secretsIn(version.files)).toEqual({ apiKey: "(hidden secret, revision 1)", other: "(hidden secret, revision 1)" });
    const patched = await call("PATCH", "/drafts/current", { set: { "values/x.json": JSON.stringify({ name: "x", value: 1, from_secret: false }) } });
    for (const answer of [draft, { json: version }, patched, await call("GET", "")]) {
      expect(JSON.stringify(answer.json)).not.toContain("first-value");
      expect(JSON.stringify(answer.json)).not.toContain("second-value");
    }
    expect(JSON.parse(app.draft["sandbox/secrets.json"])).toEqual({ apiKey: "second-value", other: "first-value" });
  });

  it("a round trip through the page keeps every value; a typed value replaces one; an unknown placeholder is refused", async () => {
    const app = await withSecrets();
    const stored = app.draft["sandbox/secrets.json"];
    const shown = (await call("GET", "/drafts/current")).json.files;
    expect((await call("PUT", "/drafts/current", { files: shown })).status).toBe(200);
    expect(app.draft["sandbox/secrets.json"]).toBe(stored);

    const edited = { apiKey: "(hidden secret, revision 1)", other: "typed-value", added: "new" };
    expect((await call("PATCH", "/drafts/current", { set: { "sandbox/secrets.json": JSON.stringify(edited) } })).status).toBe(200);
    expect(JSON.parse(app.draft["sandbox/secrets.json"])).toEqual({ apiKey: "first-value", other: "typed-value", added: "new" });

    const before = app.draft;
    const copied = await call("PATCH", "/drafts/current", { set: { "sandbox/secrets.json": JSON.stringify({ moved: "(hidden secret, revision 1)" }) } });
    expect(copied.status).toBe(400);
    expect(copied.json.error_code).toBe("InvalidConfig");
    expect(copied.json.problems[0]).toMatchObject({ path: "sandbox/secrets.json" });
    expect(copied.json.problems[0].message).toContain('"moved"');
    expect(app.draft).toBe(before);
    const check = await call("POST", "/drafts/check", { files: { ...shown, "sandbox/secrets.json": JSON.stringify({ moved: "(hidden secret, revision 9)" }) } });
    expect(check.json.problems[0].message).toContain('"moved"');
  });

  it("exports leave values out unless asked, keeping each secret's name", async () => {
    await withSecrets();
    await call("PUT", "/secrets/apiKey", { value: "draft-value" });
    const plain = (await call("GET", "/export")).json.files;
    expect(secretsIn(plain)).toEqual({ apiKey: "", other: "" });
    expect(secretsIn((await call("GET", "/export?include_secret_values=true")).json.files)).toEqual({ apiKey: "draft-value", other: "first-value" });
    const [live] = (await call("GET", "/deployments")).json;
    expect(secretsIn((await call("GET", `/export?deployment=${live._id}&include_secret_values=true`)).json.files).apiKey).toBe("first-value");
    expect((await call("GET", "/export?deployment=nope")).status).toBe(404);
  });
});
