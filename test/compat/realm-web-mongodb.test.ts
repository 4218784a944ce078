import * as Realm from "realm-web";
import { afterEach, describe, expect, it } from "vitest";

import { fakeFunctions } from "../auth/helpers.ts";
import { MODES, openHarness, type Harness } from "./realm-web-support.ts";

const { ObjectId } = Realm.BSON;

async function realmError(promise: Promise<unknown>): Promise<Realm.MongoDBRealmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
    return error as Realm.MongoDBRealmError;
  }
  throw new Error("expected the call to fail");
}

const tasksOf = (user: Realm.User) => user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
const task = (user: Realm.User, name: string, status = "Open") => ({ _partition: "My Project", name, status, assignee: user.id });

describe.each(MODES)("realm-web 2.0.1 MongoDB service, $name", (mode) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function twoUsers() {
    h = await openHarness(mode);
    const ada = await h.signUp(h.client(), "ada@example.com");
    const bob = await h.signUp(h.client(), "bob@example.com");
    return { ada, bob };
  }

  it("does CRUD as two different users on their own tasks", async () => {
    const { ada, bob } = await twoUsers();
    const adaTasks = tasksOf(ada);
    const bobTasks = tasksOf(bob);

    const { insertedId } = await adaTasks.insertOne(task(ada, "Write tests"));
    expect(insertedId).toBeInstanceOf(ObjectId);
    const inserted = await bobTasks.insertMany([task(bob, "Review"), task(bob, "Ship", "Closed")]);
    expect(inserted.insertedIds).toHaveLength(2);

    expect(await adaTasks.count({ assignee: ada.id })).toBe(1);
    expect(await bobTasks.count({ assignee: bob.id })).toBe(2);
    const mine = await bobTasks.find({ assignee: bob.id }, { sort: { name: 1 }, projection: { name: 1 } });
    expect(mine.map((t) => t.name)).toEqual(["Review", "Ship"]);
    expect(Object.keys(mine[0]).sort()).toEqual(["_id", "name"]);
    expect(await adaTasks.findOne({ _id: insertedId })).toMatchObject({ name: "Write tests", assignee: ada.id });
    expect(await adaTasks.findOne({ name: "nothing" })).toBeNull();

    expect(await adaTasks.updateOne({ _id: insertedId }, { $set: { status: "InProgress" } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    const upsert = await bobTasks.updateOne({ name: "Plan", assignee: bob.id }, { $set: { _partition: "My Project", status: "Open" } }, { upsert: true });
    expect(upsert).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    expect(upsert.upsertedId).toBeInstanceOf(ObjectId);
    expect(await bobTasks.updateMany({ assignee: bob.id }, { $set: { status: "Done" } })).toEqual({ matchedCount: 3, modifiedCount: 3 });

    const updated = await adaTasks.findOneAndUpdate({ _id: insertedId }, { $set: { status: "Done" } }, { returnNewDocument: true });
    expect(updated).toMatchObject({ status: "Done" });
    const replaced = await adaTasks.findOneAndReplace({ _id: insertedId }, task(ada, "Rewritten"), { returnNewDocument: true });
    expect(replaced).toMatchObject({ _id: insertedId, name: "Rewritten" });

    const grouped = await bobTasks.aggregate([{ $match: { assignee: bob.id } }, { $group: { _id: "$status", n: { $sum: 1 } } }]);
    expect(grouped).toEqual([{ _id: "Done", n: 3 }]);

    expect(await bobTasks.deleteOne({ name: "Plan" })).toEqual({ deletedCount: 1 });
    expect(await bobTasks.deleteMany({ assignee: bob.id })).toEqual({ deletedCount: 2 });
    expect(await adaTasks.count()).toBe(1);
  });

  it("surfaces a schema failure as MongoDBRealmError SchemaValidationFailedWrite", async () => {
    const { ada } = await twoUsers();
    const error = await realmError(tasksOf(ada).insertOne({ assignee: ada.id, name: 42 }));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("SchemaValidationFailedWrite");
    expect(error.error).toMatch(/^insert not permitted/);
    expect(error.message).toMatch(/^Request failed \(POST .*\/functions\/call\): insert not permitted.* \(status 400\)$/);
  });

  it("findOneAndDelete (sent as findOneAndReplace without update) is refused by the schema, as the server did", async () => {
    const { ada } = await twoUsers();
    const { insertedId } = await tasksOf(ada).insertOne(task(ada, "Keep me"));
    const error = await realmError(tasksOf(ada).findOneAndDelete({ _id: insertedId }));
    expect(error.errorCode).toBe("SchemaValidationFailedWrite");
    expect(error.error).toMatch(/^update not permitted/);
    expect(await tasksOf(ada).count()).toBe(1);
  });

  it("keeps working across an access-token expiry", async () => {
    const { ada } = await twoUsers();
    await tasksOf(ada).insertOne(task(ada, "Before"));
    h.clock.advance(31 * 60 * 1000);
    await tasksOf(ada).insertOne(task(ada, "After"));
    expect(await tasksOf(ada).count({ assignee: ada.id })).toBe(2);
    expect(h.requests.filter((r) => r.method === "POST" && r.url.endsWith("/auth/session"))).toHaveLength(1);
  });

  it("calls app functions with EJSON arguments", async () => {
    const { ada } = await twoUsers();
    const host = fakeFunctions({ sum: (a: number, b: number) => ({ total: a + b, at: new Date(0) }) });
    h.sandbox.app.functions = host;
    expect(await ada.functions.sum(2, 3)).toEqual({ total: 5, at: new Date(0) });
    expect(host.calls[0].context.user?.id).toBe(ada.id);
    const missing = await realmError(ada.functions.nope());
    expect(missing).toMatchObject({ statusCode: 404, errorCode: "FunctionNotFound" });
  });

  it("watches a collection over server-sent events", async () => {
    const { ada } = await twoUsers();
    const tasks = tasksOf(ada);
    const stream = tasks.watch();
    const first = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tasks.insertOne(task(ada, "100% done\nreally"));
    const { value } = await first;
    expect(value).toMatchObject({ operationType: "insert", fullDocument: { name: "100% done\nreally", assignee: ada.id } });
    await stream.return(undefined);
  });

  it("an unknown service is ServiceNotFound", async () => {
    const { ada } = await twoUsers();
    const error = await realmError(ada.mongoClient("mongodb-elsewhere").db("tracker").collection("tasks").count());
    expect(error).toMatchObject({ statusCode: 404, errorCode: "ServiceNotFound", error: "service not found: 'mongodb-elsewhere'" });
  });
});

/** The tutorial's roles between two users: isAssignee may do anything with its own tasks, default may only read. */
describe.each(MODES)("realm-web 2.0.1 with the tutorial's roles, $name", (mode) => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function twoUsers() {
    h = await openHarness(mode);
    expect(h.rulesEnabled()).toBe(true);
    const ada = await h.signUp(h.client(), "ada@example.com");
    const bob = await h.signUp(h.client(), "bob@example.com");
    return { ada, bob };
  }

  it("lets another user read but not change someone's task", async () => {
    const { ada, bob } = await twoUsers();
    const { insertedId } = await tasksOf(ada).insertOne(task(ada, "Ada's task"));
    expect(await tasksOf(bob).findOne({ _id: insertedId })).toMatchObject({ name: "Ada's task" });

    const update = await realmError(tasksOf(bob).updateOne({ _id: insertedId }, { $set: { name: "Bob was here" } }));
    expect(update).toMatchObject({ statusCode: 400, errorCode: "MongoDBError", error: "update not permitted" });
    const remove = await realmError(tasksOf(bob).deleteOne({ _id: insertedId }));
    expect(remove).toMatchObject({ statusCode: 400, errorCode: "MongoDBError", error: "delete not permitted" });
    expect(await tasksOf(ada).findOne({ _id: insertedId })).toMatchObject({ name: "Ada's task" });
  });

  it("refuses a task assigned to someone else as MongoDBRealmError", async () => {
    const { ada, bob } = await twoUsers();
    const error = await realmError(tasksOf(bob).insertOne(task(ada, "Bob assigns Ada")));
    expect(error).toMatchObject({ statusCode: 400, errorCode: "MongoDBError", error: "insert not permitted" });
    expect(error.message).toMatch(/^Request failed \(POST .*\/functions\/call\): insert not permitted \(status 400\)$/);
    expect(await tasksOf(ada).count({ name: "Bob assigns Ada" })).toBe(0);
  });

  it("refuses every client request on projects, which has no roles", async () => {
    const { ada } = await twoUsers();
    const projects = ada.mongoClient("mongodb-atlas").db("tracker").collection("projects");
    for (const call of [() => projects.insertOne({ _partition: "My Project", name: "P" }), () => projects.find({})]) {
      const error = await realmError(call());
      expect(error).toMatchObject({ statusCode: 403, errorCode: "NoMatchingRuleFound", error: "no rule exists for namespace 'tracker.projects'" });
    }
  });

  it("refuses to watch projects, which has no roles", async () => {
    const { ada } = await twoUsers();
    const stream = ada.mongoClient("mongodb-atlas").db("tracker").collection("projects").watch();
    const error = await realmError(stream.next());
    expect(error).toMatchObject({ statusCode: 403, errorCode: "NoMatchingRuleFound" });
  });
});
