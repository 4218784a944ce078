import { describe, expect, it } from "vitest";

import { taskTracker } from "../../src/app/templates/index.ts";
import { createSandbox } from "../../src/index.ts";
import { prepareGraphQL } from "../../src/protocol/graphql-route.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { freshIndexedDB } from "../helpers/idb.ts";
import { openSandbox } from "../protocol/helpers.ts";
import { harness, withResolver } from "./support.ts";

describe("preparing GraphQL before its first request", () => {
  it("builds the schema without logging, and the first request then answers and logs as before", async () => {
    const t = await openSandbox();
    const { access_token } = await t.signUp("ada@example.com");
    const graphqlEntries = async () => (await t.sandbox.app.log.query({})).filter((entry) => entry.type === "graphql");
    await t.sandbox.app.log.flush();
    const before = await t.sandbox.app.log.query({});

    await prepareGraphQL(t.sandbox.app);
    await prepareGraphQL(t.sandbox.app);
    await t.sandbox.app.log.flush();
    // Nothing of the warm-up shows in the app's log.
    expect(await t.sandbox.app.log.query({})).toEqual(before);

    const reply = await t.call("POST", t.app("/graphql"), { token: access_token, body: { query: "{ tasks { name } }" } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ data: { tasks: [] } });
    await t.sandbox.app.log.flush();
    expect((await graphqlEntries()).map((entry) => entry.summary)).toContain("GraphQL (anonymous)");
    await t.sandbox.close();
  });

  it("is a no-op for an app without collection schemas", async () => {
    const sandbox = await createSandbox({ appId: "blank-app", template: "blank", databaseName: "prepare-blank", ...freshIndexedDB() });
    await expect(prepareGraphQL(sandbox.app)).resolves.toBeUndefined();
    await sandbox.close();
  });
});

describe("the endpoint's warm-up", () => {
  it("reads one document with its relationships as the given context, and runs no custom resolver", async () => {
    const calls: string[] = [];
    const files = withResolver(taskTracker("warm"), "label", {
      on_type: "Task",
      field_name: "label",
      function_name: "label",
      payload_type: "String",
      payload_type_format: "scalar",
    });
    const h = await harness(files, { functions: { label: () => void calls.push("label") } });
    await h.raw("tracker.users").insertOne({ _partition: "p", user_id: "u1", name: "Ada" });
    await h.raw("tracker.tasks").insertOne({ _partition: "p", name: "n", status: "Open", assignee: "u1" });
    await h.endpoint.prepare(SYSTEM_CONTEXT);
    expect(calls).toEqual([]);
    expect(await h.run("{ tasks { name label assignee { name } } }", undefined, SYSTEM_CONTEXT)).toEqual({
      data: { tasks: [{ name: "n", label: null, assignee: { name: "Ada" } }] },
    });
    expect(calls).toEqual(["label"]);
  });
});
