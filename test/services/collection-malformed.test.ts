import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Document } from "../../src/bson/types.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

/** A document of `levels` levels of nesting, counted as MongoDB counts them (the document itself is the first). */
function nested(levels: number, leaf: Document = { x: 1 }, wrap: (inner: unknown) => unknown = (inner) => ({ a: inner })): Document {
  let value: unknown = leaf;
  for (let i = 1; i < levels; i++) value = wrap(value);
  return value as Document;
}

const TOO_DEEP = "cannot insert document because it exceeds 100 levels of nesting";

describe("documents storage cannot hold", () => {
  let sandbox: TestApp;
  const coll = () => sandbox.system("shop.deep");

  beforeAll(async () => {
    sandbox = await openTestApp();
  });

  afterAll(() => sandbox.close());

  it.each<[string, Document]>([
    ["101 levels of documents", nested(101)],
    ["101 levels through arrays", { a: nested(100, { x: 1 }, (inner) => [inner]) }],
    ["200 levels", nested(200)],
  ])("refuses %s with the server's Overflow error and writes nothing", async (_name, doc) => {
    const error = await errorOf(() => coll().insertOne({ _id: "deep", ...doc }));
    expect(error).toMatchObject({ code: "MongoDBError", message: TOO_DEEP, details: { code: 15, codeName: "Overflow" } });
    expect(await coll().count()).toBe(0);
  });

  it("accepts 100 levels, and empty documents and arrays at the bottom add none", async () => {
    await coll().insertOne({ _id: 100, ...nested(100) });
    await coll().insertOne({ _id: "empty", ...nested(100, { x: {}, y: [] }) });
    expect(await coll().count()).toBe(2);
    await coll().deleteMany({});
  });

  it("refuses an update, a replacement or an upsert that would nest too deep, leaving the document as it was", async () => {
    await coll().insertOne({ _id: 1, ...nested(99) });
    const deeper = { $set: { "a.extra": nested(99) } };
    expect((await errorOf(() => coll().updateOne({ _id: 1 }, deeper))).message).toBe("cannot update document because it exceeds 100 levels of nesting");
    expect((await errorOf(() => coll().replaceOne({ _id: 1 }, nested(101)))).details).toMatchObject({ code: 15 });
    expect((await errorOf(() => coll().updateOne({ _id: 2 }, { $set: nested(101) }, { upsert: true }))).message).toBe(TOO_DEEP);
    expect(await coll().find({})).toEqual([{ _id: 1, ...nested(99) }]);
    await coll().deleteMany({});
  });

  it("refuses an invalid date on insert and update, writing nothing", async () => {
    const bad = new Date("nonsense");
    expect(await errorOf(() => coll().insertMany([{ _id: 1 }, { _id: 2, at: { when: bad } }]))).toEqual({
      code: "InvalidParameter",
      message: "invalid date at 'at.when': a date must be a valid point in time",
      details: undefined,
    });
    expect(await coll().count()).toBe(0);
    await coll().insertOne({ _id: 3, at: new Date(0) });
    expect((await errorOf(() => coll().updateOne({ _id: 3 }, { $set: { list: [bad] } }))).message).toMatch(/^invalid date at 'list.0'/);
    expect(await coll().findOne({ _id: 3 })).toEqual({ _id: 3, at: new Date(0) });
  });
});
