import { describe, expect, it } from "vitest";

import { PARSE_HOOKS } from "../../../../src/app/app.ts";
import { blank } from "../../../../src/app/templates/blank.ts";
import { checkApp } from "../../../../src/config/index.ts";
import { SYNC_CONFIG, clusters, fieldOf, formOf, permissionSyntax, readSync, syncFile } from "../../../../src/ui/console/sync/sync-form.ts";

const files = () => ({ ...blank("app-abcde", "app"), "data_sources/mongodb-atlas/tracker/tasks/schema.json": "{}" });

describe("the Device Sync form", () => {
  it("starts from the guide's settings and writes a config deploy accepts", () => {
    const app = files();
    const sync = readSync(app);
    expect(sync).toMatchObject({ exists: false, enabled: false, flexible: false });
    const form = formOf(sync, app);
    expect(form).toMatchObject({ service: "mongodb-atlas", database: "tracker", key: "_partition", type: "string", required: false, read: "{}", write: "{}" });
    const written = syncFile(sync, form, true);
    expect(JSON.parse(written[SYNC_CONFIG])).toEqual({
      type: "partition",
      state: "enabled",
      development_mode_enabled: false,
      service_name: "mongodb-atlas",
      database_name: "tracker",
      partition: { key: "_partition", type: "string", required: false, permissions: { read: {}, write: {} } },
    });
    expect(checkApp({ ...app, ...written }, PARSE_HOOKS).problems).toEqual([]);
  });

  it("keeps keys it does not show, and notes when Sync was disabled", () => {
    const app = { ...files(), [SYNC_CONFIG]: JSON.stringify({ type: "partition", state: "enabled", service_name: "mongodb-atlas", database_name: "tracker", client_max_offline_days: 30, partition: { key: "owner", type: "objectId", required: true, permissions: { read: true, write: { "%%user.id": "%%partition" } } } }) };
    const sync = readSync(app);
    const form = formOf(sync, app);
    expect(form).toMatchObject({ key: "owner", type: "objectId", required: true, read: "true" });
    const out = JSON.parse(syncFile(sync, form, false)[SYNC_CONFIG]);
    expect(out).toMatchObject({ state: "disabled", client_max_offline_days: 30, partition: { permissions: { write: { "%%user.id": "%%partition" } } } });
    expect(typeof out.last_disabled).toBe("string");
  });

  it("tells Flexible Sync apart, to show it read-only", () => {
    expect(readSync({ [SYNC_CONFIG]: JSON.stringify({ type: "flexible", state: "enabled", flexible: { queryable_fields_names: [] } }) })).toMatchObject({ flexible: true, enabled: true });
  });

  it("checks a permission's JSON and places deploy's problems beside their field", () => {
    expect(permissionSyntax("{}")).toBe("");
    expect(permissionSyntax("false")).toBe("");
    expect(permissionSyntax("[1]")).toMatch(/true, false or an expression object/);
    expect(permissionSyntax("{")).toMatch(/Not valid JSON/);
    const app = { ...files(), ...syncFile(readSync(files()), { ...formOf(readSync(files()), files()), write: '{"%%usr.id": "%%partition"}' }, true) };
    const problems = checkApp(app, PARSE_HOOKS).problems;
    expect(problems.map(fieldOf)).toEqual(["write"]);
    expect(fieldOf({ path: SYNC_CONFIG, message: '"service_name" is "x", but there is no data source with that name' })).toBe("service");
    expect(clusters(app)).toEqual(["mongodb-atlas"]);
  });
});
