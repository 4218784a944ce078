import { describe, expect, it } from "vitest";
import { formatJson, parseApp } from "../../src/config/index.ts";
import { TEMPLATES, blank, taskTracker } from "../../src/app/templates/index.ts";

describe.each(Object.entries(TEMPLATES))("template %s", (name, make) => {
  const files = make("sandbox-abcde");

  it("parses without problems", () => {
    const model = parseApp(files);
    expect(model.appId).toBe("sandbox-abcde");
    expect(model.configVersion).toBe(20210101);
    expect(model.environment).toBe("");
    expect(Object.keys(model.environments).sort()).toEqual(["development", "no-environment", "production", "qa", "testing"]);
    expect(model.dataSources).toEqual([
      {
        name: "mongodb-atlas",
        type: "mongodb-atlas",
        config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
        version: 1,
      },
    ]);
    expect(model.sync).toBeUndefined();
    expect(model.graphql.config.use_natural_pluralization).toBe(true);
  });

  it("writes every JSON file in canonical form", () => {
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith(".json")) expect(formatJson(JSON.parse(text)), path).toBe(text);
    }
  });

  it(`is deterministic (${name})`, () => {
    expect(make("sandbox-abcde")).toEqual(files);
  });
});

describe("blank", () => {
  it("is an empty app with the disabled API-key provider", () => {
    const model = parseApp(blank("blank-app"));
    expect(model.name).toBe("application-0");
    expect(model.collections).toEqual([]);
    expect(model.functions).toEqual([]);
    expect(model.triggers).toEqual([]);
    expect(model.auth.providers).toEqual({ "api-key": { name: "api-key", type: "api-key", disabled: true } });
    expect(model.auth.customUserData).toEqual({ enabled: false });
    expect(model.sandbox.indexes).toEqual({});
  });

  it("takes a name", () => {
    expect(parseApp(blank("x-1", "myapp")).name).toBe("myapp");
  });
});

describe("task-tracker", () => {
  const model = parseApp(taskTracker("tasktracker-abcde"));
  const coll = (name: string) => model.collections.find((c) => c.namespace === `tracker.${name}`)!;

  it("has the three tracker collections", () => {
    expect(model.name).toBe("tasktracker");
    expect(model.collections.map((c) => c.namespace)).toEqual(["tracker.projects", "tracker.tasks", "tracker.users"]);
  });

  it.each([
    ["users", "User", ["_id", "_partition", "user_id", "name"], { _id: "objectId", _partition: "string", user_id: "string", name: "string", image: "string" }],
    ["tasks", "Task", ["_id", "_partition", "name", "status"], { _id: "objectId", _partition: "string", assignee: "string", name: "string", status: "string" }],
    ["projects", "Project", ["_id", "_partition", "name"], { _id: "objectId", _partition: "string", name: "string" }],
  ])("schema of %s", (name, title, required, props) => {
    const schema = coll(name).schema as any;
    expect(schema.title).toBe(title);
    expect(schema.required).toEqual(required);
    const types = Object.fromEntries(Object.entries(schema.properties).map(([k, v]: [string, any]) => [k, v.bsonType]));
    expect(types).toEqual(props);
  });

  it("relates tasks.assignee to users.user_id", () => {
    expect(coll("tasks").relationships).toEqual({
      assignee: {
        ref: "#/relationship/mongodb-atlas/tracker/users",
        foreign_key: "user_id",
        is_list: false,
        target: { service: "mongodb-atlas", database: "tracker", collection: "users" },
      },
    });
    expect(coll("users").relationships).toEqual({});
  });

  it("has the tutorial's roles", () => {
    expect(coll("tasks").rules).toEqual({
      roles: [
        { name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true, fields: {}, additional_fields: {} },
        { name: "default", apply_when: {}, insert: false, delete: false, read: true, write: false, fields: {}, additional_fields: {} },
      ],
      filters: [],
    });
    expect(coll("users").rules!.roles.map((r) => [r.name, r.read, r.write, r.insert, r.delete])).toEqual([["default", true, false, false, false]]);
    expect(coll("projects").rules).toEqual({ roles: [], filters: [] });
  });

  it("has email/password with auto-confirm and resetFunc", () => {
    expect(model.auth.providers["local-userpass"]).toEqual({
      name: "local-userpass",
      type: "local-userpass",
      disabled: false,
      config: { autoConfirm: true, resetFunctionName: "resetFunc", runConfirmationFunction: false, runResetFunction: true },
    });
    expect(model.auth.customUserData).toEqual({
      enabled: true,
      mongo_service_name: "mongodb-atlas",
      database_name: "tracker",
      collection_name: "users",
      user_id_field: "user_id",
    });
  });

  it("has the two functions", () => {
    const byName = Object.fromEntries(model.functions.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(["createNewUserDocument", "resetFunc"]);
    expect(byName.createNewUserDocument.private).toBe(true);
    expect(byName.createNewUserDocument.source).toContain('collection("users")');
    expect(byName.createNewUserDocument.source).toContain('_partition: "My Project"');
    expect(byName.createNewUserDocument.source).toContain("user_id: user.id");
    expect(byName.createNewUserDocument.source).toContain("name: user.data.email");
    expect(byName.resetFunc.private).toBe(false);
    expect(byName.resetFunc.source).toMatch(/\{ token, tokenId, username, password \}/);
    expect(byName.resetFunc.source).toContain('status: "fail"');
    expect(byName.resetFunc.sourcePath).toBe("functions/resetFunc.js");
  });

  it("has the onNewUser trigger", () => {
    expect(model.triggers).toEqual([
      {
        name: "onNewUser",
        type: "AUTHENTICATION",
        disabled: false,
        functionName: "createNewUserDocument",
        operationTypes: ["CREATE"],
        providers: ["local-userpass"],
        config: { operation_type: "CREATE", providers: ["local-userpass"] },
        path: "triggers/onNewUser.json",
      },
    ]);
  });

  it("indexes users.user_id for the relationship", () => {
    expect(model.sandbox.indexes).toEqual({ "tracker.users": ["user_id"] });
  });
});
