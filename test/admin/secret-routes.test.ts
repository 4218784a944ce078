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
    expect(JSON.parse(draft["sandbox/secrets.json"])).toEqual({ apiKey: "n3w" });
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
