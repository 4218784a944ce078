/**
 * The Web client's starting files: a small Task Tracker page (a log in form and a task
 * list) whose app.js the "Build the Web client with GraphQL" tutorial fills in step by
 * step. Kept in the app's draft as static hosting files, as App Services hosted a client.
 */
import type { ClientFileName, ClientFiles } from "./preview-document.ts";

/** Where each file of the workspace lives in the app directory. */
export const CLIENT_FILE_PATHS: Record<ClientFileName, string> = {
  "index.html": "hosting/files/index.html",
  "app.js": "hosting/files/app.js",
};

export const STARTER_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Task Tracker</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; margin: 1rem; color: #1f2328; background: #fff; }
    [hidden] { display: none !important; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin: 0 0 1rem; }
    label { display: flex; flex-direction: column; font-size: 13px; }
    input, select, button { font: inherit; padding: 0.25rem 0.5rem; }
    ul { list-style: none; padding: 0; }
    li { display: flex; gap: 0.5rem; align-items: center; padding: 0.25rem 0; border-bottom: 1px solid #d0d7de; }
    li .name { flex: 1; }
    .assignee { color: #57606a; font-size: 13px; }
    #message { color: #9a3412; min-height: 1.5em; }
  </style>
</head>
<body>
  <h1>Task Tracker</h1>
  <form id="login" aria-label="Log in">
    <label>Email <input id="email" type="email" autocomplete="username" required></label>
    <label>Password <input id="password" type="password" autocomplete="current-password" minlength="6" required></label>
    <button type="submit">Log in</button>
    <button type="button" id="register">Register</button>
  </form>
  <section id="board" aria-label="Tasks" hidden>
    <p>Logged in as <strong id="who"></strong> <button type="button" id="logout">Log out</button></p>
    <form id="new-task" aria-label="New task">
      <label>Task name <input id="task-name" required></label>
      <button type="submit">Add task</button>
    </form>
    <ul id="task-list"></ul>
  </section>
  <p id="message" role="status"></p>
  <script type="module" src="app.js"></script>
</body>
</html>
`;

export const STARTER_JS = `// The Task Tracker's web client. The tutorial "Build the Web
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
// first, then paste it here between gql\` and \`.
const GET_ALL_TASKS = null;
const ADD_TASK = null;
const UPDATE_TASK = null;
const DELETE_TASK = null;
const GET_USER = null;

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  say("Logging in is not written yet: that is a step of the tutorial.");
});

console.log("The client is ready for the app", app.id);
`;

export const STARTER_FILES: ClientFiles = { "index.html": STARTER_HTML, "app.js": STARTER_JS };
