/**
 * How much storage a GraphQL read costs: a limited list reads about as many documents as
 * it returns, and a relationship over a whole list is one batch of index lookups in one
 * transaction, each key once. Counted at the IndexedDB API (fake-indexeddb) in this test.
 */
import { IDBDatabase, IDBIndex, IDBObjectStore } from "fake-indexeddb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openSandbox, type TestSandbox } from "../protocol/helpers.ts";

interface Read {
  transaction: number;
  namespaces: string[];
}

/** Every read request on the documents store: its transaction and the namespaces of the records it returned. */
const reads: Read[] = [];
const transactions = new WeakMap<object, number>();
let transactionCount = 0;
const restore: (() => void)[] = [];

function countReads(proto: { prototype: object }, method: string): void {
  const target = proto.prototype as Record<string, (...args: unknown[]) => IDBRequest>;
  const original = target[method];
  target[method] = function (this: { transaction?: object; objectStore?: { transaction: object } }, ...args: unknown[]) {
    const request = original.apply(this, args);
    const transaction = this.transaction ?? this.objectStore!.transaction;
    request.addEventListener("success", () => {
      const result = request.result as unknown;
      const records = (Array.isArray(result) ? result : [result]) as ({ ns?: string } | undefined)[];
      const namespaces = records.flatMap((record) => (record && typeof record.ns === "string" ? [record.ns] : []));
      if (namespaces.length > 0 || Array.isArray(result)) reads.push({ transaction: transactions.get(transaction)!, namespaces });
    });
    return request;
  };
  restore.push(() => (target[method] = original));
}

beforeAll(() => {
  const proto = IDBDatabase.prototype as unknown as Record<string, (...args: unknown[]) => object>;
  const open = proto.transaction;
  proto.transaction = function (...args: unknown[]) {
    const transaction = open.apply(this, args);
    transactions.set(transaction, ++transactionCount);
    return transaction;
  };
  restore.push(() => (proto.transaction = open));
  for (const method of ["get", "getAll"]) {
    countReads(IDBIndex, method);
    countReads(IDBObjectStore, method);
  }
});

afterAll(() => {
  for (const undo of restore.splice(0)) undo();
});

afterEach(() => {
  reads.length = 0;
});

const USERS = 40;
const TASKS = 300;

async function trackerWithTasks(): Promise<{ t: TestSandbox; token: string }> {
  const t = await openSandbox();
  const { access_token } = await t.signUp("ada@example.com");
  const db = t.sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker");
  await db.collection("users").insertMany(Array.from({ length: USERS }, (_, i) => ({ _id: new ObjectId(), _partition: "p", user_id: `u${i}`, name: `User ${i}` })));
  await db.collection("tasks").insertMany(
    Array.from({ length: TASKS }, (_, i) => ({ _id: new ObjectId(), _partition: "p", name: `Task ${i}`, status: "Open", assignee: `u${(i * 7) % USERS}` })),
  );
  reads.length = 0;
  return { t, token: access_token };
}

const documentsRead = (namespace: string) => reads.reduce((sum, read) => sum + read.namespaces.filter((ns) => ns === namespace).length, 0);
const readsOf = (namespace: string) => reads.filter((read) => read.namespaces.includes(namespace));

describe("GraphQL reads as much storage as the answer needs", () => {
  it("tasks(limit: 100) reads 100 task documents, not two growing pages", async () => {
    const { t, token } = await trackerWithTasks();
    const reply = await t.call("POST", t.app("/graphql"), { token, body: { query: "{ tasks(limit: 100) { name } }" } });
    expect(reply.json.data.tasks).toHaveLength(100);
    expect(reply.json.data.tasks[0]).toEqual({ name: "Task 0" });
    expect(documentsRead("tracker.tasks")).toBe(100);
    await t.sandbox.close();
  });

  it("a to-one relationship over 100 tasks reads each related key once, in one batch of one transaction", async () => {
    const { t, token } = await trackerWithTasks();
    const reply = await t.call("POST", t.app("/graphql"), { token, body: { query: "{ tasks(limit: 100) { name assignee { name } } }" } });
    const tasks = reply.json.data.tasks as { name: string; assignee: { name: string } }[];
    expect(tasks).toHaveLength(100);
    tasks.forEach((task, i) => expect(task).toEqual({ name: `Task ${i}`, assignee: { name: `User ${(i * 7) % USERS}` } }));
    // 100 tasks name all 40 users: each is read once, every lookup in the same transaction.
    expect(documentsRead("tracker.users")).toBe(USERS);
    expect(new Set(readsOf("tracker.users").map((read) => read.transaction)).size).toBe(1);
    expect(documentsRead("tracker.tasks")).toBe(100);
    await t.sandbox.close();
  });

  it("a relationship nested under another is batched per level, still once per key", async () => {
    const { t, token } = await trackerWithTasks();
    const query = "{ tasks(limit: 20) { name assignee { name } } again: tasks(limit: 20) { assignee { user_id } } }";
    const reply = await t.call("POST", t.app("/graphql"), { token, body: { query } });
    expect(reply.json.data.again).toHaveLength(20);
    // Both root fields resolve in the same level, so their 20 tasks' 20 users are read once.
    expect(documentsRead("tracker.users")).toBe(20);
    await t.sandbox.close();
  });
});
