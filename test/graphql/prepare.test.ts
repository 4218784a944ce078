import { describe, expect, it } from "vitest";

import { createSandbox } from "../../src/index.ts";
import { prepareGraphQL } from "../../src/protocol/graphql-route.ts";
import { freshIndexedDB } from "../helpers/idb.ts";
import { openSandbox } from "../protocol/helpers.ts";

describe("preparing GraphQL before its first request", () => {
  it("builds the schema without logging, and the first request then answers and logs as before", async () => {
    const t = await openSandbox();
    const { access_token } = await t.signUp("ada@example.com");
    const graphqlEntries = async () => (await t.sandbox.app.log.query({})).filter((entry) => entry.type === "graphql");
    const before = (await graphqlEntries()).length;

    await prepareGraphQL(t.sandbox.app);
    await prepareGraphQL(t.sandbox.app);
    await t.sandbox.app.log.flush();
    expect(await graphqlEntries()).toHaveLength(before);

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
