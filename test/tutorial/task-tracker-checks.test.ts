/** The Task Tracker checks name what is wrong, for the mistakes a learner is likely to make. */
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { filesAfter } from "../../src/tutorial/state-at.ts";
import type { AppFileMap, Tutorial } from "../../src/tutorial/types.ts";
import { importCheck, readTutorial } from "./read-tutorials.ts";

const DIR = fileURLToPath(new URL("../../tutorials", import.meta.url));
const steps = (readTutorial("task-tracker-backend", DIR).tutorial as Tutorial).steps;
const solved = (folder: string) => filesAfter(steps, steps.findIndex((s) => s.folder === folder));
const TASK_RULES = "data_sources/mongodb-atlas/tracker/tasks/rules.json";

function edit(files: AppFileMap, path: string, change: (value: any) => void): AppFileMap {
  const value = JSON.parse(files[path]);
  change(value);
  return { ...files, [path]: JSON.stringify(value) };
}

async function problemsOf(folder: string, files: AppFileMap): Promise<string[]> {
  const check = await importCheck("task-tracker-backend", folder, DIR);
  return check({ draft: files, deployed: files }).problems;
}

describe("the Task Tracker checks", () => {
  it.each([
    ["03-task-schema", "data_sources/mongodb-atlas/tracker/tasks/schema.json", (s: any) => (s.properties.assignee.bsonType = "objectId"), 'In the schema of `tracker.tasks`, `assignee` has bsonType "objectId"; it should be "string".'],
    ["02-user-schema", "data_sources/mongodb-atlas/tracker/users/schema.json", (s: any) => (s.required = ["_id"]), "The schema of `tracker.users` does not list `user_id` as required."],
    ["05-relationship", "data_sources/mongodb-atlas/tracker/tasks/relationships.json", (r: any) => (r.assignee.foreign_key = "_id"), 'The `assignee` relationship matches the users\' field "_id"; it should match `user_id`.'],
    ["06-email-password", "auth/providers.json", (p: any) => (p["local-userpass"].config.autoConfirm = false), "Email/Password does not confirm users automatically: choose Confirm users automatically."],
    ["07-task-roles", TASK_RULES, (r: any) => (r.roles[0].write = false), "The `tasks` role `isAssignee` has no write permission."],
    ["07-task-roles", TASK_RULES, (r: any) => r.roles.reverse(), "The `tasks` role `default` comes before `isAssignee`, so it applies to every task first: move `isAssignee` above it."],
    ["07-task-roles", TASK_RULES, (r: any) => (r.roles[0].apply_when = { owner_id: "%%user.id" }), 'The `tasks` role `isAssignee` applies when {"owner_id":"%%user.id"}; it should apply when {"assignee":"%%user.id"}.'],
    ["08-user-roles", "data_sources/mongodb-atlas/tracker/users/rules.json", (r: any) => (r.roles[0].write = true), "The `users` role `default` has write permission; it should not."],
    ["09-sync", "sync/config.json", (s: any) => (s.state = "enabled"), "Sync is switched on, so its permissions replace the roles of `tracker` for the web client, and {} lets anyone change any task. Click Disable Sync; the settings stay."],
    ["10-auth-trigger", "triggers/onNewUser.json", (t: any) => (t.config.operation_type = "LOGIN"), "The trigger `onNewUser` does not fire on CREATE, when an account is made."],
    ["11-custom-user-data", "auth/custom_user_data.json", (c: any) => (c.user_id_field = "_id"), 'Custom user data matches users on the field "_id"; it should be `user_id`.'],
  ])("%s: %s changed", async (folder, path, change, message) => {
    expect(await problemsOf(folder, edit(solved(folder), path, change))).toContain(message);
  });

  it("reads the trigger function's source", async () => {
    const files = solved("10-auth-trigger");
    const broken = { ...files, "functions/createNewUserDocument.js": files["functions/createNewUserDocument.js"].replace("user_id: user.id", "user_id: user.email") };
    expect(await problemsOf("10-auth-trigger", broken)).toEqual(["`createNewUserDocument` does not store the new user's id as `user_id: user.id`."]);
  });

  it("tells a learner whose draft is done to deploy it", async () => {
    const check = await importCheck("task-tracker-backend", "12-deploy", DIR);
    const done = solved("11-custom-user-data");
    expect(check({ draft: done, deployed: solved("01-create-app") }).problems).toEqual(["The draft is complete but not live yet: click Deploy on the Deployment screen."]);
    const wrong = edit(done, TASK_RULES, (r) => (r.roles[0].delete = false));
    expect(check({ draft: wrong, deployed: wrong }).problems).toEqual(["In the deployed app: the `tasks` role `isAssignee` has no delete permission."]);
  });
});
