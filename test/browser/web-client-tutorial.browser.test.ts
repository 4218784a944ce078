/**
 * A scripted learner follows "Build the Web client with GraphQL" from its first step to its
 * last: the operations run in the playground as a user, the client's app.js typed into the
 * Web client screen and used in its preview, Check my work after every step.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { readTutorial } from "../tutorial/read-tutorials.ts";
import { operationText } from "../../tutorials/task-tracker-web-graphql/client-check.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { launchChromium, openSandbox } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;
const tutorial = readTutorial("task-tracker-web-graphql").tutorial as Tutorial;
const appJs = (index: number) => tutorial.steps[index].solution["hosting/files/app.js"];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const panelOf = (page: Page): Locator => page.getByRole("complementary", { name: "Tutorial" });

async function paste(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

/** Runs the playground's query with these variables and answers the JSON answer. */
async function runInPlayground(page: Page, query: string, variables: unknown = {}): Promise<any> {
  if (!page.url().endsWith("#/playground")) await page.goto(`${url}#/playground`);
  await paste(page, "Query", query);
  await paste(page, "Variables (JSON)", JSON.stringify(variables));
  await page.getByRole("button", { name: /^Run\b/ }).click();
  const status = page.getByRole("status", { name: "Run status" });
  await expect.poll(() => status.textContent()).toMatch(/as .*@/);
  return JSON.parse((await page.getByRole("textbox", { name: "Answer (JSON)" }).textContent()) ?? "null");
}

/** Types app.js as the step leaves it into the Web client screen and waits until the draft has it. */
async function writeClient(page: Page, index: number): Promise<void> {
  if (!page.url().endsWith("#/client")) await page.goto(`${url}#/client`);
  await paste(page, "Source of app.js", appJs(index));
  await page.getByText(/^Saved to the draft as/).waitFor();
}

async function checkDone(page: Page, next?: string): Promise<void> {
  const panel = panelOf(page);
  await panel.getByRole("button", { name: "Check my work" }).click();
  await expect.poll(() => panel.getByRole("status", { name: "Result of your work" }).textContent()).toMatch(/Done\./);
  if (!next) return;
  await panel.getByRole("button", { name: "Next step" }).click();
  await panel.getByRole("heading", { name: next }).waitFor();
}

describe("Build the Web client with GraphQL, as a learner", () => {
  it("goes from the first step to the last through the playground and the Web client", async () => {
    const started = Date.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    const title = (index: number) => tutorial.steps[index].meta.title;

    // The step starts from the finished backend, as Home opens it.
    await page.goto(`${url}#/`);
    await page.getByRole("button", { name: "Open the Task Tracker backend" }).click();
    await page.getByText(/The finished Task Tracker backend is ready/).waitFor();
    await page.goto(`${url}#/learn/task-tracker-web-graphql/list-tasks`);
    await panel.getByRole("heading", { name: title(0) }).waitFor();

    // 1. A test user under Run as, the tasks listed with their assignee.
    const runAs = page.getByRole("combobox", { name: "Run as" });
    await runAs.selectOption({ label: "+ Create a test user" });
    await expect.poll(() => runAs.inputValue(), { timeout: 15_000 }).not.toMatch(/^(system|new)$/);
    const userId = await runAs.inputValue();
    expect(await runInPlayground(page, operationText(appJs(0), "GET_ALL_TASKS")!)).toEqual({ data: { tasks: [] } });
    await writeClient(page, 0);
    await checkDone(page, title(1));

    // 2. A task of the user's own.
    const task = { name: "Write the client", status: "Open", _partition: "My Project", assignee: { link: userId } };
    const added = await runInPlayground(page, operationText(appJs(1), "ADD_TASK")!, { task });
    expect(added.data.task).toMatchObject({ name: "Write the client", status: "Open" });
    await writeClient(page, 1);
    await checkDone(page, title(2));

    // 3. Its status changed.
    const updated = await runInPlayground(page, operationText(appJs(2), "UPDATE_TASK")!, { taskId: added.data.task._id, updates: { status: "InProgress" } });
    expect(updated.data.task.status).toBe("InProgress");
    await writeClient(page, 2);
    await checkDone(page, title(3));

    // 4. A spare task deleted.
    const spare = await runInPlayground(page, operationText(appJs(1), "ADD_TASK")!, { task: { ...task, name: "Spare" } });
    const deleted = await runInPlayground(page, operationText(appJs(3), "DELETE_TASK")!, { taskId: spare.data.task._id });
    expect(deleted.data.deletedTask.name).toBe("Spare");
    await writeClient(page, 3);
    await checkDone(page, title(4));

    // 5. The user's profile.
    const profile = await runInPlayground(page, operationText(appJs(4), "GET_USER")!, { userId });
    expect(profile.data.user.user_id).toBe(userId);
    await writeClient(page, 4);
    await checkDone(page, title(5));

    // 6. Register and log in in the preview.
    await writeClient(page, 5);
    const frame = page.frameLocator('iframe[title="Preview of the Web client"]');
    const logIn = async (email: string, register: boolean) => {
      await frame.getByRole("textbox", { name: "Email" }).fill(email);
      await frame.getByRole("textbox", { name: "Password" }).fill("correct horse");
      await frame.getByRole("button", { name: register ? "Register" : "Log in" }).click();
      await frame.getByText(`Logged in as ${email}`).waitFor();
    };
    await logIn("ada@example.com", true);
    await checkDone(page, title(6));

    // 7. The greeting read with GraphQL as the user.
    await writeClient(page, 6);
    await logIn("ada@example.com", false);
    await expect.poll(() => page.getByRole("log", { name: "Console" }).textContent()).toMatch(/Logged in as ada@example\.com with the id/);
    await checkDone(page, title(7));

    // 8. The task list: the user is still logged in, so the list shows at once.
    await writeClient(page, 7);
    const board = frame.getByRole("region", { name: "Tasks" });
    await board.getByRole("listitem").filter({ hasText: "Write the client" }).waitFor();
    await frame.getByRole("textbox", { name: "Task name" }).fill("Ada's task");
    await frame.getByRole("button", { name: "Add task" }).click();
    await board.getByRole("listitem").filter({ hasText: "Ada's task" }).getByText("ada@example.com").waitFor();
    await checkDone(page, title(8));

    // 9. A second user reads Ada's task but cannot change it.
    await writeClient(page, 8);
    await frame.getByRole("button", { name: "Log out" }).click();
    await logIn("grace@example.com", true);
    await board.getByRole("combobox", { name: "Status of Ada's task" }).selectOption("Complete");
    await frame.getByRole("status").filter({ hasText: /^Not changed/ }).waitFor();
    await expect.poll(() => board.getByRole("combobox", { name: "Status of Ada's task" }).inputValue()).toBe("Open");
    await checkDone(page);
    await panel.getByRole("region", { name: `You finished “${tutorial.manifest.title}”` }).waitFor();
    console.log(`A scripted learner finished "${tutorial.manifest.title}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await context.close();
  }, 300_000);
});
