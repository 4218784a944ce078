/** Sandbox files and rules the browser tests load through the page. */
import type { Page } from "playwright-core";
import { expect } from "vitest";

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

/** Tasks: the assignee does everything; others read the name and status of open tasks only. */
export const TASK_RULES = {
  database: "tracker",
  collection: "tasks",
  roles: [
    { name: "isAssignee", apply_when: { assignee: "%%user.id" }, read: true, write: true, insert: true, delete: true },
    { name: "openTask", apply_when: { status: "Open" }, insert: false, delete: false, fields: { _id: { read: true }, name: { read: true }, status: { read: true } }, additional_fields: {} },
  ],
  filters: [],
};

/** Deploys TASK_RULES through the console's API. */
export async function deployTaskRules(page: Page, appId: string): Promise<void> {
  const statuses = await page.evaluate(
    async ([appId, rules]) => {
      const base = new URL(`./api/admin/v3.0/groups/sandbox/apps/${appId}`, document.baseURI).href;
      const admin = (globalThis as any).realmSandbox.admin;
      const patched = await admin(`${base}/drafts/current`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ set: { "data_sources/mongodb-atlas/tracker/tasks/rules.json": rules } }),
      });
      const deployed = await admin(`${base}/deployments`, { method: "POST" });
      return [patched.status, deployed.status];
    },
    [appId, JSON.stringify(TASK_RULES)] as const,
  );
  expect(statuses).toEqual([200, 200]);
}
