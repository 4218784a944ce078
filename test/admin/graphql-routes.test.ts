import { buildClientSchema, printSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/index.ts";
import { DEFAULT_LIMITS } from "../../src/graphql/index.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;
const TASKS_SCHEMA = "data_sources/mongodb-atlas/tracker/tasks/schema.json";

let sandbox: Sandbox;
let ada: { id: string; token: string };

const { call, user } = adminOf(() => sandbox, APP);

async function asClient(token: string, query: string): Promise<any> {
  const response = await sandbox.fetch(`${CLIENT}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  ada = await user("ada@example.com");
  const bob = await user("bob@example.com");
  const tasks = [
    { _partition: "p", name: "Write the schema", status: "Open", assignee: ada.id },
    { _partition: "p", name: "Review the rules", status: "Open", assignee: bob.id },
    { _partition: "p", name: "Ship it", status: "Complete", assignee: bob.id },
  ];
  for (const document of tasks) expect((await call("POST", "/data/tracker/tasks/insert", { document })).status).toBe(200);
});

afterAll(() => sandbox?.close());

describe("the GraphQL schema route", () => {
  it("answers the deployed schema as SDL and introspection that rebuild the same schema, with the limits", async () => {
    const { status, json } = await call("GET", "/graphql/schema");
    expect(status).toBe(200);
    expect(json.source).toBe("deployed");
    expect(json.sdl).toContain("type Task {");
    expect(json.sdl).toContain("tasks(query: TaskQueryInput");
    expect(printSchema(buildClientSchema(json.introspection))).toBe(json.sdl);
    expect(json.errors).toEqual([]);
    expect(json.limits).toEqual(DEFAULT_LIMITS);
    expect(json.introspectionDisabled).toBe(false);
  });

  it("builds the draft's schema without deploying it", async () => {
    const draft = await call("GET", "/drafts/current");
    const schema = JSON.parse(draft.json.files[TASKS_SCHEMA]);
    schema.properties.priority = { bsonType: "int" };
    expect((await call("PATCH", "/drafts/current", { set: { [TASKS_SCHEMA]: formatJson(schema) } })).status).toBe(200);
    try {
      const drafted = await call("GET", "/graphql/schema?source=draft");
      expect(drafted.json.source).toBe("draft");
      expect(drafted.json.sdl).toMatch(/type Task \{[^}]*priority: Int/);
      const deployed = await call("GET", "/graphql/schema?source=deployed");
      expect(deployed.json.sdl).not.toContain("priority");
    } finally {
      await call("DELETE", "/drafts/current");
    }
  });

  it("says why there is no schema, and refuses an unknown source", async () => {
    const bad = await call("GET", "/graphql/schema?source=latest");
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error_code: "InvalidParameter", error: expect.stringMatching(/deployed or draft/) });
  });
});

describe("running GraphQL as the system", () => {
  it("answers what a client would, and says the rules were bypassed", async () => {
    const { status, json } = await call("POST", "/graphql/run", { query: "query Open { tasks(query: {status: \"Open\"}) { name status } }", operationName: "Open" });
    expect(status).toBe(200);
    expect(json.data.tasks.map((t: { name: string }) => t.name).sort()).toEqual(["Review the rules", "Write the schema"]);
    expect(json.extensions).toMatchObject({ runAs: "system", rulesBypassed: true, note: expect.stringMatching(/bypassed/) });
  });

  it("answers GraphQL errors with their location, and refuses a body without a query", async () => {
    const { json } = await call("POST", "/graphql/run", { query: "{ tasks { nope } }" });
    expect(json.errors[0]).toMatchObject({ message: expect.stringMatching(/nope/), locations: [{ line: 1, column: 11 }] });
    const missing = await call("POST", "/graphql/run", {});
    expect(missing.status).toBe(400);
    expect(missing.json.error_code).toBe("MissingParameter");
  });

  it("sees what a user's request cannot: projects have no roles, so a user is refused and the system is not", async () => {
    const asAda = await asClient(ada.token, "{ projects { name } }");
    expect(asAda.errors?.[0]?.message).toMatch(/no (matching )?role|not permitted|no rule/i);
    const asSystem = await call("POST", "/graphql/run", { query: "{ projects { name } }" });
    expect(asSystem.json.errors).toBeUndefined();
    expect(asSystem.json.data.projects).toEqual([]);
  });
});
