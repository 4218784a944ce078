import { describe, expect, it } from "vitest";
import { formatJson, normalizeAppFiles, parseApp } from "../../src/config/index.ts";
import { HAS_GOLDEN, tutorialBackendExport } from "./helpers.ts";

describe.skipIf(!HAS_GOLDEN)("the realm-tutorial-backend export (20210101)", () => {
  const files = tutorialBackendExport();
  const model = HAS_GOLDEN ? parseApp(files) : (undefined as never);

  it("parses", () => {
    expect(model.name).toBe("tasktracker");
    expect(model.appId).toBeUndefined();
    expect(model.collections.map((c) => c.namespace)).toEqual(["tracker.Task", "tracker.User"]);
    expect(model.functions.map((f) => f.name)).toEqual([
      "canReadPartition",
      "canWritePartition",
      "createNewUserDocument",
      "getMyTeamMembers",
      "removeTeamMember",
      "resetFunc",
      "addTeamMember",
    ]);
    expect(model.functions.find((f) => f.name === "canReadPartition")!.run_as_system).toBe(true);
    expect(model.triggers.map((t) => [t.name, t.functionName, t.operationTypes])).toEqual([["onNewUser", "createNewUserDocument", ["CREATE"]]]);
    expect(model.auth.customUserData).toMatchObject({ enabled: true, collection_name: "User", user_id_field: "_id" });
  });

  it("keeps the rule as exported (2021 role with search)", () => {
    const task = model.collections.find((c) => c.collection === "Task")!;
    expect(task.rules).toEqual({
      roles: [{ name: "default", apply_when: {}, insert: true, delete: true, search: true, additional_fields: {} }],
      filters: [],
    });
  });

  it("reads partition Sync and indexes its key", () => {
    expect(model.sync).toMatchObject({
      state: "enabled",
      service_name: "mongodb-atlas",
      database_name: "tracker",
      development_mode_enabled: false,
      partition: { key: "_partition", type: "string", required: true },
    });
    expect(model.sync!.partition!.permissions.read).toEqual({
      "%%true": { "%function": { arguments: ["%%partition"], name: "canReadPartition" } },
    });
    expect(model.sandbox.indexes).toEqual({ "tracker.Task": ["_partition"], "tracker.User": ["_partition"] });
  });

  it("is already in canonical form and needs no conversion", () => {
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith(".json")) expect(formatJson(JSON.parse(text)), path).toBe(text);
    }
    expect(normalizeAppFiles(files)).toEqual(files);
  });
});
