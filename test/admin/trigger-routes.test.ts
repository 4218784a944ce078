import { afterEach, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/tasktracker-sandbox";
const NOW = Date.UTC(2026, 10, 30, 20, 13, 30);
let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

async function open(): Promise<Sandbox> {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4, now: () => NOW });
  return sandbox;
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await sandbox!.admin(`${ADMIN}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
}

const scheduled = (schedule: string, extra: Record<string, unknown> = {}) => ({
  name: "nightly",
  type: "SCHEDULED",
  config: { schedule },
  function_name: "tidyUp",
  disabled: false,
  ...extra,
});

const TIDY_UP = `exports = async function () {\n  console.log("tidying");\n  return "tidied";\n};\n`;

describe("the Triggers screen's API", () => {
  it("lists the draft's triggers with what the editor's pickers offer", async () => {
    await open();
    const { status, json } = await call("GET", "/triggers");
    expect(status).toBe(200);
    expect(json.triggers).toEqual([
      expect.objectContaining({ name: "onNewUser", type: "AUTHENTICATION", disabled: false, functionName: "createNewUserDocument", deployed: true }),
    ]);
    expect(json.triggers[0].file.config).toEqual({ operation_type: "CREATE", providers: ["local-userpass"] });
    expect(json.functions).toEqual(expect.arrayContaining(["createNewUserDocument", "resetFunc"]));
    expect(json.dataSources).toEqual(["mongodb-atlas"]);
    expect(json.collections).toEqual(expect.arrayContaining([{ service: "mongodb-atlas", database: "tracker", collection: "tasks" }]));
    expect(json.providers).toContain("local-userpass");
    expect(json.timeZone).toBe("UTC");
  });

  it("creates a scheduled trigger with a new function in the draft, written as App Services exported it", async () => {
    await open();
    const saved = await call("PUT", "/triggers/nightly", { trigger: scheduled("0 3 * * *"), newFunction: { name: "tidyUp", source: TIDY_UP } });
    expect(saved.status).toBe(200);
    const draft = sandbox!.app.draft;
    expect(JSON.parse(draft["triggers/nightly.json"])).toEqual(scheduled("0 3 * * *"));
    expect(draft["functions/tidyUp.js"]).toBe(TIDY_UP);
    expect(JSON.parse(draft["functions/config.json"])).toContainEqual({ name: "tidyUp", private: true });
    const list = (await call("GET", "/triggers")).json;
    expect(list.triggers.find((t: any) => t.name === "nightly")).toMatchObject({ deployed: false, functionName: "tidyUp" });
  });

  it("refuses a bad CRON with deploy's message on the trigger's file, saving nothing", async () => {
    await open();
    const before = sandbox!.app.draft;
    const { status, json } = await call("PUT", "/triggers/nightly", { trigger: scheduled("61 * * * *"), newFunction: { name: "tidyUp", source: TIDY_UP } });
    expect(status).toBe(400);
    expect(json.problems).toEqual([{ path: "triggers/nightly.json", message: expect.stringContaining('minute "61": expected 0-59') }]);
    expect(sandbox!.app.draft).toBe(before);
  });

  it("refuses a trigger that names a missing function, and a new function whose name is taken", async () => {
    await open();
    const missing = await call("PUT", "/triggers/nightly", { trigger: scheduled("0 3 * * *") });
    expect(missing.json.problems[0].message).toContain('calls function "tidyUp", which is not in functions/config.json');
    const taken = await call("PUT", "/triggers/nightly", { trigger: scheduled("0 3 * * *"), newFunction: { name: "resetFunc", source: TIDY_UP } });
    expect(taken.json.error).toContain('a function named "resetFunc" already exists');
  });

  it("renames, disables and deletes a trigger in the draft", async () => {
    await open();
    const file = (await call("GET", "/triggers")).json.triggers[0].file;
    await call("PUT", "/triggers/onNewUser", { trigger: { ...file, name: "onSignUp", disabled: true } });
    let names = (await call("GET", "/triggers")).json.triggers.map((t: any) => [t.name, t.disabled]);
    expect(names).toEqual([["onSignUp", true]]);
    expect(Object.keys(sandbox!.app.draft).filter((p) => p.startsWith("triggers/"))).toEqual(["triggers/onSignUp.json"]);
    expect((await call("DELETE", "/triggers/onSignUp")).status).toBe(200);
    names = (await call("GET", "/triggers")).json.triggers;
    expect(names).toEqual([]);
  });

  it("gives the next five runs of a schedule, or why it is refused", async () => {
    await open();
    const good = (await call("POST", "/triggers/commands/next_runs", { schedule: "*/30 * * * *" })).json;
    expect(good.runs.map((t: number) => new Date(t).toISOString())).toEqual([
      "2026-11-30T20:30:00.000Z",
      "2026-11-30T21:00:00.000Z",
      "2026-11-30T21:30:00.000Z",
      "2026-11-30T22:00:00.000Z",
      "2026-11-30T22:30:00.000Z",
    ]);
    expect(good.timeZone).toBe("UTC");
    const bad = (await call("POST", "/triggers/commands/next_runs", { schedule: "* * *" })).json;
    expect(bad).toMatchObject({ runs: [], problem: expect.stringContaining("5 fields") });
  });

  it("shows times in the app's time zone as App Settings keeps it, and UTC for a zone this runtime does not know", async () => {
    await open();
    await sandbox!.app.saveDraft({ ...sandbox!.app.draft, "sandbox/settings.json": JSON.stringify({ time_zone: "Europe/Paris" }) });
    expect((await call("POST", "/triggers/commands/next_runs", { schedule: "0 * * * *" })).json.timeZone).toBe("Europe/Paris");
    expect((await call("GET", "/triggers")).json.timeZone).toBe("Europe/Paris");
    await sandbox!.app.saveDraft({ ...sandbox!.app.draft, "sandbox/settings.json": JSON.stringify({ time_zone: "Mars/Olympus" }) });
    expect((await call("POST", "/triggers/commands/next_runs", { schedule: "0 * * * *" })).json.timeZone).toBe("UTC");
  });

  it("fires a test auth event through the trigger manager: the function runs and its run is logged", async () => {
    await open();
    const { json } = await call("POST", "/triggers/onNewUser/test", {});
    expect(json.entry).toMatchObject({ type: "trigger", status: "ok", summary: expect.stringContaining("test event: CREATE local-userpass") });
    expect(json.entry.details.event).toMatchObject({ operationType: "CREATE", providers: ["local-userpass"], user: { type: "normal" } });
    const userId = json.entry.details.event.user.id;
    const made = await sandbox!.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users").find({ user_id: userId });
    expect(made).toHaveLength(1);
    const logs = (await call("GET", "/triggers/onNewUser/logs")).json.entries;
    expect(logs[0]).toMatchObject({ status: "ok", details: { trigger: "onNewUser", test: true } });
    const listed = (await call("GET", "/triggers")).json.triggers[0];
    expect(listed.lastRun).toMatchObject({ status: "ok", summary: expect.stringContaining("test event") });
  });

  it("fires a scheduled trigger's draft function before it is deployed, and shows its console output", async () => {
    await open();
    await call("PUT", "/triggers/nightly", { trigger: scheduled("0 3 * * *"), newFunction: { name: "tidyUp", source: TIDY_UP } });
    const { json } = await call("POST", "/triggers/nightly/test", {});
    expect(json.entry).toMatchObject({ status: "ok", details: { result: "tidied", logs: [{ text: "tidying" }] } });
  });

  it("fires a database event built from a document of the collection, through match and project", async () => {
    await open();
    await sandbox!.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("tasks").insertOne({ _partition: "p", name: "Write docs", status: "Open" });
    const trigger = {
      name: "onTaskChange",
      type: "DATABASE",
      config: {
        service_name: "mongodb-atlas",
        database: "tracker",
        collection: "tasks",
        operation_types: ["INSERT"],
        full_document: true,
        match: {},
        project: { operationType: 1, fullDocument: 1 },
      },
      function_name: "tidyUp",
      disabled: false,
    };
    await call("PUT", "/triggers/onTaskChange", { trigger, newFunction: { name: "tidyUp", source: "exports = (event) => event.fullDocument.name;" } });
    const { json } = await call("POST", "/triggers/onTaskChange/test", {});
    expect(json.entry).toMatchObject({ status: "ok", details: { result: "Write docs", event: { operationType: "insert" } } });
    expect(json.entry.details.event.ns).toBeUndefined();
    const unmatched = { ...trigger, config: { ...trigger.config, match: { "fullDocument.status": "Done" } } };
    const skipped = (await call("POST", "/triggers/onTaskChange/test", { trigger: unmatched })).json;
    expect(skipped.skipped).toContain("does not pass the match expression");
  });

  it("says when a trigger is unknown or names no function", async () => {
    await open();
    expect((await call("POST", "/triggers/nope/test", {})).json).toMatchObject({ error_code: "NotFound" });
  });
});
