/** The browser suite's data: the Task Tracker backend with 10,000 tasks spread over 1,000 users. */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SandboxSnapshot } from "../../src/app/snapshot.ts";
import { taskTracker } from "../../src/app/templates/index.ts";

export const APP_ID = "tasktracker-sandbox";
export const TASKS = 10_000;
export const USERS = 1_000;

function oid(base: bigint, i: number): { $oid: string } {
  return { $oid: (base + BigInt(i)).toString(16) };
}

/** The id of the task `findOne({_id})` looks up, in the middle of the collection. */
export const PROBE_TASK_ID = oid(0x5f0c8a1b2c3d4e5f60000000n, 4321).$oid;

export function benchSnapshot(): string {
  const statuses = ["Open", "InProgress", "Complete"];
  const snapshot: SandboxSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    appId: APP_ID,
    exportedAt: new Date(0).toISOString(),
    app: { deployed: taskTracker(APP_ID) },
    collections: {
      "tracker.users": Array.from({ length: USERS }, (_, i) => ({
        _id: oid(0x5f0c8a1b2c3d4e5f50000000n, i),
        _partition: "project=demo",
        user_id: `user-${i}`,
        name: `User ${i}`,
      })),
      "tracker.tasks": Array.from({ length: TASKS }, (_, i) => ({
        _id: oid(0x5f0c8a1b2c3d4e5f60000000n, i),
        _partition: `project=${i % 50}`,
        name: `task ${i}`,
        status: statuses[i % 3],
        assignee: `user-${i % USERS}`,
      })),
    },
    users: [],
    sessions: [],
  };
  return JSON.stringify(snapshot);
}
