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

// GraphQL requests carry the user's access token, which lasts 30
// minutes. When one is refused (HTTP 401), refreshing the user's
// custom data fetches a new one.
const client = createClient({
  url: `${app.baseUrl}/api/client/v2.0/app/${app.id}/graphql`,
  getAccessToken: () => app.currentUser?.accessToken,
  onUnauthorized: () => app.currentUser?.refreshCustomData(),
});

// Logging in: Register creates the account first, then both buttons log in.
async function logIn(register) {
  const email = $("email").value;
  const password = $("password").value;
  try {
    if (register) await app.emailPasswordAuth.registerUser({ email, password });
    await app.logIn(Realm.Credentials.emailPassword(email, password));
    say("");
    await showBoard();
  } catch (error) {
    say(`Could not log in: ${error.message}`);
  }
}

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  logIn(false);
});
$("register").addEventListener("click", () => {
  if ($("login").reportValidity()) logIn(true);
});

async function showBoard() {
  const user = app.currentUser;
  // The profile the onNewUser trigger filed for this user, read through GraphQL.
  const { user: profile } = await client.request(GET_USER, { userId: user.id });
  console.log("Logged in as", profile?.name ?? user.profile.email, "with the id", user.id);
  $("who").textContent = profile?.name ?? user.profile.email;
  $("login").hidden = true;
  $("board").hidden = false;
}

console.log("The client is ready for the app", app.id);
