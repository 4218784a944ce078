import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;

let sandbox: Sandbox;
let ada: { id: string; token: string };
let bob: { id: string; token: string };

const { call, user } = adminOf(() => sandbox, APP);

/** Saves a function to the draft (config entry and source), as the screen does. */
async function saveDraftFunction(entry: Record<string, unknown>, source: string): Promise<void> {
  const { json } = await call("GET", "/drafts/current");
  const entries = JSON.parse(json.files["functions/config.json"] ?? "[]").filter((e: { name: string }) => e.name !== entry.name);
  const saved = await call("PATCH", "/drafts/current", {
    set: { "functions/config.json": JSON.stringify([...entries, entry]), [`functions/${entry.name}.js`]: source },
  });
  expect(saved.status).toBe(200);
}

const run = (name: string, body: Record<string, unknown>) => call("POST", `/functions/${encodeURIComponent(name)}/run`, body);

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  ada = await user("ada@example.com");
  bob = await user("bob@example.com");
});

afterAll(() => sandbox?.close());

describe("running a function from the console", () => {
  it("runs the draft's source before it is deployed, as the system and as each user", async () => {
    await saveDraftFunction({ name: "whoami", private: false }, "exports = async function (greeting) {\n  console.log('called with', greeting);\n  return { greeting, user: context.user.id ?? null, type: context.user.type };\n};\n");
    // Not deployed: clients cannot call it yet.
    const fromClient = await sandbox.fetch(`${CLIENT}/functions/call`, {
      method: "POST",
      headers: { authorization: `Bearer ${ada.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "whoami", arguments: ["hi"] }),
    });
    expect(fromClient.status).toBe(404);

    const system = await run("whoami", { arguments: ["hi"] });
    expect(system.status).toBe(200);
    expect(system.json).toMatchObject({ ok: true, sourceFrom: "draft", caller: { kind: "system" }, ranAsSystem: true, logs: [{ level: "log", text: "called with hi" }] });
    expect(system.json.result.type).toBe("system");
    expect(typeof system.json.durationMs).toBe("number");

    const asAda = await run("whoami", { arguments: ["hi"], userId: ada.id });
    const asBob = await run("whoami", { arguments: ["hi"], userId: bob.id });
    expect(asAda.json).toMatchObject({ ok: true, caller: { kind: "user", id: ada.id, email: "ada@example.com" }, ranAsSystem: false, result: { user: ada.id, type: "normal" } });
    expect(asBob.json.result.user).toBe(bob.id);
  });

  it("runs unsaved text and settings sent with the request, and answers values in canonical Extended JSON", async () => {
    const source = "exports = function (n) { return { n, doubled: n * 2, at: new Date(0), who: context.user.id ?? 'system' }; };";
    const answer = await run("notSaved", { arguments: [{ $numberInt: "21" }], source, settings: { run_as_system: true }, userId: ada.id });
    expect(answer.json).toMatchObject({ ok: true, sourceFrom: "request", ranAsSystem: true });
    expect(answer.json.result).toMatchObject({ doubled: { $numberInt: "42" }, at: { $date: { $numberLong: "0" } } });
  });

  it("answers a thrown error with its line, and a syntax error with its line", async () => {
    const thrown = await run("fails", { source: "exports = function () {\n  const x = 1;\n  throw new Error('boom ' + x);\n};\n" });
    expect(thrown.status).toBe(200);
    expect(thrown.json).toMatchObject({ ok: false, error: { code: "FunctionExecutionError", message: "boom 1", line: 3 } });

    const syntax = await run("broken", { source: "exports = function () {\n  return 1 +;\n};\n" });
    expect(syntax.json.ok).toBe(false);
    expect(syntax.json.error).toMatchObject({ code: "FunctionSyntaxError", line: 2 });

    // A stray ")" inside an open function body: V8 reports the same message for every
    // prefix cut inside the body, so the line must be the stray one, not the first "{".
    const stray = "exports = async function (arg) {\n  const a = 1;\n  return { hello: arg }; )\n};\n";
    expect((await run("stray", { source: stray })).json.error).toMatchObject({ code: "FunctionSyntaxError", line: 3 });
    const { json } = await call("GET", "/drafts/current");
    const checked = await call("POST", "/drafts/check", {
      files: { ...json.files, "functions/config.json": JSON.stringify([{ name: "stray" }]), "functions/stray.js": stray },
    });
    expect(checked.json.problems).toContainEqual({ path: "functions/stray.js", message: "syntax error at line 3: Unexpected token ')'" });
  });

  it("applies the draft's can_evaluate, and runs private functions that clients could not call", async () => {
    await saveDraftFunction(
      { name: "onlyAda", private: true, can_evaluate: { "%%user.data.email": "ada@example.com" } },
      "exports = function () { return 'secret for ' + context.user.data.email; };",
    );
    const asAda = await run("onlyAda", { userId: ada.id });
    expect(asAda.json).toMatchObject({ ok: true, private: true, result: "secret for ada@example.com" });
    const asBob = await run("onlyAda", { userId: bob.id });
    expect(asBob.json.ok).toBe(false);
    expect(asBob.json.error.message).toMatch(/rule|evaluat/i);
  });

  it("refuses what it cannot run, saying why", async () => {
    expect((await run("nothing", {})).json).toMatchObject({ error_code: "FunctionNotFound" });
    expect((await run("whoami", { arguments: "hi" })).json.error).toMatch(/arguments must be an array/);
    expect((await run("whoami", { userId: "nobody" })).json).toMatchObject({ error_code: "UserNotFound" });
    expect((await call("POST", "/functions/bad%20name/run", {})).json.error).toMatch(/not a function name/);
  });

  it("lists the log entries of a function's past calls, newest first, not those of other functions", async () => {
    await saveDraftFunction({ name: "sub/counter" }, "exports = function (n) { console.log('n is', n); return n; };");
    await run("sub/counter", { arguments: [1] });
    await run("sub/counter", { arguments: [2], userId: bob.id });
    await run("sub/counterX", { source: "exports = () => 0;" });
    const { status, json } = await call("GET", `/functions/${encodeURIComponent("sub/counter")}/calls`);
    expect(status).toBe(200);
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ type: "function", status: "ok", userId: bob.id, userEmail: "bob@example.com", details: { function: "sub/counter", origin: "console", arguments: [2] } });
    expect(json[1].details.logs).toEqual([{ level: "log", text: "n is 1" }]);
  });
});
