// The Task Tracker's web client. The tutorial "Build the Web
// client with GraphQL" fills it in, step by step.
import * as Realm from "realm-web";
import { createClient, gql } from "graphql-client";

// The preview sets REALM_APP_ID to the id of the app open in the
// console. A client of your own would write the id here.
const app = new Realm.App({ id: window.REALM_APP_ID });

const $ = (id) => document.getElementById(id);
const say = (text) => {
  $("message").textContent = text;
};

// The GraphQL operations. Try each one in the GraphQL playground
// first, then paste it here between gql` and `.
const GET_ALL_TASKS = gql`
  query GetAllTasks {
    tasks(sortBy: NAME_ASC) {
      _id
      name
      status
      assignee {
        name
        user_id
      }
    }
  }
`;
const ADD_TASK = gql`
  mutation AddTask($task: TaskInsertInput!) {
    task: insertOneTask(data: $task) {
      _id
      name
      status
    }
  }
`;
const UPDATE_TASK = gql`
  mutation UpdateTask($taskId: ObjectId!, $updates: TaskUpdateInput!) {
    task: updateOneTask(query: { _id: $taskId }, set: $updates) {
      _id
      name
      status
    }
  }
`;
const DELETE_TASK = gql`
  mutation DeleteTask($taskId: ObjectId!) {
    deletedTask: deleteOneTask(query: { _id: $taskId }) {
      _id
      name
    }
  }
`;
const GET_USER = gql`
  query GetUser($userId: String!) {
    user(query: { user_id: $userId }) {
      name
      user_id
    }
  }
`;

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  say("Logging in is not written yet: that is a step of the tutorial.");
});

console.log("The client is ready for the app", app.id);
