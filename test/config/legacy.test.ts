import { describe, expect, it } from "vitest";
import {
  type AppFiles,
  convertLegacyApp,
  detectConfigVersion,
  formatJson,
  normalizeAppFiles,
  parseApp,
} from "../../src/config/index.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { HAS_GOLDEN, problemsOf, tutorialBackendExport } from "./helpers.ts";

const modern = tutorialBackendExport();
const json = (path: string) => JSON.parse(modern[path]);
const SCHEMA = (c: string) => json(`data_sources/mongodb-atlas/tracker/${c}/schema.json`);
const ROLES = (c: string) => json(`data_sources/mongodb-atlas/tracker/${c}/rules.json`).roles;

/** The same backend as a realm-cli v1 (20200603) export, with the export-era ids. */
function legacyExport(): AppFiles {
  const files: AppFiles = {
    "config.json": formatJson({
      config_version: 20200603,
      name: "tasktracker",
      location: "US-VA",
      deployment_model: "GLOBAL",
      security: {},
      custom_user_data_config: json("auth/custom_user_data.json"),
      sync: { development_mode_enabled: false },
    }),
    "auth_providers/local-userpass.json": formatJson({ id: "5f0000000000000000000001", ...json("auth/providers.json")["local-userpass"] }),
    "services/mongodb-atlas/config.json": formatJson({
      id: "5f0000000000000000000002",
      name: "mongodb-atlas",
      type: "mongodb-atlas",
      config: {
        clusterName: "Cluster0",
        readPreference: "primary",
        sync: (({ development_mode_enabled, service_name, ...rest }) => rest)(json("sync/config.json")),
        wireProtocolEnabled: false,
      },
      version: 1,
    }),
    "graphql/config.json": formatJson({ use_natural_pluralization: true }),
    "triggers/onNewUser.json": formatJson({ id: "5f0000000000000000000003", ...json("triggers/onNewUser.json") }),
  };
  for (const c of ["Task", "User"]) {
    files[`services/mongodb-atlas/rules/tracker.${c}.json`] = formatJson({
      collection: c,
      database: "tracker",
      id: `5f00000000000000000000${c === "Task" ? "10" : "11"}`,
      roles: ROLES(c),
      schema: SCHEMA(c),
    });
  }
  json("functions/config.json").forEach((entry: Record<string, unknown>, i: number) => {
    const name = entry.name as string;
    files[`functions/${name}/config.json`] = formatJson({ id: `5f00000000000000000001${i}0`, ...entry });
    files[`functions/${name}/source.js`] = modern[`functions/${name}.js`];
  });
  return files;
}

/** Export-era ids are kept by the conversion; the 20210101 export has none to compare. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== "object") return value;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  return rest;
}

function comparable(files: AppFiles): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, text] of Object.entries(files)) {
    let value: unknown = path.endsWith(".json") ? JSON.parse(text) : text;
    if (path !== "auth/providers.json") value = withoutIds(value);
    else value = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutIds(v)]));
    if (path === "functions/config.json") value = [...(value as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));
    out[path] = value;
  }
  return out;
}

describe("legacy import", () => {
  it.skipIf(!HAS_GOLDEN)("detects each generation", () => {
    expect(detectConfigVersion(modern)).toBe(20210101);
    expect(detectConfigVersion({ "root_config.json": "{}" })).toBe(20210101);
    expect(detectConfigVersion(legacyExport())).toBe(20200603);
    expect(detectConfigVersion({ "stitch.json": "{}" })).toBe(20180301);
  });

  it.skipIf(!HAS_GOLDEN)("converts the 20200603 export into the equivalent 20210101 files", () => {
    const converted = convertLegacyApp(legacyExport());
    expect(Object.keys(converted).sort()).toEqual(Object.keys(modern).sort());
    expect(comparable(converted)).toEqual(comparable(modern));
    for (const [path, text] of Object.entries(converted)) {
      if (path.endsWith(".json")) expect(formatJson(JSON.parse(text)), path).toBe(text);
    }
    expect(parseApp(converted).collections.map((c) => c.namespace)).toEqual(["tracker.Task", "tracker.User"]);
  });

  it.skipIf(!HAS_GOLDEN)("normalizeAppFiles converts legacy apps, also inside a zip's enclosing folder", () => {
    const nested: AppFiles = {};
    for (const [path, text] of Object.entries(legacyExport())) nested[`tasktracker\\${path.split("/").join("\\")}`] = text;
    expect(comparable(normalizeAppFiles(nested))).toEqual(comparable(modern));
  });

  it("normalizeAppFiles leaves 20210101 apps as they are, minus folder entries and ./", () => {
    const files = taskTracker("t-1");
    const messy: AppFiles = { "functions/": "" };
    for (const [path, text] of Object.entries(files)) messy[`./${path}`] = text;
    expect(normalizeAppFiles(messy)).toEqual(files);
  });

  it("converts the 2020 rule-file relationships, Stitch refs and legacy ids, keeping every value", () => {
    const files: AppFiles = {
      "stitch.json": formatJson({ app_id: "tasktracker-abcde", config_version: 20180301, name: "tasktracker", security: { allowed_request_origins: ["http://localhost:3000"] } }),
      "services/mongodb-atlas/config.json": formatJson({ id: "svc1", name: "mongodb-atlas", type: "mongodb-atlas", config: {} }),
      "services/mongodb-atlas/rules/tasktracker.tasks.json": formatJson({
        id: "r1",
        database: "tasktracker",
        collection: "tasks",
        roles: [],
        schema: {},
        relationships: { assignee: { ref: "#/stitch/mongodb-atlas/tasktracker/users", foreign_key: "_id", is_list: false } },
      }),
      "services/mongodb-atlas/rules/tasktracker.users.json": formatJson({ roles: [], schema: { title: "User" } }),
      "services/http/config.json": formatJson({ id: "svc2", name: "http", type: "http", config: {} }),
      "services/http/incoming_webhooks/hook/config.json": '{"name": "hook"}',
      "services/http/incoming_webhooks/hook/source.js": "exports = () => null;\n",
      "functions/onInsert/config.json": formatJson({ id: "f1", name: "onInsert" }),
      "functions/onInsert/source.js": "exports = () => {};\n",
      "triggers/onTask.json": formatJson({
        id: "t1",
        name: "onTask",
        type: "DATABASE",
        function_id: "f1",
        config: { service_id: "svc1", database: "tasktracker", collection: "tasks", operation_types: ["INSERT"] },
      }),
      "values/greeting.json": formatJson({ id: "v1", name: "greeting", value: "hi", from_secret: false }),
      "hosting/files/index.html": "<p>hello</p>",
    };
    const out = convertLegacyApp(files);
    expect(JSON.parse(out["realm_config.json"])).toEqual({
      app_id: "tasktracker-abcde",
      config_version: 20210101,
      name: "tasktracker",
      security: { allowed_request_origins: ["http://localhost:3000"] },
      allowed_request_origins: ["http://localhost:3000"],
    });
    expect(JSON.parse(out["data_sources/mongodb-atlas/tasktracker/tasks/relationships.json"])).toEqual({
      assignee: { ref: "#/relationship/mongodb-atlas/tasktracker/users", foreign_key: "_id", is_list: false },
    });
    expect(out["data_sources/mongodb-atlas/tasktracker/tasks/schema.json"]).toBeUndefined();
    expect(JSON.parse(out["data_sources/mongodb-atlas/tasktracker/users/schema.json"])).toEqual({ title: "User" });
    expect(JSON.parse(out["data_sources/mongodb-atlas/tasktracker/users/rules.json"])).toEqual({ database: "tasktracker", collection: "users", roles: [] });
    expect(JSON.parse(out["data_sources/mongodb-atlas/tasktracker/tasks/rules.json"])).toMatchObject({ id: "r1" });
    expect(JSON.parse(out["triggers/onTask.json"])).toEqual({
      id: "t1",
      function_id: "f1",
      name: "onTask",
      type: "DATABASE",
      config: { database: "tasktracker", collection: "tasks", operation_types: ["INSERT"], service_name: "mongodb-atlas" },
      function_name: "onInsert",
    });
    expect(JSON.parse(out["values/greeting.json"])).toEqual({ id: "v1", name: "greeting", value: "hi", from_secret: false });
    expect(out["services/http/config.json"]).toBe(files["services/http/config.json"]);
    expect(out["services/http/incoming_webhooks/hook/config.json"]).toBe('{"name": "hook"}');
    expect(out["hosting/files/index.html"]).toBe("<p>hello</p>");
    expect(out["functions/onInsert.js"]).toBe("exports = () => {};\n");
    expect(JSON.parse(out["auth/custom_user_data.json"])).toEqual({ enabled: false });
    const model = parseApp(out);
    expect(model.triggers[0]).toMatchObject({ functionName: "onInsert", serviceName: "mongodb-atlas" });
    expect(model.collections.find((c) => c.collection === "tasks")!.relationships.assignee.target).toEqual({
      service: "mongodb-atlas",
      database: "tasktracker",
      collection: "users",
    });
  });

  it.each<[string, AppFiles, string, RegExp]>([
    ["no root file", { "README.md": "" }, "realm_config.json", /no realm_config\.json, root_config\.json, config\.json or stitch\.json/],
    ["unknown config_version", { "config.json": '{"config_version": 2019}' }, "config.json", /must be 20200603 or 20180301/],
    ["invalid config.json", { "config.json": "{" }, "config.json", /invalid JSON/],
    [
      "Stitch v1 field rules",
      {
        "stitch.json": '{"name": "old"}',
        "services/mongodb-atlas/config.json": '{"name": "mongodb-atlas", "type": "mongodb-atlas", "config": {}}',
        "services/mongodb-atlas/rules/db.items.json": '{"namespace": "db.items", "read": {"owner_id": "%%user.id"}}',
      },
      "services/mongodb-atlas/rules/db.items.json",
      /Stitch v1 field rules/,
    ],
    [
      "function folder without source",
      { "config.json": '{"config_version": 20200603, "name": "a"}', "functions/f/config.json": '{"name": "f"}' },
      "functions/f/source.js",
      /missing file/,
    ],
  ])("rejects %s", (_name, files, path, message) => {
    const { message: text } = problemsOf(() => normalizeAppFiles(files));
    expect(text.split("\n").some((line) => line.startsWith(`${path}: `) && message.test(line))).toBe(true);
  });
});
