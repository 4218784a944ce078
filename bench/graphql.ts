/**
 * GraphQL figures: `tasks(limit: 100) { name assignee { name } }` over 10,000 tasks and
 * 1,000 users, through the endpoint as a user, against the same read done by hand with
 * raw Dexie and raw mingo. `notes` report the storage queries one request makes.
 */
import Dexie from "dexie";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { Query } from "mingo";

import { ObjectId, type Document } from "../src/bson/types.ts";
import { createGraphQLEndpoint } from "../src/graphql/index.ts";
import { createSandbox } from "../src/index.ts";
import { SYSTEM_CONTEXT, userContext } from "../src/services/request-context.ts";
import { timeMedian, type BenchResult } from "./harness.ts";

const TASKS = 10_000;
const USERS = 1_000;
const QUERY = "{ tasks(limit: 100) { name assignee { name } } }";

function users(): Document[] {
  return Array.from({ length: USERS }, (_, i) => ({ _id: new ObjectId(), _partition: "My Project", user_id: `user-${i}`, name: `User ${i}` }));
}

function tasks(): Document[] {
  const statuses = ["OPEN", "INPROGRESS", "COMPLETE"];
  return Array.from({ length: TASKS }, (_, i) => ({
    _id: new ObjectId(),
    _partition: "My Project",
    name: `task ${i}`,
    status: statuses[i % 3],
    assignee: `user-${(i * 7) % USERS}`,
  }));
}

async function sandboxPath() {
  const sandbox = await createSandbox({ template: "task-tracker", indexedDB: new IDBFactory(), IDBKeyRange, databaseName: "bench-graphql" });
  const app = sandbox.app;
  const system = app.mongo(SYSTEM_CONTEXT).db("tracker");
  await system.collection("users").insertMany(users());
  await system.collection("tasks").insertMany(tasks());
  let reads = 0;
  const candidates = app.store.candidates.bind(app.store);
  app.store.candidates = (ns, plan) => (reads++, candidates(ns, plan));
  const scanPages = app.store.scanPages.bind(app.store);
  app.store.scanPages = (ns, firstPage) => (reads++, scanPages(ns, firstPage));
  const endpoint = createGraphQLEndpoint({
    model: () => app.deployed,
    service: (context, name) => app.mongo(context, name),
    callFunction: () => Promise.reject(new Error("no functions in this bench")),
  });
  const context = userContext({ id: "user-1", type: "normal", data: {}, custom_data: {}, identities: [] });
  const request = async () => {
    const result = await endpoint.execute({ query: QUERY }, context);
    if (result.errors || (result.data?.tasks as unknown[]).length !== 100) throw new Error(`unexpected result: ${JSON.stringify(result).slice(0, 300)}`);
  };
  await request();
  reads = 0;
  await request();
  return { sandbox, request, readsPerRequest: reads };
}

/** The same read by hand: the first 100 tasks from Dexie through a mingo query, then the assignees by their indexed key. */
async function rawPath() {
  const db = new Dexie("bench-graphql-raw", { indexedDB: new IDBFactory(), IDBKeyRange });
  db.version(1).stores({ tasks: "_id", users: "_id, user_id" });
  await db.open();
  const plain = (docs: Document[]) => docs.map((doc) => ({ ...doc, _id: (doc._id as ObjectId).toHexString() }));
  await db.table("users").bulkAdd(plain(users()));
  await db.table("tasks").bulkAdd(plain(tasks()));
  const all = new Query({});
  const request = async () => {
    const page = all.find<Document>(await db.table("tasks").limit(100).toArray()).all();
    const keys = [...new Set(page.map((task) => task.assignee as string))];
    const found = new Query({ user_id: { $in: keys } }).find<Document>(await db.table("users").where("user_id").anyOf(keys).toArray()).all();
    const byKey = new Map(found.map((u) => [u.user_id, u]));
    const rows = page.map((task) => ({ name: task.name, assignee: byKey.has(task.assignee) ? { name: byKey.get(task.assignee)!.name } : null }));
    if (rows.length !== 100) throw new Error("unexpected raw result");
  };
  return { db, request };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export async function run(): Promise<BenchResult[]> {
  const sandbox = await sandboxPath();
  const raw = await rawPath();
  // Alternating rounds, so a load spike on the machine hits both sides alike.
  const measured: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < 3; round++) {
    measured.push(await timeMedian(sandbox.request, 3));
    baseline.push(await timeMedian(raw.request, 3));
  }
  const measuredMs = median(measured);
  const baselineMs = median(baseline);
  await sandbox.sandbox.close();
  raw.db.close();
  return [
    {
      name: "GraphQL tasks(limit: 100) { assignee { name } } vs raw Dexie + mingo",
      baselineMs,
      measuredMs,
      goal: 3,
      notes: `${TASKS.toLocaleString("en")} tasks, ${USERS.toLocaleString("en")} users; storage queries per request: ${sandbox.readsPerRequest} (tasks, then every assignee in one $in)`,
    },
  ];
}
