import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { taskTracker } from "../../src/app/templates/task-tracker.ts";

/**
 * The Task Tracker backend without its onNewUser trigger, so tests that write custom
 * user data themselves do not race the trigger's asynchronous insert.
 */
export function quietTaskTracker(appId: string): AppFiles {
  const files = taskTracker(appId);
  delete files["triggers/onNewUser.json"];
  return files;
}

/** Also `test.items`: no schema and a role that allows everything, so method shapes can be tested alone. */
export function openItemsApp(appId: string): AppFiles {
  const files = quietTaskTracker(appId);
  const dir = "data_sources/mongodb-atlas/test/items";
  const everything = { name: "everything", apply_when: {}, insert: true, delete: true, read: true, write: true, fields: {}, additional_fields: {} };
  files[`${dir}/rules.json`] = formatJson({ database: "test", collection: "items", roles: [everything], filters: [] });
  files[`${dir}/relationships.json`] = formatJson({});
  return files;
}
