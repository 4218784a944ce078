import { describe, expect, it } from "vitest";
import { type AppFiles, checkApp, parseApp } from "../../src/config/index.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { edit, problemsOf } from "./helpers.ts";

const base = taskTracker("tasktracker-abcde");
const TASKS = "data_sources/mongodb-atlas/tracker/tasks";
const USERS = "data_sources/mongodb-atlas/tracker/users";

const set = (path: string, text: string) => (f: AppFiles) => ({ ...f, [path]: text });
const drop = (path: string) => (f: AppFiles) => {
  const next = { ...f };
  delete next[path];
  return next;
};

const cases: Array<[string, (f: AppFiles) => AppFiles, string, RegExp]> = [
  ["invalid JSON", set(`${TASKS}/rules.json`, '{\n    "database": "tracker",\n}\n'), `${TASKS}/rules.json`, /^invalid JSON at line 3, column 1: /],
  ["truncated JSON", set(`${TASKS}/schema.json`, '{"title": "Task"'), `${TASKS}/schema.json`, /^invalid JSON at line 1, column 17/],
  ["empty file", set("auth/providers.json", "  \n"), "auth/providers.json", /the file is empty/],
  ["top level not an object", set("auth/providers.json", "[]"), "auth/providers.json", /expected a JSON object at the top level, got array/],
  ["roles not an array", (f) => edit(f, `${TASKS}/rules.json`, (r) => ({ ...r, roles: {} })), `${TASKS}/rules.json`, /"roles" must be an array, got object/],
  ["role without name", (f) => edit(f, `${TASKS}/rules.json`, (r) => void delete r.roles[1].name), `${TASKS}/rules.json`, /missing required key "roles\[1\]\.name"/],
  ["duplicate role names", (f) => edit(f, `${TASKS}/rules.json`, (r) => void (r.roles[1].name = "isAssignee")), `${TASKS}/rules.json`, /duplicate role name "isAssignee"/],
  ["permission of wrong type", (f) => edit(f, `${TASKS}/rules.json`, (r) => void (r.roles[0].insert = "yes")), `${TASKS}/rules.json`, /"roles\[0\]\.insert" must be true, false or an expression object, got string/],
  ["field permission of wrong type", (f) => edit(f, `${USERS}/rules.json`, (r) => void (r.roles[0].fields = { name: { read: 1 } })), `${USERS}/rules.json`, /"roles\[0\]\.fields\.name\.read" must be/],
  ["filter without name", (f) => edit(f, `${TASKS}/rules.json`, (r) => void (r.filters = [{ query: {} }])), `${TASKS}/rules.json`, /missing required key "filters\[0\]\.name"/],
  ["rules.json disagrees with its folder", (f) => edit(f, `${TASKS}/rules.json`, (r) => void (r.collection = "task")), `${TASKS}/rules.json`, /"collection" is "task" but the folder says "tasks"/],
  ["rules.json without database", (f) => edit(f, `${TASKS}/rules.json`, (r) => void delete r.database), `${TASKS}/rules.json`, /missing required key "database"/],
  ["relationship to a missing collection", (f) => edit(f, `${TASKS}/relationships.json`, (r) => void (r.assignee.ref = "#/relationship/mongodb-atlas/tracker/people")), `${TASKS}/relationships.json`, /"assignee" points to tracker\.people/],
  ["relationship with a malformed ref", (f) => edit(f, `${TASKS}/relationships.json`, (r) => void (r.assignee.ref = "users")), `${TASKS}/relationships.json`, /must look like "#\/relationship\//],
  ["relationship without foreign_key", (f) => edit(f, `${TASKS}/relationships.json`, (r) => void delete r.assignee.foreign_key), `${TASKS}/relationships.json`, /missing required key "assignee\.foreign_key"/],
  ["schema that is not an object", set(`${TASKS}/schema.json`, '"Task"'), `${TASKS}/schema.json`, /got string/],
  ["function without source", drop("functions/resetFunc.js"), "functions/config.json", /function "resetFunc" has no source file functions\/resetFunc\.js/],
  ["functions/config.json not an array", set("functions/config.json", "{}"), "functions/config.json", /expected a JSON array/],
  ["duplicate function", (f) => edit(f, "functions/config.json", (a) => [...a, { name: "resetFunc" }]), "functions/config.json", /"resetFunc" is listed more than once/],
  ["bad function name", (f) => edit(f, "functions/config.json", (a) => [...a, { name: "a//b" }]), "functions/config.json", /function name "a\/\/b"/],
  ["trigger with unknown function", (f) => edit(f, "triggers/onNewUser.json", (t) => void (t.function_name = "makeUser")), "triggers/onNewUser.json", /calls function "makeUser", which is not in functions\/config\.json/],
  ["trigger with bad operation", (f) => edit(f, "triggers/onNewUser.json", (t) => void (t.config.operation_type = "SIGNUP")), "triggers/onNewUser.json", /unknown operation type "SIGNUP"/],
  ["trigger with bad type", (f) => edit(f, "triggers/onNewUser.json", (t) => void (t.type = "HTTP")), "triggers/onNewUser.json", /"type" must be one of "DATABASE", "AUTHENTICATION", "SCHEDULED"/],
  ["duplicate trigger name", (f) => ({ ...f, "triggers/copy.json": f["triggers/onNewUser.json"] }), "triggers/onNewUser.json", /already used by triggers\/copy\.json/],
  ["scheduled trigger with a bad CRON", set("triggers/tick.json", JSON.stringify({ name: "tick", type: "SCHEDULED", config: { schedule: "* * *" }, function_name: "resetFunc" })), "triggers/tick.json", /5-field CRON/],
  ["database trigger on an unknown service", set("triggers/onTask.json", JSON.stringify({ name: "onTask", type: "DATABASE", config: { service_name: "atlas", database: "tracker", collection: "tasks", operation_types: ["INSERT"] }, function_name: "resetFunc" })), "triggers/onTask.json", /no data source with that name/],
  ["reset function that does not exist", (f) => edit(f, "auth/providers.json", (p) => void (p["local-userpass"].config.resetFunctionName = "reset")), "auth/providers.json", /names function "reset"/],
  ["provider name differs from key", (f) => edit(f, "auth/providers.json", (p) => void (p["local-userpass"].name = "userpass")), "auth/providers.json", /must equal its key/],
  ["unknown provider type", (f) => edit(f, "auth/providers.json", (p) => void (p["api-key"].type = "saml")), "auth/providers.json", /"api-key\.type" must be one of/],
  ["custom user data pointing at nothing", (f) => edit(f, "auth/custom_user_data.json", (c) => void (c.collection_name = "members")), "auth/custom_user_data.json", /points to tracker\.members, which has no collection folder/],
  ["custom user data missing its id field", (f) => edit(f, "auth/custom_user_data.json", (c) => void delete c.user_id_field), "auth/custom_user_data.json", /missing required key "user_id_field"/],
  ["custom user data on an unknown service", (f) => edit(f, "auth/custom_user_data.json", (c) => void (c.mongo_service_name = "cluster")), "auth/custom_user_data.json", /no data source with that name/],
  ["sync with a bad state", set("sync/config.json", JSON.stringify({ state: "on" })), "sync/config.json", /"state" must be one of/],
  ["enabled sync without partition", set("sync/config.json", JSON.stringify({ state: "enabled", service_name: "mongodb-atlas", database_name: "tracker" })), "sync/config.json", /missing required key "partition"/],
  ["sync with a bad partition type", set("sync/config.json", JSON.stringify({ state: "enabled", service_name: "mongodb-atlas", database_name: "tracker", partition: { key: "_partition", type: "date" } })), "sync/config.json", /"partition\.type" must be one of/],
  ["sync on an unknown service", set("sync/config.json", JSON.stringify({ state: "enabled", service_name: "other", database_name: "tracker", partition: { key: "_partition", type: "string" } })), "sync/config.json", /no data source with that name/],
  ["missing realm_config.json", drop("realm_config.json"), "realm_config.json", /missing file/],
  ["realm_config.json without name", (f) => edit(f, "realm_config.json", (c) => void delete c.name), "realm_config.json", /missing required key "name"/],
  ["wrong config_version", (f) => edit(f, "realm_config.json", (c) => void (c.config_version = 20200603)), "realm_config.json", /"config_version" must be 20210101/],
  ["unknown environment tag", (f) => edit(f, "realm_config.json", (c) => void (c.environment = "staging")), "realm_config.json", /"environment" must be one of/],
  ["unknown environment file", set("environments/staging.json", '{"values": {}}'), "environments/staging.json", /unknown environment "staging"/],
  ["data source without config.json", drop("data_sources/mongodb-atlas/config.json"), "data_sources/mongodb-atlas/config.json", /missing file/],
  ["data source name differs from folder", (f) => edit(f, "data_sources/mongodb-atlas/config.json", (c) => void (c.name = "atlas")), "data_sources/mongodb-atlas/config.json", /the folder is "mongodb-atlas"/],
  ["value without value", set("values/greeting.json", '{"name": "greeting"}'), "values/greeting.json", /missing required key "value"/],
  ["graphql resolver with unknown function", set("graphql/custom_resolvers/query_hello.json", JSON.stringify({ on_type: "Query", field_name: "hello", function_name: "hello" })), "graphql/custom_resolvers/query_hello.json", /calls function "hello"/],
  ["graphql config of wrong type", set("graphql/config.json", '{"use_natural_pluralization": "yes"}'), "graphql/config.json", /must be true or false/],
  ["sandbox index on a bad namespace", set("sandbox/indexes.json", '{"tasks": ["status"]}'), "sandbox/indexes.json", /"tasks" must be a namespace/],
];

describe("bad files", () => {
  it.each(cases)("%s", (_name, mutate, path, message) => {
    const files = mutate(base);
    const { problems, message: text } = problemsOf(() => parseApp(files));
    const hit = problems.find((p) => p.path === path && message.test(p.message));
    expect(hit, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(text).toContain(`${path}: ${hit!.message}`);
  });

  it("lists every problem in one error, sorted by file", () => {
    let files = edit(base, "triggers/onNewUser.json", (t) => void (t.function_name = "nope"));
    files = { ...files, [`${TASKS}/rules.json`]: "{" };
    const { message, problems } = problemsOf(() => parseApp(files));
    expect(problems.map((p) => p.path)).toEqual([`${TASKS}/rules.json`, "triggers/onNewUser.json"]);
    expect(message.split("\n")).toHaveLength(2);
    expect(message.split("\n")[0]).toMatch(/^data_sources\/mongodb-atlas\/tracker\/tasks\/rules\.json: invalid JSON/);
  });

  it("checkApp returns the problems and a best-effort model without throwing", () => {
    const files = drop("functions/resetFunc.js")(base);
    const { model, problems } = checkApp(files);
    expect(problems.length).toBeGreaterThan(0);
    expect(model.functions.map((f) => f.name)).toEqual(["createNewUserDocument"]);
    expect(model.collections).toHaveLength(3);
  });

  it("does not touch the input", () => {
    const files = { ...base, "sync/config.json": "{" };
    const copy = { ...files };
    expect(() => parseApp(files)).toThrow();
    expect(files).toEqual(copy);
  });
});

describe("accepted variations", () => {
  it.each<[string, (f: AppFiles) => AppFiles]>([
    ["root_config.json instead of realm_config.json", (f) => {
      const next: AppFiles = { ...f, "root_config.json": f["realm_config.json"] };
      delete next["realm_config.json"];
      return next;
    }],
    ["unknown files are ignored", (f) => ({ ...f, "README.md": "# hi", "hosting/files/index.html": "<p>", "http_endpoints/config.json": "[]" })],
    ["Stitch-era relationship refs", (f) => edit(f, `${TASKS}/relationships.json`, (r) => void (r.assignee.ref = "#/stitch/mongodb-atlas/tracker/users"))],
    ["operation_types array on an auth trigger", (f) => edit(f, "triggers/onNewUser.json", (t) => void (t.config = { operation_types: ["CREATE"], providers: ["local-userpass"] }))],
    ["event_processors function reference", (f) => edit(f, "triggers/onNewUser.json", (t) => {
      delete t.function_name;
      t.event_processors = { FUNCTION: { config: { function_name: "createNewUserDocument" } } };
    })],
    ["rules.json with only database and collection", (f) => set(`${TASKS}/rules.json`, '{"database": "tracker", "collection": "tasks"}')(f)],
    ["a collection with only a schema", (f) => set("data_sources/mongodb-atlas/tracker/notes/schema.json", '{"title": "Note"}')(f)],
    ["functions in subfolders", (f) => edit(set("functions/team/add.js", "exports = () => 1;")(f), "functions/config.json", (a) => [...a, { name: "team/add" }])],
    ["a default rule", (f) => set("data_sources/mongodb-atlas/default_rule.json", '{"roles": [{"name": "readAll", "apply_when": {}, "read": true}], "filters": []}')(f)],
  ])("%s", (_name, mutate) => {
    const { problems } = checkApp(mutate(base));
    expect(problems).toEqual([]);
  });

  it("normalises trigger function and operations from either form", () => {
    const files = edit(base, "triggers/onNewUser.json", (t) => {
      delete t.function_name;
      t.config = { operation_types: ["create", "LOGIN"], providers: ["local-userpass"] };
      t.event_processors = { FUNCTION: { config: { function_name: "createNewUserDocument" } } };
    });
    const [trigger] = parseApp(files).triggers;
    expect(trigger.functionName).toBe("createNewUserDocument");
    expect(trigger.operationTypes).toEqual(["CREATE", "LOGIN"]);
  });

  it("reads Stitch-era refs into the same target", () => {
    const files = edit(base, `${TASKS}/relationships.json`, (r) => void (r.assignee.ref = "#/stitch/mongodb-atlas/tracker/users"));
    const tasks = parseApp(files).collections.find((c) => c.collection === "tasks")!;
    expect(tasks.relationships.assignee.target).toEqual({ service: "mongodb-atlas", database: "tracker", collection: "users" });
  });

  it("defaults rules, filters and default rules", () => {
    const files = set("data_sources/mongodb-atlas/default_rule.json", '{"roles": [{"name": "r"}], "filters": [{"name": "f"}]}')(base);
    const model = parseApp(files);
    expect(model.defaultRules["mongodb-atlas"]).toEqual({
      roles: [{ name: "r", apply_when: {} }],
      filters: [{ name: "f", apply_when: {}, query: {}, projection: {} }],
    });
    expect(parseApp(base).defaultRules).toEqual({ "mongodb-atlas": undefined });
  });
});
