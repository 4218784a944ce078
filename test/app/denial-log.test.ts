import { afterEach, describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { userContext, type RequestUser } from "../../src/services/request-context.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const ADA: RequestUser = { id: "ada", type: "normal", data: { email: "ada@example.com" }, custom_data: {}, identities: [] };

let sandbox: Sandbox;
afterEach(() => sandbox.close());

async function open(): Promise<Sandbox> {
  sandbox = await createSandbox({ template: "task-tracker", databaseName: "denials", now: fakeClock().now, ...freshIndexedDB() });
  return sandbox;
}

describe("rule denials in the log", () => {
  it("logs a refused write with the trace of every decision behind it", async () => {
    const { app } = await open();
    const tasks = app.mongo(userContext(ADA)).db("tracker").collection("tasks");
    const task = { _id: new ObjectId(), _partition: "p", name: "for someone else", status: "Open", assignee: "bob" };
    await expect(tasks.insertOne(task)).rejects.toThrow("insert not permitted");
    await app.log.flush();
    const [entry] = await app.log.query({ types: ["rules"] });
    expect(entry).toMatchObject({ status: "error", userId: "ada", summary: "insert not permitted (tracker.tasks)" });
    const trace = (entry.details as { trace: string[] }).trace.join("\n");
    expect(trace).toContain("isAssignee");
    expect(trace).toContain("default");
    expect(await app.mongo(userContext(ADA)).db("tracker").collection("tasks").count()).toBe(0);
  });

  it("logs a namespace without rules", async () => {
    const { app } = await open();
    await expect(app.mongo(userContext(ADA)).db("tracker").collection("projects").find()).rejects.toThrow(
      "no rule exists for namespace 'tracker.projects'",
    );
    await app.log.flush();
    const [entry] = await app.log.query({ types: ["rules"] });
    expect(entry).toMatchObject({ userId: "ada", details: { error_code: "NoMatchingRuleFound" } });
  });

  it("writes nothing for allowed requests", async () => {
    const { app } = await open();
    const tasks = app.mongo(userContext(ADA)).db("tracker").collection("tasks");
    await tasks.insertOne({ _partition: "p", name: "mine", status: "Open", assignee: "ada" });
    expect(await tasks.find()).toHaveLength(1);
    await app.log.flush();
    expect(await app.log.query({ types: ["rules"] })).toEqual([]);
  });
});
