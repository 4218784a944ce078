import { afterEach, describe, expect, it } from "vitest";

import { SandboxApp } from "../../src/app/app.ts";
import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { TEMPLATES, type TemplateName } from "../../src/app/templates/index.ts";
import { APP_ID, appWithCollections, errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

const TASKS_DIR = "data_sources/mongodb-atlas/tracker/tasks";
const TASK_SCHEMA = `${TASKS_DIR}/schema.json`;
const TASK_RULES = `${TASKS_DIR}/rules.json`;

const withFile = (files: AppFiles, path: string, text: string): AppFiles => ({ ...files, [path]: text });
const editJson = (files: AppFiles, path: string, change: (value: any) => void): AppFiles => {
  const value = JSON.parse(files[path]);
  change(value);
  return withFile(files, path, formatJson(value));
};

const open: TestApp[] = [];
async function track(promise: Promise<TestApp>): Promise<TestApp> {
  const sandbox = await promise;
  open.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  for (const sandbox of open.splice(0)) await sandbox.close();
});

describe.each(Object.keys(TEMPLATES) as TemplateName[])("template %s", (template) => {
  it("starts deployed with the template's files and one history entry", async () => {
    const sandbox = await track(openTestApp({ template }));
    expect(sandbox.app.exportApp()).toEqual(TEMPLATES[template](APP_ID));
    expect(sandbox.app.deployedFiles).toEqual(sandbox.app.exportApp());
    expect(sandbox.app.hasDraftChanges).toBe(false);
    expect(sandbox.app.history).toHaveLength(1);
    const [entry] = sandbox.app.history;
    expect(entry).toMatchObject({ app_id: APP_ID, origin: "template", status: "successful", deployed_at: Math.floor(sandbox.clock.now() / 1000) });
    expect(entry.diff.added).toEqual(Object.keys(TEMPLATES[template](APP_ID)).sort());
    expect(entry._id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("export → import → export is identical", async () => {
    const source = await track(openTestApp({ template }));
    const exported = source.app.exportApp();
    const target = await track(openTestApp({ template: template === "blank" ? "task-tracker" : "blank" }));
    await target.app.importApp(exported);
    expect(target.app.exportApp()).toEqual(exported);
    expect(JSON.stringify(target.app.exportApp())).toBe(JSON.stringify(exported));
    // And importing into the same app changes nothing either.
    await source.app.importApp(source.app.exportApp());
    expect(source.app.exportApp()).toEqual(exported);
  });

  it("exports every file as text, with JSON files in canonical form", async () => {
    const sandbox = await track(openTestApp({ template }));
    for (const [path, text] of Object.entries(sandbox.app.exportApp())) {
      expect(typeof text).toBe("string");
      if (path.endsWith(".json")) expect(formatJson(JSON.parse(text)), path).toBe(text);
    }
  });
});

describe("a bad import", () => {
  const base = TEMPLATES["task-tracker"](APP_ID);

  const BAD: [string, AppFiles, string, RegExp][] = [
    ["invalid JSON", withFile(base, TASK_RULES, '{\n    "database": "tracker",\n}\n'), TASK_RULES, /invalid JSON at line 3, column 1/],
    ["an invalid schema", editJson(base, TASK_SCHEMA, (s) => void (s.properties.status.bsonType = "strin")), TASK_SCHEMA, /unknown type "strin"/],
    [
      "an invalid rule expression",
      editJson(base, TASK_RULES, (r) => void (r.roles[0].apply_when = { assignee: "%%usr.id" })),
      TASK_RULES,
      /roles\[0\]\.apply_when: .*unknown expansion "%%usr"/,
    ],
    ["an unknown operator in a rule", editJson(base, TASK_RULES, (r) => void (r.roles[1].write = { a: { "%frobnicate": 1 } })), TASK_RULES, /unknown operator "%frobnicate"/],
    ["a missing realm_config.json", (({ "realm_config.json": _, ...rest }) => rest)(base), "realm_config.json", /missing file/],
    ["a bad sandbox index file", withFile(base, "sandbox/indexes.json", formatJson({ nodot: ["a"] })), "sandbox/indexes.json", /must be a namespace/],
  ];

  it.each(BAD)("with %s is an InvalidConfig error naming the file, and changes nothing", async (_name, files, path, problem) => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    await sandbox.system("tracker.tasks").insertOne({ _id: 1, name: "Keep me", status: "Open", _partition: "p" });
    const before = { files: sandbox.app.exportApp(), deployed: sandbox.app.deployed, history: sandbox.app.history };

    const error = await errorOf(() => sandbox.app.importApp(files));
    expect(error.code).toBe("InvalidConfig");
    expect(error.message).toContain(`${path}: `);
    expect(error.message).toMatch(problem);
    expect((error.details?.problems as { path: string }[]).map((p) => p.path)).toContain(path);

    expect(sandbox.app.exportApp()).toEqual(before.files);
    expect(sandbox.app.deployed).toBe(before.deployed);
    expect(sandbox.app.history).toEqual(before.history);
    expect(await sandbox.system("tracker.tasks").find({})).toEqual([{ _id: 1, name: "Keep me", status: "Open", _partition: "p" }]);
    // Requests are still served from the old version: its schema still applies.
    await expect(sandbox.user("tracker.tasks").insertOne({ name: "x" })).rejects.toThrow(/schema validation failed/);

    // Nothing was persisted either.
    await sandbox.close();
    const reopened = await track(sandbox.reopen());
    expect(reopened.app.exportApp()).toEqual(before.files);
    expect(reopened.app.history).toHaveLength(before.history.length);
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", null, /must be a map of file path to file text/],
    ["a file that is not text", { ...base, "functions/config.json": [] }, /^functions\/config\.json: file content must be text$/],
  ])("that is %s is refused", async (_name, input, message) => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    const error = await errorOf(() => sandbox.app.importApp(input as AppFiles));
    expect(error.code).toBe("InvalidConfig");
    expect(error.message).toMatch(message);
    expect(sandbox.app.exportApp()).toEqual(base);
  });
});

describe("draft and deployed versions", () => {
  const relaxed = (files: AppFiles) => editJson(files, TASK_SCHEMA, (s) => void (s.required = ["_id", "name"]));

  it("saveDraft changes the draft only; deploy makes it live and records it", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    const deployedBefore = sandbox.app.deployed;
    const draft = relaxed(sandbox.app.exportApp());

    await sandbox.app.saveDraft(draft);
    expect(sandbox.app.draft).toEqual(draft);
    expect(sandbox.app.hasDraftChanges).toBe(true);
    expect(sandbox.app.pendingDiff()).toEqual({ added: [], removed: [], modified: [TASK_SCHEMA] });
    expect(sandbox.app.deployed).toBe(deployedBefore);
    expect(sandbox.app.deployedFiles[TASK_SCHEMA]).not.toBe(draft[TASK_SCHEMA]);
    // Requests still see the deployed schema.
    await expect(sandbox.user("tracker.tasks").insertOne({ name: "no status" })).rejects.toThrow(/schema validation failed/);

    sandbox.clock.advance(60_000);
    const entry = await sandbox.app.deploy();
    expect(entry).toMatchObject({ origin: "UI", app_id: APP_ID, deployed_at: Math.floor(sandbox.clock.now() / 1000) });
    expect(entry.diff).toEqual({ added: [], removed: [], modified: [TASK_SCHEMA] });
    expect(sandbox.app.history[0]).toEqual(entry);
    expect(sandbox.app.history.map((h) => h.origin)).toEqual(["UI", "template"]);
    expect(sandbox.app.hasDraftChanges).toBe(false);
    expect(sandbox.app.deployedFiles).toEqual(draft);
    await expect(sandbox.user("tracker.tasks").insertOne({ name: "no status" })).resolves.toBeDefined();
  });

  it("discardDraft returns the draft to the deployed files", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    const deployed = sandbox.app.deployedFiles;
    await sandbox.app.saveDraft(relaxed(deployed));
    await sandbox.app.discardDraft();
    expect(sandbox.app.draft).toEqual(deployed);
    expect(sandbox.app.hasDraftChanges).toBe(false);
    expect(sandbox.app.history).toHaveLength(1);
  });

  it("saveDraft refuses an invalid app and keeps the previous draft", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    const draft = relaxed(sandbox.app.exportApp());
    await sandbox.app.saveDraft(draft);
    const error = await errorOf(() => sandbox.app.saveDraft(withFile(draft, TASK_SCHEMA, "{")));
    expect(error.code).toBe("InvalidConfig");
    expect(error.message).toContain(TASK_SCHEMA);
    expect(sandbox.app.draft).toEqual(draft);
  });

  it("an import replaces a pending draft and is recorded as an import", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    await sandbox.app.saveDraft(relaxed(sandbox.app.exportApp()));
    const blank = TEMPLATES.blank(APP_ID);
    await sandbox.app.importApp(blank);
    expect(sandbox.app.exportApp()).toEqual(blank);
    expect(sandbox.app.hasDraftChanges).toBe(false);
    expect(sandbox.app.history[0].origin).toBe("import");
    expect(sandbox.app.history[0].diff.removed).toContain(TASK_SCHEMA);
    expect(sandbox.app.mongo({ user: null, system: true }).db("tracker").getCollectionNames()).toEqual([]);
  });

  it("redeploy makes an earlier version live again as a new deployment", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    const original = sandbox.app.deployedFiles;
    await sandbox.app.saveDraft(relaxed(original));
    await sandbox.app.deploy();
    sandbox.clock.advance(1000);
    const entry = await sandbox.app.redeploy(original);
    expect(entry.origin).toBe("redeploy");
    expect(entry.diff).toEqual({ added: [], removed: [], modified: [TASK_SCHEMA] });
    expect(sandbox.app.deployedFiles).toEqual(original);
    expect(sandbox.app.history.map((h) => h.origin)).toEqual(["redeploy", "UI", "template"]);
    expect(new Set(sandbox.app.history.map((h) => h._id)).size).toBe(3);
    await expect(sandbox.user("tracker.tasks").insertOne({ name: "no status" })).rejects.toThrow(/schema validation failed/);
  });

  it("notifies deploy listeners with the new and the previous model", async () => {
    const sandbox = await track(openTestApp({ template: "blank" }));
    const seen: [string[], string[]][] = [];
    sandbox.app.onDeploy((model, previous) => {
      seen.push([model.collections.map((c) => c.namespace), previous?.collections.map((c) => c.namespace) ?? []]);
    });
    await sandbox.app.importApp(appWithCollections({ "a.b": undefined }));
    expect(seen).toEqual([[["a.b"], []]]);
  });

  it("keeps the draft, the deployed version and the history across a reopen", async () => {
    const sandbox = await track(openTestApp({ template: "task-tracker" }));
    await sandbox.app.saveDraft(relaxed(sandbox.app.exportApp()));
    await sandbox.app.deploy();
    const draft = editJson(sandbox.app.exportApp(), TASK_SCHEMA, (s) => void (s.title = "Chore"));
    await sandbox.app.saveDraft(draft);
    const state = { deployed: sandbox.app.deployedFiles, history: sandbox.app.history };
    await sandbox.close();

    const reopened = await track(sandbox.reopen());
    expect(reopened.app.draft).toEqual(draft);
    expect(reopened.app.deployedFiles).toEqual(state.deployed);
    expect(reopened.app.history).toEqual(state.history);
    expect(reopened.app.hasDraftChanges).toBe(true);
    await expect(reopened.user("tracker.tasks").insertOne({ name: "no status" })).resolves.toBeDefined();
  });
});

describe("one database, several openings", () => {
  it("a second app on the same database sees the same data and deployed config", async () => {
    const first = await track(openTestApp({ template: "task-tracker" }));
    await first.app.importApp(appWithCollections({ "shop.items": { bsonType: "object", required: ["sku"] } }));
    await first.system("shop.items").insertOne({ _id: 1, sku: "A" });

    const second = await track(openTestApp({ template: "blank", deps: first.deps, databaseName: first.databaseName }));
    expect(second.app.exportApp()).toEqual(first.app.exportApp());
    expect(second.app.history).toEqual(first.app.history);
    expect(await second.system("shop.items").find({})).toEqual([{ _id: 1, sku: "A" }]);
    await expect(second.user("shop.items").insertOne({ name: "no sku" })).rejects.toThrow(/schema validation failed/);

    // Writes through either are visible to the other.
    await second.system("shop.items").insertOne({ _id: 2, sku: "B" });
    expect(await first.system("shop.items").count()).toBe(2);
  });

  it("the template seeds only a new database", async () => {
    const first = await track(openTestApp({ template: "task-tracker" }));
    await first.system("tracker.tasks").insertOne({ _id: 1, name: "kept", status: "Open", _partition: "p" });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const again = await track(openTestApp({ template: "blank", deps: first.deps, databaseName: first.databaseName }));
    expect(again.app.exportApp()).toEqual(TEMPLATES["task-tracker"](APP_ID));
    expect(again.app.history.map((h) => h.origin)).toEqual(["template"]);
    expect(await again.system("tracker.tasks").count()).toBe(1);
  });

  it("different database names are different apps", async () => {
    const a = await track(openTestApp({ template: "task-tracker" }));
    const b = await track(openTestApp({ template: "blank", deps: a.deps }));
    await a.system("tracker.tasks").insertOne({ _id: 1 });
    expect(b.app.exportApp()).toEqual(TEMPLATES.blank(APP_ID));
    expect(await b.system("tracker.tasks").count()).toBe(0);
  });

  it("reports a database that cannot be opened as an InternalServerError", async () => {
    const broken = {
      open: () => {
        throw new Error("blocked by the browser");
      },
    } as unknown as IDBFactory;
    const error = await errorOf(() =>
      SandboxApp.open({ appId: APP_ID, template: "blank", databaseName: "x", indexedDB: broken, IDBKeyRange: globalThis.IDBKeyRange }),
    );
    expect(error.code).toBe("InternalServerError");
    expect(error.message).toMatch(/^cannot open the sandbox database: /);
  });
});
