import { beforeEach, describe, expect, it } from "vitest";

import { taskTracker } from "../../src/app/templates/index.ts";
import type { Document } from "../../src/bson/types.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import type { AccessPolicy } from "../../src/services/mongodb-atlas/access-policy.ts";
import type { RequestContext } from "../../src/services/request-context.ts";
import { ALLOW_ALL, harness, user, type Harness } from "./support.ts";

// The June 2020 web client's operations.graphql, with the __typename Apollo's cache adds to every selection set.
const TASK_FIELDS = `
    _id
    name
    status
    assignee {
      _id
      name
      image
      user_id
      __typename
    }
    __typename`;
const GET_ALL_TASKS = `query GetAllTasks {\n  tasks {${TASK_FIELDS}\n  }\n}\n`;
const ADD_TASK = `mutation AddTask($task: TaskInsertInput!) {\n  task: insertOneTask(data: $task) {${TASK_FIELDS}\n  }\n}\n`;
const UPDATE_TASK = `mutation UpdateTask($taskId: ObjectId!, $updates: TaskUpdateInput!) {\n  task: updateOneTask(query: { _id: $taskId }, set: $updates) {${TASK_FIELDS}\n  }\n}\n`;
const DELETE_TASK = `mutation DeleteTask($taskId: ObjectId!) {\n  deletedTask: deleteOneTask(query: { _id: $taskId }) {${TASK_FIELDS}\n  }\n}\n`;
const GET_USER = `query GetUser($userId: String!) {
  user(query: { user_id: $userId }) {
    _id
    _partition
    name
    image
    user_id
    __typename
  }
}
`;

const ALICE = user("alice");
const BOB = user("bob");

/** Sends a body the way Apollo's HttpLink serializes it, and returns the JSON the client would parse. */
async function send(h: Harness, operationName: string, query: string, variables: Record<string, unknown>, context: RequestContext) {
  const body = JSON.parse(JSON.stringify({ operationName, variables, query }));
  return JSON.parse(JSON.stringify(await h.endpoint.execute(body, context)));
}

async function seedUsers(h: Harness) {
  // What the onNewUser trigger's createNewUserDocument writes.
  await h.raw("tracker.users").insertMany([
    { _partition: "My Project", user_id: "alice", name: "alice@example.com", image: "alice.png" },
    { _partition: "My Project", user_id: "bob", name: "bob@example.com", image: "bob.png" },
  ]);
}

describe("the tutorial web client's operations", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(taskTracker("tutorial"));
    await seedUsers(h);
  });

  it("GetUser, AddTask, GetAllTasks, UpdateTask and DeleteTask", async () => {
    const { data: who } = await send(h, "GetUser", GET_USER, { userId: "alice" }, ALICE);
    expect(who.user).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), _partition: "My Project", name: "alice@example.com", image: "alice.png", user_id: "alice", __typename: "User" });

    const added = await send(h, "AddTask", ADD_TASK, { task: { status: "OPEN", name: "Write tests", assignee: { link: who.user.user_id }, _partition: "My Project" } }, ALICE);
    expect(added.errors).toBeUndefined();
    const task = added.data.task;
    expect(task).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: "Write tests",
      status: "OPEN",
      assignee: { _id: who.user._id, name: "alice@example.com", image: "alice.png", user_id: "alice", __typename: "User" },
      __typename: "Task",
    });
    const unassigned = await send(h, "AddTask", ADD_TASK, { task: { status: "INPROGRESS", name: "Unassigned", _partition: "My Project" } }, ALICE);
    expect(unassigned.data.task).toMatchObject({ name: "Unassigned", assignee: null, __typename: "Task" });

    const all = await send(h, "GetAllTasks", GET_ALL_TASKS, {}, ALICE);
    expect(all).toEqual({ data: { tasks: [task, unassigned.data.task] } });

    const updated = await send(h, "UpdateTask", UPDATE_TASK, { taskId: task._id, updates: { status: "COMPLETE", assignee: { link: "bob" } } }, ALICE);
    expect(updated.data.task).toMatchObject({ _id: task._id, status: "COMPLETE", assignee: { user_id: "bob", __typename: "User" } });

    const deleted = await send(h, "DeleteTask", DELETE_TASK, { taskId: task._id }, ALICE);
    expect(deleted.data.deletedTask).toMatchObject({ _id: task._id, name: "Write tests", status: "COMPLETE", assignee: { user_id: "bob" } });
    expect((await send(h, "GetAllTasks", GET_ALL_TASKS, {}, ALICE)).data.tasks.map((t: Document) => t.name)).toEqual(["Unassigned"]);
  });
});

/**
 * The tutorial's roles in miniature: a user sees and writes only the tasks assigned to
 * them, and sees another user's document without its image.
 */
function tutorialLikePolicy(ns: string, context: RequestContext): AccessPolicy | undefined {
  const id = context.user?.id;
  if (ns === "tracker.tasks") {
    return {
      ...ALLOW_ALL,
      restrictFilter: (filter) => ({ $and: [filter, { assignee: id }] }),
      checkWrite: (kind, before, after) => {
        if ((before && before.assignee !== id) || (after && after.assignee !== id)) throw new AppServicesError("MongoDBError", `${kind} not permitted`);
      },
    };
  }
  if (ns === "tracker.users") {
    return {
      ...ALLOW_ALL,
      readDocument: (doc) => (doc.user_id === id ? doc : Object.fromEntries(Object.entries(doc).filter(([key]) => key !== "image"))),
      checkWrite: (kind) => {
        throw new AppServicesError("MongoDBError", `${kind} not permitted`);
      },
    };
  }
  return undefined;
}

describe("two users under rules", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(taskTracker("rules"), { policyFor: tutorialLikePolicy });
    await seedUsers(h);
    await h.raw("tracker.tasks").insertMany([
      { _partition: "My Project", name: "alice's", status: "OPEN", assignee: "alice" },
      { _partition: "My Project", name: "bob's", status: "OPEN", assignee: "bob" },
    ]);
  });

  it("each user sees their own tasks; fields the rules withhold are null", async () => {
    const alice = await send(h, "GetAllTasks", GET_ALL_TASKS, {}, ALICE);
    expect(alice.data.tasks.map((t: Document) => t.name)).toEqual(["alice's"]);
    expect(alice.data.tasks[0].assignee.image).toBe("alice.png");
    const bob = await send(h, "GetAllTasks", GET_ALL_TASKS, {}, BOB);
    expect(bob.data.tasks.map((t: Document) => t.name)).toEqual(["bob's"]);
    const other = await send(h, "GetUser", GET_USER, { userId: "alice" }, BOB);
    expect(other.data.user).toMatchObject({ user_id: "alice", image: null });
  });

  it("a hidden task cannot be changed, and a forbidden insert writes nothing", async () => {
    const alicesTask = (await h.raw("tracker.tasks").findOne({ assignee: "alice" }))!;
    const taskId = String(alicesTask._id);
    const update = await send(h, "UpdateTask", UPDATE_TASK, { taskId, updates: { status: "COMPLETE" } }, BOB);
    expect(update).toEqual({ data: { task: null } });
    const deleted = await send(h, "DeleteTask", DELETE_TASK, { taskId }, BOB);
    expect(deleted).toEqual({ data: { deletedTask: null } });
    const insert = await send(h, "AddTask", ADD_TASK, { task: { status: "OPEN", name: "for alice", assignee: { link: "alice" }, _partition: "My Project" } }, BOB);
    expect(insert).toEqual({ data: { task: null }, errors: [{ message: "insert not permitted", locations: [{ line: 2, column: 3 }], path: ["task"] }] });
    const reassign = await send(h, "UpdateTask", UPDATE_TASK, { taskId: String((await h.raw("tracker.tasks").findOne({ assignee: "bob" }))!._id), updates: { assignee: { link: "alice" } } }, BOB);
    expect(reassign.errors[0].message).toBe("update not permitted");
    expect(await h.raw("tracker.tasks").find({}, { _id: 0, name: 1, status: 1, assignee: 1 }, { sort: { name: 1 } })).toEqual([
      { name: "alice's", status: "OPEN", assignee: "alice" },
      { name: "bob's", status: "OPEN", assignee: "bob" },
    ]);
  });
});
