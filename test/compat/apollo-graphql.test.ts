import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client/core/index.js";
import * as Realm from "realm-web";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { MODES, openHarness, type Harness } from "./realm-web-support.ts";

// The June 2020 Task Tracker web client's operations (reference §4.1), as written in its operations file.
const TASK_FIELDS = `
  _id
  name
  status
  assignee {
    _id
    name
    image
    user_id
  }`;
const GET_ALL_TASKS = gql`query GetAllTasks { tasks { ${TASK_FIELDS} } }`;
const ADD_TASK = gql`mutation AddTask($task: TaskInsertInput!) { task: insertOneTask(data: $task) { ${TASK_FIELDS} } }`;
const UPDATE_TASK = gql`
  mutation UpdateTask($taskId: ObjectId!, $updates: TaskUpdateInput!) {
    task: updateOneTask(query: { _id: $taskId }, set: $updates) { ${TASK_FIELDS} }
  }`;
const DELETE_TASK = gql`mutation DeleteTask($taskId: ObjectId!) { deletedTask: deleteOneTask(query: { _id: $taskId }) { ${TASK_FIELDS} } }`;
const GET_USER = gql`query GetUser($userId: String!) { user(query: { user_id: $userId }) { _id _partition name image user_id } }`;

const GRAPHQL_URL = "https://realm.mongodb.com/api/client/v2.0/app/tasktracker-abcde/graphql";

/** Apollo as the tutorial client set it up: an HttpLink whose fetch adds the current user's access token. */
function apolloFor(h: Harness, user: Realm.User) {
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    await user.refreshCustomData().catch(() => undefined); // keeps the access token fresh, as the tutorial did
    const headers = new Headers(init?.headers);
    headers.set("Authorization", `Bearer ${user.accessToken}`);
    return h.sandbox.fetch(input instanceof Request ? input.url : String(input), { ...init, headers });
  }) as typeof globalThis.fetch;
  return new ApolloClient({ link: new HttpLink({ uri: GRAPHQL_URL, fetch }), cache: new InMemoryCache() });
}

describe("@apollo/client against the generated GraphQL API", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(MODES[0], true);
  });
  afterEach(() => h.close());

  it("runs the tutorial client's five operations with the tutorial's rules", async () => {
    const alice = await h.signUp(h.client(), "alice@example.com");
    const bob = await h.signUp(h.client(), "bob@example.com");
    await h.sandbox.app.log.flush();
    const aliceApollo = apolloFor(h, alice);
    const bobApollo = apolloFor(h, bob);

    // The onNewUser trigger wrote alice's user document.
    await expect.poll(async () => (await aliceApollo.query({ query: GET_USER, variables: { userId: alice.id }, fetchPolicy: "network-only" })).data.user)
      .toMatchObject({ user_id: alice.id, name: "alice@example.com", __typename: "User" });

    const added = await aliceApollo.mutate({
      mutation: ADD_TASK,
      variables: { task: { name: "Write the report", status: "Open", _partition: "My Project", assignee: { link: alice.id } } },
    });
    expect(added.data.task).toMatchObject({ name: "Write the report", status: "Open", __typename: "Task" });
    expect(added.data.task.assignee).toMatchObject({ user_id: alice.id, __typename: "User" });
    const taskId = added.data.task._id;

    const updated = await aliceApollo.mutate({ mutation: UPDATE_TASK, variables: { taskId, updates: { status: "InProgress" } } });
    expect(updated.data.task.status).toBe("InProgress");

    // Bob sees the task but may not change or delete it.
    const bobsView = await bobApollo.query({ query: GET_ALL_TASKS, fetchPolicy: "network-only" });
    expect(bobsView.data.tasks.map((t: { _id: string }) => t._id)).toEqual([taskId]);
    await expect(bobApollo.mutate({ mutation: UPDATE_TASK, variables: { taskId, updates: { status: "Complete" } } })).rejects.toThrow(
      /update not permitted/,
    );
    await expect(bobApollo.mutate({ mutation: DELETE_TASK, variables: { taskId } })).rejects.toThrow(/delete not permitted/);

    const deleted = await aliceApollo.mutate({ mutation: DELETE_TASK, variables: { taskId } });
    expect(deleted.data.deletedTask._id).toBe(taskId);
    const after = await aliceApollo.query({ query: GET_ALL_TASKS, fetchPolicy: "network-only" });
    expect(after.data.tasks).toEqual([]);
  });

  it("answers 401 InvalidSession to a bad token, so clients refresh", async () => {
    const response = await h.sandbox.fetch(GRAPHQL_URL, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-token" },
      body: JSON.stringify({ query: "{ tasks { _id } }" }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error_code: "InvalidSession" });
  });
});
