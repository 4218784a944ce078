import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Document } from "../../src/bson/types.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { asUser, denyUserWrites, openBackend, type AppSpec, type FunctionSpec, type TestBackend } from "../functions/_setup.ts";

/** A function that stores the event it gets in audit.events, tagged with the trigger's name. */
const recorder = (tag: string): FunctionSpec => ({
  source: `exports = async function (event) {
  await context.services.get("mongodb-atlas").db("audit").collection("events").insertOne({ tag: "${tag}", event });
};`,
});

const dbTrigger = (name: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name,
  type: "DATABASE",
  config: { service_name: "mongodb-atlas", database: "app", collection: "items", ...config },
  function_name: `on_${name}`,
  disabled: false,
  ...extra,
});

const TRIGGERS = [
  dbTrigger("inserts", { operation_types: ["INSERT"] }),
  dbTrigger("updates", { operation_types: ["UPDATE"] }),
  dbTrigger("updatesFull", { operation_types: ["UPDATE"], full_document: true }),
  dbTrigger("replaces", { operation_types: ["REPLACE"] }),
  dbTrigger("deletes", { operation_types: ["DELETE"] }),
  dbTrigger("deletesBefore", { operation_types: ["DELETE", "UPDATE"], full_document_before_change: true }),
  dbTrigger("urgent", { operation_types: ["INSERT", "UPDATE"], match: { "fullDocument.priority": "urgent" }, full_document: true }),
  dbTrigger("statusChanged", { operation_types: ["UPDATE"], match: { "updateDescription.updatedFields.status": { $exists: true } } }),
  dbTrigger("projected", { operation_types: ["INSERT"], project: { operationType: 1, "fullDocument.name": 1 } }),
  dbTrigger("off", { operation_types: ["INSERT"] }, { disabled: true }),
];

const spec = (overrides: Partial<Record<string, unknown>> = {}): AppSpec => {
  const functions: Record<string, FunctionSpec> = {};
  for (const t of TRIGGERS) functions[`on_${t.name}`] = recorder(t.name);
  return {
    functions: {
      ...functions,
      on_failing: { source: "exports = () => { throw new Error('trigger function failed'); };" },
      on_ordered: {
        source: `exports = async (event) => {
  await new Promise((r) => setTimeout(r, 5 - event.fullDocument.n));
  await context.services.get("mongodb-atlas").db("audit").collection("order").updateOne({ _id: 1 }, { $push: { seen: event.fullDocument.n } }, { upsert: true });
};`,
      },
      // The first event waits for the second one's write: only concurrent handling lets it through in time.
      on_unordered: {
        source: `exports = async (event) => {
  const order = context.services.get("mongodb-atlas").db("audit").collection("order");
  if (event.fullDocument.n === 1) {
    for (let i = 0; i < 300 && !(await order.findOne({ _id: 2, seen: 2 })); i++) await new Promise((r) => setTimeout(r, 10));
  }
  await order.updateOne({ _id: 2 }, { $push: { seen: event.fullDocument.n } }, { upsert: true });
};`,
      },
      on_loop: {
        source: `exports = async (event) => {
  await context.services.get("mongodb-atlas").db("loop").collection("items").insertOne({ n: event.fullDocument.n + 1 });
};`,
      },
      insertAsUser: { source: "exports = (doc) => context.services.get('mongodb-atlas').db('app').collection('items').insertOne(doc);" },
    },
    triggers: [
      ...TRIGGERS,
      { ...dbTrigger("failing", { operation_types: ["INSERT"], collection: "fragile" }) },
      { ...dbTrigger("ordered", { operation_types: ["INSERT"], collection: "queue" }) },
      { ...dbTrigger("unordered", { operation_types: ["INSERT"], collection: "burst", unordered: true }) },
      { ...dbTrigger("loop", { operation_types: ["INSERT"], database: "loop" }) },
    ],
    ...overrides,
  };
};

let backend: TestBackend;
const coll = (db: string, name: string) => backend.app.mongo(SYSTEM_CONTEXT).db(db).collection(name);
const items = () => coll("app", "items");
const settle = async () => {
  await backend.triggers.settled();
  await backend.app.log.flush();
};
const events = async (tag: string): Promise<Document[]> =>
  (await coll("audit", "events").find({ tag })).map((doc) => doc.event as Document);

beforeAll(async () => {
  backend = await openBackend(spec());
});

afterAll(() => backend.close());

beforeEach(async () => {
  await settle();
  for (const [db, name] of [["app", "items"], ["app", "queue"], ["app", "burst"], ["audit", "events"], ["audit", "order"], ["loop", "items"], ["app", "fragile"]]) {
    await coll(db, name).deleteMany({});
  }
  await settle();
  await coll("audit", "events").deleteMany({});
  await backend.app.log.clear();
});

describe("database triggers", () => {
  it("an insert delivers the change event with the full document", async () => {
    await items().insertOne({ _id: "a", name: "first", priority: "low" });
    await settle();
    const [event] = await events("inserts");
    expect(event).toMatchObject({
      operationType: "insert",
      ns: { db: "app", coll: "items" },
      documentKey: { _id: "a" },
      fullDocument: { _id: "a", name: "first", priority: "low" },
    });
    expect(event._id).toMatchObject({ _data: expect.any(String) });
    expect(event.clusterTime).toBeDefined();
    expect(event).not.toHaveProperty("fullDocumentBeforeChange");
    expect(await events("off")).toEqual([]);
  });

  it("updates carry the update description; the full document only with full_document", async () => {
    await items().insertOne({ _id: "u", name: "x", status: "open" });
    await items().updateOne({ _id: "u" }, { $set: { status: "done" }, $unset: { name: "" } });
    await settle();
    const [plain] = await events("updates");
    expect(plain).toMatchObject({ operationType: "update", updateDescription: { updatedFields: { status: "done" }, removedFields: ["name"] } });
    expect(plain).not.toHaveProperty("fullDocument");
    const [full] = await events("updatesFull");
    expect(full.fullDocument).toEqual({ _id: "u", status: "done" });
  });

  it("replaces carry the full document; deletes never do; pre-images only with full_document_before_change", async () => {
    await items().insertOne({ _id: "r", v: 1 });
    await items().replaceOne({ _id: "r" }, { v: 2 });
    await items().deleteOne({ _id: "r" });
    await settle();
    expect((await events("replaces"))[0]).toMatchObject({ operationType: "replace", fullDocument: { _id: "r", v: 2 } });
    const [deleted] = await events("deletes");
    expect(deleted).toMatchObject({ operationType: "delete", documentKey: { _id: "r" } });
    expect(deleted).not.toHaveProperty("fullDocument");
    expect(deleted).not.toHaveProperty("fullDocumentBeforeChange");
    const before = await events("deletesBefore");
    expect(before.map((e) => [e.operationType, e.fullDocumentBeforeChange])).toEqual([["delete", { _id: "r", v: 2 }]]);
  });

  it("match filters on the change event", async () => {
    await items().insertMany([
      { _id: 1, priority: "urgent" },
      { _id: 2, priority: "low" },
    ]);
    await items().updateOne({ _id: 2 }, { $set: { priority: "urgent" } });
    await items().updateOne({ _id: 1 }, { $set: { status: "seen" } });
    await items().updateOne({ _id: 1 }, { $set: { other: true } });
    await settle();
    expect((await events("urgent")).map((e) => [e.operationType, e.documentKey])).toEqual([
      ["insert", { _id: 1 }],
      ["update", { _id: 2 }],
      ["update", { _id: 1 }],
      ["update", { _id: 1 }],
    ]);
    expect((await events("statusChanged")).map((e) => e.documentKey)).toEqual([{ _id: 1 }]);
  });

  it("project trims the event", async () => {
    await items().insertOne({ _id: "p", name: "kept", secret: "dropped" });
    await settle();
    const [event] = await events("projected");
    expect(event).toEqual({ _id: expect.anything(), operationType: "insert", fullDocument: { name: "kept" } });
  });

  it("a failing trigger is logged and never undoes the write", async () => {
    await coll("app", "fragile").insertOne({ _id: "kept" });
    await settle();
    expect(await coll("app", "fragile").findOne({ _id: "kept" })).toEqual({ _id: "kept" });
    const [entry] = await backend.app.log.query({ types: ["trigger"], status: "error" });
    expect(entry.summary).toBe("trigger failing (INSERT app.fragile) → on_failing: trigger function failed");
    expect(entry.details).toMatchObject({ trigger: "failing", function: "on_failing", error: { code: "FunctionExecutionError", line: 1 } });
  });

  it("ordered triggers handle one event at a time, in commit order", async () => {
    for (const n of [1, 2, 3, 4]) await coll("app", "queue").insertOne({ n });
    await settle();
    expect(await coll("audit", "order").findOne({ _id: 1 })).toEqual({ _id: 1, seen: [1, 2, 3, 4] });
  });

  it("unordered triggers handle events concurrently", async () => {
    for (const n of [1, 2]) await coll("app", "burst").insertOne({ n });
    await settle();
    expect(await coll("audit", "order").findOne({ _id: 2 })).toEqual({ _id: 2, seen: [2, 1] });
  });

  it("writes by users (as themselves) fire triggers, whose functions run as the system", async () => {
    backend.app.usePolicies(denyUserWrites);
    try {
      await expect(backend.runtime.call("insertAsUser", [{ _id: "denied" }], asUser())).rejects.toThrow("insert not permitted");
      await items().insertOne({ _id: "by-system" });
      await settle();
      // The recorder wrote to audit.events although users may write nothing.
      expect((await events("inserts")).map((e) => e.documentKey)).toEqual([{ _id: "by-system" }]);
    } finally {
      backend.app.usePolicies(() => ({ validatesSchema: false, restrictFilter: (f) => f, readDocument: (d) => d, checkWrite: () => undefined }));
    }
  });

  it("a trigger whose writes fire itself stops after a bounded chain, with a clear log entry", async () => {
    await coll("loop", "items").insertOne({ n: 0 });
    await settle();
    const docs = await coll("loop", "items").find({}, { _id: 0 }, { sort: { n: 1 } });
    expect(docs.map((d) => d.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const [stop] = await backend.app.log.query({ types: ["trigger"], status: "error", text: "chain stops here" });
    expect(stop.summary).toBe(
      "trigger loop not run for INSERT loop.items: 8 triggers already fired in a chain (each one's writes firing the next); the chain stops here",
    );
    expect(backend.triggers.maxCascadeDepth).toBe(8);
  });

  it("trigger runs are logged with the event, duration and outcome", async () => {
    await items().insertOne({ _id: "logged" });
    await settle();
    const [entry] = await backend.app.log.query({ types: ["trigger"], text: "trigger inserts" });
    expect(entry).toMatchObject({ status: "ok", type: "trigger", durationMs: expect.any(Number) });
    expect(entry.details).toMatchObject({ triggerType: "DATABASE", function: "on_inserts", depth: 1, event: { operationType: "insert" } });
  });

  it("a deploy re-arms: disabled triggers stop, re-enabled ones fire again", async () => {
    const withInsertsOff = spec();
    withInsertsOff.triggers = withInsertsOff.triggers!.map((t) => (t.name === "inserts" ? { ...t, disabled: true } : t));
    await backend.deploy(withInsertsOff);
    await items().insertOne({ _id: "while-off" });
    await settle();
    expect(await events("inserts")).toEqual([]);
    await backend.deploy(spec());
    await items().insertOne({ _id: "back-on" });
    await settle();
    expect((await events("inserts")).map((e) => e.documentKey)).toEqual([{ _id: "back-on" }]);
  });
});
