import { afterEach, describe, expect, it } from "vitest";

import { TEMPLATES } from "../src/app/templates/index.ts";
import { parseEJSON, stringifyEJSON } from "../src/bson/ejson.ts";
import type { Document } from "../src/bson/types.ts";
import { AppServicesError, DEFAULT_APP_ID, createSandbox, defaultDatabaseName, type Sandbox, type SandboxOptions } from "../src/index.ts";
import { SYSTEM_CONTEXT } from "../src/services/request-context.ts";
import { EJSON_CASES } from "./bson/ejson-cases.ts";
import { fakeClock, freshIndexedDB } from "./helpers/idb.ts";

const opened: Sandbox[] = [];
async function sandboxWith(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await createSandbox(options);
  opened.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  for (const sandbox of opened.splice(0)) await sandbox.close();
});

const tasks = (sandbox: Sandbox) => sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("tasks");

describe("createSandbox", () => {
  it("has the documented defaults", async () => {
    const deps = freshIndexedDB();
    const sandbox = await sandboxWith(deps);
    expect(sandbox.appId).toBe("tasktracker-sandbox");
    expect(DEFAULT_APP_ID).toBe("tasktracker-sandbox");
    expect(await sandbox.exportApp()).toEqual(TEMPLATES.blank("tasktracker-sandbox"));
    expect(sandbox.app.db.name).toBe(defaultDatabaseName("tasktracker-sandbox"));
    expect(typeof sandbox.fetch).toBe("function");
  });

  it("takes the app id, template, database name and clock", async () => {
    const clock = fakeClock(Date.UTC(2024, 5, 1));
    const sandbox = await sandboxWith({ ...freshIndexedDB(), appId: "myapp-abcde", template: "task-tracker", databaseName: "db-1", now: clock.now });
    expect(sandbox.appId).toBe("myapp-abcde");
    expect(sandbox.app.db.name).toBe("db-1");
    expect(await sandbox.exportApp()).toEqual(TEMPLATES["task-tracker"]("myapp-abcde"));
    expect(sandbox.app.history[0].deployed_at).toBe(Date.UTC(2024, 5, 1) / 1000);
  });

  it("derives distinct databases from distinct app ids", async () => {
    const deps = freshIndexedDB();
    const a = await sandboxWith({ ...deps, appId: "a-1", template: "task-tracker" });
    const b = await sandboxWith({ ...deps, appId: "b-1" });
    await tasks(a).insertOne({ _id: 1 });
    expect(await tasks(b).count()).toBe(0);
  });

  it("answers fetch with a Response", async () => {
    const sandbox = await sandboxWith(freshIndexedDB());
    const response = await sandbox.fetch("http://localhost/api/client/v2.0/nowhere");
    expect(response).toBeInstanceOf(Response);
  });

  it.each(Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[])("export → import → export of %s is identical", async (template) => {
    const source = await sandboxWith({ ...freshIndexedDB(), template });
    const exported = await source.exportApp();
    const target = await sandboxWith({ ...freshIndexedDB(), template: template === "blank" ? "task-tracker" : "blank" });
    await expect(target.importApp(exported)).resolves.toEqual([]);
    expect(await target.exportApp()).toEqual(exported);
  });

  it("exportApp returns a copy the caller may change", async () => {
    const sandbox = await sandboxWith(freshIndexedDB());
    const files = await sandbox.exportApp();
    files["realm_config.json"] = "changed";
    expect((await sandbox.exportApp())["realm_config.json"]).not.toBe("changed");
  });

  it("a bad import rejects with InvalidConfig naming the file and keeps the app", async () => {
    const sandbox = await sandboxWith({ ...freshIndexedDB(), template: "task-tracker" });
    const before = await sandbox.exportApp();
    const path = "data_sources/mongodb-atlas/tracker/users/schema.json";
    const error = await sandbox.importApp({ ...before, [path]: "{ not json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppServicesError);
    expect((error as AppServicesError).code).toBe("InvalidConfig");
    expect((error as AppServicesError).message).toMatch(new RegExp(`^${path}: invalid JSON`));
    expect(await sandbox.exportApp()).toEqual(before);
  });

  it("a second sandbox on the same database sees the same data and deployed config", async () => {
    const deps = freshIndexedDB();
    const first = await sandboxWith({ ...deps, appId: "shared-1", template: "task-tracker" });
    const text = JSON.stringify(Object.fromEntries([["_id", { $numberInt: "1" }], ...EJSON_CASES.map(([, ejson], i) => [`v${i}`, ejson])]));
    await tasks(first).insertOne(parseEJSON(text) as Document);
    const imported = { ...(await first.exportApp()), "sandbox/indexes.json": '{\n    "tracker.tasks": [\n        "status"\n    ]\n}\n' };
    await first.importApp(imported);

    const second = await sandboxWith({ ...deps, appId: "shared-1", template: "blank" });
    expect(await second.exportApp()).toEqual(imported);
    expect(second.app.store.indexedFields("tracker.tasks")).toEqual(new Set(["status"]));
    expect(stringifyEJSON(await tasks(second).findOne({ _id: 1 }))).toBe(text);
  });

  it("keeps every BSON type across close and reopen", async () => {
    const deps = freshIndexedDB();
    const docs = EJSON_CASES.map(([, ejson], i) => JSON.stringify({ _id: { $numberInt: String(i) }, v: ejson }));
    const first = await createSandbox({ ...deps, databaseName: "persist" });
    const c = first.app.mongo(SYSTEM_CONTEXT).db("data").collection("values");
    await c.insertMany(docs.map((d) => parseEJSON(d) as Document));
    await first.close();

    const second = await sandboxWith({ ...deps, databaseName: "persist" });
    const back = await second.app.mongo(SYSTEM_CONTEXT).db("data").collection("values").find({}, undefined, { sort: { _id: 1 } });
    expect(back.map((d) => stringifyEJSON(d))).toEqual(docs);
  });

  it("seeds the template into a new database only", async () => {
    const deps = freshIndexedDB();
    const first = await createSandbox({ ...deps, databaseName: "seeded", template: "task-tracker" });
    await first.close();
    const second = await sandboxWith({ ...deps, databaseName: "seeded", template: "blank" });
    expect(await second.exportApp()).toEqual(TEMPLATES["task-tracker"]("tasktracker-sandbox"));
    expect(second.app.history).toHaveLength(1);
  });
});
