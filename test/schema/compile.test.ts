import { describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import {
  type JsonSchema,
  compileSchema,
  formatSchemaIssues,
  normalizeBsonTypeName,
  validateDocument,
} from "../../src/schema/index.ts";
import { expectIssues } from "./support.ts";

const task: JsonSchema = {
  bsonType: "object",
  required: ["_id", "name", "status"],
  properties: { _id: { bsonType: "objectId" }, name: { bsonType: "string" }, status: { bsonType: "string" } },
};

describe("compileSchema", () => {
  it("returns a validator that can be reused", () => {
    const validate = compileSchema(task);
    expect(validate({ _id: new ObjectId(), name: "a", status: "Open" })).toEqual([]);
    expectIssues(validate({ _id: new ObjectId(), name: 1 }), [
      ["status", "required"],
      ["name", "bsonType"],
    ]);
    expect(validate({ _id: new ObjectId(), name: "b", status: "Done" })).toEqual([]);
  });

  it("returns a fresh issue list on each call", () => {
    const validate = compileSchema(task);
    const first = validate({});
    first.length = 0;
    expect(validate({})).toHaveLength(3);
  });

  it("ignores unknown keywords", () => {
    const schema = { bsonType: "object", properties: { a: { bsonType: "string", maxLenght: 1 } }, anyOf: [] } as unknown as JsonSchema;
    expect(validateDocument(schema, { a: "long enough" })).toEqual([]);
  });

  it("rejects every document when the schema itself is invalid", () => {
    const schema = { properties: { status: { bsonType: "strng" }, s: { pattern: "(" } } } as unknown as JsonSchema;
    const issues = validateDocument(schema, { status: "Open" });
    expect(issues.map((issue) => issue.keyword)).toEqual(["schema", "schema"]);
    expect(issues[0]).toEqual({ path: "", keyword: "schema", message: 'the schema is invalid: properties.status.bsonType: unknown type "strng"' });
    expect(validateDocument(schema, {})).toHaveLength(2);
  });

  it("accepts everything with the empty schema", () => {
    expect(validateDocument({}, { anything: [1, { b: new ObjectId() }] })).toEqual([]);
  });

  it("treats empty child schemas as accepting anything", () => {
    expect(validateDocument({ properties: { a: {}, b: { items: {} } } }, { a: 1, b: ["x", 2] })).toEqual([]);
  });
});

describe("validateDocument", () => {
  it("caches per schema object, so a new object picks up changes", () => {
    const before: JsonSchema = { properties: { a: { bsonType: "string" } } };
    expect(validateDocument(before, { a: "x" })).toEqual([]);
    expect(validateDocument(before, { a: "x" })).toEqual([]);
    const after: JsonSchema = { properties: { a: { bsonType: "int" } } };
    expectIssues(validateDocument(after, { a: "x" }), [["a", "bsonType"]]);
  });

  it("collects every issue in a fixed order: type, enum, family rules with children in document order, validate", () => {
    const schema: JsonSchema = {
      bsonType: "object",
      required: ["z", "id"],
      additionalProperties: false,
      minProperties: 5,
      validate: { root: true },
      properties: {
        id: { bsonType: "objectId" },
        tags: { bsonType: "array", maxItems: 1, items: { bsonType: "string", enum: ["a", "b"] } },
        nested: { bsonType: "object", required: ["k"], properties: { n: { bsonType: "int", minimum: 0 } } },
        z: {},
      },
    };
    const issues = validateDocument(
      schema,
      { nested: { n: -1 }, tags: ["a", "c", 3], extra: true },
      { evaluateExpression: () => false },
    );
    expectIssues(issues, [
      ["", "minProperties"],
      ["z", "required"],
      ["id", "required"],
      ["nested.k", "required"],
      ["nested.n", "minimum"],
      ["tags", "maxItems"],
      ["tags.1", "enum"],
      ["tags.2", "bsonType"],
      ["extra", "additionalProperties"],
      ["", "validate"],
    ]);
    expect(formatSchemaIssues(issues.slice(0, 2))).toBe(
      'the document must have at least 5 properties, found 3; property "z" is required',
    );
  });

  it("validates many documents with one compiled schema", () => {
    const validate = compileSchema(task);
    let failures = 0;
    for (let i = 0; i < 2000; i++) {
      const doc = i % 10 === 0 ? { _id: new ObjectId(), name: i } : { _id: new ObjectId(), name: `t${i}`, status: "Open" };
      failures += validate(doc).length > 0 ? 1 : 0;
    }
    expect(failures).toBe(200);
  });
});

describe("normalizeBsonTypeName", () => {
  it.each([
    ["objectId", "objectId"],
    ["objectid", "objectId"],
    ["ObjectID", "objectId"],
    ["binData", "binData"],
    ["bindata", undefined],
    ["integer", undefined],
  ])("%s -> %s", (name, expected) => {
    expect(normalizeBsonTypeName(name)).toBe(expected);
  });
});
