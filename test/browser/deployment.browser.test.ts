import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations, downloadBytes } from "./chromium.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function draftFiles(page: Page, appId: string): Promise<Record<string, string>> {
  return page.evaluate(`(async () => {
    const response = await globalThis.realmSandbox.admin(new URL("./api/admin/v3.0/groups/sandbox/apps/${appId}/drafts/current", document.baseURI));
    return (await response.json()).files;
  })()`);
}

/** Replaces the text of a file's diff the way a paste does. */
async function replaceText(page: Page, path: string, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: `Draft of ${path}, compared with the deployed version` });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

async function blankApp(page: Page): Promise<string> {
  await page.goto(`${url}#/`);
  await page.getByRole("button", { name: "Create a blank app" }).click();
  await page.getByText("A blank app was created.").waitFor();
  return page.getByRole("combobox", { name: "Current app" }).inputValue();
}

const history = (page: Page) => page.getByRole("table").getByRole("row");
const rowText = async (page: Page, n: number) => ((await history(page).nth(n).textContent()) ?? "").replace(/\s+/g, " ");

describe("the Deployment screen", () => {
  it("reviews a change, refuses a bad deploy at its file and line, deploys the fix, redeploys and exports old versions", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    const appId = await blankApp(page);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Deployment" }).click();
    await page.getByRole("heading", { name: "Deployment", level: 1 }).waitFor();
    await page.getByText("Nothing to deploy: the draft is what is live.").waitFor();
    await expect.poll(() => history(page).count()).toBe(2);

    // A change, made in the diff itself: it shows in the file list and the diff, and is kept.
    await page.getByText(/Unchanged files \(\d+\)/).click();
    await page.getByRole("button", { name: /^graphql\/config\.json unchanged/ }).click();
    await replaceText(page, "graphql/config.json", '{\n    "use_natural_pluralization": false\n}\n');
    await page.getByRole("button", { name: "graphql/config.json edited, not saved" }).waitFor();
    await expect.poll(() => page.getByRole("textbox", { name: /Draft of graphql\/config\.json/ }).textContent()).toContain("false");
    await page.getByRole("button", { name: "Save edits to draft" }).click();
    await page.getByRole("button", { name: "graphql/config.json modified" }).waitFor();
    await page.getByRole("status").filter({ hasText: "1 change not deployed" }).waitFor();
    // The top bar's review links here.
    await page.getByRole("button", { name: "Review draft & deploy" }).click();
    await page.getByRole("dialog", { name: "Review draft & deploy" }).getByRole("link", { name: "Open the Deployment screen" }).click();
    await expect.poll(() => page.getByRole("dialog", { name: "Review draft & deploy" }).isVisible()).toBe(false);

    // A bad file: the deploy is refused, the problem is beside its file and on its line.
    await page.getByRole("button", { name: /^auth\/custom_user_data\.json unchanged/ }).click();
    await replaceText(page, "auth/custom_user_data.json", '{\n    "enabled": \n}\n');
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "The deploy was refused: 1 problem" }).waitFor();
    const beside = page.getByRole("list", { name: "Problems in auth/custom_user_data.json" });
    await expect.poll(() => beside.textContent()).toMatch(/auth\/custom_user_data\.json: invalid JSON at line 3/);
    await page.getByRole("button", { name: "Go to line 3" }).click();
    expect(await page.locator("rs-diff-view .cm-lintRange-error").count()).toBeGreaterThan(0);
    expect((await draftFiles(page, appId))["auth/custom_user_data.json"]).not.toContain('"enabled": \n');

    // Kept across a reload until saved.
    await page.reload();
    // The backend starts again after a reload: slow on a busy machine.
    await page.getByRole("button", { name: "auth/custom_user_data.json edited, not saved" }).click({ timeout: 30_000 });
    // Deploy's checks run as you type: the problem shows before any deploy, and goes once fixed.
    await replaceText(page, "auth/custom_user_data.json", '{\n  "enabled": ,\n}\n');
    await page.getByRole("list", { name: "Problems in auth/custom_user_data.json" }).waitFor();
    // Fixed: the same setting, laid out with two spaces (a change of the file all the same).
    await replaceText(page, "auth/custom_user_data.json", '{\n  "enabled": false\n}\n');
    await page.getByRole("list", { name: "Problems in auth/custom_user_data.json" }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText(/Deployed: version \w+ is live/).waitFor();
    await page.getByText("Nothing to deploy: the draft is what is live.").waitFor();
    await expect.poll(() => history(page).count()).toBe(3);
    await expect.poll(() => rowText(page, 1)).toMatch(/live.*Deployed from the console.*2 modified files/);

    // The version before: its diff against the one before it.
    const rows = history(page);
    const uiVersion = (await rows.nth(1).getByRole("rowheader").textContent())!.replace("live", "").trim();
    const templateVersion = (await rows.nth(2).getByRole("rowheader").textContent())!.trim();
    await page.getByRole("link", { name: `Changes of version ${uiVersion}` }).click();
    await page.getByRole("heading", { name: `Version ${uiVersion} (live)` }).waitFor();
    await page.getByRole("button", { name: "graphql/config.json modified" }).click();
    expect(await page.getByRole("list", { name: `Files changed by version ${uiVersion}` }).getByRole("button").count()).toBe(2);
    await expect.poll(() => page.getByRole("textbox", { name: `graphql/config.json in version ${uiVersion}, compared with the version before it` }).textContent()).toContain("false");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "← Draft and history" }).click();

    // Redeploy the template's version: a new deployment equal to it.
    await page.getByRole("button", { name: `Redeploy version ${templateVersion}` }).click();
    await page.getByRole("dialog", { name: `Redeploy version ${templateVersion}?` }).getByRole("button", { name: "Redeploy" }).click();
    await page.getByText(`Version ${templateVersion} is live again`).waitFor();
    await expect.poll(() => history(page).count()).toBe(4);
    expect(await rowText(page, 1)).toMatch(/Redeployed an earlier version.*2 modified files/);
    expect((await draftFiles(page, appId))["graphql/config.json"]).toContain("true");

    // Export the UI version as a zip and read it back.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Export version ${uiVersion} as a .zip` }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const chunks = [await downloadBytes(download)];
    const entries = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const folder = download.suggestedFilename().replace(/\.zip$/, "");
    expect(strFromU8(entries[`${folder}/graphql/config.json`])).toContain("false");
    expect(strFromU8(entries[`${folder}/auth/custom_user_data.json`])).toBe('{\n  "enabled": false\n}\n');
    expect(strFromU8(entries[`${folder}/realm_config.json`])).toContain(appId);

    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows a secret's change in the diff without its value, and exports it only when asked", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    const appId = await blankApp(page);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Values" }).click();
    await page.getByRole("textbox", { name: "Secret name" }).fill("apiKey");
    await page.getByLabel("Secret value").fill("s3cret-in-diff");
    await page.getByRole("button", { name: "Add secret" }).click();
    await page.getByRole("status").filter({ hasText: "Secret apiKey saved to the draft" }).waitFor();
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Deployment" }).click();
    await page.getByRole("button", { name: "sandbox/secrets.json added" }).click();
    const diff = page.getByRole("textbox", { name: /sandbox\/secrets\.json/ });
    await expect.poll(() => diff.textContent()).toContain("(hidden secret, revision 1)");
    expect(JSON.stringify(await draftFiles(page, appId))).not.toContain("s3cret-in-diff");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText(/Deployed: version \w+ is live/).waitFor();
    const live = (await history(page).nth(1).getByRole("rowheader").textContent())!.replace("live", "").trim();

    const exported = async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Export version ${live} as a .zip` }).click()]);
      const chunks = [await downloadBytes(download)];
      const entries = unzipSync(new Uint8Array(Buffer.concat(chunks)));
      return JSON.parse(strFromU8(entries[`${download.suggestedFilename().replace(/\.zip$/, "")}/sandbox/secrets.json`]));
    };
    expect(await exported()).toEqual({ apiKey: "" });
    await page.getByRole("checkbox", { name: "Include secret values" }).check();
    expect(await exported()).toEqual({ apiKey: "s3cret-in-diff" });
    expect(await page.locator("body").innerText()).not.toContain("s3cret-in-diff");
    expect(errors).toEqual([]);
    await context.close();
  }, 40_000);

  it("has no serious accessibility violations in dark mode, with a change and a refused deploy shown", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
    const { page } = await openSandbox(context, url);
    await blankApp(page);
    await page.goto(`${url}#/deploy`);
    await page.getByText(/Unchanged files \(\d+\)/).click();
    await page.getByRole("button", { name: /^auth\/custom_user_data\.json unchanged/ }).click();
    await replaceText(page, "auth/custom_user_data.json", '{\n    "enabled": \n}\n');
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "The deploy was refused" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 40_000);
});
