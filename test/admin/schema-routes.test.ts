import { afterEach, describe, expect, it } from "vitest";

import { Binary, Decimal128, Double, Long, ObjectId, Timestamp } from "../../src/bson/types.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox/services/mongodb-atlas/commands";
let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

async function open(): Promise<Sandbox> {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  return sandbox;
}

async function command(name: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await sandbox!.admin(`${ADMIN}/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function insert(collection: string, docs: Record<string, unknown>[]): Promise<void> {
  await sandbox!.app.mongo(SYSTEM_CONTEXT).db("shop").collection(collection).insertMany(docs);
}

const oid = new ObjectId("5f0c1e2d3a4b5c6d7e8f9a0b");

describe("generate_schema: a schema from the documents, as App Services generated it", () => {
  const cases: { name: string; docs: Record<string, unknown>[]; properties: Record<string, unknown> }[] = [
    {
      name: "one type per field, sorted by key, _id an objectId",
      docs: [{ _id: oid, name: "a", count: 1, done: true, at: new Date(0) }],
      properties: { _id: { bsonType: "objectId" }, at: { bsonType: "date" }, count: { bsonType: "int" }, done: { bsonType: "bool" }, name: { bsonType: "string" } },
    },
    {
      name: "every BSON type App Services schemas can name",
      docs: [{ _id: "x", d: 1.5, d1: new Double(2), l: Long.fromNumber(2 ** 40), dec: Decimal128.fromString("1.1"), b: new Binary(new Uint8Array([1])), ts: new Timestamp({ t: 1, i: 1 }), re: /a/ }],
      properties: { _id: { bsonType: "string" }, b: { bsonType: "binData" }, d: { bsonType: "double" }, d1: { bsonType: "double" }, dec: { bsonType: "decimal" }, l: { bsonType: "long" }, re: { bsonType: "regex" }, ts: { bsonType: "timestamp" } },
    },
    {
      name: "fields missing from some documents are still listed, none required",
      docs: [{ _id: 1, a: "x" }, { _id: 2, b: "y" }],
      properties: { _id: { bsonType: "int" }, a: { bsonType: "string" }, b: { bsonType: "string" } },
    },
    {
      name: "embedded objects, merged across documents",
      docs: [{ _id: 1, address: { city: "Oslo" } }, { _id: 2, address: { zip: "0150", city: "Bergen" } }],
      properties: { _id: { bsonType: "int" }, address: { bsonType: "object", properties: { city: { bsonType: "string" }, zip: { bsonType: "string" } } } },
    },
    {
      name: "arrays of scalars and of objects; arrays that were always empty have no items",
      docs: [{ _id: 1, tags: ["a", "b"], lines: [{ sku: "x", qty: 2 }], none: [] }, { _id: 2, tags: [], lines: [{ sku: "y", note: "gift" }], none: [] }],
      properties: {
        _id: { bsonType: "int" },
        lines: { bsonType: "array", items: { bsonType: "object", properties: { note: { bsonType: "string" }, qty: { bsonType: "int" }, sku: { bsonType: "string" } } } },
        none: { bsonType: "array" },
        tags: { bsonType: "array", items: { bsonType: "string" } },
      },
    },
    {
      name: "null beside one type keeps the type and admits null",
      docs: [{ _id: 1, assignee: "u1", meta: { a: 1 } }, { _id: 2, assignee: null, meta: null }],
      properties: { _id: { bsonType: "int" }, assignee: { bsonType: ["string", "null"] }, meta: { bsonType: ["object", "null"], properties: { a: { bsonType: "int" } } } },
    },
    {
      name: "numbers of different widths are number; other mixes are mixed; only null is null",
      docs: [{ _id: 1, n: 1, v: "one", z: null, arr: [1, "a"] }, { _id: 2, n: 2.5, v: 1, z: null, arr: [Long.fromNumber(2 ** 40)] }],
      properties: { _id: { bsonType: "int" }, arr: { bsonType: "array", items: { bsonType: "mixed" } }, n: { bsonType: "number" }, v: { bsonType: "mixed" }, z: { bsonType: "null" } },
    },
  ];

  it.each(cases)("$name", async ({ docs, properties }) => {
    await open();
    await insert("items", docs);
    const { status, json } = await command("generate_schema", { database_name: "shop", collection_name: "items" });
    expect(status).toBe(200);
    expect(json).toEqual({ schema: { title: "items", bsonType: "object", properties }, sampled: docs.length, limit: 500 });
    expect(Object.keys(json.schema.properties)).toEqual(Object.keys(properties));
  });

  it("samples at most `limit` documents and can filter them; an empty collection gives a starting point", async () => {
    await open();
    await insert("items", [{ _id: 1, a: "x", keep: true }, { _id: 2, b: 1, keep: false }, { _id: 3, c: 1, keep: true }]);
    const limited = await command("generate_schema", { database_name: "shop", collection_name: "items", limit: 1 });
    expect(limited.json.sampled).toBe(1);
    expect(Object.keys(limited.json.schema.properties)).toEqual(["_id", "a", "keep"]);
    const filtered = await command("generate_schema", { database_name: "shop", collection_name: "items", filter: { keep: true } });
    expect(Object.keys(filtered.json.schema.properties)).toEqual(["_id", "a", "c", "keep"]);
    const empty = await command("generate_schema", { database_name: "shop", collection_name: "nothing" });
    expect(empty.json).toEqual({ schema: { title: "nothing", bsonType: "object", properties: { _id: { bsonType: "objectId" } } }, sampled: 0, limit: 500 });
  });

  it("generates a schema the documents pass and deploy accepts", async () => {
    await open();
    await insert("items", [{ _id: oid, a: "x", n: [1, 2.5], o: { p: null } }, { _id: new ObjectId(), a: null, n: [], o: { p: "q" } }]);
    const { json } = await command("generate_schema", { database_name: "shop", collection_name: "items" });
    const check = await command("validate_schema", { database_name: "shop", collection_name: "items", schema: json.schema });
    expect(check.json).toMatchObject({ checked: 2, failed: 0, failures: [] });
  });

  it.each([
    [{ collection_name: "items" }, "database_name and collection_name must name the collection"],
    [{ database_name: "shop", collection_name: "items", limit: 0 }, "limit must be a whole number from 1 to 50000"],
    [{ database_name: "shop", collection_name: "items", limit: 50_001 }, "limit must be a whole number from 1 to 50000"],
  ])("refuses %j", async (body, message) => {
    await open();
    const { status, json } = await command("generate_schema", body);
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: message, error_code: "InvalidParameter" });
  });
});

describe("validate_schema: how many documents fail a schema that need not be saved", () => {
  it("counts the failing documents and lists each failure's path and message", async () => {
    await open();
    await insert("items", [
      { _id: 1, name: "ok", qty: 1 },
      { _id: 2, name: 42, qty: 1 },
      { _id: 3, qty: "many", tags: ["a", 2] },
    ]);
    const schema = {
      title: "Item",
      required: ["_id", "name"],
      properties: { _id: { bsonType: "int" }, name: { bsonType: "string" }, qty: { bsonType: "int" }, tags: { bsonType: "array", items: { bsonType: "string" } } },
    };
    const { status, json } = await command("validate_schema", { database_name: "shop", collection_name: "items", schema });
    expect(status).toBe(200);
    expect(json.checked).toBe(3);
    expect(json.failed).toBe(2);
    expect(json.failures.map((f: { _id: unknown }) => f._id)).toEqual([{ $numberInt: "2" }, { $numberInt: "3" }]);
    const paths = json.failures.map((f: { issues: { path: string }[] }) => f.issues.map((i) => i.path));
    expect(paths).toEqual([["name"], ["name", "qty", "tags.1"]]);
    for (const failure of json.failures) for (const issue of failure.issues) expect(issue.message).toEqual(expect.any(String));
  });

  it("refuses a schema deploy would refuse, with its problems", async () => {
    await open();
    const { status, json } = await command("validate_schema", { database_name: "shop", collection_name: "items", schema: { bsonType: "string" } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ error_code: "InvalidParameter", problems: ['root must have bsonType "object"'] });
  });

  it("reads documents the rules would hide: it runs as the system", async () => {
    await open();
    // tracker.projects has no roles: every client request on it is denied.
    await sandbox!.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("projects").insertOne({ _id: oid, name: 5 });
    const { json } = await command("validate_schema", { database_name: "tracker", collection_name: "projects", schema: { properties: { name: { bsonType: "string" } } } });
    expect(json).toMatchObject({ checked: 1, failed: 1, failures: [{ _id: { $oid: oid.toHexString() } }] });
  });
});
