import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { formatJson, setFunction, setJsonFile } from "../../src/config/index.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { ExplainTrace } from "../../src/services/explain-trace.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;
const TASKS_RULES = "data_sources/mongodb-atlas/tracker/tasks/rules.json";

let sandbox: Sandbox;
let ada: { id: string; token: string };
let bob: { id: string; token: string };

const { call, user } = adminOf(() => sandbox, APP);

const oid = (n: number) => ({ $oid: n.toString(16).padStart(24, "0") });

/** The Explain answer of one operation. */
async function explain(query: string, runAs: unknown, variables?: Record<string, unknown>): Promise<any> {
  const { status, json } = await call("POST", "/graphql/explain", { query, variables, runAs });
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  [ada, bob] = [await user("ada@example.com"), await user("bob@example.com")];
  // The Task Tracker's roles (isAssignee, then default), with the default role narrowed to
  // the names and statuses of open tasks, and a query filter keeping every user to one project.
  const rules = {
    database: "tracker",
    collection: "tasks",
    roles: [
      { name: "isAssignee", apply_when: { assignee: "%%user.id" }, read: true, write: true, insert: true, delete: true },
      { name: "default", apply_when: { status: "Open" }, insert: false, delete: false, fields: { _id: { read: true }, name: { read: true }, status: { read: true } }, additional_fields: {} },
    ],
    filters: [{ name: "oneProject", apply_when: { "%%user.id": { $exists: true } }, query: { _partition: "project=demo" }, projection: {} }],
  };
  // A custom resolver whose function reads tasks as the caller.
  const draft = (await call("GET", "/drafts/current")).json.files;
  let files = setFunction(draft, { name: "openCount", private: false }, 'exports = () => context.services.get("mongodb-atlas").db("tracker").collection("tasks").count({ status: "Open" });');
  files = setJsonFile(files, "graphql/custom_resolvers/openCount.json", { on_type: "Query", field_name: "openCount", function_name: "openCount", payload_type: "Int", payload_type_format: "scalar" });
  files = setFunction(files, { name: "sameStatus", private: false }, 'exports = (task) => context.services.get("mongodb-atlas").db("tracker").collection("tasks").count({ status: task.status });');
  files = setJsonFile(files, "graphql/custom_resolvers/sameStatus.json", { on_type: "Task", field_name: "sameStatus", function_name: "sameStatus", payload_type: "Int", payload_type_format: "scalar" });
  expect((await call("PUT", "/drafts/current", { files: { ...files, [TASKS_RULES]: formatJson(rules) } })).status).toBe(200);
  expect((await call("POST", "/deployments")).status).toBe(200);
  const tasks = [
    { _id: oid(1), _partition: "project=demo", name: "Write the schema", status: "Open", assignee: ada.id },
    { _id: oid(2), _partition: "project=demo", name: "Review the rules", status: "Open", assignee: bob.id },
    { _id: oid(3), _partition: "project=demo", name: "Ship it", status: "Complete", assignee: bob.id },
    { _id: oid(4), _partition: "project=demo", name: "Ada's draft", status: "Complete", assignee: ada.id },
    { _id: oid(5), _partition: "project=other", name: "Elsewhere", status: "Open", assignee: bob.id },
  ];
  for (const document of tasks) expect((await call("POST", "/data/tracker/tasks/insert", { document })).status).toBe(200);
});

afterAll(() => sandbox?.close());

afterEach(() => vi.restoreAllMocks());

describe("Explain of a GraphQL operation", () => {
  it("answers what the client API answers for the same user", async () => {
    const query = "{ tasks(sortBy: NAME_ASC) { name status assignee { name } } }";
    const { response } = await explain(query, { userId: ada.id });
    const client = await sandbox.fetch(`${CLIENT}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${ada.token}`, "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(response).toEqual(await client.json());
    expect(response.data.tasks.map((t: { name: string }) => t.name)).toEqual(["Ada's draft", "Review the rules", "Write the schema"]);
  });

  it("lists, per field, the MongoDB call, the role filter, the roles, withheld documents, hidden fields and the storage read", async () => {
    const { report } = await explain("query Mine { tasks(query: {status_in: [\"Open\", \"Complete\"]}, limit: 10) { name assignee { name } } }", { userId: ada.id });
    expect(report.runAs).toEqual({ kind: "user", userId: ada.id, email: "ada@example.com" });
    expect(report.operationName).toBe("Mine");
    const [field] = report.fields;
    expect(field).toMatchObject({ kind: "root", key: "tasks", field: "Query.tasks" });
    expect(field.args).toContain("limit: 10");
    const [op] = field.operations;
    expect(op).toMatchObject({ operation: "find", database: "tracker", collection: "tasks", governedBy: "collection roles" });
    expect(op.call).toBe('tasks.find({status: {$in: ["Open", "Complete"]}}).limit(10)');
    expect(op.ranFilter).toContain('_partition: "project=demo"');
    expect(op.roleFilters).toEqual([
      expect.objectContaining({ name: "oneProject", applies: true, query: '{_partition: "project=demo"}', applyWhen: expect.objectContaining({ result: true, lines: expect.any(Array) }) }),
    ]);
    // Five stored, four in the project, one of them no role lets Ada read; three returned.
    expect(op).toMatchObject({ read: 5, matched: 4, returned: 3 });
    expect(op.filteredOut).toEqual({ count: 1, ids: [oid(5)] });
    expect(op.withheld).toEqual({ count: 1, ids: [oid(3)] });
    expect(op.roles).toEqual(
      expect.arrayContaining([
        { name: "isAssignee", documents: 2, applyWhen: '{"assignee":"%%user.id"}' },
        { name: "default", documents: 1, applyWhen: '{"status":"Open"}' },
      ]),
    );
    expect(op.hidden).toEqual({ count: 1, documents: [{ id: oid(2), fields: ["_partition", "assignee"] }] });
    // Which document each position of the answer is, so a null in it can be explained.
    expect(op.returnedIds).toEqual([oid(1), oid(2), oid(4)]);
    expect(op.storage).toEqual([expect.objectContaining({ kind: "scan", documents: 5 })]);
    expect(op.ms).toBeGreaterThanOrEqual(op.storageMs);
    // The assignees, read for all tasks at once, under the relationship that asked.
    const related = report.fields.find((f: { kind: string }) => f.kind === "relationship");
    expect(related).toMatchObject({ key: "tracker.users", field: "User", relationships: ["Task.assignee"] });
    expect(related.operations[0].call).toBe(`users.find({user_id: {$in: ["${ada.id}"]}})`);
    expect(related.operations[0].storage).toEqual([expect.objectContaining({ kind: "index lookup", field: "user_id", keys: 1 })]);
    expect(report.totals.documentsRead).toBeGreaterThanOrEqual(5);
    expect(report.totals.ms).toBeGreaterThan(0);
  });

  it("shows an _id query as a lookup by key, reading one document", async () => {
    const { report } = await explain("query One($id: ObjectId) { task(query: {_id: $id}) { name } }", { userId: ada.id }, { id: "000000000000000000000001" });
    const [op] = report.fields[0].operations;
    expect(op.call).toBe('tasks.findOne({_id: ObjectId("000000000000000000000001")})');
    expect(op.storage).toEqual([expect.objectContaining({ kind: "id lookup", keys: 1, documents: 1 })]);
    expect(op).toMatchObject({ read: 1, matched: 1, returned: 1, roles: [expect.objectContaining({ name: "isAssignee", documents: 1 })] });
  });

  it("records each root field of an operation on its own, under its alias", async () => {
    const { report } = await explain('{ open: tasks(query: {status: "Open"}) { name } done: tasks(query: {status: "Complete"}) { name } }', { userId: bob.id });
    expect(report.fields.map((f: { key: string }) => f.key)).toEqual(["open", "done"]);
    expect(report.fields[0].operations[0].call).toBe('tasks.find({status: "Open"}).limit(100)');
    expect(report.fields[1].operations[0].call).toBe('tasks.find({status: "Complete"}).limit(100)');
  });

  it("records writes, and the reads a mutation makes", async () => {
    const { response, report } = await explain('mutation { insertOneTask(data: {_partition: "project=demo", name: "New", status: "Open", assignee: {link: "' + ada.id + '"}}) { name } }', { userId: ada.id });
    expect(response.data.insertOneTask.name).toBe("New");
    const ops = report.fields[0].operations;
    expect(ops.map((op: { operation: string }) => op.operation)).toEqual(["insert", "findOne"]);
    expect(ops[0]).toMatchObject({ written: 1, call: "tasks.insertMany(1 document)" });
  });

  it("as the system: the same storage queries, and no role filter, role, withheld document or hidden field", async () => {
    const { response, report } = await explain("{ tasks { name } }", "system");
    expect(response.data.tasks).toHaveLength(6);
    expect(report.runAs).toEqual({ kind: "system" });
    expect(report.note).toMatch(/bypassed/);
    const [op] = report.fields[0].operations;
    expect(op).toMatchObject({ governedBy: "system (rules bypassed)", roleFilters: [], roles: [], read: 6, matched: 6, returned: 6 });
    expect(op.withheld.count + op.filteredOut.count + op.hidden.count).toBe(0);
    expect(op.ranFilter).toBeUndefined();
    expect(op.storage).toEqual([expect.objectContaining({ kind: "scan", documents: 6 })]);
  });

  it("records what a custom resolver's function asked of the database, as the caller", async () => {
    const { response, report } = await explain("{ openCount }", { userId: ada.id });
    // Open tasks of the project: the filter keeps Elsewhere out (an earlier test may have added one).
    expect(response.data.openCount).toBeGreaterThanOrEqual(2);
    const [field] = report.fields;
    expect(field).toMatchObject({ kind: "root", key: "openCount", field: "Query.openCount" });
    expect(field.operations).toEqual([
      expect.objectContaining({ operation: "count", call: 'tasks.count({status: "Open"})', returned: response.data.openCount, roleFilters: [expect.objectContaining({ name: "oneProject" })] }),
    ]);
  });

  it("records what custom resolvers on a document type asked, once per result, apart from the root field", async () => {
    const { response, report } = await explain('{ tasks(query: {status: "Open"}) { name sameStatus } }', { userId: ada.id });
    expect(response.errors).toBeUndefined();
    const answered = response.data.tasks.length;
    expect(answered).toBeGreaterThanOrEqual(2);
    const nested = report.fields.find((f: { kind: string }) => f.kind === "nested");
    expect(nested.operations).toHaveLength(answered);
    expect(nested.operations.every((op: { operation: string }) => op.operation === "count")).toBe(true);
    expect(report.fields[0].operations).toHaveLength(1);
  });

  it("reports GraphQL errors in the response and the field's error in the report", async () => {
    const { response, report } = await explain("{ projects { name } }", { userId: ada.id });
    expect(response.errors[0].message).toMatch(/no rule exists|not permitted|role/i);
    expect(report.fields[0].error).toBe(response.errors[0].message);
  });

  it("keeps the reads of the other fields when one fails and GraphQL answers early", async () => {
    const { response, report } = await explain("{ projects { name } tasks { name } }", { userId: ada.id });
    expect(response.data).toBeNull();
    const tasks = report.fields.find((f: { key: string }) => f.key === "tasks");
    // Every stored task was read (an earlier test may have added one), and three or more answered.
    expect(tasks.operations[0].read).toBeGreaterThanOrEqual(5);
    expect(tasks.operations[0].returned).toBeGreaterThanOrEqual(3);
  });

  it("refuses an unknown user and a missing identity with what to send", async () => {
    const unknown = await call("POST", "/graphql/explain", { query: "{ tasks { name } }", runAs: { userId: "nobody" } });
    expect(unknown).toMatchObject({ status: 404, json: { error_code: "UserNotFound" } });
    const missing = await call("POST", "/graphql/explain", { query: "{ tasks { name } }" });
    expect(missing).toMatchObject({ status: 400, json: { error_code: "MissingParameter", error: expect.stringMatching(/runAs/) } });
  });
});

describe("a request without Explain", () => {
  it("records nothing: no operation is traced and no rules trace is made", async () => {
    const begin = vi.spyOn(ExplainTrace.prototype, "begin");
    const rulesFor = vi.spyOn(ExplainTrace.prototype, "rulesFor");
    const response = await sandbox.fetch(`${CLIENT}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${ada.token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ tasks { name assignee { name } } }" }),
    });
    expect((await response.json()).data.tasks.length).toBeGreaterThan(0);
    expect(begin).not.toHaveBeenCalled();
    expect(rulesFor).not.toHaveBeenCalled();
  });
});
