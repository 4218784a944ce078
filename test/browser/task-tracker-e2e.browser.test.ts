import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const SCHEMAS: Record<string, object> = {
  users: {
    title: "User",
    required: ["_id", "_partition", "user_id", "name"],
    properties: { _id: { bsonType: "objectId" }, _partition: { bsonType: "string" }, user_id: { bsonType: "string" }, name: { bsonType: "string" } },
  },
  projects: {
    title: "Project",
    required: ["_id", "_partition", "name"],
    properties: { _id: { bsonType: "objectId" }, _partition: { bsonType: "string" }, name: { bsonType: "string" } },
  },
  tasks: {
    title: "Task",
    required: ["_id", "_partition", "name", "status"],
    properties: { _id: { bsonType: "objectId" }, _partition: { bsonType: "string" }, assignee: { bsonType: "string" }, name: { bsonType: "string" }, status: { bsonType: "string" } },
  },
};

const CREATE_NEW_USER_DOCUMENT = `exports = async function ({ user }) {
  const users = context.services.get("mongodb-atlas").db("tracker").collection("users");
  return await users.insertOne({ _partition: "user=" + user.id, user_id: user.id, name: user.data.email });
};
`;
const WHO_AM_I = 'exports = function () {\n  return "Hello, " + context.user.data.email;\n};\n';

/** Replaces a code editor's text the way a paste does. */
async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Console" }).getByRole("link", { name, exact: true }).click();

describe("the Task Tracker backend, built through the console and used by realm-web", () => {
  it("builds schemas, relationship, auth, rules, Sync and the onNewUser trigger on a blank app, deploys, serves realm-web, fires a schedule on its CRON, refuses a bad deploy and redeploys an old version", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}#/`);
    await page.getByRole("button", { name: "Create a blank app" }).click();
    await page.getByText("A blank app was created.").waitFor();
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();

    // Schema: users and tasks, and tasks.assignee → users.user_id.
    await nav(page, "Schema");
    for (const collection of ["users", "projects", "tasks"]) {
      await page.getByRole("button", { name: "Add a collection" }).click();
      await page.getByRole("textbox", { name: "Database" }).fill("tracker");
      await page.getByRole("textbox", { name: "Collection" }).fill(collection);
      await page.getByRole("button", { name: "Add collection" }).click();
      await page.getByRole("heading", { name: `tracker.${collection}` }).waitFor();
      await paste(page, `Schema of tracker.${collection}`, JSON.stringify(SCHEMAS[collection], null, 2));
      await expect.poll(() => page.getByRole("region", { name: "Problems in the schema" }).count()).toBe(0);
      await page.getByRole("button", { name: "Save to draft" }).click();
      await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    }
    await page.getByRole("button", { name: "Add a relationship" }).click();
    const relationship = page.getByRole("form", { name: "Add a relationship" });
    await relationship.getByRole("combobox", { name: /Source field/ }).selectOption("assignee");
    await relationship.getByRole("combobox", { name: /Foreign collection/ }).selectOption({ label: "tracker.users" });
    await relationship.getByRole("combobox", { name: /Foreign field/ }).selectOption("user_id");
    await relationship.getByRole("button", { name: "Save relationship" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the relationship assignee" }).waitFor();

    // Authentication: email/password, confirmed automatically, reset by a new resetFunc.
    await nav(page, "Authentication");
    const auth = page.getByRole("region", { name: "Email/Password" });
    await auth.getByRole("checkbox", { name: "Provider enabled" }).check();
    await auth.getByRole("radio", { name: /Confirm users automatically/ }).check();
    await auth.getByRole("radio", { name: /Run a password reset function/ }).check();
    await auth.getByRole("combobox", { name: "Password reset function" }).selectOption({ label: "+ New function…" });
    expect(await auth.getByRole("textbox", { name: "Name of the new function" }).inputValue()).toBe("resetFunc");
    await auth.getByRole("button", { name: "Create function" }).click();
    await auth.getByRole("status").filter({ hasText: "Created the function resetFunc" }).waitFor();
    await auth.getByRole("button", { name: "Save Email/Password" }).click();
    await auth.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();

    // Rules: the assignee writes a task, everyone reads.
    await nav(page, "Rules");
    const other = page.getByRole("form", { name: "Rules for another collection" });
    await other.getByRole("textbox", { name: "Database" }).fill("tracker");
    await other.getByRole("textbox", { name: "Collection" }).fill("tasks");
    await other.getByRole("button", { name: "Open its rules" }).click();
    await page.getByRole("heading", { name: "Rules of tracker.tasks" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a role" });
    await dialog.getByRole("radio", { name: "Build a role of your own" }).check();
    await dialog.getByRole("combobox", { name: "Applies when" }).selectOption({ label: "The user owns the document" });
    await dialog.getByRole("combobox", { name: "Permissions" }).selectOption({ label: "Read and write all fields" });
    await dialog.getByRole("combobox", { name: "Field of the document" }).fill("assignee");
    await dialog.getByRole("textbox", { name: "Role name" }).fill("isAssignee");
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role isAssignee" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: /^Users can read all data$/ }).check();
    await dialog.getByRole("textbox", { name: "Role name" }).fill("default");
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role default" }).waitFor();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved to the draft.", { exact: false }).waitFor();

    // Device Sync on _partition, a string, everyone may read and write.
    await nav(page, "Device Sync");
    await page.getByRole("heading", { name: "Device Sync", level: 1 }).waitFor();
    await page.getByRole("combobox", { name: "Database" }).fill("tracker");
    await page.getByRole("textbox", { name: "Partition key", exact: true }).fill("_partition");
    await page.getByRole("combobox", { name: "Partition key type" }).selectOption("string");
    await paste(page, "Read permission", "{}");
    await paste(page, "Write permission", "{}");
    await page.getByRole("button", { name: "Enable Sync" }).click();
    await page.getByText("Sync is on.").waitFor();

    // The onNewUser trigger, with its function createNewUserDocument made in the same form.
    await nav(page, "Triggers");
    await page.getByRole("link", { name: "Add a trigger" }).click();
    await page.getByRole("textbox", { name: "Trigger name" }).fill("onNewUser");
    await page.getByRole("radio", { name: "Authentication" }).check();
    await page.getByRole("combobox", { name: "Function" }).selectOption({ label: "New function…" });
    await page.getByRole("textbox", { name: "New function name" }).fill("createNewUserDocument");
    await paste(page, "Source of the new function", CREATE_NEW_USER_DOCUMENT);
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger onNewUser" }).waitFor();

    // A scheduled trigger: its next runs, and a fired test event instead of waiting for the hour.
    await page.getByRole("link", { name: "All triggers", exact: true }).click();
    await page.getByRole("link", { name: "Add a trigger" }).click();
    await page.getByRole("textbox", { name: "Trigger name" }).fill("nightlyCleanup");
    await page.getByRole("radio", { name: "Scheduled" }).check();
    await page.getByRole("combobox", { name: "Function" }).selectOption({ label: "New function…" });
    await page.getByRole("button", { name: "Every day at 03:00 UTC" }).click();
    const runs = page.getByRole("list", { name: "Next five runs (times in UTC)" }).getByRole("listitem");
    await expect.poll(() => runs.count()).toBe(5);
    for (const text of await runs.allTextContents()) expect(text).toMatch(/, 03:00$/);
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger nightlyCleanup" }).waitFor();
    await page.getByRole("button", { name: "Fire a test event" }).click();
    await expect.poll(() => page.getByRole("status", { name: "Test event result" }).textContent()).toMatch(/Succeeded.*nightlyCleanup \(test event: schedule\)/s);

    // A schedule that comes round within a minute, to see the clock fire it once deployed.
    await page.getByRole("link", { name: "All triggers", exact: true }).click();
    await page.getByRole("link", { name: "Add a trigger" }).click();
    await page.getByRole("textbox", { name: "Trigger name" }).fill("everyMinute");
    await page.getByRole("radio", { name: "Scheduled" }).check();
    await page.getByRole("combobox", { name: "Function" }).selectOption({ label: "New function…" });
    await page.getByRole("textbox", { name: "CRON schedule" }).fill("* * * * *");
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger everyMinute" }).waitFor();

    // A function clients call, to be run as two users.
    await nav(page, "Functions");
    await page.getByRole("button", { name: "New function" }).click();
    const newFunction = page.getByRole("form", { name: "New function" });
    await newFunction.getByRole("textbox", { name: "Function name" }).fill("whoAmI");
    await newFunction.getByRole("button", { name: "Create function" }).click();
    await page.getByRole("heading", { name: "whoAmI" }).waitFor();
    await paste(page, "Source of whoAmI", WHO_AM_I);
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();

    // Deploy everything from the Deployment screen.
    await nav(page, "Deployment");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText(/Deployed: version \w+ is live/).waitFor();
    await page.getByText("Nothing to deploy: the draft is what is live.").waitFor();

    const files: Record<string, string> = await page.evaluate(`(async () => {
      const response = await globalThis.realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/${appId}/drafts/current", document.baseURI));
      return (await response.json()).files;
    })()`);
    expect(JSON.parse(files["auth/providers.json"])["local-userpass"]).toMatchObject({ disabled: false, config: { autoConfirm: true, runResetFunction: true, resetFunctionName: "resetFunc" } });
    expect(JSON.parse(files["data_sources/mongodb-atlas/tracker/tasks/relationships.json"])).toEqual({ assignee: { ref: "#/relationship/mongodb-atlas/tracker/users", foreign_key: "user_id", is_list: false } });
    expect(JSON.parse(files["data_sources/mongodb-atlas/tracker/tasks/rules.json"]).roles.map((r: { name: string }) => r.name)).toEqual(["isAssignee", "default"]);
    expect(JSON.parse(files["sync/config.json"])).toMatchObject({ state: "enabled", database_name: "tracker", partition: { key: "_partition", type: "string" } });
    expect(JSON.parse(files["triggers/onNewUser.json"])).toMatchObject({ type: "AUTHENTICATION", config: { operation_type: "CREATE", providers: ["local-userpass"] }, function_name: "createNewUserDocument" });

    // realm-web, unchanged, in a second tab: its requests cross the service worker.
    const client = await openSandbox(context, url);
    await waitForServiceWorker(client.page);
    await addRealmWeb(client.page);
    const used = await client.page.evaluate(async (id) => {
      const Realm = (globalThis as any).Realm;
      const app = new Realm.App({ id });
      const answers: string[] = [];
      const userDocs: unknown[] = [];
      for (const email of ["ada@example.com", "bob@example.com"]) {
        await app.emailPasswordAuth.registerUser({ email, password: "secret123" });
        const user = await app.logIn(Realm.Credentials.emailPassword(email, "secret123"));
        answers.push(await user.functions.whoAmI());
        const users = user.mongoClient("mongodb-atlas").db("tracker").collection("users");
        // The trigger runs after the registration: wait for its document.
        for (let i = 0; i < 100; i++) {
          const doc = await users.findOne({ user_id: user.id });
          if (doc) {
            userDocs.push({ user_id: doc.user_id === user.id, name: doc.name });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const tasks = user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
        await tasks.insertOne({ _partition: `user=${user.id}`, name: `Task of ${email}`, status: "Open", assignee: user.id });
      }
      return { answers, userDocs };
    }, appId);
    expect(used.answers).toEqual(["Hello, ada@example.com", "Hello, bob@example.com"]);
    expect(used.userDocs).toEqual([
      { user_id: true, name: "ada@example.com" },
      { user_id: true, name: "bob@example.com" },
    ]);

    // The every-minute trigger fired by the clock (not a test event) once its minute came.
    await nav(page, "Triggers");
    const everyMinute = page.getByRole("table", { name: "Triggers of the draft" }).getByRole("row", { name: /everyMinute/ });
    const firedByClock = async () => {
      const text = (await everyMinute.textContent()) ?? "";
      return /everyMinute.*Scheduled.*\* \* \* \* \*.*Enabled.*everyMinuteHandler.*Succeeded/s.test(text) && !text.includes("test event");
    };
    await expect.poll(firedByClock, { timeout: 75_000, interval: 1_000 }).toBe(true);
    await nav(page, "Deployment");
    await page.getByText("Nothing to deploy: the draft is what is live.").waitFor();

    // A bad file: the deploy is refused, its file and line shown.
    await page.getByText(/Unchanged files \(\d+\)/).click();
    await page.getByRole("button", { name: /^functions\/whoAmI\.js unchanged/ }).click();
    const editor = page.getByRole("textbox", { name: "Draft of functions/whoAmI.js, compared with the deployed version" });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText('exports = function () {\n  return "Hello, " + ;\n};\n');
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "The deploy was refused" }).waitFor();
    const beside = page.getByRole("list", { name: "Problems in functions/whoAmI.js" });
    await expect.poll(() => beside.textContent()).toMatch(/functions\/whoAmI\.js.*line 2/);
    await page.getByRole("button", { name: "Go to line 2" }).waitFor();

    // An old version redeployed: the template's first version, from before the build.
    const rows = page.getByRole("table").getByRole("row");
    const first = (await rows.last().getByRole("rowheader").textContent())!.replace("live", "").trim();
    await page.getByRole("button", { name: `Redeploy version ${first}` }).click();
    await page.getByRole("dialog", { name: `Redeploy version ${first}?` }).getByRole("button", { name: "Redeploy" }).click();
    await page.getByText(`Version ${first} is live again`).waitFor();
    const overview = await page.evaluate(`(async () => {
      const response = await globalThis.realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/${appId}/drafts/current", document.baseURI));
      return Object.keys((await response.json()).files);
    })()`);
    expect(overview).not.toContain("functions/whoAmI.js");

    expect([...errors, ...client.errors]).toEqual([]);
    await context.close();
  }, 150_000);
});
