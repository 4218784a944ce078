import { formatJson } from "../../config/json.ts";
import type { AppFiles, RoleConfig } from "../../config/types.ts";
import { baseApp } from "./shared.ts";
import { CREATE_NEW_USER_DOCUMENT, RESET_FUNC } from "./task-tracker-functions.ts";

/*
 * The finished backend of the Task Tracker tutorial as of June 9, 2020 (the state the
 * web/GraphQL client and its generated schema match), following the GraphQL path:
 *
 * - tracker.users, tracker.tasks and tracker.projects with the schemas pasted in the
 *   Schema tab (users and tasks were pasted without a root bsonType; projects with one);
 * - tasks.assignee → users.user_id, to-one;
 * - roles: tasks `isAssignee` then `default`, users `default`. The tutorial never gives
 *   projects roles, so projects keep the empty rule the collection was added with: every
 *   client request on projects is denied (no role applies) while triggers and system
 *   functions can still use it;
 * - email/password with automatic confirmation and the refusing `resetFunc`;
 * - the onNewUser AUTHENTICATION/CREATE trigger running createNewUserDocument, whose
 *   documents are the custom user data (tracker.users, user_id);
 * - no Sync: that step is for the mobile clients, and with Sync on its permissions would
 *   replace these roles for GraphQL requests too.
 */

const TRACKER = "data_sources/mongodb-atlas/tracker";

function role(name: string, applyWhen: Record<string, unknown>, can: { insert: boolean; delete: boolean; read: boolean; write: boolean }): RoleConfig {
  return { name, apply_when: applyWhen, ...can, fields: {}, additional_fields: {} };
}

const readOnly = { insert: false, delete: false, read: true, write: false };

const SCHEMAS: Record<string, Record<string, unknown>> = {
  users: {
    title: "User",
    required: ["_id", "_partition", "user_id", "name"],
    properties: {
      _id: { bsonType: "objectId" },
      _partition: { bsonType: "string" },
      user_id: { bsonType: "string" },
      name: { bsonType: "string" },
      image: { bsonType: "string" },
    },
  },
  tasks: {
    title: "Task",
    required: ["_id", "_partition", "name", "status"],
    properties: {
      _id: { bsonType: "objectId" },
      _partition: { bsonType: "string" },
      assignee: { bsonType: "string" },
      name: { bsonType: "string" },
      status: { bsonType: "string" },
    },
  },
  projects: {
    title: "Project",
    bsonType: "object",
    required: ["_id", "_partition", "name"],
    properties: {
      _id: { bsonType: "objectId" },
      _partition: { bsonType: "string" },
      name: { bsonType: "string" },
    },
  },
};

const ROLES: Record<string, RoleConfig[]> = {
  users: [role("default", {}, readOnly)],
  tasks: [
    role("isAssignee", { assignee: "%%user.id" }, { insert: true, delete: true, read: true, write: true }),
    role("default", {}, readOnly),
  ],
  projects: [],
};

const RELATIONSHIPS: Record<string, Record<string, unknown>> = {
  users: {},
  tasks: {
    assignee: { ref: "#/relationship/mongodb-atlas/tracker/users", foreign_key: "user_id", is_list: false },
  },
  projects: {},
};

export function taskTracker(appId: string, name = "tasktracker"): AppFiles {
  const files = baseApp(appId, name);
  for (const coll of ["users", "tasks", "projects"]) {
    files[`${TRACKER}/${coll}/schema.json`] = formatJson(SCHEMAS[coll]);
    files[`${TRACKER}/${coll}/rules.json`] = formatJson({ database: "tracker", collection: coll, roles: ROLES[coll], filters: [] });
    files[`${TRACKER}/${coll}/relationships.json`] = formatJson(RELATIONSHIPS[coll]);
  }
  files["auth/providers.json"] = formatJson({
    "api-key": { name: "api-key", type: "api-key", disabled: true },
    "local-userpass": {
      name: "local-userpass",
      type: "local-userpass",
      config: { autoConfirm: true, resetFunctionName: "resetFunc", runConfirmationFunction: false, runResetFunction: true },
      disabled: false,
    },
  });
  files["auth/custom_user_data.json"] = formatJson({
    enabled: true,
    mongo_service_name: "mongodb-atlas",
    database_name: "tracker",
    collection_name: "users",
    user_id_field: "user_id",
  });
  files["functions/config.json"] = formatJson([
    { name: "createNewUserDocument", private: true, can_evaluate: {} },
    { name: "resetFunc", private: false, can_evaluate: {} },
  ]);
  files["functions/createNewUserDocument.js"] = CREATE_NEW_USER_DOCUMENT;
  files["functions/resetFunc.js"] = RESET_FUNC;
  files["triggers/onNewUser.json"] = formatJson({
    name: "onNewUser",
    type: "AUTHENTICATION",
    config: { operation_type: "CREATE", providers: ["local-userpass"] },
    function_name: "createNewUserDocument",
    disabled: false,
  });
  return files;
}
