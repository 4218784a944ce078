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

const STATUSES = ["Open", "InProgress", "Complete"];

async function showBoard() {
  const user = app.currentUser;
  // The profile the onNewUser trigger filed for this user, read through GraphQL.
  const { user: profile } = await client.request(GET_USER, { userId: user.id });
  $("who").textContent = profile?.name ?? user.profile.email;
  $("login").hidden = true;
  $("board").hidden = false;
  await showTasks();
}

async function showTasks() {
  const { tasks } = await client.request(GET_ALL_TASKS);
  console.log("Tasks listed:", tasks.length);
  $("task-list").replaceChildren(...tasks.map(taskItem));
}

function taskItem(task) {
  const item = document.createElement("li");
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = task.name;
  const assignee = document.createElement("span");
  assignee.className = "assignee";
  assignee.textContent = task.assignee ? task.assignee.name : "nobody";
  const status = document.createElement("select");
  status.setAttribute("aria-label", `Status of ${task.name}`);
  for (const value of STATUSES) status.add(new Option(value, value, false, value === task.status));
  status.addEventListener("change", () => run(UPDATE_TASK, { taskId: task._id, updates: { status: status.value } }));
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = `Delete ${task.name}`;
  remove.addEventListener("click", () => run(DELETE_TASK, { taskId: task._id }));
  item.append(name, assignee, status, remove);
  return item;
}

// Runs a change, then shows the list again; a refused change says why.
async function run(operation, variables) {
  try {
    await client.request(operation, variables);
    say("");
  } catch (error) {
    say(`Not changed: ${error.message}`);
  }
  await showTasks();
}

$("new-task").addEventListener("submit", (event) => {
  event.preventDefault();
  const task = {
    name: $("task-name").value,
    status: "Open",
    _partition: "My Project",
    // The isAssignee role lets a user add only tasks assigned to themselves.
    assignee: { link: app.currentUser.id },
  };
  $("task-name").value = "";
  run(ADD_TASK, { task });
});

// A user still logged in from an earlier run goes straight to the board.
if (app.currentUser) showBoard().catch((error) => say(`Could not load the tasks: ${error.message}`));

console.log("The client is ready for the app", app.id);
