/**
 * Foundation figures: insertMany through the service vs raw Dexie bulkAdd, and findOne
 * by `_id` and by an indexed field at 1,000 vs 100,000 documents (an index lookup must
 * not grow with the collection).
 */
import Dexie from "dexie";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";

import { setIndexes } from "../src/config/index.ts";
import { ObjectId, type Document } from "../src/bson/types.ts";
import { createSandbox } from "../src/index.ts";
import { SYSTEM_CONTEXT } from "../src/services/request-context.ts";
import { timeMedian, type BenchResult } from "./harness.ts";

function tasks(count: number, offset = 0): Document[] {
  const statuses = ["Open", "InProgress", "Complete"];
  return Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(),
    _partition: `project=${(offset + i) % 50}`,
    name: `task ${offset + i}`,
    status: statuses[(offset + i) % 3],
    assignee: `user-${(offset + i) % 1000}`,
  }));
}

/** The tutorial's tasks collection, optionally with a declared index on `name`. */
async function openTasks(name: string, indexName = true) {
  const sandbox = await createSandbox({ template: "task-tracker", indexedDB: new IDBFactory(), IDBKeyRange, databaseName: name });
  if (indexName) {
    await sandbox.app.saveDraft(setIndexes(sandbox.app.draft, { "tracker.tasks": ["name"] }));
    await sandbox.app.deploy();
  }
  return { sandbox, collection: sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("tasks") };
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeInsert(indexName: boolean, name: string, count: number): Promise<number> {
  const { sandbox, collection } = await openTasks(name, indexName);
  const docs = tasks(count);
  const start = performance.now();
  await collection.insertMany(docs);
  const elapsed = performance.now() - start;
  await sandbox.close();
  return elapsed;
}

async function timeRawBulkAdd(name: string, count: number): Promise<number> {
  const db = new Dexie(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  db.version(1).stores({ tasks: "_id" });
  await db.open();
  const plain = tasks(count).map((doc) => ({ ...doc, _id: (doc._id as ObjectId).toHexString() }));
  const start = performance.now();
  await db.table("tasks").bulkAdd(plain);
  const elapsed = performance.now() - start;
  db.close();
  return elapsed;
}

/**
 * Each run inserts into a fresh collection, so only the insert itself is timed; the
 * first runs warm up. The tutorial's tasks have no secondary index; the figure with
 * one declared index shows what index upkeep adds.
 */
async function insertManyFigure(count = 10_000, runs = 7, warmup = 2): Promise<BenchResult> {
  const service: number[] = [];
  const indexed: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < runs; run++) {
    service.push(await timeInsert(false, `bench-insert-${run}`, count));
    indexed.push(await timeInsert(true, `bench-insert-indexed-${run}`, count));
    raw.push(await timeRawBulkAdd(`bench-raw-${run}`, count));
  }
  const baselineMs = median(raw.slice(warmup));
  const indexedMs = median(indexed.slice(warmup));
  return {
    name: "insertMany 10,000 tasks: service vs raw Dexie bulkAdd",
    baselineMs,
    measuredMs: median(service.slice(warmup)),
    goal: 2,
    notes: `with a declared index on name: ${indexedMs.toFixed(2)} ms, ratio ${(indexedMs / baselineMs).toFixed(2)}`,
  };
}

async function findOneFigures(): Promise<BenchResult[]> {
  const small = await openTasks("bench-find-small");
  const large = await openTasks("bench-find-large");
  await small.collection.insertMany(tasks(1_000));
  for (let offset = 0; offset < 100_000; offset += 10_000) await large.collection.insertMany(tasks(10_000, offset));
  const probe = async (collection: typeof small.collection, size: number) => {
    const ids = (await collection.find({ name: { $in: ["task 7", `task ${size - 3}`] } })).map((doc) => doc._id);
    const byId = await timeMedian(async () => {
      for (let i = 0; i < 50; i++) await collection.findOne({ _id: ids[i % ids.length] });
    }, 7);
    const byField = await timeMedian(async () => {
      for (let i = 0; i < 50; i++) await collection.findOne({ name: `task ${(i * 17) % size}` });
    }, 7);
    // Ten documents by an _id range: a key range, whatever the collection's size.
    const first = (await collection.find({}, { _id: 1 }, { limit: 20 })).map((doc) => doc._id);
    const byIdRange = await timeMedian(async () => {
      for (let i = 0; i < 50; i++) await collection.find({ _id: { $gte: first[i % 10], $lt: first[(i % 10) + 10] } });
    }, 7);
    return { byId, byField, byIdRange };
  };
  const at1k = await probe(small.collection, 1_000);
  const at100k = await probe(large.collection, 100_000);
  await small.sandbox.close();
  await large.sandbox.close();
  return [
    { name: "findOne by _id (50 calls): 100,000 vs 1,000 documents", baselineMs: at1k.byId, measuredMs: at100k.byId, goal: 1.5 },
    { name: "findOne by indexed field (50 calls): 100,000 vs 1,000 documents", baselineMs: at1k.byField, measuredMs: at100k.byField, goal: 1.5 },
    { name: "find by _id range, 10 documents (50 calls): 100,000 vs 1,000 documents", baselineMs: at1k.byIdRange, measuredMs: at100k.byIdRange, goal: 1.5 },
  ];
}

export async function run(): Promise<BenchResult[]> {
  return [await insertManyFigure(), ...(await findOneFigures())];
}
