import { describe, expect, it } from "vitest";

import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { Long, ObjectId, bsonTypeOf, type Document } from "../../src/bson/types.ts";
import { compileFilter } from "../../src/query/matcher.ts";
import { compileProjection } from "../../src/query/projection.ts";
import { applyUpdate, buildUpsertDocument, checkReplacement, parseUpdate, seedFromFilter } from "../../src/query/update.ts";

describe("parseUpdate", () => {
  it.each<[string, unknown, string]>([
    ["operators", { $set: { a: 1 }, $inc: { n: 1 } }, "operators"],
    ["plain fields", { a: 1, b: { $c: 1 } }, "replacement"],
    ["an empty document", {}, "replacement"],
  ])("classifies %s", (_name, update, kind) => {
    expect(parseUpdate(update).kind).toBe(kind);
  });

  it.each<[string, unknown, string, string]>([
    ["a non-document", [1], "InvalidParameter", "update must be a document"],
    ["a mix", { $set: { a: 1 }, b: 1 }, "MongoDBError", "update document cannot mix update operators and plain fields"],
    ["an unknown operator", { $push: { a: 1 }, $frob: { a: 1 } }, "MongoDBError", "Unknown modifier: $frob. Expected a valid update modifier"],
    ["an operand that is not a document", { $unset: "a" }, "MongoDBError", "Modifiers operate on fields but we found a string instead for $unset"],
  ])("rejects %s", (_name, update, code, message) => {
    expect(() => parseUpdate(update)).toThrow(message);
    try {
      parseUpdate(update);
    } catch (error) {
      expect((error as { code: string }).code).toBe(code);
    }
  });

  it("checkReplacement refuses top-level operators", () => {
    expect(() => checkReplacement({ a: 1, $set: {} })).toThrow("replacement document cannot contain operator $set");
    expect(() => checkReplacement({ a: { $set: 1 } })).not.toThrow();
  });
});

describe("applyUpdate", () => {
  it("does not change its input and returns it as is when nothing changes", () => {
    const doc = { _id: 1, n: Long.fromNumber(1), list: [1] };
    const text = stringifyEJSON(doc);
    const { doc: next, changed } = applyUpdate(doc, parseUpdate({ $inc: { n: 1 }, $push: { list: 2 } }));
    expect(changed).toBe(true);
    expect(stringifyEJSON(doc)).toBe(text);
    expect(stringifyEJSON(next)).toBe(stringifyEJSON({ _id: 1, n: Long.fromNumber(2), list: [1, 2] }));
    const same = applyUpdate(doc, parseUpdate({ $max: { n: 0 } }));
    expect(same).toEqual({ doc, changed: false });
    expect(same.doc).toBe(doc);
  });

  it("applies $setOnInsert only when inserting", () => {
    const update = parseUpdate({ $setOnInsert: { created: 1 }, $set: { v: 1 } });
    expect(applyUpdate({ _id: 1 }, update).doc).toEqual({ _id: 1, v: 1 });
    expect(applyUpdate({ _id: 1 }, update, { inserting: true }).doc).toEqual({ _id: 1, v: 1, created: 1 });
  });

  it("takes $currentDate from the given time", () => {
    const { doc } = applyUpdate({ _id: 1 }, parseUpdate({ $currentDate: { at: true } }), { now: 86_400_000 });
    expect(doc.at).toEqual(new Date(86_400_000));
  });

  it("a replacement keeps _id first and counts a reordering as a change", () => {
    const doc = { _id: 1, a: 1, b: 2 };
    const { doc: next, changed } = applyUpdate(doc, parseUpdate({ b: 2, a: 1 }));
    expect(Object.keys(next)).toEqual(["_id", "b", "a"]);
    expect(changed).toBe(true);
    expect(applyUpdate(doc, parseUpdate({ a: 1, b: 2 })).changed).toBe(false);
  });
});

describe("upsert seeds", () => {
  it.each<[string, Document, Document]>([
    ["plain equality", { a: 1, "b.c": "x" }, { a: 1, b: { c: "x" } }],
    ["$eq", { a: { $eq: 2 } }, { a: 2 }],
    ["$and branches", { $and: [{ a: 1 }, { $and: [{ b: 2 }] }] }, { a: 1, b: 2 }],
    ["an embedded document", { a: { x: 1 } }, { a: { x: 1 } }],
    ["not operators, regexes or $or", { a: { $gt: 1 }, r: /x/, $or: [{ c: 1 }], d: { $in: [1] } }, {}],
  ])("%s", (_name, filter, seed) => {
    expect(seedFromFilter(filter)).toEqual(seed);
  });

  it("builds the inserted document with a generated _id first", () => {
    const doc = buildUpsertDocument({ k: 1 }, parseUpdate({ $set: { v: 2 } }), { now: Date.UTC(2030, 0, 1) });
    expect(Object.keys(doc)).toEqual(["_id", "k", "v"]);
    expect(bsonTypeOf(doc._id)).toBe("objectId");
    expect((doc._id as ObjectId).getTimestamp()).toEqual(new Date(Date.UTC(2030, 0, 1)));
  });

  it("a replacement upsert keeps only the filter's _id", () => {
    expect(buildUpsertDocument({ _id: 3, k: 1 }, parseUpdate({ v: 1 }))).toEqual({ _id: 3, v: 1 });
  });
});

describe("compileFilter and compileProjection", () => {
  it("an empty or missing filter matches everything", () => {
    expect(compileFilter(undefined)({ a: 1 })).toBe(true);
    expect(compileFilter({})({})).toBe(true);
  });

  it("compiles once and tests many documents", () => {
    const matches = compileFilter({ n: { $gte: Long.fromNumber(2) } });
    expect([{ n: 1 }, { n: Long.fromNumber(2) }, { n: 3.5 }].map(matches)).toEqual([false, true, true]);
  });

  it("a projection does not change the caller's specification", () => {
    const spec = { _id: 1, a: 0 };
    const project = compileProjection(spec);
    expect(project({ _id: 1, a: 1, b: 2 })).toEqual({ _id: 1, b: 2 });
    expect(spec).toEqual({ _id: 1, a: 0 });
  });

  it("an absent or empty projection returns the document itself", () => {
    const doc = { _id: 1 };
    expect(compileProjection(undefined)(doc)).toBe(doc);
    expect(compileProjection({})(doc)).toBe(doc);
  });
});
