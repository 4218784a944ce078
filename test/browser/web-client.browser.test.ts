import { readFileSync } from "node:fs";

import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, openTaskTracker, seriousViolations } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

/** The tutorial's finished client: realm-web to log in, GraphQL to list and change tasks. */
const FINISHED = readFileSync(new URL("../../tutorials/task-tracker-web-graphql/09-second-user/solution/hosting/files/app.js", import.meta.url), "utf8");

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Replaces an editor's text as typing would (CodeMirror receives the text as input). */
async function replaceText(page: Page, label: string, text: string): Promise<void> {
  await page.getByRole("textbox", { name: label }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

function preview(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Preview of the Web client"]');
}

const consoleText = (page: Page) => page.getByRole("log", { name: "Console" }).textContent();

describe("the Web client workspace", () => {
  it("runs the starter, reloads on edit, logs in with realm-web, lists and adds tasks through GraphQL, shows an error's line and keeps the files", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openSandbox(context, url);
    page.setDefaultTimeout(20_000);
    await openTaskTracker(page, url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Web client" }).click();
    await page.getByRole("heading", { name: "Web client", level: 1 }).waitFor();

    // The starter runs at once: its page in the frame, its log line below.
    await preview(page).getByRole("heading", { name: "Task Tracker" }).waitFor();
    await expect.poll(() => consoleText(page)).toMatch(/The client is ready for the app tasktracker/);
    await page.getByText("This is the starter. Your first edit saves both files to the draft.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The finished client, typed into app.js: the preview runs it a moment later.
    await page.getByRole("tab", { name: "app.js" }).click();
    await replaceText(page, "Source of app.js", FINISHED);
    await page.getByText(/^Saved to the draft as hosting\/files\/index\.html/).waitFor();
    const frame = preview(page);
    await frame.getByRole("textbox", { name: "Email" }).fill("ada@example.com");
    await frame.getByRole("textbox", { name: "Password" }).fill("correct horse");
    await frame.getByRole("button", { name: "Register" }).click();
    // The name comes from the user's profile (the onNewUser trigger), read with GraphQL.
    await frame.getByText("Logged in as ada@example.com").waitFor();
    await expect.poll(() => consoleText(page)).toMatch(/Tasks listed: 0/);
    await frame.getByRole("textbox", { name: "Task name" }).fill("Write the client");
    await frame.getByRole("button", { name: "Add task" }).click();
    const board = frame.getByRole("region", { name: "Tasks" });
    await board.getByRole("listitem").filter({ hasText: "Write the client" }).getByText("ada@example.com").waitFor();
    await board.getByRole("combobox", { name: "Status of Write the client" }).selectOption("InProgress");
    await expect.poll(() => consoleText(page)).toMatch(/Tasks listed: 1[\s\S]*Tasks listed: 1/);
    expect(await board.getByRole("combobox", { name: "Status of Write the client" }).inputValue()).toBe("InProgress");

    // A second user sees the task but the rules keep it from them.
    await frame.getByRole("button", { name: "Log out" }).click();
    await frame.getByRole("textbox", { name: "Email" }).fill("grace@example.com");
    await frame.getByRole("textbox", { name: "Password" }).fill("correct horse");
    await frame.getByRole("button", { name: "Register" }).click();
    await frame.getByText("Logged in as grace@example.com").waitFor();
    await board.getByRole("listitem").filter({ hasText: "Write the client" }).getByText("ada@example.com").waitFor();
    await board.getByRole("combobox", { name: "Status of Write the client" }).selectOption("Complete");
    await frame.getByRole("status").filter({ hasText: /^Not changed/ }).waitFor();
    await expect.poll(() => board.getByRole("combobox", { name: "Status of Write the client" }).inputValue()).toBe("InProgress");
    await board.getByRole("button", { name: "Delete Write the client" }).click();
    await frame.getByRole("status").filter({ hasText: /^Not changed/ }).waitFor();
    await board.getByRole("listitem").filter({ hasText: "Write the client" }).waitFor();

    // An error in app.js is listed with its file and line, and the line opens in the editor.
    const broken = FINISHED.replace('const $ = (id) => document.getElementById(id);', 'const $ = (id) => document.getElementById(id);\nnotDefinedAnywhere();');
    const line = broken.split("\n").findIndex((text) => text.startsWith("notDefinedAnywhere")) + 1;
    await replaceText(page, "Source of app.js", broken);
    await expect.poll(() => consoleText(page)).toMatch(new RegExp(`Error in app\\.js:${line}: .*notDefinedAnywhere is not defined`));
    await page.getByRole("button", { name: `Go to app.js line ${line}` }).click();
    await expect.poll(() => page.locator("rs-code-editor[data-file='app.js'] .cm-activeLine").textContent()).toBe("notDefinedAnywhere();");

    // Reload preview runs the files again.
    await page.getByRole("button", { name: "Clear console" }).click();
    await page.getByRole("button", { name: "Reload preview" }).click();
    await expect.poll(() => consoleText(page)).toMatch(/notDefinedAnywhere is not defined/);

    // The files survive a reload of the page.
    await page.getByText(/^Saved to the draft as/).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Web client", level: 1 }).waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: "Source of app.js" }).textContent()).toContain("notDefinedAnywhere();");

    // Text typed just before a reload, not yet in the draft, comes back and is saved then.
    await page.getByRole("textbox", { name: "Source of app.js" }).click();
    await page.keyboard.press("ControlOrMeta+Home");
    await page.keyboard.insertText("// typed just before the reload\n");
    await page.reload();
    await page.getByRole("heading", { name: "Web client", level: 1 }).waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: "Source of app.js" }).textContent()).toContain("// typed just before the reload");
    await page.getByText(/^Saved to the draft as/).waitFor();

    // Dark theme (the page follows the system's): no serious accessibility problems either.
    await page.emulateMedia({ colorScheme: "dark" });
    await preview(page).getByRole("heading", { name: "Task Tracker" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });

    // Reset to starter asks first, then brings both files back.
    await page.getByRole("button", { name: "Reset to starter" }).click();
    await page.getByRole("group", { name: "Reset to starter" }).getByRole("button", { name: "Reset files" }).click();
    await page.getByText("Both files are the starter again, saved to the draft.").waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: "Source of app.js" }).textContent()).toContain("Logging in is not written yet");
    await context.close();
  }, 180_000);
});
