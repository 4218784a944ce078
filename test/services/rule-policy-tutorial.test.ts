import { beforeEach, describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import type { AppModel } from "../../src/config/types.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { ObjectId, type Document } from "../../src/bson/types.ts";
import { Mutex } from "../../src/core/mutex.ts";
import { effectiveRules } from "../../src/rules/roles/index.ts";
import type { JsonSchema } from "../../src/schema/index.ts";
import { SYSTEM_POLICY } from "../../src/services/mongodb-atlas/access-policy.ts";
import { createRulePolicy } from "../../src/services/mongodb-atlas/rule-policy.ts";
import { MongoDBService, type ServiceCatalog } from "../../src/services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, userContext, type RequestUser } from "../../src/services/request-context.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

function person(id: string, email: string): RequestUser {
  return { id, type: "normal", data: { email }, custom_data: {}, identities: [{ id: `${id}-lp`, provider_type: "local-userpass" }] };
}

const ALICE = person("5f1a2b3c4d5e6f7a8b9c0001", "alice@example.com");
const BOB = person("5f1a2b3c4d5e6f7a8b9c0002", "bob@example.com");

/** The tutorial app's catalog with the rules engine as its policy factory. */
function catalogOf(model: AppModel): ServiceCatalog {
  const collection = (ns: string) => model.collections.find((c) => c.namespace === ns);
  return {
    hasService: (name) => model.dataSources.some((source) => source.name === name),
    schemaOf: (_service, ns) => collection(ns)?.schema as JsonSchema | undefined,
    policyFor: (service, namespace, context) =>
      context.system
        ? SYSTEM_POLICY
        : createRulePolicy({ rules: effectiveRules(collection(namespace)?.rules, model.defaultRules[service]), namespace, context }),
    collectionNames: (_service, db) => model.collections.filter((c) => c.database === db).map((c) => c.collection),
  };
}

let env: ConstructorParameters<typeof MongoDBService>[0];
const tasks = (user?: RequestUser) => new MongoDBService(env, user ? userContext(user) : SYSTEM_CONTEXT).db("tracker").collection("tasks");
const users = (user?: RequestUser) => new MongoDBService(env, user ? userContext(user) : SYSTEM_CONTEXT).db("tracker").collection("users");

function task(assignee: string, name: string, status = "Open"): Document {
  return { _id: new ObjectId(), _partition: "My Project", assignee, name, status };
}

const ALICE_TASK = task(ALICE.id, "Write the guide");
const BOB_TASK = task(BOB.id, "Review the guide");

beforeEach(async () => {
  const clock = fakeClock();
  const store = new DocumentStore(new SandboxDatabase("tutorial-rules", freshIndexedDB()), clock.now);
  const model = parseApp(taskTracker("tasktracker-abcde"));
  const catalog = catalogOf(model);
  env = { store, mutex: new Mutex(), clock: clock.now, catalog: () => catalog };
  await tasks().insertMany([ALICE_TASK, BOB_TASK]);
  await users().insertMany([
    { _id: new ObjectId(), _partition: "My Project", user_id: ALICE.id, name: ALICE.data.email },
    { _id: new ObjectId(), _partition: "My Project", user_id: BOB.id, name: BOB.data.email },
  ]);
});

describe("the Task Tracker tutorial's roles through the mongodb-atlas service", () => {
  it("lets a user see every task, their own and others'", async () => {
    expect(await tasks(ALICE).find({}, undefined, { sort: { name: -1 } })).toEqual([ALICE_TASK, BOB_TASK]);
    expect(await tasks(ALICE).count({ assignee: BOB.id })).toBe(1);
  });

  it("lets a user create tasks assigned to themselves only", async () => {
    const mine = task(ALICE.id, "Plan");
    await expect(tasks(ALICE).insertOne(mine)).resolves.toEqual({ insertedId: mine._id });
    await expect(tasks(ALICE).insertOne(task(BOB.id, "Chores for Bob"))).rejects.toMatchObject({ message: "insert not permitted", httpStatus: 400 });
    await expect(tasks(ALICE).insertMany([task(ALICE.id, "ok"), task(BOB.id, "not ok")])).rejects.toThrowError("insert not permitted");
    expect(await tasks().count()).toBe(3);
  });

  it("still validates the schema of permitted writes", async () => {
    const { status: _status, ...incomplete } = task(ALICE.id, "No status");
    await expect(tasks(ALICE).insertOne(incomplete)).rejects.toMatchObject({ code: "SchemaValidationFailedWrite" });
  });

  it("lets a user modify their own tasks but not others'", async () => {
    expect(await tasks(ALICE).updateOne({ _id: ALICE_TASK._id }, { $set: { status: "InProgress" } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
    await expect(tasks(ALICE).updateOne({ _id: BOB_TASK._id }, { $set: { status: "Complete" } })).rejects.toThrowError("update not permitted");
    await expect(tasks(ALICE).replaceOne({ _id: BOB_TASK._id }, { ...BOB_TASK, name: "Mine now" })).rejects.toThrowError("update not permitted");
    expect(await tasks().findOne({ _id: BOB_TASK._id })).toEqual(BOB_TASK);
  });

  it("rejects a multi-document write that reaches another user's task, changing nothing", async () => {
    await expect(tasks(ALICE).updateMany({}, { $set: { status: "Complete" } })).rejects.toThrowError("update not permitted");
    expect(await tasks().count({ status: "Complete" })).toBe(0);
    await expect(tasks(ALICE).deleteMany({})).rejects.toThrowError("delete not permitted");
    expect(await tasks().count()).toBe(2);
  });

  it("lets a user hand a task over but not take someone else's", async () => {
    await expect(tasks(ALICE).updateOne({ _id: BOB_TASK._id }, { $set: { assignee: ALICE.id } })).rejects.toThrowError("update not permitted");
    await tasks(ALICE).updateOne({ _id: ALICE_TASK._id }, { $set: { assignee: BOB.id } });
    expect(await tasks().count({ assignee: BOB.id })).toBe(2);
  });

  it("lets a user delete their own tasks but not others'", async () => {
    await expect(tasks(ALICE).deleteOne({ _id: BOB_TASK._id })).rejects.toThrowError("delete not permitted");
    expect(await tasks(ALICE).findOneAndDelete({ _id: ALICE_TASK._id })).toEqual(ALICE_TASK);
    expect(await tasks().find({})).toEqual([BOB_TASK]);
  });

  it("applies insert permissions to an upsert that inserts", async () => {
    await expect(tasks(ALICE).updateOne({ name: "Nobody's" }, { $set: { assignee: BOB.id, status: "Open", _partition: "p" } }, { upsert: true })).rejects.toThrowError(
      "insert not permitted",
    );
    const result = await tasks(ALICE).findOneAndUpdate(
      { name: "Mine" },
      { $set: { assignee: ALICE.id, status: "Open", _partition: "p" } },
      { upsert: true, returnNewDocument: true },
    );
    expect(result).toMatchObject({ name: "Mine", assignee: ALICE.id });
  });

  it("lets every user read user documents, nobody write them, and the system do anything", async () => {
    expect((await users(BOB).find({})).map((u) => u.user_id)).toEqual([ALICE.id, BOB.id]);
    const own = await users(ALICE).findOne({ user_id: ALICE.id });
    await expect(users(ALICE).updateOne({ _id: own!._id }, { $set: { name: "Alice" } })).rejects.toThrowError("update not permitted");
    await expect(users(ALICE).insertOne({ _partition: "My Project", user_id: "x", name: "x" })).rejects.toThrowError("insert not permitted");
    await expect(users(ALICE).deleteOne({ _id: own!._id })).rejects.toThrowError("delete not permitted");
    await users().updateOne({ _id: own!._id }, { $set: { name: "Alice" } });
    expect(await users(BOB).findOne({ user_id: ALICE.id })).toMatchObject({ name: "Alice" });
  });

  it("refuses user requests on projects, which has no roles", async () => {
    const projects = new MongoDBService(env, userContext(ALICE)).db("tracker").collection("projects");
    await expect(projects.find({})).rejects.toMatchObject({ code: "NoMatchingRuleFound", message: "no rule exists for namespace 'tracker.projects'" });
    const system = new MongoDBService(env, SYSTEM_CONTEXT).db("tracker").collection("projects");
    await system.insertOne({ _partition: "p", name: "Docs" });
    expect(await system.count()).toBe(1);
  });
});
