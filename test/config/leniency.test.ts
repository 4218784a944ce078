import { describe, expect, it } from "vitest";

import { PARSE_HOOKS } from "../../src/app/app.ts";
import { blank } from "../../src/app/templates/index.ts";
import { formatJson, prepareImport, setCollectionSchema, setFunction } from "../../src/config/index.ts";
import type { AppFiles, ImportNote } from "../../src/config/types.ts";
import { edit } from "./helpers.ts";

/**
 * What App Services accepted and the sandbox reads as it did: each rule on a small
 * synthetic app of its own. The real exports these come from are the corpus test.
 */
const base = (): AppFiles => setFunction(blank("lenient-abcde", "lenient"), { name: "work" }, "exports = function () { return 1; };\n");

function notesOf(files: AppFiles, sourceName?: string): ImportNote[] {
  return prepareImport(files, PARSE_HOOKS, { sourceName }).notes;
}

const sync = (value: unknown) => (files: AppFiles) => ({ ...files, "sync/config.json": formatJson(value) });

interface Case {
  name: string;
  change: (files: AppFiles) => AppFiles;
  /** A note that says what was done, as [path, kind, message pattern]. */
  note: [string, ImportNote["kind"], RegExp];
  check?: (report: ReturnType<typeof prepareImport>) => void;
}

const CASES: Case[] = [
  {
    name: "Sync config with no state (an app that never enabled Sync)",
    change: sync({ development_mode_enabled: false }),
    note: ["sync/config.json", "normalized", /no "state": Sync is off/],
    check: (r) => expect(r.model.sync?.state).toBe("disabled"),
  },
  {
    name: 'Sync config with "state": ""',
    change: sync({ state: "", development_mode_enabled: false, service_name: "mongodb-atlas" }),
    note: ["sync/config.json", "normalized", /"state" is "": Sync is off/],
    check: (r) => expect(r.model.sync?.state).toBe("disabled"),
  },
  {
    name: "partition Sync without database_name, last_disabled as a number",
    change: sync({
      state: "enabled",
      service_name: "mongodb-atlas",
      last_disabled: 1671404894,
      development_mode_enabled: false,
      partition: { key: "owner", type: "string", required: false, permissions: { read: true, write: { "%%partition": "%%user.id" } } },
    }),
    note: ["sync/config.json", "inert", /partition permissions apply/],
    check: (r) => expect(r.model.sync).toMatchObject({ state: "enabled", partition: { key: "owner" } }),
  },
  {
    name: "flexible Sync as the CLI wrote it",
    change: sync({
      type: "flexible",
      state: "enabled",
      service_name: "mongodb-atlas",
      database_name: "shop",
      development_mode_enabled: true,
      queryable_fields_names: ["owner"],
      permissions: { rules: {}, defaultRoles: [{ name: "all", applyWhen: {}, read: true, write: true }] },
      asymmetric_tables: [],
    }),
    note: ["sync/config.json", "inert", /Flexible Sync is kept but not run/],
    check: (r) => expect(r.model.sync?.partition).toBeUndefined(),
  },
  {
    name: 'environment "none"',
    change: (f) => edit(f, "realm_config.json", (c) => void (c.environment = "none")),
    note: ["realm_config.json", "normalized", /"none": the app runs without an environment/],
    check: (r) => expect(r.model.environment).toBe(""),
  },
  {
    name: "no name in the root config",
    change: (f) => edit(f, "realm_config.json", (c) => void delete c.name),
    note: ["realm_config.json", "normalized", /named "my-exported-app" after the folder/],
    check: (r) => {
      expect(r.name).toBe("my-exported-app");
      expect(JSON.parse(r.files["realm_config.json"]).name).toBe("my-exported-app");
    },
  },
  {
    name: 'runResetFunction: ""',
    change: (f) =>
      edit(f, "auth/providers.json", (p) => {
        p["local-userpass"] = { name: "local-userpass", type: "local-userpass", disabled: false, config: { autoConfirm: true, runResetFunction: "", resetPasswordUrl: "https://example.com" } };
      }),
    note: ["auth/providers.json", "normalized", /runResetFunction" is "": read as false/],
  },
  {
    name: "a provider the sandbox does not run",
    change: (f) => edit(f, "auth/providers.json", (p) => void (p["api-key"].disabled = false)),
    note: ["auth/providers.json", "inert", /"api-key" \(api-key\) is kept but not run/],
  },
  {
    name: "a data source of type datalake",
    change: (f) => ({ ...f, "data_sources/lake/config.json": formatJson({ name: "lake", type: "datalake", config: {} }) }),
    note: ["data_sources/lake/config.json", "inert", /Data Federation source "lake"/],
  },
  {
    name: "a function source without an entry in functions/config.json",
    change: (f) => ({ ...f, "functions/orphan.js": "exports = function () { return 2; };\n" }),
    note: ["functions/orphan.js", "normalized", /loaded with the default settings/],
    check: (r) => expect(r.model.functions.map((fn) => fn.name)).toContain("orphan"),
  },
  {
    name: "a trigger with neither function_name nor event_processors",
    change: (f) => ({
      ...f,
      "triggers/onOrder.json": formatJson({ name: "onOrder", type: "DATABASE", config: { service_name: "mongodb-atlas", database: "shop", collection: "orders", operation_types: ["INSERT"] }, disabled: false }),
    }),
    note: ["triggers/onOrder.json", "inert", /names no function/],
    check: (r) => expect(r.model.triggers[0].functionName).toBeUndefined(),
  },
  {
    name: 'a custom resolver with input_type_format ""',
    change: (f) => ({
      ...f,
      "data_sources/mongodb-atlas/shop/orders/schema.json": formatJson({ title: "Order", bsonType: "object", properties: { _id: { bsonType: "objectId" } } }),
      "data_sources/mongodb-atlas/shop/orders/rules.json": formatJson({ database: "shop", collection: "orders", roles: [], filters: [] }),
      "graphql/custom_resolvers/query_count.json": formatJson({ field_name: "count", function_name: "work", input_type_format: "", on_type: "Query", payload_type: "int", payload_type_format: "scalar" }),
    }),
    note: ["graphql/custom_resolvers/query_count.json", "normalized", /"input_type_format" is "" and there is no input type/],
    check: (r) => expect(r.model.graphql.customResolvers[0].input_type_format).toBeUndefined(),
  },
  {
    name: 'bsonType "boolean" and a keyword App Services kept',
    change: (f) =>
      setCollectionSchema(f, "mongodb-atlas", "shop", "orders", {
        title: "Order",
        bsonType: "object",
        properties: { paid: { bsonType: "boolean" }, note: { bsonType: "string", "x-ui": "textarea" } },
      }),
    note: ["data_sources/mongodb-atlas/shop/orders/schema.json", "kept", /properties\.note\.x-ui: unknown keyword: kept as written/],
  },
  {
    name: "hosting, log forwarders and a third-party service",
    change: (f) => ({
      ...f,
      "hosting/config.json": formatJson({ enabled: true }),
      "log_forwarders/all.json": formatJson({ name: "all" }),
      "services/twilio/config.json": formatJson({ name: "twilio", type: "twilio", config: {} }),
    }),
    note: ["services/twilio/", "inert", /third-party service "twilio" \(twilio\) is kept/],
  },
];

describe("reading exports as leniently as App Services did", () => {
  it.each(CASES)("$name", ({ change, note, check }) => {
    const files = change(base());
    const report = prepareImport(files, PARSE_HOOKS, { sourceName: "my exported app" });
    const [path, kind, pattern] = note;
    expect(report.notes.filter((n) => n.path === path && n.kind === kind).map((n) => n.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(pattern)]),
    );
    check?.(report);
    // Nothing of the input is lost: every file comes back, changed only where a note says so.
    for (const [p, text] of Object.entries(files)) if (p !== "realm_config.json") expect(report.files[p], p).toBe(text);
  });

  it("validates a boolean field declared as \"boolean\" as a bool", async () => {
    const { compileSchema } = await import("../../src/schema/index.ts");
    // As written in the export; the schema types do not admit the spelling.
    const written: unknown = { bsonType: "object", properties: { paid: { bsonType: "boolean" } } };
    const validator = compileSchema(written as Parameters<typeof compileSchema>[0]);
    expect(validator({ paid: true })).toEqual([]);
    expect(validator({ paid: "yes" }).length).toBeGreaterThan(0);
  });

  it("says nothing about a plain modern app", () => {
    expect(notesOf(base())).toEqual([]);
  });

  it("still refuses what App Services refused, with the file and problem", () => {
    const files = { ...base(), "triggers/bad.json": formatJson({ name: "bad", type: "DATABASE", config: {}, function_name: "missing" }) };
    expect(() => prepareImport(files, PARSE_HOOKS)).toThrow(/triggers\/bad\.json: .*function "missing"/);
  });
});
