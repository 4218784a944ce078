import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseEJSON, stringifyEJSON } from "../../src/bson/ejson.ts";
import type { Document } from "../../src/bson/types.ts";
import { EJSON_CASES, everyTypeDocument } from "../bson/ejson-cases.ts";
import { openTestApp, type TestApp } from "../helpers/sandbox.ts";

const NS = "roundtrip.values";

/** One document per case, `_id` = the case's position, the value under `v`. */
const caseDocuments = EJSON_CASES.map(([, ejson], i) => JSON.stringify({ _id: { $numberInt: String(i) }, v: ejson }));
const everyType = JSON.stringify(everyTypeDocument());

describe("every BSON type through the service", () => {
  let sandbox: TestApp;

  beforeAll(async () => {
    sandbox = await openTestApp();
    const coll = sandbox.system(NS);
    await coll.insertMany(caseDocuments.map((text) => parseEJSON(text) as Document));
    await coll.insertOne(parseEJSON(everyType) as Document);
  });

  afterAll(() => sandbox.close());

  const readBack = async (app: TestApp) => {
    const docs = await app.system(NS).find({}, undefined, { sort: { _id: 1 } });
    return docs.map((doc) => stringifyEJSON(doc));
  };

  it.each(EJSON_CASES.map(([name], i) => [name, i] as const))("%s reads back as the same canonical EJSON", async (_name, i) => {
    const doc = await sandbox.system(NS).findOne({ _id: i });
    expect(stringifyEJSON(doc)).toBe(caseDocuments[i]);
  });

  it.each(
    EJSON_CASES.map(([name, , type], i) => [name, i, type] as const).filter(([, , type]) => type !== "regex"),
  )("%s is found by equality on its value", async (_name, i) => {
    const { v } = parseEJSON(caseDocuments[i]) as Document;
    const found = await sandbox.system(NS).find({ v: { $eq: v } }, { _id: 1 });
    expect(found.map((d) => d._id)).toContain(i);
  });

  it("keeps a document holding every type, with its key order", async () => {
    const doc = await sandbox.system(NS).findOne({ _id: (parseEJSON(everyType) as Document)._id });
    expect(stringifyEJSON(doc)).toBe(everyType);
    expect(Object.keys(doc!)).toEqual(Object.keys(JSON.parse(everyType)));
  });

  it("returns the same documents after the database is closed and reopened", async () => {
    const before = await readBack(sandbox);
    expect(before).toEqual([...caseDocuments, everyType]);
    await sandbox.close();
    sandbox = await sandbox.reopen();
    expect(await readBack(sandbox)).toEqual(before);
  });

  it("puts a generated _id first, as an ObjectId from the injected clock", async () => {
    const coll = sandbox.system("roundtrip.generated");
    const { insertedId } = await coll.insertOne(parseEJSON('{"b": {"$numberInt": "1"}, "a": null}') as Document);
    const doc = await coll.findOne({});
    expect(Object.keys(doc!)).toEqual(["_id", "b", "a"]);
    expect(stringifyEJSON(doc!._id)).toBe(stringifyEJSON(insertedId));
    expect((insertedId as { getTimestamp(): Date }).getTimestamp().getTime()).toBe(sandbox.clock.now());
  });
});
