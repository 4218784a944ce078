import { beforeAll, describe, expect, it } from "vitest";

import { taskTracker } from "../../src/app/templates/index.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { Double, Long, ObjectId, type Document } from "../../src/bson/types.ts";
import { appSchemaOf } from "../../src/graphql/index.ts";
import { normalizeSchema } from "./normalize.ts";
import { ALICE, harness, withResolver, type Harness } from "./support.ts";

function resolvers(files: AppFiles): AppFiles {
  const add = (name: string, config: Record<string, unknown>) => (files = withResolver(files, name, config));
  add("taskCount", { on_type: "Query", field_name: "taskCount", function_name: "countTasks", payload_type: "Int", payload_type_format: "scalar" });
  add("ping", { on_type: "Mutation", field_name: "ping", function_name: "ping" });
  add("due", {
    on_type: "Query",
    field_name: "tasksDueBefore",
    function_name: "due",
    input_type: "DateTime",
    input_type_format: "scalar",
    payload_type: "Task",
    payload_type_format: "generated-list",
  });
  add("archive", {
    on_type: "Mutation",
    field_name: "archiveTasks",
    function_name: "archive",
    input_type: {
      title: "ArchiveInput",
      bsonType: "object",
      required: ["status"],
      properties: {
        status: { bsonType: "string" },
        before: { bsonType: "date" },
        ids: { bsonType: "array", items: { bsonType: "objectId" } },
        weight: { bsonType: "double" },
        options: { bsonType: "object", properties: { dryRun: { bsonType: "bool" } } },
      },
    },
    input_type_format: "custom",
    payload_type: {
      title: "ArchivePayload",
      bsonType: "object",
      properties: { count: { bsonType: "int" }, ratio: { bsonType: "double" }, total: { bsonType: "long" }, names: { bsonType: "array", items: { bsonType: "string" } } },
    },
    payload_type_format: "custom",
  });
  add("risks", {
    on_type: "Query",
    field_name: "risks",
    function_name: "risks",
    input_type: { bsonType: "object", properties: { tags: { bsonType: "array", items: { bsonType: "string" } } } },
    input_type_format: "custom",
    payload_type: { title: "RisksPayload", bsonType: "array", items: { bsonType: "object", properties: { tag: { bsonType: "string" }, level: { bsonType: "int" } } } },
    payload_type_format: "custom",
  });
  add("label", { on_type: "Task", field_name: "label", function_name: "label", input_type: "String", input_type_format: "scalar", payload_type: "String", payload_type_format: "scalar" });
  add("owner", { on_type: "Task", field_name: "owner", function_name: "owner", payload_type: "User", payload_type_format: "generated" });
  add("copy", {
    on_type: "Mutation",
    field_name: "copyTask",
    function_name: "copy",
    input_type: "TaskInsertInput",
    input_type_format: "generated",
    payload_type: "ObjectId",
    payload_type_format: "scalar",
  });
  add("sum", { on_type: "Query", field_name: "Sum", function_name: "sum", input_type: "Float", input_type_format: "scalar-list", payload_type: "Float", payload_type_format: "scalar" });
  add("broken", { on_type: "Nope", field_name: "x", function_name: "ping" });
  add("clash", { on_type: "Query", field_name: "tasks", function_name: "ping" });
  add("fails", { on_type: "Query", field_name: "fails", function_name: "fails", payload_type: "String", payload_type_format: "scalar" });
  return files;
}

describe("custom resolvers", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(resolvers(taskTracker("custom")), {
      functions: {
        countTasks: () => Long.fromNumber(2),
        ping: () => "ignored",
        due: (before: Date) => [{ _id: new ObjectId(), _partition: "p", name: `before ${before.toISOString()}`, status: "OPEN", assignee: "u1" }],
        archive: (input: Document) => ({ count: (input.ids as unknown[]).length, ratio: new Double(1), total: Long.fromString("12345678901234"), names: [input.status] }),
        risks: (input: Document) => (input.tags as string[]).map((tag, i) => ({ tag, level: i })),
        label: (input: string, source: Document) => `${input}: ${source.name}`,
        owner: (source: Document) => ({ _id: new ObjectId(), _partition: "p", user_id: source.assignee, name: `owner of ${source.name}` }),
        copy: (input: Document) => (input._partition === "p" && input.assignee ? new ObjectId("5ebe6819197003ddb1f74475") : null),
        sum: (values: number[]) => values.reduce((a, b) => a + b, 0),
        fails: () => {
          throw new Error("function failed on purpose");
        },
      },
    });
    await h.raw("tracker.users").insertOne({ _partition: "p", user_id: "u1", name: "Una" });
    await h.raw("tracker.tasks").insertOne({ _partition: "p", name: "write docs", status: "OPEN", assignee: "u1" });
  });

  it("generates the observed SDL forms", () => {
    const schema = normalizeSchema(appSchemaOf(h.model).schema!) as Record<string, any>;
    const field = (type: string, name: string) => schema[type].fields[name];
    expect(field("Query", "taskCount")).toEqual({ type: "Int", args: {} });
    expect(field("Mutation", "ping")).toEqual({ type: "DefaultPayload", args: {} });
    expect(schema.DefaultPayload.fields.status.type).toBe("String!");
    expect(field("Query", "tasksDueBefore")).toEqual({ type: "[Task]", args: { input: { type: "DateTime", default: undefined } } });
    expect(field("Mutation", "archiveTasks")).toEqual({ type: "ArchivePayload", args: { input: { type: "ArchiveInput", default: undefined } } });
    expect(schema.ArchiveInput.fields).toEqual({ status: "String!", before: "DateTime", ids: "[ObjectId]", weight: "Float", options: "ArchiveInputOption" });
    expect(schema.ArchiveInputOption.fields).toEqual({ dryRun: "Boolean" });
    expect(field("Query", "risks")).toEqual({ type: "[RisksPayloadItem]", args: { input: { type: "RisksInput", default: undefined } } });
    expect(field("Task", "label")).toEqual({ type: "String", args: { input: { type: "String", default: undefined } } });
    expect(field("Task", "owner")).toEqual({ type: "User", args: {} });
    expect(field("Mutation", "copyTask").args.input.type).toBe("TaskInsertInput");
    expect(field("Query", "Sum").args.input.type).toBe("[Float]");
    expect(appSchemaOf(h.model).warnings).toEqual([
      "custom resolver Nope.x: there is no generated type named Nope; the field is left out",
      "custom resolver Query.tasks: a generated field has that name; the field is left out",
    ]);
  });

  it("calls the function as the caller, with the input converted to BSON", async () => {
    const result = await h.run(`{ taskCount tasksDueBefore(input: "2020-06-09T00:00:00Z") { name assignee { name } } }`);
    expect(result).toEqual({ data: { taskCount: 2, tasksDueBefore: [{ name: "before 2020-06-09T00:00:00.000Z", assignee: { name: "Una" } }] } });
    const call = h.functionCalls.find((c) => c.name === "due")!;
    expect(call.args[0]).toEqual(new Date("2020-06-09T00:00:00Z"));
    expect(call.context).toBe(ALICE);
  });

  it("passes custom inputs by their schema keys and types, and converts custom payloads", async () => {
    const id = new ObjectId().toHexString();
    const result = await h.run(`mutation { archiveTasks(input: { status: "DONE", ids: ["${id}"], weight: 2, options: { dryRun: true } }) { count ratio total names } }`);
    expect(result).toEqual({ data: { archiveTasks: { count: 1, ratio: 1, total: 12345678901234, names: ["DONE"] } } });
    const input = h.functionCalls.find((c) => c.name === "archive")!.args[0] as Document;
    expect(input).toEqual({ status: "DONE", ids: [new ObjectId(id)], weight: new Double(2), options: { dryRun: true } });
    expect((await h.run('{ risks(input: { tags: ["a", "b"] }) { tag level } }')).data.risks).toEqual([{ tag: "a", level: 0 }, { tag: "b", level: 1 }]);
  });

  it("gives type fields the parent document as source", async () => {
    const result = await h.run('{ task { label(input: "todo") owner { user_id name } } }');
    expect(result).toEqual({ data: { task: { label: "todo: write docs", owner: { user_id: "u1", name: "owner of write docs" } } } });
    const owner = h.functionCalls.find((c) => c.name === "owner")!;
    expect(owner.args).toHaveLength(1);
    expect((owner.args[0] as Document).name).toBe("write docs");
  });

  it("answers DefaultPayload with status complete and passes generated inputs as coerced", async () => {
    expect((await h.run("mutation { ping { status } }")).data).toEqual({ ping: { status: "complete" } });
    const copy = await h.run('mutation { copyTask(input: { _partition: "p", name: "n", status: "OPEN", assignee: { link: "u1" } }) }');
    expect(copy.data).toEqual({ copyTask: "5ebe6819197003ddb1f74475" });
    expect((await h.run("{ Sum(input: [1.5, 2]) }")).data).toEqual({ Sum: 3.5 });
  });

  it("reports a failing function as the field's error", async () => {
    const result = await h.run("{ fails taskCount }");
    expect(result).toEqual({ data: { fails: null, taskCount: 2 }, errors: [expect.objectContaining({ message: "function failed on purpose", path: ["fails"] })] });
  });
});
