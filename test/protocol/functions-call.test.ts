import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { fakeFunctions } from "../auth/helpers.ts";
import { openItemsApp } from "./fixtures.ts";
import { openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let token: string;
let userId: string;

beforeEach(async () => {
  t = await openSandbox();
  await t.sandbox.importApp(openItemsApp(t.appId));
  ({ access_token: token, user_id: userId } = await t.signUp("ada@example.com"));
});
afterEach(async () => t.sandbox.close());

/** One service call with a raw EJSON arguments text, as realm-web sends it. */
async function service(name: string, args: string, serviceName = "mongodb-atlas") {
  const body = `{"name":${JSON.stringify(name)},"arguments":[${args}],"service":${JSON.stringify(serviceName)}}`;
  return t.call("POST", t.app("/functions/call"), { rawBody: body, token, headers: { "content-type": "application/json" } });
}

const ITEMS = `"database":"test","collection":"items"`;
const int = (n: number) => `{"$numberInt":"${n}"}`;

async function seed() {
  const docs = [1, 2, 3].map((n) => `{"_id":${int(n)},"n":${int(n)},"tag":"${n % 2 ? "odd" : "even"}"}`).join(",");
  expect((await service("insertMany", `{${ITEMS},"documents":[${docs}]}`)).status).toBe(200);
}

describe("mongodb-atlas methods answer as the server did (canonical EJSON)", () => {
  it.each([
    ["insertOne", `{${ITEMS},"document":{"_id":${int(9)},"x":"y"}}`, `{"insertedId":${int(9)}}`],
    ["insertMany", `{${ITEMS},"documents":[{"_id":"a"},{"_id":"b"}]}`, `{"insertedIds":["a","b"]}`],
    ["find", `{${ITEMS},"query":{"tag":"odd"},"project":{"n":${int(1)}},"sort":{"n":${int(-1)}},"limit":${int(1)}}`, `[{"_id":${int(3)},"n":${int(3)}}]`],
    ["find", `{${ITEMS}}`, `[{"_id":${int(1)},"n":${int(1)},"tag":"odd"},{"_id":${int(2)},"n":${int(2)},"tag":"even"},{"_id":${int(3)},"n":${int(3)},"tag":"odd"}]`],
    ["findOne", `{${ITEMS},"query":{"n":{"$gt":${int(1)}}},"project":{"tag":${int(1)}}}`, `{"_id":${int(2)},"tag":"even"}`],
    ["findOne", `{${ITEMS},"query":{"n":${int(99)}}}`, `null`],
    ["count", `{${ITEMS},"query":{"tag":"odd"}}`, `{"$numberLong":"2"}`],
    ["count", `{${ITEMS},"limit":${int(1)}}`, `{"$numberLong":"1"}`],
    ["aggregate", `{${ITEMS},"pipeline":[{"$group":{"_id":"$tag","total":{"$sum":"$n"}}},{"$sort":{"_id":${int(1)}}}]}`, `[{"_id":"even","total":${int(2)}},{"_id":"odd","total":${int(4)}}]`],
    ["updateOne", `{${ITEMS},"query":{"_id":${int(1)}},"update":{"$set":{"tag":"first"}}}`, `{"matchedCount":${int(1)},"modifiedCount":${int(1)}}`],
    ["updateOne", `{${ITEMS},"query":{"_id":${int(1)}},"update":{"name":"Alison"}}`, `{"matchedCount":${int(1)},"modifiedCount":${int(1)}}`],
    ["updateOne", `{${ITEMS},"query":{"_id":${int(7)}},"update":{"$set":{"n":${int(7)}}},"upsert":true}`, `{"matchedCount":${int(0)},"modifiedCount":${int(0)},"upsertedId":${int(7)}}`],
    ["updateMany", `{${ITEMS},"query":{"tag":"odd"},"update":{"$inc":{"n":${int(10)}}}}`, `{"matchedCount":${int(2)},"modifiedCount":${int(2)}}`],
    ["updateMany", `{${ITEMS},"query":{"tag":"none"},"update":{"$inc":{"n":${int(10)}}}}`, `{"matchedCount":${int(0)},"modifiedCount":${int(0)}}`],
    ["deleteOne", `{${ITEMS},"query":{"tag":"odd"}}`, `{"deletedCount":${int(1)}}`],
    ["deleteMany", `{${ITEMS},"query":{}}`, `{"deletedCount":${int(3)}}`],
    ["findOneAndUpdate", `{${ITEMS},"filter":{"_id":${int(2)}},"update":{"$set":{"tag":"two"}},"returnNewDocument":true}`, `{"_id":${int(2)},"n":${int(2)},"tag":"two"}`],
    ["findOneAndUpdate", `{${ITEMS},"filter":{"_id":${int(2)}},"update":{"$set":{"tag":"two"}},"projection":{"tag":${int(1)}}}`, `{"_id":${int(2)},"tag":"even"}`],
    ["findOneAndReplace", `{${ITEMS},"filter":{"_id":${int(2)}},"update":{"fresh":true},"returnNewDocument":true}`, `{"_id":${int(2)},"fresh":true}`],
    ["findOneAndDelete", `{${ITEMS},"filter":{"tag":"even"}}`, `{"_id":${int(2)},"n":${int(2)},"tag":"even"}`],
  ])("%s %s", async (name, args, expected) => {
    await seed();
    const reply = await service(name, args);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.contentType).toBe("application/json");
    expect(reply.text).toBe(expected);
  });

  it("findOneAndReplace without update (realm-web 2.x findOneAndDelete) leaves an _id-only document", async () => {
    await seed();
    const reply = await service("findOneAndReplace", `{${ITEMS},"filter":{"_id":${int(2)}}}`);
    expect(reply.text).toBe(`{"_id":${int(2)},"n":${int(2)},"tag":"even"}`);
    expect((await service("findOne", `{${ITEMS},"query":{"_id":${int(2)}}}`)).text).toBe(`{"_id":${int(2)}}`);
  });

  it("keeps BSON types through a round trip", async () => {
    const doc = `{"_id":{"$oid":"0123456789abcdef01234567"},"d":{"$date":{"$numberLong":"0"}},"l":{"$numberLong":"9007199254740993"},"f":{"$numberDouble":"1.0"},"dec":{"$numberDecimal":"1.10"}}`;
    await service("insertOne", `{${ITEMS},"document":${doc}}`);
    expect((await service("findOne", `{${ITEMS}}`)).text).toBe(doc);
  });

  it("a schema failure is 400 SchemaValidationFailedWrite with the write-denied wording", async () => {
    // Assigned to the caller, so the tutorial's isAssignee role allows the insert once rules apply.
    const reply = await service("insertOne", `{"database":"tracker","collection":"tasks","document":{"assignee":"${userId}","name":${int(1)}}}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe("SchemaValidationFailedWrite");
    expect(reply.json.error).toMatch(/^insert not permitted/);
  });

  it("a duplicate _id is 400 MongoDBError E11000", async () => {
    await seed();
    const reply = await service("insertOne", `{${ITEMS},"document":{"_id":${int(1)}}}`);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error_code: "MongoDBError", error: expect.stringContaining("E11000") });
  });
});

describe("bad service calls get clear 4xx answers", () => {
  it.each([
    ["an unknown method", "dropDatabase", `{${ITEMS}}`, 404, "FunctionNotFound", "function not found: 'dropDatabase'"],
    ["an inherited property name", "constructor", `{${ITEMS}}`, 404, "FunctionNotFound", "function not found: 'constructor'"],
    ["a missing database", "find", `{"collection":"items"}`, 400, "MissingParameter", "find: database is required"],
    ["a bad collection name", "find", `{"database":"test","collection":"$bad"}`, 400, "InvalidParameter", undefined],
    ["a non-document argument", "find", `"text"`, 400, "InvalidParameter", "find: arguments[0] must be a document"],
    ["a non-document query", "find", `{${ITEMS},"query":[]}`, 400, "InvalidParameter", "query must be a document"],
    ["no update", "updateOne", `{${ITEMS},"query":{}}`, 400, "MissingParameter", "update is required"],
    ["an unknown update operator", "updateOne", `{${ITEMS},"query":{},"update":{"$bogus":{"a":1}}}`, 400, "MongoDBError", undefined],
    ["a non-boolean upsert", "updateOne", `{${ITEMS},"query":{},"update":{"$set":{"a":1}},"upsert":"yes"}`, 400, "InvalidParameter", undefined],
    ["a bad pipeline", "aggregate", `{${ITEMS},"pipeline":{"$match":{}}}`, 400, "InvalidParameter", undefined],
    ["a bad limit", "find", `{${ITEMS},"limit":"ten"}`, 400, "InvalidParameter", undefined],
    ["an $out stage", "aggregate", `{${ITEMS},"pipeline":[{"$out":"other"}]}`, 400, "MongoDBError", undefined],
  ])("%s", async (_, name, args, status, code, message) => {
    const reply = await service(name, args);
    expect(reply.status, reply.text).toBe(status);
    expect(reply.json.error_code).toBe(code);
    if (message) expect(reply.json.error).toBe(message);
  });

  it("an unknown service is 404 ServiceNotFound", async () => {
    const reply = await service("find", `{${ITEMS}}`, "mongodb-nope");
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ error: "service not found: 'mongodb-nope'", error_code: "ServiceNotFound" });
  });

  it.each([
    ["no name", `{"arguments":[]}`, "MissingParameter"],
    ["arguments that are not an array", `{"name":"find","arguments":{},"service":"mongodb-atlas"}`, "InvalidParameter"],
    ["a service that is not a string", `{"name":"find","arguments":[],"service":1}`, "InvalidParameter"],
  ])("a body with %s is 400", async (_, body, code) => {
    const reply = await t.call("POST", t.app("/functions/call"), { rawBody: body, token });
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).toBe(code);
  });

  it("calls need an access token", async () => {
    const reply = await t.call("POST", t.app("/functions/call"), { body: { name: "find", arguments: [], service: "mongodb-atlas" } });
    expect(reply.status).toBe(401);
    expect(reply.json.error_code).toBe("MissingAuthReq");
  });
});

describe("app functions", () => {
  it("answer FunctionNotFound while no functions layer is installed", async () => {
    t.sandbox.app.functions = undefined;
    const reply = await t.call("POST", t.app("/functions/call"), { body: { name: "myFunc", arguments: [1, "a"] }, token });
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ error: "function not found: 'myFunc'", error_code: "FunctionNotFound" });
  });

  it("run as the calling user, as a client call, with EJSON in and out", async () => {
    const host = fakeFunctions({ myFunc: (a: number, b: string) => ({ sum: a + 1, b, when: new Date(0) }) });
    t.sandbox.app.functions = host;
    const body = `{"name":"myFunc","arguments":[{"$numberInt":"1"},"a"]}`;
    const reply = await t.call("POST", t.app("/functions/call"), { rawBody: body, token, headers: { "user-agent": "test-agent" } });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(`{"sum":{"$numberInt":"2"},"b":"a","when":{"$date":{"$numberLong":"0"}}}`);
    const [call] = host.calls;
    expect(call.args).toEqual([1, "a"]);
    expect(call.context.system).toBe(false);
    expect(call.context.user).toMatchObject({ id: userId, data: { email: "ada@example.com" } });
    expect(call.context.request).toMatchObject({ httpMethod: "POST", httpUserAgent: "test-agent" });
    expect(JSON.stringify(call.context.request)).not.toContain(token);
  });

  it("a function returning undefined answers null", async () => {
    t.sandbox.app.functions = fakeFunctions({ nothing: () => undefined });
    const reply = await t.call("POST", t.app("/functions/call"), { body: { name: "nothing", arguments: [] }, token });
    expect(reply).toMatchObject({ status: 200, text: "null" });
  });

  it("errors the function throws keep their code", async () => {
    const { AppServicesError } = await import("../../src/core/app-services-error.ts");
    t.sandbox.app.functions = fakeFunctions({
      boom: () => {
        throw new AppServicesError("FunctionExecutionError", "boom");
      },
    });
    const reply = await t.call("POST", t.app("/functions/call"), { body: { name: "boom", arguments: [] }, token });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: "boom", error_code: "FunctionExecutionError" });
  });

  it("the request log names the function", async () => {
    await service("count", `{${ITEMS}}`);
    const [entry] = await t.sandbox.app.log.query({ types: ["request"] });
    expect(entry.details).toMatchObject({ function: "count", service: "mongodb-atlas", status: 200 });
    expect(entry.userId).toBe(userId);
  });
});
