import { beforeEach, describe, expect, it } from "vitest";

import { taskTracker } from "../../src/app/templates/index.ts";
import { ObjectId, type Document } from "../../src/bson/types.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import { INCIDENT_RELATIONSHIPS, INCIDENTS } from "./fixtures/apps.ts";
import { ALLOW_ALL, appWith, harness, type Harness } from "./support.ts";

const USERS = ["ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo"];

async function seedTracker(h: Harness, tasks = 30): Promise<void> {
  await h.raw("tracker.users").insertMany(USERS.map((id) => ({ _partition: "p", user_id: id, name: id.toUpperCase() })));
  if (tasks === 0) return;
  await h.raw("tracker.tasks").insertMany(
    Array.from({ length: tasks }, (_, i) => ({ _partition: "p", name: `task ${i}`, status: "OPEN", assignee: USERS[i % USERS.length] })),
  );
}

describe("relationships", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(taskTracker("rel"));
  });

  it("resolves a to-one relationship with a nested selection, in one query per level", async () => {
    await seedTracker(h);
    h.reads.reset();
    const result = await h.run("{ tasks(sortBy: NAME_ASC, limit: 30) { name assignee { name user_id } } }");
    expect(result.errors).toBeUndefined();
    expect(result.data.tasks[0]).toEqual({ name: "task 0", assignee: { name: "ANN", user_id: "ann" } });
    expect(result.data.tasks).toHaveLength(30);
    expect(result.data.tasks.every((t: any) => t.assignee.user_id === USERS[Number(t.name.slice(5)) % 10])).toBe(true);
    expect(h.reads.namespaces).toEqual(["tracker.tasks", "tracker.users"]);
  });

  it("shares one lookup between aliases and fragments of the same relationship", async () => {
    await seedTracker(h, 5);
    h.reads.reset();
    const result = await h.run("{ tasks { a: assignee { name } ...F } } fragment F on Task { b: assignee { image } }");
    expect(result.data.tasks[0]).toEqual({ a: { name: "ANN" }, b: { image: null } });
    expect(h.reads.count).toBe(2);
  });

  it("gives null for a missing or dangling key", async () => {
    await h.raw("tracker.tasks").insertMany([
      { _partition: "p", name: "none", status: "OPEN" },
      { _partition: "p", name: "dangling", status: "OPEN", assignee: "ghost" },
    ]);
    const result = await h.run("{ tasks(sortBy: NAME_ASC) { name assignee { name } } }");
    expect(result.data.tasks).toEqual([{ name: "dangling", assignee: null }, { name: "none", assignee: null }]);
  });

  it("links by the foreign key value", async () => {
    await seedTracker(h, 0);
    const result = await h.run(
      'mutation { insertOneTask(data: { _partition: "p", name: "t", status: "OPEN", assignee: { link: "bob" } }) { name assignee { name } } }',
    );
    expect(result.data.insertOneTask).toEqual({ name: "t", assignee: { name: "BOB" } });
    expect((await h.raw("tracker.tasks").findOne({}))!.assignee).toBe("bob");
    const updated = await h.run('mutation { updateOneTask(query: { name: "t" }, set: { assignee: { link: "cy" } }) { assignee { user_id } } }');
    expect(updated.data.updateOneTask.assignee).toEqual({ user_id: "cy" });
    const unset = await h.run('mutation { updateOneTask(query: { name: "t" }, set: { assignee_unset: true }) { assignee { user_id } } }');
    expect(unset.data.updateOneTask.assignee).toBeNull();
  });

  it("creates the foreign document and stores its key; create wins over link", async () => {
    const result = await h.run(`mutation {
      insertOneTask(data: { _partition: "p", name: "t", status: "OPEN",
        assignee: { link: "ignored", create: { _partition: "p", user_id: "new", name: "Newcomer" } } }) {
        assignee { user_id name }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.insertOneTask.assignee).toEqual({ user_id: "new", name: "Newcomer" });
    expect((await h.raw("tracker.tasks").findOne({}))!.assignee).toBe("new");
    expect(await h.raw("tracker.users").count({ user_id: "new" })).toBe(1);
  });

  it("filters through a relationship with the target's QueryInput", async () => {
    await seedTracker(h);
    await h.raw("tracker.tasks").insertOne({ _partition: "p", name: "orphan", status: "OPEN" });
    const byName = await h.run('{ tasks(query: { assignee: { name_in: ["BOB", "CY"] } }, limit: 0) { assignee { user_id } } }');
    expect(byName.data.tasks.map((t: any) => t.assignee.user_id).sort()).toEqual([...Array(3).fill("bob"), ...Array(3).fill("cy")]);
    const none = await h.run("{ tasks(query: { assignee_exists: false }) { name } }");
    expect(none.data.tasks).toEqual([{ name: "orphan" }]);
    const combined = await h.run('{ tasks(query: { OR: [{ assignee: { name: "ANN" } }, { name: "orphan" }] }, limit: 0) { name } }');
    expect(combined.data.tasks).toHaveLength(4);
  });
});

describe("to-many relationships and nested levels", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(appWith(INCIDENTS, INCIDENT_RELATIONSHIPS));
    await h.raw("aiid.reports").insertMany([1, 2, 3, 4, 5].map((n) => ({ report_number: n, title: `report ${n}`, flagged: n % 2 === 0 })));
    await h.raw("aiid.incidents").insertMany([
      { incident_id: 1, title: "one", reports: [1, 2] },
      { incident_id: 2, title: "two", reports: [3, 99, 4] },
      { incident_id: 3, title: "three", reports: [] },
      { incident_id: 4, title: "four" },
    ]);
    await h.raw("aiid.users").insertMany([{ userId: "u1" }, { userId: "u2" }]);
    await h.raw("aiid.subscriptions").insertMany([
      { userId: "u1", incident_id: 1 },
      { userId: "u2", incident_id: 2 },
      { userId: "u1", incident_id: 2 },
    ]);
  });

  it("resolves lists in source order, leaving out missing targets", async () => {
    const result = await h.run("{ incidents(sortBy: INCIDENT_ID_ASC) { title reports { report_number } } }");
    expect(result.data.incidents).toEqual([
      { title: "one", reports: [{ report_number: 1 }, { report_number: 2 }] },
      { title: "two", reports: [{ report_number: 3 }, { report_number: 4 }] },
      { title: "three", reports: [] },
      { title: "four", reports: null },
    ]);
  });

  it("runs one storage query per relationship per level", async () => {
    h.reads.reset();
    const result = await h.run("{ subscriptions { userId { userId } incident_id { title reports { title } } } }");
    expect(result.errors).toBeUndefined();
    expect(result.data.subscriptions[2]).toEqual({ userId: { userId: "u1" }, incident_id: { title: "two", reports: [{ title: "report 3" }, { title: "report 4" }] } });
    expect(h.reads.namespaces.sort()).toEqual(["aiid.incidents", "aiid.reports", "aiid.subscriptions", "aiid.users"]);
  });

  it("filters with eq (all listed), _in (any) and _nin (none) on a to-many relationship", async () => {
    const titles = async (query: string) => (await h.run(`{ incidents(query: ${query}, sortBy: INCIDENT_ID_ASC) { title } }`)).data.incidents.map((i: any) => i.title);
    expect(await titles("{ reports_in: [{ report_number: 1 }, { report_number: 4 }] }")).toEqual(["one", "two"]);
    expect(await titles("{ reports: [{ report_number: 3 }, { flagged: true }] }")).toEqual(["two"]);
    expect(await titles("{ reports_nin: [{ flagged: true }] }")).toEqual(["three", "four"]);
    expect(await titles("{ reports_exists: false }")).toEqual(["four"]);
  });

  it("links and creates lists of foreign documents", async () => {
    const linked = await h.run('mutation { insertOneIncident(data: { incident_id: 9, title: "nine", reports: { link: [5, 1] } }) { reports { report_number } } }');
    expect(linked.data.insertOneIncident.reports).toEqual([{ report_number: 5 }, { report_number: 1 }]);
    const created = await h.run(`mutation {
      insertOneIncident(data: { incident_id: 10, title: "ten", reports: { link: [1], create: [{ report_number: 20, title: "fresh" }, { report_number: 21 }] } }) {
        reports { report_number title }
      }
    }`);
    expect(created.data.insertOneIncident.reports).toEqual([{ report_number: 20, title: "fresh" }, { report_number: 21, title: null }]);
    expect((await h.raw("aiid.incidents").findOne({ incident_id: 10 }))!.reports).toEqual([20, 21]);
  });

  it("links with the source field's type", async () => {
    const result = await h.run('mutation { insertOneSubscription(data: { userId: { link: "u2" }, incident_id: { link: 3 } }) { userId { userId } incident_id { title } } }');
    expect(result.data.insertOneSubscription).toEqual({ userId: { userId: "u2" }, incident_id: { title: "three" } });
    expect((await h.run('mutation { insertOneSubscription(data: { userId: { link: "u2" }, incident_id: { link: "3" } }) { _id } }')).errors[0].message).toMatch(
      /Int cannot represent non-integer value: "3"/,
    );
  });
});

describe("relationships and rules", () => {
  it("a target the rules hide resolves to null; a failed write after a create leaves no created document", async () => {
    const h = await harness(taskTracker("rules"), {
      policyFor: (ns) => {
        if (ns === "tracker.users") return { ...ALLOW_ALL, readDocument: (doc: Document) => (doc.user_id === "secret" ? undefined : doc) };
        if (ns === "tracker.tasks") {
          return {
            ...ALLOW_ALL,
            checkWrite: (_kind: string, _before: unknown, after: Document | undefined) => {
              if (after?.status === "BLOCKED") throw new AppServicesError("MongoDBError", "insert not permitted");
            },
          };
        }
        return undefined;
      },
    });
    await h.raw("tracker.users").insertMany([{ _partition: "p", user_id: "secret", name: "S" }]);
    await h.raw("tracker.tasks").insertMany([{ _partition: "p", name: "t", status: "OPEN", assignee: "secret" }]);
    expect((await h.run("{ tasks { assignee { name } } }")).data.tasks).toEqual([{ assignee: null }]);
    expect((await h.run('{ tasks(query: { assignee: { name: "S" } }) { name } }')).data.tasks).toEqual([]);

    const result = await h.run(`mutation {
      insertOneTask(data: { _partition: "p", name: "x", status: "BLOCKED", assignee: { create: { _partition: "p", user_id: "made", name: "M" } } }) { _id }
    }`);
    expect(result).toEqual({ data: { insertOneTask: null }, errors: [expect.objectContaining({ message: "insert not permitted" })] });
    expect(await h.raw("tracker.users").count({ user_id: "made" })).toBe(0);
    expect(await h.raw("tracker.tasks").count()).toBe(1);
  });

  it("refuses a create whose document lacks the foreign key", async () => {
    const h = await harness(
      appWith(
        { "db.a": { properties: { _id: { bsonType: "objectId" }, b: { bsonType: "string" } } }, "db.b": { properties: { _id: { bsonType: "objectId" }, key: { bsonType: "string" } } } },
        { "db.a": { b: { ref: "#/relationship/mongodb-atlas/db/b", foreign_key: "key", is_list: false } } },
      ),
    );
    const result = await h.run("mutation { insertOneA(data: { b: { create: {} } }) { _id } }");
    expect(result.errors[0].message).toBe('cannot link the created B: it has no value for the foreign key "key"');
    expect(await h.raw("db.b").count()).toBe(0);
    const byId = await harness(
      appWith(
        { "db.a": { properties: { _id: { bsonType: "objectId" }, b: { bsonType: "objectId" } } }, "db.b": { properties: { _id: { bsonType: "objectId" }, key: { bsonType: "string" } } } },
        { "db.a": { b: { ref: "#/relationship/mongodb-atlas/db/b", foreign_key: "_id", is_list: false } } },
      ),
    );
    const made = await byId.run('mutation { insertOneA(data: { b: { create: { key: "k" } } }) { b { _id key } } }');
    expect(made.data.insertOneA.b.key).toBe("k");
    expect((await byId.raw("db.a").findOne({}))!.b).toEqual(new ObjectId(made.data.insertOneA.b._id));
  });
});
