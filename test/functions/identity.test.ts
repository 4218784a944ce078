import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { PolicyFactory } from "../../src/app/catalog.ts";
import { SYSTEM_POLICY } from "../../src/services/mongodb-atlas/access-policy.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { asUser, denyUserWrites, openBackend, testUser, type TestBackend } from "./_setup.ts";

const insertNote = `exports = async function (text) {
  const notes = context.services.get("mongodb-atlas").db("app").collection("notes");
  const { insertedId } = await notes.insertOne({ text, by: context.user.id ?? null });
  return insertedId;
};`;

const ada = testUser("6000000000000000000000a1", "ada@example.com");
const bob = testUser("6000000000000000000000b2", "bob@example.com");

let backend: TestBackend;
const notes = () => backend.app.mongo(SYSTEM_CONTEXT).db("app").collection("notes");

beforeAll(async () => {
  backend = await openBackend(
    {
      functions: {
        asCaller: { source: insertNote },
        asSystem: { source: insertNote, run_as_system: true },
        asBob: { source: "exports = () => ({ user: context.user.id, system: context.runningAsSystem() });", run_as_user_id: bob.id },
        asBobWrites: { source: insertNote, run_as_user_id: bob.id },
        asScript: {
          source: "exports = () => context.user.id;",
          run_as_user_id_script_source: `exports = () => "${bob.id}";`,
        },
        scriptSystem: { source: "exports = () => context.runningAsSystem();", run_as_user_id_script_source: "exports = () => ({ runAsSystem: true });" },
        missingUser: { source: "exports = () => 1;", run_as_user_id: "6000000000000000000000ff" },
        callerCallsSystem: { source: "exports = (text) => context.functions.execute('asSystem', text);" },
        systemCallsCaller: { source: "exports = (text) => context.functions.execute('asCaller', text);", run_as_system: true },
        listNotes: {
          source: `exports = async () => (await context.services.get("mongodb-atlas").db("app").collection("notes").find({}).toArray()).map((n) => n.text).sort();`,
        },
        canSee: { source: "exports = (owner, userId) => owner === userId;", private: true },
      },
    },
    { findUser: async (id) => (id === bob.id ? bob : undefined) },
  );
  backend.app.usePolicies(denyUserWrites);
});

afterAll(() => backend.close());

beforeEach(async () => {
  await notes().deleteMany({});
  backend.app.usePolicies(denyUserWrites);
});

const call = (name: string, args: unknown[], context = asUser(ada)) => backend.runtime.call(name, args, context, { fromClient: true });

describe("run as the caller or as the system", () => {
  it("a user function's writes are checked against the user's rules", async () => {
    await expect(call("asCaller", ["hi"])).rejects.toMatchObject({ code: "FunctionExecutionError", message: "insert not permitted" });
    expect(await notes().count()).toBe(0);
  });

  it("run_as_system bypasses rules, and context.user stays the caller", async () => {
    await call("asSystem", ["hi"]);
    expect(await notes().find({}, { _id: 0 })).toEqual([{ text: "hi", by: ada.id }]);
  });

  it("the same function called by the system (e.g. a trigger) is not checked", async () => {
    await backend.runtime.call("asCaller", ["from system"], SYSTEM_CONTEXT);
    expect(await notes().find({}, { _id: 0 })).toEqual([{ text: "from system", by: null }]);
  });

  it("functions.execute: the callee inherits the caller's identity unless it runs as system", async () => {
    await call("callerCallsSystem", ["via system"]);
    await expect(call("systemCallsCaller", ["inherits system"])).resolves.toBeDefined();
    expect((await notes().find({}, { _id: 0 })).sort((a, b) => String(a.text).localeCompare(String(b.text)))).toEqual([
      { text: "inherits system", by: ada.id },
      { text: "via system", by: ada.id },
    ]);
  });

  it("run_as_user_id runs as that user, under that user's rules", async () => {
    expect(await call("asBob", [])).toEqual({ user: bob.id, system: false });
    await expect(call("asBobWrites", ["x"])).rejects.toThrow("insert not permitted");
    await expect(call("missingUser", [])).rejects.toThrow('cannot run function "missingUser" as user "6000000000000000000000ff": user not found');
  });

  it("run_as_user_id_script_source picks the user, or the system", async () => {
    expect(await call("asScript", [])).toBe(bob.id);
    expect(await call("scriptSystem", [])).toBe(true);
  });

  it("%function in a rule runs in the calling function's call tree", async () => {
    await notes().insertMany([
      { text: "mine", owner: ada.id },
      { text: "theirs", owner: bob.id },
    ]);
    const ownerOnly: PolicyFactory = (request) => ({
      ...SYSTEM_POLICY,
      validatesSchema: true,
      readDocument: async (doc) =>
        (await backend.app.functions!.call("canSee", [doc.owner, request.context.user?.id], request.context)) ? doc : undefined,
    });
    backend.app.usePolicies(ownerOnly);
    expect(await call("listNotes", [])).toEqual(["mine"]);
    const ruleCalls = await backend.app.log.query({ types: ["function"], text: "function canSee" });
    expect(ruleCalls.length).toBeGreaterThanOrEqual(2);
    expect(ruleCalls[0].details?.origin).toBe("rule");
  });
});
