import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";

import { filterSdl } from "../../../../src/ui/console/graphql/sdl-filter.ts";
import { tryQuery } from "../../../../src/ui/console/graphql/try-query.ts";
import { signature, writeResolver, emptyForm, type ResolverForm } from "../../../../src/ui/console/graphql/resolver-files.ts";

const SDL = `type Query {
  task(query: TaskQueryInput): Task
  tasks(limit: Int = 100): [Task]!
  user: User
}

type Task {
  _id: ObjectId!
  name: String!
  assignee: User
}

type User {
  _id: String!
  name: String
}

input TaskQueryInput {
  name: String
}

enum TaskSortByInput {
  NAME_ASC
  NAME_DESC
}

scalar ObjectId
`;

describe("filterSdl", () => {
  it("keeps the whole SDL for an empty search", () => {
    expect(filterSdl(SDL, "  ")).toEqual({ text: SDL, types: -1 });
  });

  it("puts the type named exactly first, then types whose name matches, then the fields that match", () => {
    const { text, types } = filterSdl(SDL, "task");
    expect(types).toBe(4);
    expect(text.indexOf("type Task {")).toBe(0);
    expect(text).toContain("input TaskQueryInput {");
    expect(text).toContain("enum TaskSortByInput {");
    // Query keeps only its matching fields.
    expect(text).toContain("type Query {\n  task(query: TaskQueryInput): Task\n  tasks(limit: Int = 100): [Task]!\n}");
    expect(text).not.toContain("user: User");
    expect(text).not.toContain("type User");
  });

  it("matches fields and enum values anywhere, case-insensitively", () => {
    const { text } = filterSdl(SDL, "NAME");
    expect(text).toContain("type Task {\n  name: String!\n}");
    expect(text).toContain("type User {\n  name: String\n}");
    expect(text).toContain("NAME_ASC");
  });

  it("says when nothing matches", () => {
    expect(filterSdl(SDL, "zebra")).toEqual({ text: "", types: 0 });
  });
});

describe("a custom resolver as the schema will read it", () => {
  const base: ResolverForm = { ...emptyForm(), field_name: "byStatus", function_name: "f" };
  it.each([
    [{}, "byStatus: DefaultPayload"],
    [{ input: { format: "scalar", name: "String", schema: "" } }, "byStatus(input: String): DefaultPayload"],
    [{ payload: { format: "generated-list", name: "Task", schema: "" } }, "byStatus: [Task]"],
    [{ input: { format: "generated", name: "Task", schema: "" } }, "byStatus(input: TaskInsertInput): DefaultPayload"],
    [{ input: { format: "custom", name: "", schema: '{"bsonType":"object","properties":{"a":{"bsonType":"int"}}}' } }, "byStatus(input: ByStatusInput): DefaultPayload"],
  ] as [Partial<ResolverForm>, string][])("%j reads %s", (change, expected) => {
    expect(signature({ ...base, ...change })).toBe(expected);
  });

  it("writes only the keys App Services had, keeping the file's others", () => {
    const form: ResolverForm = { ...base, payload: { format: "scalar-list", name: "String", schema: "" } };
    expect(writeResolver(form, { id: "5f0", input_type: "Int", input_type_format: "scalar" })).toEqual({
      id: "5f0",
      on_type: "Query",
      field_name: "byStatus",
      function_name: "f",
      payload_type: "String",
      payload_type_format: "scalar-list",
    });
  });
});

describe("tryQuery", () => {
  const schema = buildSchema(`
    type Query { tasks(limit: Int): [Task]!  taskCount: Int  mine(input: String): [Task] }
    type Mutation { archive: DefaultPayload }
    type DefaultPayload { status: String! }
    type Task { _id: ID! name: String! label(input: String): String owner: User }
    type User { _id: ID! }
  `);
  it.each([
    ["Query", "taskCount", "query Try {\n  taskCount\n}\n"],
    ["Query", "mine", "query Try {\n  mine {\n    _id\n    name\n    label\n  }\n}\n"],
    ["Mutation", "archive", "mutation Try {\n  archive {\n    status\n  }\n}\n"],
    ["Task", "label", "query Try {\n  tasks(limit: 5) {\n    _id\n    label\n  }\n}\n"],
  ])("%s.%s", (type, field, expected) => {
    expect(tryQuery(schema, type, field)).toBe(expected);
    expect(() => parse(expected)).not.toThrow();
  });

  it("has nothing for a field the schema does not have", () => {
    expect(tryQuery(schema, "Query", "nope")).toBeUndefined();
    expect(tryQuery(schema, "Nope", "x")).toBeUndefined();
  });
});
