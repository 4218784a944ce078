import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import type { LogEntry } from "../../src/log/app-log.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { quietTaskTracker } from "./fixtures.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

/** `test.items`: owners read their own items; others read only the title of shared ones. */
function itemsApp(appId: string): AppFiles {
  const files = quietTaskTracker(appId);
  const dir = "data_sources/mongodb-atlas/test/items";
  const roles = [
    { name: "owner", apply_when: { owner: "%%user.id" }, insert: true, delete: true, read: true, write: true, fields: {}, additional_fields: {} },
    { name: "sharedTitle", apply_when: { shared: true }, insert: false, delete: false, fields: { title: { read: true } }, additional_fields: {} },
  ];
  files[`${dir}/rules.json`] = formatJson({ database: "test", collection: "items", roles, filters: [] });
  files[`${dir}/relationships.json`] = formatJson({});
  files[`${dir}/schema.json`] = formatJson({
    title: "Item",
    properties: { _id: { bsonType: "int" }, owner: { bsonType: "string" }, title: { bsonType: "string" }, shared: { bsonType: "bool" } },
  });
  const functions = JSON.parse(files["functions/config.json"]) as unknown[];
  files["functions/config.json"] = formatJson([...functions, { name: "listItems", private: false, run_as_system: false }]);
  files["functions/listItems.js"] = 'exports = () => context.services.get("mongodb-atlas").db("test").collection("items").find({}).toArray();\n';
  return files;
}

let t: TestSandbox;
let token: string;
let userId: string;

beforeEach(async () => {
  t = await openSandbox();
  await t.sandbox.importApp(itemsApp(t.appId));
  ({ access_token: token, user_id: userId } = await t.signUp("ada@example.com"));
  const items = t.sandbox.app.mongo(SYSTEM_CONTEXT).db("test").collection("items");
  await items.insertMany([
    { _id: 1, owner: userId, title: "mine" },
    { _id: 2, owner: "bob", title: "shared", shared: true },
    ...Array.from({ length: 25 }, (_, i) => ({ _id: 100 + i, owner: "bob", title: `bob's ${i}` })),
  ]);
});
afterEach(async () => t.sandbox.close());

async function service(name: string, args: Record<string, unknown>) {
  return t.call("POST", t.app("/functions/call"), { body: { name, service: "mongodb-atlas", arguments: [{ database: "test", collection: "items", ...args }] }, token });
}

async function lastEntry(type: "request" | "graphql"): Promise<LogEntry> {
  await t.sandbox.app.log.flush();
  const [entry] = await t.sandbox.app.log.query({ types: [type], limit: 1 });
  return entry;
}

const withheldIds = Array.from({ length: 20 }, (_, i) => ({ $numberInt: String(100 + i) }));

describe("reads that the rules withhold leave a trace in the log", () => {
  it("records, per namespace, how many documents were withheld or shown with hidden fields, and the first 20 ids", async () => {
    const found = await service("find", { query: {} });
    expect(found.json.map((d: { title: string }) => d.title)).toEqual(["mine", "shared"]);
    expect((await lastEntry("request")).details!.withheld).toEqual([
      { namespace: "test.items", documents: 25, documentIds: withheldIds, fieldsHidden: 1, fieldsHiddenIds: [{ $numberInt: "2" }] },
    ]);
    for (const [name, args] of [["count", { query: {} }], ["aggregate", { pipeline: [{ $match: {} }] }], ["findOne", { query: { _id: 101 } }]] as const) {
      expect((await service(name, args)).status).toBe(200);
      const [summary] = (await lastEntry("request")).details!.withheld as { documents: number }[];
      expect(summary.documents, name).toBe(name === "findOne" ? 1 : 25);
    }
  });

  it("records what a function run as the caller had withheld from its reads", async () => {
    const called = await t.call("POST", t.app("/functions/call"), { body: { name: "listItems", arguments: [] }, token });
    expect(called.status, called.text).toBe(200);
    const [summary] = (await lastEntry("request")).details!.withheld as { namespace: string; documents: number }[];
    expect(summary).toMatchObject({ namespace: "test.items", documents: 25 });
  });

  it("records nothing when nothing is withheld", async () => {
    await service("find", { query: { _id: 1 } });
    expect((await lastEntry("request")).details!.withheld).toBeUndefined();
  });

  it("records what a GraphQL query's reads withheld in its GraphQL entry", async () => {
    const response = await t.call("POST", t.app("/graphql"), { body: { query: "{ items { _id title } }" }, token });
    expect(response.json.data.items).toHaveLength(2);
    const entry = await lastEntry("graphql");
    expect(entry.userId).toBe(userId);
    expect(entry.details!.withheld).toEqual([
      { namespace: "test.items", documents: 25, documentIds: withheldIds, fieldsHidden: 1, fieldsHiddenIds: [{ $numberInt: "2" }] },
    ]);
  });
});
