import { describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import { type JsonSchema, checkSchemaDefinition } from "../../src/schema/index.ts";
import { type Case, runCase } from "./support.ts";

// The Task Tracker UI tutorial's schemas (tracker.projects / users / tasks, 2020-08).
const project: JsonSchema = {
  title: "Project",
  bsonType: "object",
  required: ["_id", "name"],
  properties: { _id: { bsonType: "objectId" }, _partition: { bsonType: "string" }, name: { bsonType: "string" } },
};
const user: JsonSchema = {
  title: "User",
  bsonType: "object",
  required: ["_id", "name"],
  properties: { _id: { bsonType: "string" }, name: { bsonType: "string" }, image: { bsonType: "string" } },
};
const task: JsonSchema = {
  title: "Task",
  bsonType: "object",
  required: ["_id", "name", "status"],
  properties: {
    _id: { bsonType: "objectId" },
    _partition: { bsonType: "string" },
    assignee: { bsonType: "string" },
    name: { bsonType: "string" },
    status: { bsonType: "string" },
  },
};
// The exported backend's User schema: no root bsonType, an embedded Project list.
const exportedUser: JsonSchema = {
  properties: {
    _id: { bsonType: "string" },
    _partition: { bsonType: "string" },
    memberOf: {
      bsonType: "array",
      items: {
        bsonType: "object",
        properties: { name: { bsonType: "string" }, partition: { bsonType: "string" } },
        title: "Project",
      },
    },
    name: { bsonType: "string" },
  },
  required: ["_id", "_partition", "name"],
  title: "User",
};
// The first tutorial version's status enum.
const taskWithEnum: JsonSchema = {
  ...task,
  properties: { ...task.properties, status: { bsonType: "string", enum: ["Open", "InProgress", "Complete"] } },
};

const userId = "5f2d1c0e8a1b2c3d4e5f6a7b";
const oid = new ObjectId("5f2d1c0e8a1b2c3d4e5f6a7c");

const cases: Case[] = [
  {
    name: "task: a complete task",
    schema: task,
    doc: { _id: oid, _partition: "My Project", name: "Write docs", status: "Open", assignee: userId },
    issues: [],
  },
  {
    name: "task: missing status",
    schema: task,
    doc: { _id: oid, name: "Write docs" },
    issues: [["status", "required", 'property "status" is required']],
  },
  {
    name: "task: name set to 42 (the docs' $set example)",
    schema: task,
    doc: { _id: oid, name: 42, status: "Open" },
    issues: [["name", "bsonType", '"name" must be of bsonType "string", found "int"']],
  },
  {
    name: "task: _id as a hex string instead of an ObjectId",
    schema: task,
    doc: { _id: "5f2d1c0e8a1b2c3d4e5f6a7c", name: "x", status: "Open" },
    issues: [["_id", "bsonType", '"_id" must be of bsonType "objectId", found "string"']],
  },
  {
    name: "task: several problems at once",
    schema: task,
    doc: { name: null, assignee: new ObjectId(userId) },
    issues: [
      ["_id", "required"],
      ["status", "required"],
      ["name", "bsonType", '"name" must be of bsonType "string", found "null"'],
      ["assignee", "bsonType", '"assignee" must be of bsonType "string", found "objectId"'],
    ],
  },
  { name: "task: fields outside the schema are kept", schema: task, doc: { _id: oid, name: "x", status: "Open", extra: 1 }, issues: [] },
  { name: "task (enum): listed status", schema: taskWithEnum, doc: { _id: oid, name: "x", status: "Complete" }, issues: [] },
  {
    name: "task (enum): unlisted status",
    schema: taskWithEnum,
    doc: { _id: oid, name: "x", status: "Done" },
    issues: [["status", "enum", '"status" must be one of "Open", "InProgress", "Complete", found "Done"']],
  },
  {
    name: "user: what the createNewUserDocument trigger inserts",
    schema: user,
    doc: { _id: userId, _partition: "My Project", name: "ada@example.com" },
    issues: [],
  },
  {
    name: "user: _id must be the user id string",
    schema: user,
    doc: { _id: new ObjectId(userId), name: "ada@example.com" },
    issues: [["_id", "bsonType"]],
  },
  { name: "user: missing name", schema: user, doc: { _id: userId, image: 5 }, issues: [["name", "required"], ["image", "bsonType"]] },
  { name: "project: a project", schema: project, doc: { _id: oid, name: "My Project" }, issues: [] },
  { name: "project: missing _id and name", schema: project, doc: { _partition: "p" }, issues: [["_id", "required"], ["name", "required"]] },
  {
    name: "exported User: memberOf entries are embedded Projects",
    schema: exportedUser,
    doc: {
      _id: userId,
      _partition: `user=${userId}`,
      name: "ada@example.com",
      canReadPartitions: [`user=${userId}`],
      memberOf: [{ name: "My Project", partition: `project=${userId}` }],
    },
    issues: [],
  },
  {
    name: "exported User: a bad memberOf entry",
    schema: exportedUser,
    doc: { _id: userId, _partition: "p", name: "n", memberOf: [{ name: "ok", partition: "x" }, { name: 1, partition: "y" }, "z"] },
    issues: [
      ["memberOf.1.name", "bsonType", '"memberOf.1.name" must be of bsonType "string", found "int"'],
      ["memberOf.2", "bsonType", '"memberOf.2" must be of bsonType "object", found "string"'],
    ],
  },
];

describe("Task Tracker schemas", () => {
  it.each(cases)("$name", runCase);

  it.each([project, user, task, exportedUser, taskWithEnum])("definition %# is valid", (schema) => {
    expect(checkSchemaDefinition(schema)).toEqual([]);
  });
});
