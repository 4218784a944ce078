/**
 * A scripted learner follows "Set up the Task Tracker backend" from a first visit to its end:
 * each step read in the panel, its screen opened with the panel's link, done through the
 * console with the values the step gives, Check my work, Next step. Then two users of
 * realm-web, in a second tab, try the rules the tutorial wrote.
 */

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { readTutorial } from "../tutorial/read-tutorials.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";
import { learner, panelOf, paste } from "./tutorial-learner.ts";

const url = inject("sandboxUrl");
let browser: Browser;
const tutorial = readTutorial("task-tracker-backend").tutorial as Tutorial;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const { valueOf, openStep, checkDone } = learner(tutorial);
const pasteText = (page: Page, label: string, text: string) => paste(page, page, label, text);

describe("Set up the Task Tracker backend, as a learner", () => {
  it("goes from a first visit through all 12 steps on the console screens, then two users try the rules", async () => {
    const started = Date.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);

    // 1. A first visit opens the panel on step 1; the blank app is created on Home.
    await openStep(page, 0);
    await page.getByRole("button", { name: "Create a blank app" }).click();
    await page.getByText("A blank app was created.").waitFor();
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();
    await checkDone(page);

    // 2–4. Three collections, each with the schema the step gives.
    for (const [index, collection, schema] of [
      [1, "users", "User schema"],
      [2, "tasks", "Task schema"],
      [3, "projects", "Project schema"],
    ] as const) {
      await openStep(page, index);
      await page.getByRole("button", { name: "Add a collection" }).click();
      const form = page.getByRole("form", { name: "Add a collection" });
      await form.getByRole("textbox", { name: "Database" }).fill(valueOf(index, "Database"));
      await form.getByRole("textbox", { name: "Collection" }).fill(valueOf(index, "Collection"));
      await page.getByRole("button", { name: "Add collection" }).click();
      await page.getByRole("heading", { name: `tracker.${collection}` }).waitFor();
      await pasteText(page, `Schema of tracker.${collection}`, valueOf(index, schema));
      const save = page.getByRole("button", { name: "Save to draft" });
      await expect.poll(() => save.isEnabled()).toBe(true);
      await save.click();
      await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
      await checkDone(page);
    }

    // 5. The relationship from assignee to users.user_id.
    await openStep(page, 4);
    await page.getByRole("button", { name: "Add a relationship" }).click();
    const relationship = page.getByRole("form", { name: "Add a relationship" });
    await relationship.getByRole("combobox", { name: /^Source field/ }).selectOption(valueOf(4, "Source field"));
    await relationship.getByRole("combobox", { name: /^Foreign collection/ }).selectOption({ label: valueOf(4, "Foreign collection") });
    await relationship.getByRole("combobox", { name: /^Foreign field/ }).selectOption(valueOf(4, "Foreign field"));
    await relationship.getByRole("button", { name: "Save relationship" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the relationship assignee" }).waitFor();
    await checkDone(page);

    // 6. Email/Password with automatic confirmation and resetFunc.
    await openStep(page, 5);
    const provider = page.getByRole("region", { name: "Email/Password" });
    await provider.getByRole("checkbox", { name: "Provider enabled" }).check();
    await provider.getByRole("radio", { name: /^Confirm users automatically/ }).check();
    await provider.getByRole("radio", { name: /^Run a password reset function/ }).check();
    await provider.getByRole("combobox", { name: "Password reset function" }).selectOption({ label: "+ New function…" });
    await provider.getByRole("button", { name: "Create function" }).click();
    await provider.getByRole("status").filter({ hasText: `Created the function ${valueOf(5, "Password reset function")}` }).waitFor();
    await provider.getByRole("button", { name: "Save Email/Password" }).click();
    await provider.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await checkDone(page);

    // 7. isAssignee above default on tasks.
    await openStep(page, 6);
    await page.getByRole("heading", { name: "Rules of tracker.tasks" }).waitFor();
    const dialog = page.getByRole("dialog", { name: "Add a role" });
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Build a role of your own" }).check();
    await dialog.getByRole("combobox", { name: "Applies when" }).selectOption({ label: "The user owns the document" });
    await dialog.getByRole("combobox", { name: "Field of the document" }).fill(valueOf(6, "Field of the document"));
    await dialog.getByRole("combobox", { name: "Permissions" }).selectOption({ label: "Read and write all fields" });
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(6, "First role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role isAssignee" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Users can read all data", exact: true }).check();
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(6, "Second role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role default" }).waitFor();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved to the draft.", { exact: false }).first().waitFor();
    await checkDone(page);

    // 8. default on users.
    await openStep(page, 7);
    await page.getByRole("heading", { name: "Rules of tracker.users" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Users can read all data", exact: true }).check();
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(7, "Role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role default" }).waitFor();
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByText("Saved to the draft.", { exact: false }).first().waitFor();
    await checkDone(page);

    // 9. Sync settings, saved without enabling.
    await openStep(page, 8);
    await page.getByRole("heading", { name: "Device Sync", level: 1 }).waitFor();
    await page.getByRole("combobox", { name: "Database" }).fill(valueOf(8, "Database"));
    await page.getByRole("textbox", { name: "Partition key", exact: true }).fill(valueOf(8, "Partition key"));
    await page.getByRole("combobox", { name: "Partition key type" }).selectOption(valueOf(8, "Partition key type"));
    await pasteText(page, "Read permission", valueOf(8, "Read and write permissions"));
    await pasteText(page, "Write permission", valueOf(8, "Read and write permissions"));
    await page.getByRole("button", { name: "Save without enabling" }).click();
    await page.getByText("Sync is off in the draft.").waitFor();
    await checkDone(page);

    // 10. The onNewUser trigger with its new function.
    await openStep(page, 9);
    await page.getByRole("link", { name: "Add a trigger" }).click();
    await page.getByRole("textbox", { name: "Trigger name" }).fill(valueOf(9, "Trigger name"));
    await page.getByRole("radio", { name: "Authentication" }).check();
    expect(await page.getByRole("checkbox", { name: "CREATE" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Email/Password (local-userpass)" }).isChecked()).toBe(true);
    await page.getByRole("combobox", { name: "Function" }).selectOption({ label: "New function…" });
    await page.getByRole("textbox", { name: "New function name" }).fill(valueOf(9, "New function name"));
    await pasteText(page, "Source of the new function", valueOf(9, "Function source"));
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("heading", { name: "Trigger onNewUser" }).waitFor();
    await checkDone(page);

    // 11. Custom user data from tracker.users.
    await openStep(page, 10);
    const customData = page.getByRole("region", { name: "Custom user data" });
    await customData.getByRole("checkbox", { name: "Custom user data enabled" }).check();
    await customData.getByRole("textbox", { name: "Database" }).fill(valueOf(10, "Database"));
    await customData.getByRole("textbox", { name: "Collection" }).fill(valueOf(10, "Collection"));
    await customData.getByRole("textbox", { name: "User ID field" }).fill(valueOf(10, "User ID field"));
    await customData.getByRole("button", { name: "Save custom user data" }).click();
    await customData.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await checkDone(page);

    // 12. Deploy; the tutorial's end shows.
    await openStep(page, 11);
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText(/Deployed: version \w+ is live/).waitFor();
    await checkDone(page, true);
    await panel.getByRole("region", { name: `You finished “${tutorial.manifest.title}”` }).waitFor();
    const learner = (Date.now() - started) / 1000;

    // Two users of realm-web: Ada's task is read by Bob but changed only by Ada.
    const client = await openSandbox(context, url);
    await waitForServiceWorker(client.page);
    await addRealmWeb(client.page);
    const tried = await client.page.evaluate(async (id) => {
      const Realm = (globalThis as any).Realm;
      const app = new Realm.App({ id });
      const users: any[] = [];
      for (const email of ["ada@example.com", "bob@example.com"]) {
        await app.emailPasswordAuth.registerUser({ email, password: "secret123" });
        users.push(await app.logIn(Realm.Credentials.emailPassword(email, "secret123")));
      }
      const [ada, bob] = users;
      const tasksOf = (user: any) => user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
      const { insertedId } = await tasksOf(ada).insertOne({ _partition: "My Project", name: "Ada's task", status: "Open", assignee: ada.id });
      const seenByBob = await tasksOf(bob).findOne({ _id: insertedId });
      let bobsChange: string;
      try {
        const result = await tasksOf(bob).updateOne({ _id: insertedId }, { $set: { status: "Complete" } });
        bobsChange = `modified ${result.modifiedCount}`;
      } catch (error) {
        bobsChange = `refused: ${(error as Error).message}`;
      }
      const afterBob = await tasksOf(ada).findOne({ _id: insertedId });
      let bobsDelete: string;
      try {
        bobsDelete = `deleted ${(await tasksOf(bob).deleteOne({ _id: insertedId })).deletedCount}`;
      } catch (error) {
        bobsDelete = `refused: ${(error as Error).message}`;
      }
      const adasChange = await tasksOf(ada).updateOne({ _id: insertedId }, { $set: { status: "InProgress" } });
      const afterAda = await tasksOf(bob).findOne({ _id: insertedId });
      return {
        seenByBob: seenByBob?.name,
        bobsChange,
        statusAfterBob: afterBob?.status,
        bobsDelete,
        adasChange: adasChange.modifiedCount,
        statusAfterAda: afterAda?.status,
      };
    }, appId);
    expect(tried.seenByBob).toBe("Ada's task");
    expect(tried.bobsChange).toMatch(/^refused: .*update not permitted/);
    expect(tried.statusAfterBob).toBe("Open");
    expect(tried.bobsDelete).toMatch(/^refused: .*delete not permitted/);
    expect(tried.adasChange).toBe(1);
    expect(tried.statusAfterAda).toBe("InProgress");

    // The step's "What next", on the console screens: two users added on App Users, a task
    // inserted as one on the Data screen; the other reads it, and a change is refused and explained.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "App Users", exact: true }).click();
    for (const email of ["carol@example.com", "dan@example.com"]) {
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await page.getByRole("textbox", { name: "Password" }).fill("secret123");
      await page.getByRole("button", { name: "Add user" }).click();
      await page.getByRole("status").filter({ hasText: `Added ${email}.` }).waitFor();
    }
    const runAs = page.getByRole("combobox", { name: "Run as" });
    const runAsUser = async (email: string) => {
      await runAs.selectOption({ label: email });
      await expect.poll(async () => (await runAs.locator("option:checked").textContent())?.trim()).toBe(email);
      return runAs.inputValue();
    };
    await page.getByRole("article", { name: "carol@example.com" }).getByRole("button", { name: "Run as carol@example.com" }).click();
    await expect.poll(async () => (await runAs.locator("option:checked").textContent())?.trim()).toBe("carol@example.com");
    const carol = await runAs.inputValue();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Data", exact: true }).click();
    await page.getByRole("link", { name: /^tasks, / }).click();
    await page.getByRole("heading", { name: "tracker.tasks" }).waitFor();
    await page.getByRole("button", { name: "New document" }).click();
    await pasteText(page, "New document in tasks, Extended JSON", JSON.stringify({ _partition: "My Project", name: "Carol's task", status: "Open", assignee: carol }, null, 2));
    await page.getByRole("button", { name: "Insert document" }).click();
    await page.getByRole("status").filter({ hasText: "Inserted document" }).waitFor();

    await runAsUser("dan@example.com");
    const carolsTask = page.getByRole("article", { name: /^Document Carol's task/ });
    await carolsTask.waitFor();
    await carolsTask.getByRole("button", { name: /^Edit / }).click();
    const editor = page.getByRole("textbox", { name: /^Edit document .*, Extended JSON$/ });
    const text = (await editor.textContent()) ?? "";
    expect(text).toContain('"status": "Open"');
    await pasteText(page, (await editor.getAttribute("aria-label"))!, text.replace('"status": "Open"', '"status": "Complete"'));
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("alert").filter({ hasText: /Refused by the rules: the client got "update not permitted"/ }).waitFor();
    await page.getByRole("button", { name: "Why was this refused?" }).click();
    const why = page.getByRole("dialog", { name: /^Why was saving .* refused for dan@example\.com\?/ });
    await why.getByRole("heading", { name: /may not/ }).waitFor();
    await why.getByText(/default/).first().waitFor();
    await why.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("button", { name: "Yes, discard my text" }).click();

    await runAsUser("carol@example.com");
    await carolsTask.getByRole("button", { name: /^Edit / }).click();
    await pasteText(page, (await editor.getAttribute("aria-label"))!, ((await editor.textContent()) ?? "").replace('"status": "Open"', '"status": "Complete"'));
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").filter({ hasText: "Saved document" }).waitFor();
    await runAsUser("dan@example.com");
    await carolsTask.getByText('"Complete"', { exact: true }).waitFor();

    console.log(
      `A scripted learner finished "${tutorial.manifest.title}" in ${learner.toFixed(1)} s; with the two users of realm-web and two on the console screens, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(errors).toEqual([]);
    // The client tab logs only the two refusals, Bob's update and delete.
    expect(client.errors).toEqual(Array(2).fill("Failed to load resource: the server responded with a status of 400 ()"));
    await context.close();
  }, 240_000);
});
