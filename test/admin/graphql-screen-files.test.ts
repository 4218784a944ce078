/**
 * The files the GraphQL screen writes (custom resolvers, graphql/config.json) as the
 * backend reads them: saved to the draft, deployed, and answered through the client API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { functionFiles } from "../../src/ui/console/functions/function-files.ts";
import { checkForm, emptyForm, listResolvers, newResolverPath, resolverSource, signature, writeResolver, type ResolverForm } from "../../src/ui/console/graphql/resolver-files.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;

let sandbox: Sandbox;
let token: string;

const { call } = adminOf(() => sandbox, APP);

async function asClient(query: string, variables?: unknown): Promise<any> {
  const response = await sandbox.fetch(`${CLIENT}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function saveAndDeploy(set: Record<string, string>): Promise<void> {
  const saved = await call("PATCH", "/drafts/current", { set });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  const deployed = await call("POST", "/deployments");
  expect(deployed.status, JSON.stringify(deployed.json)).toBe(200);
}

async function draftFiles(): Promise<Record<string, string>> {
  return (await call("GET", "/drafts/current")).json.files;
}

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  const created = await call("POST", "/users", { email: "ada@example.com", password: "secret123" });
  token = (await call("POST", `/users/${created.json.id}/sessions`)).json.access_token;
});

afterAll(() => sandbox?.close());

describe("custom resolvers written by the GraphQL screen", () => {
  it("a Query field with a scalar payload and a starter function answers the starter's value", async () => {
    const form: ResolverForm = { ...emptyForm(), field_name: "taskCount", function_name: "resolveTaskCount", payload: { format: "scalar", name: "Int", schema: "" } };
    const files = await draftFiles();
    expect(checkForm(form, listResolvers(files), ["resolveTaskCount"])).toEqual([]);
    const path = newResolverPath(form, files);
    expect(path).toBe("graphql/custom_resolvers/query_taskCount.json");
    await saveAndDeploy({ ...functionFiles(files, { name: "resolveTaskCount", private: true }, resolverSource(form)), [path]: JSON.stringify(writeResolver(form)) });
    expect(await asClient("{ taskCount }")).toEqual({ data: { taskCount: 42 } });
    expect(signature(form)).toBe("taskCount: Int");
    expect(listResolvers(await draftFiles()).map((r) => r.form)).toEqual([form]);
  });

  it("a computed field on Task with a custom input type gets the input and the task", async () => {
    const schema = JSON.stringify({ bsonType: "object", title: "LabelInput", properties: { prefix: { bsonType: "string" } } });
    const form: ResolverForm = {
      on_type: "Task",
      field_name: "label",
      function_name: "taskLabel",
      input: { format: "custom", name: "", schema },
      payload: { format: "scalar", name: "String", schema: "" },
    };
    const files = await draftFiles();
    expect(checkForm(form, listResolvers(files), ["taskLabel"])).toEqual([]);
    const source = "exports = function (input, source) { return input.prefix + source.name; };\n";
    await saveAndDeploy({ ...functionFiles(files, { name: "taskLabel", private: true }, source), [newResolverPath(form, files)]: JSON.stringify(writeResolver(form)) });
    expect(signature(form)).toBe("label(input: LabelInput): String");
    await call("POST", "/data/tracker/tasks/insert", { document: { _partition: "p", name: "Ship it", status: "Open" } });
    const answer = await asClient('{ tasks { label(input: { prefix: "Task: " }) } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data.tasks.map((t: { label: string }) => t.label)).toContain("Task: Ship it");
  });

  it("refuses names GraphQL cannot take, and a second field of the same name on the same type", () => {
    const others = [{ path: "graphql/custom_resolvers/query_taskCount.json", raw: {}, form: { ...emptyForm(), field_name: "taskCount" } }];
    const fieldProblems = (name: string) => checkForm({ ...emptyForm(), field_name: name, function_name: "f" }, others, ["f"]).filter((p) => p.field === "field_name");
    expect(fieldProblems("task count")[0].message).toMatch(/not a GraphQL name/);
    expect(fieldProblems("1st")[0].message).toMatch(/not a GraphQL name/);
    expect(fieldProblems("__schema")[0].message).toMatch(/belong to GraphQL itself/);
    expect(fieldProblems("taskCount")[0].message).toMatch(/already has a custom resolver named taskCount/);
    expect(fieldProblems("_private_2")).toEqual([]);
  });
});

describe("graphql/config.json written by the GraphQL screen", () => {
  it("turning introspection off refuses clients' introspection after deploy, and the schema route says so", async () => {
    const introspect = "{ __schema { queryType { name } } }";
    expect((await asClient(introspect)).data.__schema.queryType.name).toBe("Query");
    await saveAndDeploy({ "graphql/config.json": JSON.stringify({ use_natural_pluralization: true, disable_schema_introspection: true }) });
    expect((await call("GET", "/graphql/schema")).json.introspectionDisabled).toBe(true);
    const refused = await asClient(introspect);
    expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
    expect(await asClient("{ taskCount }")).toEqual({ data: { taskCount: 42 } });
  });
});
