import { describe, expect, it } from "vitest";

import { filterSdl } from "../../../../src/ui/console/graphql/sdl-filter.ts";
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
