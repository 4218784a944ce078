import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/index.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;
const TASKS = "data_sources/mongodb-atlas/tracker/tasks/rules.json";

let sandbox: Sandbox;
let ada: { id: string; token: string };
let bob: { id: string; token: string };
let carol: { id: string; token: string };

const { call, user } = adminOf(() => sandbox, APP);

/** A `mongodb-atlas` method as a client calls it, with the user's access token. */
async function asUser(user: { token: string }, name: string, args: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const response = await sandbox.fetch(`${CLIENT}/functions/call`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
    body: JSON.stringify({ name, service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", ...args }] }),
  });
  return { status: response.status, json: await response.json() };
}

const oid = (n: number) => ({ $oid: n.toString(16).padStart(24, "0") });

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  [ada, bob, carol] = [await user("ada@example.com"), await user("bob@example.com"), await user("carol@example.com")];
  // Tasks: the assignee does everything; others read name and status of open tasks only;
  // carol's requests only ever match open tasks (a query filter).
  const rules = {
    database: "tracker",
    collection: "tasks",
    roles: [
      { name: "isAssignee", apply_when: { assignee: "%%user.id" }, read: true, write: true, insert: true, delete: true },
      { name: "openTask", apply_when: { status: "Open" }, insert: false, delete: false, fields: { name: { read: true }, status: { read: true }, _id: { read: true } }, additional_fields: {} },
    ],
    filters: [{ name: "carolSeesOpen", apply_when: { "%%user.data.email": "carol@example.com" }, query: { status: "Open" }, projection: {} }],
  };
  expect((await call("PATCH", "/drafts/current", { set: { [TASKS]: formatJson(rules) } })).status).toBe(200);
  expect((await call("POST", "/deployments")).status).toBe(200);
  const tasks = [
    { _id: oid(1), _partition: "p", name: "Write the schema", status: "Open", assignee: ada.id },
    { _id: oid(2), _partition: "p", name: "Review the rules", status: "Open", assignee: bob.id },
    { _id: oid(3), _partition: "p", name: "Ship it", status: "Complete", assignee: bob.id },
    { _id: oid(4), _partition: "p", name: "Ada's draft", status: "Complete", assignee: ada.id },
  ];
  for (const document of tasks) expect((await call("POST", "/data/tracker/tasks/insert", { document })).status).toBe(200);
});

afterAll(() => sandbox?.close());

describe("the console's API: data as the system", () => {
  it("lists configured collections and every namespace that holds documents, with counts", async () => {
    await call("POST", "/data/scratch/notes/insert", { document: { text: "not configured" } });
    const { json } = await call("GET", "/data");
    expect(json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ database: "tracker", collection: "tasks", count: 4, configured: true, hasSchema: true, hasRules: true, schema: expect.objectContaining({ title: "Task" }) }),
        expect.objectContaining({ database: "tracker", collection: "projects", count: 0, configured: true, hasSchema: true, hasRules: false }),
        { database: "scratch", collection: "notes", count: 1, configured: false, hasSchema: false, hasRules: false },
      ]),
    );
    expect(json.map((n: { database: string; collection: string }) => `${n.database}.${n.collection}`)).toEqual(["scratch.notes", "tracker.projects", "tracker.tasks", "tracker.users"]);
  });

  it.each([
    { name: "everything, in storage order", body: {}, ids: [1, 2, 3, 4], total: 4 },
    { name: "a query", body: { query: { status: "Open" } }, ids: [1, 2], total: 2 },
    { name: "a query in canonical Extended JSON", body: { query: { _id: { $in: [oid(3), oid(4)] } } }, ids: [3, 4], total: 2 },
    { name: "a sort, a skip and a limit", body: { sort: { name: 1 }, skip: 1, limit: 2 }, ids: [2, 3], total: 4 },
    { name: "a projection", body: { query: { _id: oid(1) }, projection: { name: 1 } }, ids: [1], total: 1, keys: ["_id", "name"] },
  ])("finds with $name, and counts every match", async ({ body, ids, total, keys }) => {
    const { status, json } = await call("POST", "/data/tracker/tasks/find", body);
    expect(status).toBe(200);
    expect(json.documents.map((d: { _id: unknown }) => d._id)).toEqual(ids.map(oid));
    expect(json.total).toBe(total);
    if (keys) expect(Object.keys(json.documents[0])).toEqual(keys);
  });

  it.each([
    { body: { query: "status" }, code: "InvalidParameter", message: /query must be a document/ },
    { body: { limit: -1 }, code: "InvalidParameter", message: /limit must be a whole number/ },
    { body: { query: { status: { $bogus: 1 } } }, code: /./, message: /bogus/ },
  ])("refuses a bad find with what to fix ($body)", async ({ body, code, message }) => {
    const { status, json } = await call("POST", "/data/tracker/tasks/find", body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(json.error_code).toMatch(code);
    expect(json.error).toMatch(message);
  });

  it("inserts, replaces and deletes as the system, saying what the schema would refuse", async () => {
    const inserted = await call("POST", "/data/tracker/tasks/insert", { document: { name: "No status", priority: { $numberLong: "3" } } });
    expect(inserted.status).toBe(200);
    expect(inserted.json.insertedId).toHaveProperty("$oid");
    expect(inserted.json.issues.map((i: { message: string }) => i.message).join("; ")).toMatch(/_partition|status/);
    const id = inserted.json.insertedId;
    const found = await call("POST", "/data/tracker/tasks/find", { query: { _id: id } });
    expect(found.json.documents[0].priority).toEqual({ $numberLong: "3" });

    const replaced = await call("POST", "/data/tracker/tasks/replace", { id, document: { _id: id, _partition: "p", name: "Now valid", status: "Open" } });
    expect(replaced.json).toMatchObject({ matchedCount: 1, modifiedCount: 1, issues: [] });
    const moved = await call("POST", "/data/tracker/tasks/replace", { id, document: { _id: oid(99), name: "x" } });
    expect(moved.json.error).toMatch(/cannot change the document's _id/);

    expect((await call("POST", "/data/tracker/tasks/delete", { id })).json).toEqual({ deletedCount: 1 });
    const again = await call("POST", "/data/tracker/tasks/delete", { id });
    expect(again.status).toBe(404);
    expect(again.json.error).toMatch(/no longer exists/);
  });

  it("validates documents as given, or stored documents by _id, against the collection's schema", async () => {
    const given = await call("POST", "/data/tracker/tasks/validate", { documents: [{ _id: oid(7), _partition: "p", name: "ok", status: "Open" }, { _id: oid(8), name: 5 }] });
    expect(given.json.hasSchema).toBe(true);
    expect(given.json.results[0]).toEqual({ found: true, issues: [] });
    expect(given.json.results[1].issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["name"]));
    const stored = await call("POST", "/data/tracker/tasks/validate", { ids: [oid(1), oid(42)] });
    expect(stored.json.results).toEqual([{ found: true, issues: [] }, { found: false, issues: [] }]);
  });
});

describe("the console's API: why the rules decided", () => {
  it("shows users exactly what the explanation says they see", async () => {
    const seen = await asUser(bob, "find", { query: {} });
    expect(seen.status).toBe(200);
    const names = seen.json.map((d: { name: string }) => d.name);
    expect(names).toEqual(["Write the schema", "Review the rules", "Ship it"]);
    expect(seen.json[0]).toEqual({ _id: oid(1), name: "Write the schema", status: "Open" });
  });

  it.each([
    {
      name: "a document read through the role that applies first",
      ask: { userId: () => ada.id, action: "read", documentId: oid(1) },
      expect: { allowed: true, appliedRole: "isAssignee", hiddenFields: [], governedBy: "collection roles" },
      tried: ["isAssignee"],
    },
    {
      name: "hidden fields, field by field",
      ask: { userId: () => bob.id, action: "read", documentId: oid(1) },
      expect: { allowed: true, appliedRole: "openTask", hiddenFields: ["_partition", "assignee"] },
      tried: ["isAssignee", "openTask"],
      fields: { _partition: false, assignee: false, name: true },
    },
    {
      name: "a withheld document: no role applies",
      ask: { userId: () => ada.id, action: "read", documentId: oid(3) },
      expect: { allowed: false, reason: "no role applies, so the document is withheld" },
      tried: ["isAssignee", "openTask"],
    },
    {
      name: "a document a query filter leaves out",
      ask: { userId: () => carol.id, action: "read", documentId: oid(3) },
      expect: { allowed: false, reason: expect.stringMatching(/query filter/) },
      tried: [],
      filter: { name: "carolSeesOpen", applies: true, excludes: true },
    },
    {
      name: "a refused update",
      ask: { userId: () => ada.id, action: "write", documentId: oid(2), document: { name: "Taken over", status: "Open" } },
      expect: { allowed: false, message: "update not permitted", appliedRole: "openTask", reason: expect.stringMatching(/cannot write field/) },
      tried: ["isAssignee", "openTask"],
    },
    {
      name: "a refused insert (the new document picks the role)",
      ask: { userId: () => ada.id, action: "insert", document: { _partition: "p", name: "For bob", status: "Open", assignee: "someone-else" } },
      expect: { allowed: false, message: "insert not permitted", appliedRole: "openTask" },
      tried: ["isAssignee", "openTask"],
    },
    {
      name: "an allowed delete",
      ask: { userId: () => bob.id, action: "delete", documentId: oid(3) },
      expect: { allowed: true, appliedRole: "isAssignee" },
      tried: ["isAssignee"],
    },
  ])("explains $name", async ({ ask, expect: expected, tried, fields, filter }) => {
    const { status, json } = await call("POST", "/rules/explain", { database: "tracker", collection: "tasks", ...ask, userId: ask.userId() });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ...expected, rulesHref: "#/rules/tracker/tasks" });
    expect(json.roles.filter((r: { tried: boolean }) => r.tried).map((r: { name: string }) => r.name)).toEqual(tried);
    expect(json.roles[0].asWritten).toBe('{"assignee":"%%user.id"}');
    if (fields) {
      for (const [path, allowed] of Object.entries(fields)) {
        expect(json.fields.find((f: { path: string }) => f.path === path)).toMatchObject({ access: "read", allowed });
      }
    }
    if (filter) expect(json.filters).toEqual([expect.objectContaining(filter)]);
    expect(json.trace.length).toBeGreaterThan(0);
  });

  it("fills the values into each Apply When", async () => {
    const { json } = await call("POST", "/rules/explain", { database: "tracker", collection: "tasks", userId: ada.id, action: "read", documentId: oid(3) });
    const [assignee, open] = json.roles;
    expect(assignee.applyWhen).toMatchObject({ result: false, source: "expression", asWritten: '{"assignee":"%%user.id"}' });
    expect(assignee.applyWhen.lines.join("\n")).toContain(bob.id);
    expect(assignee.applyWhen.lines.join("\n")).toContain(ada.id);
    expect(open.applyWhen.lines.join("\n")).toMatch(/status \("Complete"\)/);
  });

  it("explains the denial the client got for a refused write", async () => {
    const refused = await asUser(ada, "insertOne", { document: { _partition: "p", name: "For bob", status: "Open", assignee: bob.id } });
    expect(refused).toMatchObject({ status: 400, json: { error: "insert not permitted" } });
    const { json } = await call("POST", "/rules/explain", {
      database: "tracker",
      collection: "tasks",
      userId: ada.id,
      action: "insert",
      document: { _partition: "p", name: "For bob", status: "Open", assignee: bob.id },
    });
    expect(json).toMatchObject({ allowed: false, message: "insert not permitted" });
  });

  it.each([
    { body: { collection: "tasks", userId: "x", action: "read" }, code: "MissingParameter" },
    { body: { database: "tracker", collection: "tasks", userId: "nobody", action: "read", documentId: oid(1) }, code: "UserNotFound" },
    { body: { database: "tracker", collection: "tasks", userId: "ada", action: "peek" }, code: "InvalidParameter" },
  ])("refuses an explain it cannot answer ($code)", async ({ body, code }) => {
    expect((await call("POST", "/rules/explain", body)).json.error_code).toBe(code);
  });

  it("says when no rule exists for the namespace", async () => {
    await call("POST", "/data/tracker/projects/insert", { document: { _id: oid(50), _partition: "p", name: "P" } });
    const { json } = await call("POST", "/rules/explain", { database: "tracker", collection: "projects", userId: ada.id, action: "read", documentId: oid(50) });
    expect(json).toMatchObject({ allowed: false, governedBy: "no rules", message: "no rule exists for namespace 'tracker.projects'" });
  });
});
