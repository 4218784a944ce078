/** Sandbox files the browser tests load through the page's import. */
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SandboxSnapshot } from "../../src/app/snapshot.ts";
import { taskTracker } from "../../src/app/templates/index.ts";

export const APP_ID = "tasktracker-sandbox";

/** The finished Task Tracker backend with some tasks, as an exported sandbox file. */
export function taskTrackerSnapshot(taskNames: string[]): string {
  const snapshot: SandboxSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    appId: APP_ID,
    exportedAt: new Date(0).toISOString(),
    app: { deployed: taskTracker(APP_ID) },
    collections: {
      "tracker.tasks": taskNames.map((name, i) => ({
        _id: { $oid: (0x5f0c8a1b2c3d4e5f60718200n + BigInt(i)).toString(16) },
        _partition: "project=demo",
        name,
        status: "Open",
      })),
    },
    users: [],
    sessions: [],
  };
  return JSON.stringify(snapshot);
}
