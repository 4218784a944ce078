import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { EJSON } from "bson";
import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import type { AccessPolicy } from "../../src/services/mongodb-atlas/access-policy.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openItemsApp } from "./fixtures.ts";
import { API, openSandbox, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
let token: string;
let userId: string;

beforeEach(async () => {
  t = await openSandbox();
  await t.sandbox.importApp(openItemsApp(t.appId));
  ({ access_token: token, user_id: userId } = await t.signUp("ada@example.com"));
});
afterEach(async () => t.sandbox.close());

const items = () => t.sandbox.app.mongo(SYSTEM_CONTEXT).db("test").collection("items");

function watchUrl(call: unknown, raw = false): string {
  const text = raw ? String(call) : stringifyEJSON(call);
  return `${API}/app/${t.appId}/functions/call?baas_request=${encodeURIComponent(Buffer.from(text).toString("base64"))}`;
}

function watchCall(args: Record<string, unknown> = {}, service = "mongodb-atlas") {
  return { name: "watch", arguments: [{ database: "test", collection: "items", ...args }], service };
}

async function openWatch(args: Record<string, unknown> = {}) {
  const response = await t.sandbox.fetch(watchUrl(watchCall(args)), { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  /** The next SSE message, raw. */
  const next = async (): Promise<string> => {
    while (!buffer.includes("\n\n")) {
      const { done, value } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
    const end = buffer.indexOf("\n\n");
    const message = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    return message;
  };
  /** The next event's data as EJSON. */
  const event = async (): Promise<any> => {
    const message = await next();
    expect(message.startsWith("data: ")).toBe(true);
    const data = message.slice(6).replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
    return EJSON.parse(data);
  };
  return { reader, next, event };
}

describe("watch", () => {
  it("streams insert, update, replace and delete events of the collection only", async () => {
    const stream = await openWatch();
    await t.sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("projects").insertOne({ name: "elsewhere" });
    await items().insertOne({ _id: 1, n: 1 });
    await items().updateOne({ _id: 1 }, { $set: { n: 2 } });
    await items().replaceOne({ _id: 1 }, { n: 3 });
    await items().deleteOne({ _id: 1 });

    const insert = await stream.event();
    expect(insert).toMatchObject({ operationType: "insert", ns: { db: "test", coll: "items" }, documentKey: { _id: 1 }, fullDocument: { _id: 1, n: 1 } });
    expect(insert._id).toHaveProperty("_data");
    expect(insert).toHaveProperty("clusterTime");
    expect(insert).not.toHaveProperty("fullDocumentBeforeChange");
    const update = await stream.event();
    expect(update).toMatchObject({ operationType: "update", fullDocument: { _id: 1, n: 2 }, updateDescription: { updatedFields: { n: 2 }, removedFields: [] } });
    expect((await stream.event()).operationType).toBe("replace");
    const removed = await stream.event();
    expect(removed).toMatchObject({ operationType: "delete", documentKey: { _id: 1 } });
    expect(removed).not.toHaveProperty("fullDocument");
    await stream.reader.cancel();
  });

  it("sends canonical EJSON with %, CR and LF percent-encoded", async () => {
    const stream = await openWatch();
    await items().insertOne({ _id: 1, s: "50%\nnext\r" });
    const message = await stream.next();
    expect(message).toContain(`"s":"50%25\\nnext\\r"`);
    expect(message).toContain(`"_id":{"$numberInt":"1"}`);
    await stream.reader.cancel();
  });

  it("keeps only the listed ids", async () => {
    const stream = await openWatch({ ids: [2, 3] });
    await items().insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    expect((await stream.event()).documentKey._id).toBe(2);
    expect((await stream.event()).documentKey._id).toBe(3);
    await stream.reader.cancel();
  });

  it("keeps only events matching the filter", async () => {
    const stream = await openWatch({ filter: { operationType: "update", "fullDocument.tag": "odd" } });
    await items().insertMany([{ _id: 1, tag: "odd" }, { _id: 2, tag: "even" }]);
    await items().updateMany({}, { $set: { seen: true } });
    const event = await stream.event();
    expect(event).toMatchObject({ operationType: "update", documentKey: { _id: 1 } });
    await items().updateOne({ _id: 1 }, { $set: { again: true } });
    expect((await stream.event()).fullDocument.again).toBe(true);
    await stream.reader.cancel();
  });

  it("ends when the client cancels and when the sandbox closes", async () => {
    const stream = await openWatch();
    await stream.reader.cancel();
    await items().insertOne({ _id: 1 });
    const second = await openWatch();
    await t.sandbox.close();
    expect((await second.reader.read()).done).toBe(true);
    t = await openSandbox();
  });
});

describe("watch applies the caller's read permissions", () => {
  /** Owners see their own documents, without `secret`; an `explode` document fails the rules. */
  const ownerPolicy = (ownerId: () => string): AccessPolicy => ({
    validatesSchema: false,
    restrictFilter: (filter) => filter,
    readDocument(doc) {
      if (doc.explode) throw new AppServicesError("NoMatchingRuleFound", "no rule allows reading this document");
      if (doc.owner !== ownerId()) return undefined;
      const { secret: _secret, ...visible } = doc;
      return visible;
    },
    checkWrite: () => undefined,
  });

  it("withholds others' documents and hidden fields, also from update descriptions", async () => {
    t.sandbox.app.usePolicies(({ context }) => (context.system ? (undefined as never) : ownerPolicy(() => userId)));
    const stream = await openWatch();
    await items().insertOne({ _id: 1, owner: "someone-else", secret: "x" });
    await items().insertOne({ _id: 2, owner: userId, secret: "hidden", n: 1 });
    await items().updateOne({ _id: 2 }, { $set: { secret: "changed", n: 2 } });
    await items().deleteOne({ _id: 1 });
    await items().deleteOne({ _id: 2 });

    const insert = await stream.event();
    expect(insert.fullDocument).toEqual({ _id: 2, owner: userId, n: 1 });
    const update = await stream.event();
    expect(update.fullDocument).toEqual({ _id: 2, owner: userId, n: 2 });
    expect(update.updateDescription.updatedFields).toEqual({ n: 2 });
    const removed = await stream.event();
    expect(removed).toMatchObject({ operationType: "delete", documentKey: { _id: 2 } });
    await stream.reader.cancel();
  });

  it("honours query filters of the policy", async () => {
    t.sandbox.app.usePolicies(({ context }) =>
      context.system ? (undefined as never) : { ...ownerPolicy(() => userId), readDocument: (d) => d, restrictFilter: (f) => ({ $and: [f, { public: true }] }) },
    );
    const stream = await openWatch();
    await items().insertMany([{ _id: 1, public: false }, { _id: 2, public: true }]);
    expect((await stream.event()).documentKey._id).toBe(2);
    await stream.reader.cancel();
  });

  it("reports a rules failure as an error event and ends the stream", async () => {
    t.sandbox.app.usePolicies(({ context }) => (context.system ? (undefined as never) : ownerPolicy(() => userId)));
    const stream = await openWatch();
    await items().insertOne({ _id: 1, explode: true });
    const message = await stream.next();
    expect(message.split("\n")[0]).toBe("event: error");
    expect(JSON.parse(message.split("\n")[1].slice(6))).toEqual({ error_code: "NoMatchingRuleFound", error: "no rule allows reading this document" });
    expect((await stream.reader.read()).done).toBe(true);
  });
});

describe("bad watch requests are plain error responses", () => {
  async function get(url: string, auth = true) {
    const response = await t.sandbox.fetch(url, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get("content-type"), json: await response.json() };
  }

  it.each([
    ["no baas_request", () => `${API}/app/${t.appId}/functions/call`, 400, "MissingParameter"],
    ["baas_request that is not base64", () => `${API}/app/${t.appId}/functions/call?baas_request=%%%`, 400, "BadRequest"],
    ["baas_request that is not JSON", () => watchUrl("not json", true), 400, "BadRequest"],
    ["another function name", () => watchUrl({ ...watchCall(), name: "find" }), 400, "BadRequest"],
    ["no arguments", () => watchUrl({ name: "watch", arguments: [], service: "mongodb-atlas" }), 400, "InvalidParameter"],
    ["no collection", () => watchUrl({ name: "watch", arguments: [{ database: "test" }], service: "mongodb-atlas" }), 400, "MissingParameter"],
    ["ids that are not an array", () => watchUrl(watchCall({ ids: 1 })), 400, "InvalidParameter"],
    ["an invalid filter", () => watchUrl(watchCall({ filter: { $bogus: 1 } })), 400, undefined],
    ["an unknown service", () => watchUrl(watchCall({}, "nope")), 404, "ServiceNotFound"],
  ])("%s", async (_, url, status, code) => {
    const reply = await get(url());
    expect(reply.status).toBe(status);
    expect(reply.type).toBe("application/json");
    if (code) expect(reply.json.error_code).toBe(code);
  });

  it("needs an access token", async () => {
    const reply = await get(watchUrl(watchCall()), false);
    expect(reply.status).toBe(401);
    expect(reply.json.error_code).toBe("MissingAuthReq");
  });
});

describe("watch filters of application users", () => {
  it.each([{ $expr: { $eq: ["$n", 1] } }, { $where: "true" }])("refuses the operators kept for the system: %j", async (filter) => {
    const response = await t.sandbox.fetch(watchUrl(watchCall({ filter })), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_code: "MongoDBError", error: expect.stringMatching(/not supported for application users/) });
  });
});
