import { describe, expect, it } from "vitest";

import { SCHEMA_BSON_TYPES, checkSchemaDefinition } from "../../src/schema/index.ts";

const good: [string, unknown][] = [
  ["the empty schema", {}],
  ["a root with bsonType object", { bsonType: "object" }],
  ["a root with bsonType [\"object\"]", { bsonType: ["object"] }],
  ["a root with type object", { type: "object", properties: { a: { type: ["string", "null"] } } }],
  ["objectid spelled in lower case", { properties: { _id: { bsonType: "objectid" } } }],
  ["every bsonType", { properties: Object.fromEntries(SCHEMA_BSON_TYPES.map((t) => [t, { bsonType: t }])) }],
  [
    "every keyword",
    {
      bsonType: "object",
      title: "Everything",
      description: "uses every supported keyword",
      required: ["a"],
      minProperties: 1,
      maxProperties: 10,
      additionalProperties: { bsonType: "mixed" },
      patternProperties: { "^x_": { bsonType: "string" } },
      dependencies: { a: ["b"], c: { required: ["d"] } },
      validate: { "%%true": true },
      properties: {
        a: { bsonType: "string", minLength: 1, maxLength: 5, pattern: "^[a-z]+$", enum: ["abc", "de"] },
        n: { bsonType: "number", minimum: 0, maximum: 10, exclusiveMinimum: true, exclusiveMaximum: false, multipleOf: 0.5 },
        list: { bsonType: "array", items: { bsonType: "int" }, minItems: 0, maxItems: 3, uniqueItems: true },
        pair: { bsonType: "array", items: [{ bsonType: "string" }, { bsonType: "int" }], additionalItems: false },
        more: { bsonType: "array", items: [{}], additionalItems: { bsonType: "null" } },
        closed: { bsonType: "object", additionalProperties: false },
        owner: { validate: { "%or": [{ "%%prev": { "%exists": false } }, { "%%prev": "%%this" }] } },
      },
    },
  ],
  ["equal min and max", { properties: { s: { minLength: 2, maxLength: 2 }, n: { minimum: 1, maximum: 1 } } }],
  ["a PCRE-style identity escape", { properties: { s: { pattern: "^a\\_b$" } } }],
];

const bad: [string, unknown, string[]][] = [
  ["a schema that is not an object", [], ["the schema must be a JSON object"]],
  ["null", null, ["the schema must be a JSON object"]],
  ["a root that is not an object", { bsonType: "array" }, ['root must have bsonType "object"']],
  ["a root that may be something else", { bsonType: ["object", "null"] }, ['root must have bsonType "object"']],
  ["a root with JSON type string", { type: "string" }, ['root must have type "object"']],
  [
    "type and bsonType together",
    { bsonType: "object", type: "object", properties: { a: { type: "string", bsonType: "string" } } },
    ["type and bsonType cannot be used together", "properties.a: type and bsonType cannot be used together"],
  ],
  ["an unknown bsonType", { properties: { status: { bsonType: "strng" } } }, ['properties.status.bsonType: unknown type "strng"']],
  [
    "a MongoDB-only bsonType",
    { properties: { k: { bsonType: ["minKey", "string"] } } },
    ['properties.k.bsonType: type "minKey" is not supported by App Services schemas'],
  ],
  ["bsonType of the wrong shape", { properties: { a: { bsonType: 3 } } }, ["properties.a.bsonType must be a string or a non-empty array of strings"]],
  ["an empty bsonType list", { properties: { a: { bsonType: [] } } }, ["properties.a.bsonType must be a string or a non-empty array of strings"]],
  ["a repeated bsonType", { properties: { a: { bsonType: ["objectId", "objectid"] } } }, ['properties.a.bsonType: type "objectid" is listed more than once']],
  [
    "JSON type integer",
    { properties: { n: { type: "integer" } } },
    ['properties.n.type: unknown type "integer" (use bsonType "int" or "long")'],
  ],
  ["an unknown JSON type", { properties: { n: { type: ["string", "text"] } } }, ['properties.n.type: unknown type "text"']],
  ["required that is not a list", { required: "name" }, ["required must be an array of strings"]],
  ["required with a number in it", { properties: { o: { required: ["a", 1] } } }, ["properties.o.required must be an array of strings"]],
  ["required with a repeat", { required: ["a", "a"] }, ['required: "a" is listed more than once']],
  ["properties that is not an object", { properties: [] }, ["properties must be an object mapping names to schemas"]],
  ["a property schema that is not an object", { properties: { a: "string" } }, ["properties.a must be a schema object"]],
  ["an empty enum", { properties: { a: { enum: [] } } }, ["properties.a.enum must be a non-empty array"]],
  ["enum that is not a list", { properties: { a: { enum: "x" } } }, ["properties.a.enum must be a non-empty array"]],
  ["a title that is not a string", { title: 5 }, ["title must be a string"]],
  ["a description that is not a string", { properties: { a: { description: {} } } }, ["properties.a.description must be a string"]],
  [
    "negative and fractional counts",
    { properties: { s: { minLength: -1, maxLength: 1.5 }, a: { minItems: "1" } } },
    ["properties.s.minLength must be a non-negative integer", "properties.s.maxLength must be a non-negative integer", "properties.a.minItems must be a non-negative integer"],
  ],
  ["minLength above maxLength", { properties: { s: { minLength: 3, maxLength: 2 } } }, ["properties.s.minLength must not be greater than maxLength (3 > 2)"]],
  ["minItems above maxItems", { properties: { s: { minItems: 3, maxItems: 2 } } }, ["properties.s.minItems must not be greater than maxItems (3 > 2)"]],
  ["minProperties above maxProperties", { minProperties: 2, maxProperties: 1 }, ["minProperties must not be greater than maxProperties (2 > 1)"]],
  ["minimum above maximum", { properties: { n: { minimum: 5, maximum: 1 } } }, ["properties.n.minimum must not be greater than maximum (5 > 1)"]],
  ["a minimum that is not a number", { properties: { n: { minimum: "0" } } }, ["properties.n.minimum must be a number"]],
  ["multipleOf zero", { properties: { n: { multipleOf: 0 } } }, ["properties.n.multipleOf must be a number greater than 0"]],
  ["exclusiveMinimum as a number (draft 6)", { properties: { n: { minimum: 0, exclusiveMinimum: 0 } } }, ["properties.n.exclusiveMinimum must be a boolean (draft 4 style)"]],
  ["exclusiveMaximum without maximum", { properties: { n: { exclusiveMaximum: true } } }, ["properties.n.exclusiveMaximum requires maximum"]],
  ["uniqueItems that is not a boolean", { properties: { a: { uniqueItems: "yes" } } }, ["properties.a.uniqueItems must be a boolean"]],
  [
    "an invalid pattern",
    { properties: { s: { pattern: "([a-z" } } },
    ['properties.s.pattern: invalid regular expression "([a-z" (Invalid regular expression: /([a-z/: Unterminated character class)'],
  ],
  ["a pattern that is not a string", { properties: { s: { pattern: 5 } } }, ["properties.s.pattern must be a string"]],
  [
    "an invalid patternProperties key",
    { patternProperties: { "*x": {} } },
    ['patternProperties.*x: invalid regular expression "*x" (Invalid regular expression: /*x/: Nothing to repeat)'],
  ],
  ["additionalProperties of the wrong kind", { additionalProperties: "no" }, ["additionalProperties must be a schema object"]],
  ["items of the wrong kind", { properties: { a: { items: "string" } } }, ["properties.a.items must be a schema or an array of schemas"]],
  ["a bad tuple member", { properties: { a: { items: [{}, 3] } } }, ["properties.a.items.1 must be a schema object"]],
  [
    "dependencies of the wrong kind",
    { dependencies: { a: "b" } },
    ["dependencies.a must be a schema object"],
  ],
  ["dependencies with a bad name list", { dependencies: { a: ["b", 2] } }, ["dependencies.a must be an array of strings"]],
  ["validate that is not an expression", { properties: { a: { validate: "%%true" } } }, ["properties.a.validate must be a JSON expression (an object or a boolean)"]],
  [
    "problems deep inside arrays and additionalProperties",
    { properties: { tasks: { bsonType: "array", items: { properties: { n: { bsonType: "integer" } } } }, d: { additionalProperties: { minLength: -2 } } } },
    ['properties.tasks.items.properties.n.bsonType: unknown type "integer"', "properties.d.additionalProperties.minLength must be a non-negative integer"],
  ],
  ["an unknown keyword", { properties: { a: { bsonType: "string", maxLenght: 3 } } }, ["properties.a.maxLenght: unknown keyword"]],
  [
    "MongoDB keywords App Services leaves out",
    { anyOf: [{}], properties: { a: { not: {} } } },
    ["anyOf: keyword is not supported by App Services schemas", "properties.a.not: keyword is not supported by App Services schemas"],
  ],
  [
    "several problems are all reported",
    { bsonType: "object", required: "x", properties: { status: { bsonType: "strng", minLength: -1 } }, extra: true },
    ["required must be an array of strings", 'properties.status.bsonType: unknown type "strng"', "properties.status.minLength must be a non-negative integer", "extra: unknown keyword"],
  ],
];

describe("checkSchemaDefinition", () => {
  it.each(good)("accepts %s", (_name, schema) => {
    expect(checkSchemaDefinition(schema)).toEqual([]);
  });

  it.each(bad)("rejects %s", (_name, schema, problems) => {
    expect(checkSchemaDefinition(schema)).toEqual(problems);
  });

  it("reports a schema that contains itself instead of looping", () => {
    const loop: Record<string, unknown> = { bsonType: "object" };
    loop.properties = { self: loop };
    expect(checkSchemaDefinition(loop)).toEqual(["properties.self: a schema cannot contain itself"]);
  });

  it("allows one schema object to be reused in two places", () => {
    const name = { bsonType: "string" };
    expect(checkSchemaDefinition({ properties: { first: name, last: name } })).toEqual([]);
  });
});
