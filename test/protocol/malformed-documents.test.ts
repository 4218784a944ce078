import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { openItemsApp } from "./fixtures.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let token: string;

beforeEach(async () => {
  t = await openSandbox();
  await t.sandbox.importApp(openItemsApp(t.appId));
  ({ access_token: token } = await t.signUp("ada@example.com"));
});
afterEach(async () => t.sandbox.close());

/** One service call with a raw EJSON arguments text, as realm-web sends it. */
async function service(name: string, args: string) {
  const body = `{"name":${JSON.stringify(name)},"arguments":[${args}],"service":"mongodb-atlas"}`;
  return t.call("POST", t.app("/functions/call"), { rawBody: body, token, headers: { "content-type": "application/json" } });
}

const ITEMS = `"database":"test","collection":"items"`;
const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"x":1}${"}".repeat(levels - 1)}`;

describe("malformed documents over HTTP: 400 and nothing written", () => {
  it.each<[string, string, string, RegExp]>([
    ["a $date that is not a date", `{"_id":"d","at":{"$date":"nonsense"}}`, "BadRequest", /^invalid Extended JSON: \$date must be/],
    ["a $numberInt that is not a number", `{"_id":"n","n":{"$numberInt":"abc"}}`, "BadRequest", /^invalid Extended JSON: \$numberInt must be/],
    ["a document nested 200 levels deep", deep(200), "MongoDBError", /^cannot insert document because it exceeds 100 levels of nesting$/],
  ])("%s", async (_name, document, code, message) => {
    const reply = await service("insertOne", `{${ITEMS},"document":${document}}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe(code);
    expect(reply.json.error).toMatch(message);
    expect((await service("count", `{${ITEMS}}`)).text).toBe('{"$numberLong":"0"}');
  });

  it("an update setting a malformed date", async () => {
    await service("insertOne", `{${ITEMS},"document":{"_id":"u"}}`);
    const reply = await service("updateOne", `{${ITEMS},"query":{"_id":"u"},"update":{"$set":{"at":{"$date":"2020-02-30T99:00:00Z"}}}}`);
    expect([reply.status, reply.json.error_code]).toEqual([400, "BadRequest"]);
    expect((await service("findOne", `{${ITEMS}}`)).text).toBe('{"_id":"u"}');
  });
});
