import { describe, expect, it } from "vitest";

import { setCollectionSchema, setJsonFile } from "../../src/config/index.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { appWith, harness } from "./support.ts";

describe("endpoint", () => {
  it("builds the schema once per deployed model and follows deploys", async () => {
    const files = taskTracker("deploys");
    const h = await harness(files);
    const first = h.endpoint.schema();
    expect(h.endpoint.schema()).toBe(first);
    expect((await h.run("{ tasks { priority } }")).errors[0].message).toBe('Cannot query field "priority" on type "Task".');

    const schema = JSON.parse(files["data_sources/mongodb-atlas/tracker/tasks/schema.json"]);
    schema.properties.priority = { bsonType: "int" };
    h.deploy(setCollectionSchema(files, "mongodb-atlas", "tracker", "tasks", schema));
    expect(h.endpoint.schema()).not.toBe(first);
    await h.raw("tracker.tasks").insertOne({ _partition: "p", name: "n", status: "OPEN", priority: 2 });
    expect(await h.run("{ tasks { priority } }")).toEqual({ data: { tasks: [{ priority: 2 }] } });
  });

  it("explains why there is no API when no collection has a schema", async () => {
    const h = await harness(appWith({}));
    expect(await h.run("{ __typename }")).toEqual({
      errors: [{ message: "the GraphQL schema cannot be generated: no collection has a schema yet; GraphQL types are generated from collection schemas" }],
    });
    expect(() => h.endpoint.schema()).toThrow(/no collection has a schema yet/);
  });

  it("reaches collections of every linked data source through that service", async () => {
    let files = appWith({ "main.things": { title: "Thing", properties: { _id: { bsonType: "objectId" }, a: { bsonType: "string" } } } });
    files = setJsonFile(files, "data_sources/archive/config.json", { name: "archive", type: "mongodb-atlas", config: { clusterName: "Cluster1" } });
    files = setJsonFile(files, "data_sources/archive/old/records/rules.json", { database: "old", collection: "records", roles: [], filters: [] });
    files = setCollectionSchema(files, "archive", "old", "records", { title: "Record", properties: { _id: { bsonType: "objectId" }, b: { bsonType: "string" } } });
    const h = await harness(files);
    await h.raw("main.things").insertOne({ a: "here" });
    const result = await h.run('mutation { insertOneRecord(data: { b: "there" }) { b } }');
    expect(result).toEqual({ data: { insertOneRecord: { b: "there" } } });
    expect((await h.run("{ things { a } records { b } }")).data).toEqual({ things: [{ a: "here" }], records: [{ b: "there" }] });
    expect(h.reads.namespaces).toContain("old.records");
  });

  it("selects the operation by name", async () => {
    const h = await harness(taskTracker("ops"));
    const query = "query A { tasks { name } } query B { users { name } }";
    expect(await h.endpoint.execute({ query, operationName: "B" }, { user: null, system: false })).toEqual({ data: { users: [] } });
    expect((await h.endpoint.execute({ query }, { user: null, system: false })).errors![0].message).toBe("Must provide operation name if query contains multiple operations.");
  });
});

describe("introspection switch", () => {
  it("refuses introspection when graphql/config.json disables it", async () => {
    const h = await harness(taskTracker("no-introspection"));
    const model = h.model;
    h.deploy(taskTracker("no-introspection"));
    (h.model.graphql.config as Record<string, unknown>).disable_schema_introspection = true;
    const result = await h.run("{ __schema { queryType { name } } }");
    expect(result.errors[0].message).toMatch(/introspection/i);
    expect(model).not.toBe(h.model);
  });
});
