/**
 * Rules overhead: `find({})` over 10,000 tasks as a signed-in user under the tutorial's
 * task roles (`isAssignee` reads the document, `default` is evaluated once per
 * request), against the same find as the system user, which bypasses rules.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";

import { ObjectId, type Document } from "../src/bson/types.ts";
import { Mutex } from "../src/core/mutex.ts";
import { SYSTEM_POLICY } from "../src/services/mongodb-atlas/access-policy.ts";
import { createRulePolicy } from "../src/services/mongodb-atlas/rule-policy.ts";
import { MongoDBService, type ServiceCatalog } from "../src/services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, userContext, type RequestUser } from "../src/services/request-context.ts";
import { SandboxDatabase } from "../src/storage/database.ts";
import { DocumentStore } from "../src/storage/document-store.ts";
import type { RulesConfig } from "../src/config/types.ts";
import { timeMedian, type BenchResult } from "./harness.ts";

const TASKS = 10_000;
const USERS = 20;

const TASK_RULES: RulesConfig = {
  roles: [
    { name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true, fields: {}, additional_fields: {} },
    { name: "default", apply_when: {}, insert: false, delete: false, read: true, write: false, fields: {}, additional_fields: {} },
  ],
  filters: [],
};

function user(i: number): RequestUser {
  return { id: `user-${i}`, type: "normal", data: { email: `user${i}@example.com` }, custom_data: {}, identities: [] };
}

export async function run(): Promise<BenchResult[]> {
  const clock = () => Date.UTC(2026, 0, 1);
  const db = new SandboxDatabase("bench-rules", { indexedDB: new IDBFactory(), IDBKeyRange });
  const store = new DocumentStore(db, clock);
  const docs: Document[] = [];
  for (let i = 0; i < TASKS; i++) {
    docs.push({ _id: new ObjectId(), _partition: "My Project", assignee: `user-${i % USERS}`, name: `Task ${i}`, status: "Open" });
  }
  await store.commit("tracker.tasks", docs.map((doc) => ({ type: "insert" as const, doc })));

  const catalog: ServiceCatalog = {
    hasService: (name) => name === "mongodb-atlas",
    schemaOf: () => undefined,
    policyFor: (_service, namespace, context) =>
      context.system ? SYSTEM_POLICY : createRulePolicy({ rules: TASK_RULES, namespace, context }),
    collectionNames: () => ["tasks"],
  };
  const env = { store, mutex: new Mutex(), clock, catalog: () => catalog };
  const asSystem = () => new MongoDBService(env, SYSTEM_CONTEXT).db("tracker").collection("tasks");
  const asUser = () => new MongoDBService(env, userContext(user(3))).db("tracker").collection("tasks");

  const seen = (await asUser().find({})).length;
  if (seen !== TASKS) throw new Error(`the user saw ${seen} of ${TASKS} tasks`);
  const baselineMs = await timeMedian(() => asSystem().find({}), 7, 2);
  const measuredMs = await timeMedian(() => asUser().find({}), 7, 2);
  db.close();
  return [
    {
      name: `rules: find({}) over ${TASKS} tasks as a user vs system`,
      baselineMs,
      measuredMs,
      goal: 1.5,
      notes: `${TASKS / USERS} of the tasks match isAssignee; the rest fall to default`,
    },
  ];
}
