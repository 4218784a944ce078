import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, seriousViolations } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const url = inject("sandboxUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function draftFiles(page: Page, appId: string): Promise<Record<string, string>> {
  return page.evaluate(async (id) => {
    const response = await (globalThis as any).realmSandbox.admin(new URL(`./api/admin/v3.0/groups/sandbox/apps/${id}/drafts/current`, document.baseURI));
    return (await response.json()).files;
  }, appId);
}

/** What realm-web's `app.emailPasswordAuth.registerUser` sends; answers the HTTP status. */
async function register(page: Page, appId: string, email: string): Promise<number> {
  return page.evaluate(
    async ([id, email]) => {
      const path = `./api/client/v2.0/app/${id}/auth/providers/local-userpass/register`;
      const response = await (globalThis as any).realmSandbox.fetch(new URL(path, document.baseURI), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "secret123" }),
      });
      return response.status;
    },
    [appId, email] as const,
  );
}

async function deployFromTopBar(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Review draft & deploy" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
  await page.getByText("All changes deployed").waitFor();
}

async function openTaskTracker(page: Page, route: string): Promise<void> {
  await page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["Buy milk"]));
  await page.goto(`${url}#${route}`);
  await page.reload();
}

describe("the Authentication and App Users screens", () => {
  it("sets up the guide's Email/Password provider on a blank app: automatic confirmation, reset by a new resetFunc", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}#/`);
    await page.getByRole("button", { name: "Create a blank app" }).click();
    await page.getByText("A blank app was created.").waitFor();
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Authentication" }).click();
    const form = page.getByRole("region", { name: "Email/Password" });
    await form.getByRole("checkbox", { name: "Provider enabled" }).check();
    // A link method without its URL is refused beside the field.
    await form.getByRole("radio", { name: /Send a confirmation email/ }).check();
    await form.getByRole("button", { name: "Save Email/Password" }).click();
    await form.getByText("Enter the URL of your app's page that confirms an account").waitFor();
    expect(await form.getByRole("textbox", { name: "Email confirmation URL" }).getAttribute("aria-invalid")).toBe("true");
    await form.getByRole("radio", { name: /Confirm users automatically/ }).check();

    await form.getByRole("radio", { name: /Run a password reset function/ }).check();
    const picker = form.getByRole("combobox", { name: "Password reset function" });
    await picker.selectOption({ label: "+ New function…" });
    expect(await form.getByRole("textbox", { name: "Name of the new function" }).inputValue()).toBe("resetFunc");
    await form.getByRole("button", { name: "Create function" }).click();
    await form.getByRole("status").filter({ hasText: "Created the function resetFunc" }).waitFor();
    expect(await picker.inputValue()).toBe("resetFunc");

    // Unsaved choices survive a reload.
    await page.reload();
    await form.getByText("Changes you had not saved were restored.").waitFor({ timeout: 30_000 });
    expect(await form.getByRole("radio", { name: /Run a password reset function/ }).isChecked()).toBe(true);
    await form.getByRole("button", { name: "Save Email/Password" }).click();
    await form.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await deployFromTopBar(page);

    const files = await draftFiles(page, appId);
    expect(JSON.parse(files["auth/providers.json"])["local-userpass"]).toEqual({
      name: "local-userpass",
      type: "local-userpass",
      disabled: false,
      config: { autoConfirm: true, runConfirmationFunction: false, runResetFunction: true, resetFunctionName: "resetFunc" },
    });
    expect(files["functions/resetFunc.js"]).toContain('return { status: "fail" };');
    // The blank app's API-key provider is kept and shown as such.
    await page.getByRole("listitem", { name: "API Keys (api-key)" }).getByText("Disabled").waitFor();
    expect(await register(page, appId, "new@example.com")).toBeLessThan(300);

    // A save the draft refuses says what failed, with the file: here the picked function was
    // removed meanwhile (from another tab, say), which the form could not know.
    await picker.selectOption({ label: "+ New function…" });
    await form.getByRole("textbox", { name: "Name of the new function" }).fill("spareReset");
    await form.getByRole("button", { name: "Create function" }).click();
    await form.getByRole("status").filter({ hasText: "Created the function spareReset" }).waitFor();
    await page.evaluate(async (id) => {
      const path = `./api/admin/v3.0/groups/sandbox/apps/${id}/drafts/current`;
      const admin = (globalThis as any).realmSandbox.admin;
      const files = (await (await admin(new URL(path, document.baseURI))).json()).files;
      const config = JSON.parse(files["functions/config.json"]).filter((f: { name: string }) => f.name !== "spareReset");
      const body = JSON.stringify({ set: { "functions/config.json": JSON.stringify(config) }, remove: ["functions/spareReset.js"] });
      await admin(new URL(path, document.baseURI), { method: "PATCH", headers: { "content-type": "application/json" }, body });
    }, appId);
    await form.getByRole("button", { name: "Save Email/Password" }).click();
    await form.getByRole("alert").filter({ hasText: "Not saved: the draft refused the change with 1 problem in auth/providers.json (InvalidConfig)" }).waitFor();
    await form.getByText(/auth\/providers\.json: .*spareReset/).first().waitFor();
    expect(await form.getByText("deploy would refuse it").count()).toBe(0);
    expect(await picker.inputValue()).toBe("spareReset");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("confirms a pending user, shows its links, adds a user, runs as it, disables, enables and deletes it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ["clipboard-read", "clipboard-write"] });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTaskTracker(page, "/auth");
    const form = page.getByRole("region", { name: "Email/Password" });
    await form.getByRole("radio", { name: /Send a confirmation email/ }).check({ timeout: 30_000 });
    await form.getByRole("textbox", { name: "Email confirmation URL" }).fill("https://tasks.example.com/confirm");
    await form.getByRole("button", { name: "Save Email/Password" }).click();
    await form.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await deployFromTopBar(page);
    expect(await register(page, APP_ID, "ann@example.com")).toBeLessThan(300);

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "App Users" }).click();
    const ann = page.getByRole("article", { name: "ann@example.com" });
    await ann.getByText("Pending confirmation").waitFor();
    const link = page.getByRole("link", { name: "Confirmation link for ann@example.com" });
    const first = await link.textContent();
    expect(first).toMatch(/^https:\/\/tasks\.example\.com\/confirm\?token=.+&tokenId=[0-9a-f]{24}$/);
    // Copied in one click, with a confirmation beside the button that screen readers hear.
    await page.getByRole("button", { name: "Copy the confirmation link for ann@example.com" }).click();
    await page.getByRole("status").filter({ hasText: /^Copied$/ }).waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(first);
    await ann.getByRole("button", { name: "Send ann@example.com a new confirmation" }).click();
    await page.getByRole("status").filter({ hasText: "A new confirmation for ann@example.com" }).waitFor();
    await expect.poll(() => link.textContent()).not.toBe(first);
    await ann.getByRole("button", { name: "Confirm ann@example.com" }).click();
    await ann.getByText("Pending first login").waitFor();
    await page.getByText("No messages waiting.").waitFor();

    await page.getByRole("textbox", { name: "Email" }).fill("bob@example.com");
    await page.getByRole("textbox", { name: "Password" }).fill("secret123");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("status").filter({ hasText: "Added bob@example.com." }).waitFor();
    await page.getByRole("button", { name: "Add user" }).isEnabled();
    const bob = page.getByRole("article", { name: "bob@example.com" });
    await bob.getByRole("button", { name: "Run as bob@example.com" }).click();
    await bob.getByText("The console runs as this user").waitFor();
    const runAs = page.getByRole("combobox", { name: "Run as" });
    await expect.poll(async () => (await runAs.locator("option:checked").textContent())?.trim()).toBe("bob@example.com");

    // The guide's onNewUser trigger gave bob a user document, read as custom user data.
    await bob.getByRole("button", { name: "Details of bob@example.com" }).click();
    expect(page.url()).toMatch(/#\/users\/[0-9a-f]{24}$/);
    await bob.getByText("tracker.users", { exact: false }).first().waitFor();

    await page.getByRole("searchbox", { name: "Search users by email or id" }).fill("ann");
    await expect.poll(() => page.getByRole("article").count()).toBe(1);
    await page.getByRole("searchbox", { name: "Search users by email or id" }).fill("");
    await expect.poll(() => page.getByRole("article").count()).toBe(2);

    await bob.getByRole("button", { name: "Disable bob@example.com" }).click();
    await bob.getByText("Disabled", { exact: true }).waitFor();
    await expect.poll(() => runAs.inputValue()).toBe("system");
    await bob.getByRole("button", { name: "Enable bob@example.com" }).click();
    await bob.getByRole("button", { name: "Disable bob@example.com" }).waitFor();

    await bob.getByRole("button", { name: "Delete bob@example.com" }).click();
    await page.getByRole("dialog", { name: "Delete bob@example.com?" }).getByRole("button", { name: "Delete user" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted bob@example.com." }).waitFor();
    expect(await page.getByRole("article").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(["light", "dark"] as const)("has no serious accessibility problems in %s mode", async (colorScheme) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(15_000);
    await openTaskTracker(page, "/auth");
    const form = page.getByRole("region", { name: "Email/Password" });
    await form.getByRole("radio", { name: /Send a password reset email/ }).check({ timeout: 30_000 });
    await form.getByRole("button", { name: "Save Email/Password" }).click();
    await form.getByText("Enter the URL of your app's page that sets a new password").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    expect(await register(page, APP_ID, "cat@example.com")).toBeLessThan(300);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "App Users" }).click();
    const cat = page.getByRole("article", { name: "cat@example.com" });
    await cat.getByRole("button", { name: "Details of cat@example.com" }).click();
    await cat.getByText("Custom user data", { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
