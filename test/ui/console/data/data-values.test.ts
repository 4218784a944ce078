import { describe, expect, it } from "vitest";

import { bsonScalar, idText, missingPaths, toRelaxed } from "../../../../src/ui/components/ejson-values.ts";
import { newDocumentText } from "../../../../src/ui/console/data/document-template.ts";
import { hashWithQuery, parseQuery, queryFromHash, EMPTY_QUERY } from "../../../../src/ui/console/data/query-state.ts";

describe("Extended JSON in the page", () => {
  it.each([
    [{ $oid: "5f0c8a1b2c3d4e5f60718200" }, "ObjectId", "5f0c8a1b2c3d4e5f60718200"],
    [{ $date: { $numberLong: "1769817600000" } }, "Date", "2026-01-31T00:00:00.000Z"],
    [{ $date: "2026-01-31T00:00:00Z" }, "Date", "2026-01-31T00:00:00Z"],
    [{ $numberInt: "5" }, "Int32", "5"],
    [{ $numberLong: "9007199254740993" }, "Long", "9007199254740993"],
    [{ $numberDouble: "1.5" }, "Double", "1.5"],
    [{ $numberDecimal: "12.50" }, "Decimal128", "12.50"],
    [{ $binary: { base64: "AAECAwQFBgcICQoLDA0ODw==", subType: "04" } }, "UUID", "00010203-0405-0607-0809-0a0b0c0d0e0f"],
    [{ $regularExpression: { pattern: "^a", options: "i" } }, "Regex", "/^a/i"],
    [{ $timestamp: { t: 1, i: 2 } }, "Timestamp", "t: 1, i: 2"],
    ["text", "String", '"text"'],
    [null, "Null", "null"],
  ])("reads %j as %s", (value, type, text) => {
    expect(bsonScalar(value)).toEqual({ type, text });
  });

  it("leaves documents and arrays to the tree", () => {
    expect(bsonScalar({ a: 1 })).toBeUndefined();
    expect(bsonScalar([1])).toBeUndefined();
  });

  it.each([
    { name: "relaxed", keepTypes: false, expected: { i: 5, d: 1.5, w: 2, l: 7, big: { $numberLong: "9007199254740993" }, at: { $date: "2026-01-31T00:00:00.000Z" }, nan: { $numberDouble: "NaN" } } },
    { name: "relaxed, keeping types for editing", keepTypes: true, expected: { i: 5, d: 1.5, w: { $numberDouble: "2.0" }, l: { $numberLong: "7" }, big: { $numberLong: "9007199254740993" }, at: { $date: "2026-01-31T00:00:00.000Z" }, nan: { $numberDouble: "NaN" } } },
  ])("writes canonical values as $name", ({ keepTypes, expected }) => {
    const canonical = {
      i: { $numberInt: "5" },
      d: { $numberDouble: "1.5" },
      w: { $numberDouble: "2.0" },
      l: { $numberLong: "7" },
      big: { $numberLong: "9007199254740993" },
      at: { $date: { $numberLong: "1769817600000" } },
      nan: { $numberDouble: "NaN" },
    };
    expect(toRelaxed(canonical, keepTypes)).toEqual(expected);
  });

  it("names ids and finds the fields one document lacks against another", () => {
    expect(idText({ $oid: "5f0c8a1b2c3d4e5f60718200" })).toBe("5f0c8a1b2c3d4e5f60718200");
    expect(idText("abc")).toBe("abc");
    expect(idText({ $numberInt: "3" })).toBe("Int32 3");
    const full = { _id: 1, a: 1, meta: { x: 1, y: { $oid: "5f0c8a1b2c3d4e5f60718200" } }, constructor: 2 };
    expect(missingPaths(full, { _id: 1, meta: { x: 1 } })).toEqual(["a", "meta.y", "constructor"]);
  });
});

describe("the Data screen's query", () => {
  it.each([
    { texts: { filter: '{"status": "Open"}' }, query: { status: "Open" }, problems: [] },
    { texts: { filter: "" }, query: {}, problems: [] },
    { texts: { filter: "{status: 1}" }, query: {}, problems: ["filter"] },
    { texts: { sort: "[1]" }, query: {}, problems: ["sort"] },
    { texts: { limit: 0 }, query: {}, problems: ["limit"] },
  ])("parses $texts", ({ texts, query, problems }) => {
    const parsed = parseQuery({ ...EMPTY_QUERY, ...texts });
    expect(parsed.request.query).toEqual(query);
    expect(parsed.problems.map((p) => p.field)).toEqual(problems);
  });

  it("keeps a query in the address and reads it back", () => {
    const texts = { ...EMPTY_QUERY, filter: '{"a": "b c"}', sort: '{"a": -1}', skip: 40 };
    const hash = hashWithQuery("/data/tracker/tasks", texts);
    expect(hash.startsWith("#/data/tracker/tasks?")).toBe(true);
    expect(queryFromHash(hash)).toEqual(texts);
    expect(hashWithQuery("/data/tracker/tasks", EMPTY_QUERY)).toBe("#/data/tracker/tasks");
    expect(queryFromHash("#/data/tracker/tasks")).toBeUndefined();
  });
});

describe("a new document's text", () => {
  it("starts from the schema's required fields, with an empty value of each type", () => {
    const schema = {
      required: ["_id", "_partition", "name", "count", "due"],
      properties: { _id: { bsonType: "objectId" }, _partition: { bsonType: "string" }, name: { bsonType: "string" }, count: { bsonType: "long" }, due: { bsonType: "date" } },
    };
    expect(JSON.parse(newDocumentText(schema))).toEqual({ _partition: "", name: "", count: { $numberLong: "0" }, due: { $date: "2024-01-01T00:00:00Z" } });
    expect(newDocumentText(undefined)).toBe("{\n  \n}");
  });
});
