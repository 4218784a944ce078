/**
 * A scripted learner follows "Rules in depth" from the list of tutorials to its end: the
 * club's app started from the panel's offer, each step read in the panel, its screen opened
 * with the panel's link, done through the console with the values the step gives, Check my
 * work, Next step. Then the app is deployed and realm-web users, in a second tab, try each
 * pattern the steps wrote.
 */

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { readTutorial } from "../tutorial/read-tutorials.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { addRealmWeb, launchChromium, openSandbox, waitForServiceWorker } from "./chromium.ts";
import { learner, panelOf, paste } from "./tutorial-learner.ts";

const url = inject("sandboxUrl");
let browser: Browser;
const tutorial = readTutorial("rules-in-depth").tutorial as Tutorial;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const { valueOf, openStep, checkDone } = learner(tutorial);

async function saveRules(page: Page): Promise<void> {
  const save = page.getByRole("button", { name: "Save to draft" });
  await expect.poll(() => save.isEnabled()).toBe(true);
  await save.click();
  await page.getByText("Saved to the draft.", { exact: false }).first().waitFor();
}

describe("Rules in depth, as a learner", () => {
  it("starts the club's app from the panel, writes the six patterns on the console screens, then two users try each", async () => {
    const started = Date.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openSandbox(context, url);
    page.setDefaultTimeout(30_000);
    const panel = panelOf(page);
    const dialog = page.getByRole("dialog", { name: "Add a role" });

    // The tutorial chosen from the list; its first step offers the club's app.
    await panel.getByRole("button", { name: "All tutorials" }).click();
    await panel.getByRole("button", { name: `Start ${tutorial.manifest.title}` }).click();
    await panel.getByRole("heading", { name: tutorial.steps[0].meta.title }).waitFor();
    await panel.getByRole("group", { name: "Your app and this step" }).getByRole("button", { name: "Start a new app at this step" }).click();
    await panel.getByText(/^The new app \S+ is now the current app/).waitFor();
    const appId = await page.getByRole("combobox", { name: "Current app" }).inputValue();

    // 1. Notes seen only by their owner.
    await openStep(page, 0);
    await page.getByRole("heading", { name: "Rules of board.notes" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Users can only read and write their own data" }).check();
    expect(await dialog.getByRole("combobox", { name: "Field of the document" }).inputValue()).toBe(valueOf(0, "Field of the document"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role owner" }).waitFor();
    await saveRules(page);
    await checkDone(page);

    // 2. Lists shared with their members.
    await openStep(page, 1);
    await page.getByRole("heading", { name: "Rules of board.lists" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Build a role of your own" }).check();
    await dialog.getByRole("combobox", { name: "Applies when" }).selectOption({ label: "A list in the document holds the user's id" });
    await dialog.getByRole("combobox", { name: "Field of the document" }).fill(valueOf(1, "Field of the document"));
    await dialog.getByRole("combobox", { name: "Permissions" }).selectOption({ label: "Read and write all fields" });
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(1, "Role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role member" }).waitFor();
    await saveRules(page);
    await checkDone(page);

    // 3. The function first (the prose links to Functions), then the two roles.
    await panel.getByRole("heading", { name: tutorial.steps[2].meta.title }).waitFor();
    await panel.getByRole("link", { name: "Functions", exact: true }).click();
    await page.getByRole("button", { name: "New function" }).click();
    const newFunction = page.getByRole("form", { name: "New function" });
    await newFunction.getByRole("textbox", { name: /^Function name/ }).fill(valueOf(2, "Function name"));
    await newFunction.getByRole("button", { name: "Create function" }).click();
    await page.getByRole("heading", { name: "isStaffEmail" }).waitFor();
    await paste(page, page, "Source of isStaffEmail", valueOf(2, "Function source"));
    await page.getByRole("button", { name: "Save to draft" }).click();
    await page.getByRole("status").filter({ hasText: "Saved to the draft." }).waitFor();
    await openStep(page, 2);
    await page.getByRole("heading", { name: "Rules of board.announcements" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Build a role of your own" }).check();
    await dialog.getByRole("combobox", { name: "Applies when" }).selectOption({ label: "A function decides" });
    await dialog.getByRole("textbox", { name: "Function name" }).fill(valueOf(2, "Function name"));
    await dialog.getByRole("combobox", { name: "Permissions" }).selectOption({ label: "Read and write all fields" });
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(2, "First role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    const staff = page.getByRole("region", { name: "Role staff" });
    await paste(staff, page, "Apply When", valueOf(2, "Apply When of staff"));
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Users can read all data", exact: true }).check();
    await dialog.getByRole("textbox", { name: "Role name" }).fill(valueOf(2, "Second role name"));
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role reader" }).waitFor();
    await saveRules(page);
    await checkDone(page);

    // 4. Field-level permissions, written in the JSON tab.
    await openStep(page, 3);
    await page.getByRole("heading", { name: "Rules of board.members" }).waitFor();
    await page.getByRole("tab", { name: "JSON" }).click();
    await paste(page, page, "rules.json of board.members", valueOf(3, "rules.json of board.members"));
    await saveRules(page);
    await checkDone(page);

    // 5. Insert-only feedback.
    await openStep(page, 4);
    await page.getByRole("heading", { name: "Rules of board.feedback" }).waitFor();
    await page.getByRole("button", { name: "Add a role" }).click();
    await dialog.getByRole("radio", { name: "Users can only add documents" }).check();
    await dialog.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("region", { name: "Role insertOnly" }).waitFor();
    await saveRules(page);
    await checkDone(page);

    // 6. The city of an embedded address.
    await openStep(page, 5);
    await page.getByRole("heading", { name: "Rules of board.members" }).waitFor();
    await page.getByRole("tab", { name: "JSON" }).click();
    await paste(page, page, "rules.json of board.members", valueOf(5, "rules.json of board.members"));
    await saveRules(page);
    await checkDone(page, true);
    await panel.getByRole("region", { name: `You finished “${tutorial.manifest.title}”` }).waitFor();

    // Live, as each step's Try it asks.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Deployment", exact: true }).click();
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await page.getByText(/Deployed: version \w+ is live/).waitFor();
    const learner = (Date.now() - started) / 1000;

    // Users of realm-web in a second tab: Ada (staff) and Bob try every pattern.
    const client = await openSandbox(context, url);
    await waitForServiceWorker(client.page);
    await addRealmWeb(client.page);
    const tried = await client.page.evaluate(async (id) => {
      const Realm = (globalThis as any).Realm;
      const app = new Realm.App({ id });
      const users: any[] = [];
      for (const email of ["ada@staff.example.org", "bob@example.com"]) {
        await app.emailPasswordAuth.registerUser({ email, password: "secret123" });
        users.push(await app.logIn(Realm.Credentials.emailPassword(email, "secret123")));
      }
      const [ada, bob] = users;
      const board = (user: any, name: string) => user.mongoClient("mongodb-atlas").db("board").collection(name);
      const attempt = async (work: () => Promise<unknown>) => {
        try {
          return await work();
        } catch (error) {
          return `refused: ${(error as Error).message.replace(/^.*\): /, "")}`;
        }
      };

      await board(ada, "notes").insertOne({ owner_id: ada.id, text: "Ada's note" });
      const notes = { ada: (await board(ada, "notes").find({})).length, bob: (await board(bob, "notes").find({})).length };

      await board(ada, "lists").insertOne({ name: "Shared", members: [ada.id, bob.id], items: [] });
      await board(ada, "lists").insertOne({ name: "Ada's own", members: [ada.id], items: [] });
      const listsOfBob = (await board(bob, "lists").find({})).map((l: any) => l.name);
      const bobAddsItem = (await board(bob, "lists").updateOne({ name: "Shared" }, { $push: { items: "Milk" } })).modifiedCount;

      const adaPosts = await attempt(async () => ((await board(ada, "announcements").insertOne({ title: "Meeting", body: "On Friday" })).insertedId ? "inserted" : "?"));
      const bobPosts = await attempt(async () => ((await board(bob, "announcements").insertOne({ title: "Party", body: "Tonight" })).insertedId ? "inserted" : "?"));
      const announcementsOfBob = (await board(bob, "announcements").find({})).map((a: any) => a.title);

      await board(ada, "members").insertOne({ user_id: ada.id, name: "Ada", team: "Blue", phone: "555-0100", address: { city: "Leeds", street: "1 Main St" } });
      const [adaSeenByBob] = await board(bob, "members").find({ user_id: ada.id });
      const bobSeesId = adaSeenByBob?._id !== undefined;
      const [adaSeenByAda] = await board(ada, "members").find({ user_id: ada.id });

      const feedbackInsert = await attempt(async () => ((await board(bob, "feedback").insertOne({ message: "More meetings, please" })).insertedId ? "inserted" : "?"));
      const feedbackRead = { ada: (await board(ada, "feedback").find({})).length, bob: (await board(bob, "feedback").find({})).length };

      const strip = ({ _id, ...rest }: any) => rest;
      return { notes, listsOfBob, bobAddsItem, adaPosts, bobPosts, announcementsOfBob, adaSeenByBob: strip(adaSeenByBob), adaSeenByAda: strip(adaSeenByAda), feedbackInsert, feedbackRead, adaId: ada.id, bobSeesId };
    }, appId);
    expect(tried.notes).toEqual({ ada: 1, bob: 0 });
    expect(tried.listsOfBob).toEqual(["Shared"]);
    expect(tried.bobAddsItem).toBe(1);
    expect(tried.adaPosts).toBe("inserted");
    expect(tried.bobPosts).toMatch(/^refused: .*insert not permitted/);
    expect(tried.announcementsOfBob).toEqual(["Meeting"]);
    expect(tried.adaSeenByBob).toEqual({ name: "Ada", team: "Blue", address: { city: "Leeds" } });
    expect(tried.bobSeesId).toBe(true);
    expect(tried.adaSeenByAda).toEqual({ user_id: tried.adaId, name: "Ada", team: "Blue", phone: "555-0100", address: { city: "Leeds", street: "1 Main St" } });
    expect(tried.feedbackInsert).toBe("inserted");
    expect(tried.feedbackRead).toEqual({ ada: 0, bob: 0 });

    // The Try it of step 4 on the console screens: as Bob, Ada's profile shows its name, team
    // and city only, and its Why? names the role teammate; the system sees every field.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "App Users", exact: true }).click();
    await page.getByRole("article", { name: "bob@example.com" }).getByRole("button", { name: "Run as bob@example.com" }).click();
    const runAs = page.getByRole("combobox", { name: "Run as" });
    await expect.poll(async () => (await runAs.locator("option:checked").textContent())?.trim()).toBe("bob@example.com");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Data", exact: true }).click();
    await page.getByRole("link", { name: /^members, / }).click();
    await page.getByRole("heading", { name: "board.members" }).waitFor();
    const profile = page.getByRole("article", { name: /^Document Ada / });
    await profile.getByText('"Leeds"', { exact: true }).waitFor();
    expect(await profile.getByText('"555-0100"', { exact: true }).count()).toBe(0);
    await profile.getByRole("button", { name: /^Why are fields of .* hidden\?/ }).click();
    const why = page.getByRole("dialog", { name: /^Why are fields of Ada .* hidden from bob@example\.com\?/ });
    await why.getByRole("heading", { name: /hidden: user_id, phone, address\.street$/ }).waitFor();
    await why.getByText(/teammate/).first().waitFor();
    await why.getByRole("button", { name: "Close" }).click();
    await runAs.selectOption({ label: "System (no rules)" });
    await profile.getByText('"555-0100"', { exact: true }).waitFor();

    // Step 3's Try it: Bob's announcement is refused, and the Why view names the role reader.
    await runAs.selectOption({ label: "bob@example.com" });
    await page.getByRole("link", { name: /^announcements, / }).click();
    await page.getByRole("heading", { name: "board.announcements" }).waitFor();
    await page.getByRole("article", { name: /^Document Meeting / }).waitFor();
    await page.getByRole("button", { name: "New document" }).click();
    await paste(page, page, "New document in announcements, Extended JSON", JSON.stringify({ title: "Party", body: "Tonight" }, null, 2));
    await page.getByRole("button", { name: "Insert document" }).click();
    await page.getByRole("alert").filter({ hasText: 'Refused by the rules: the client got "insert not permitted"' }).waitFor();
    await page.getByRole("button", { name: "Why was this refused?" }).click();
    const refused = page.getByRole("dialog", { name: "Why was this insert refused for bob@example.com?" });
    await refused.getByRole("heading", { name: /may not insert this document/ }).waitFor();
    await refused.getByText(/reader/).first().waitFor();
    await refused.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Discard" }).click();
    await page.getByRole("button", { name: "Yes, discard my text" }).click();

    // Step 5's Try it: the feedback is there for the system only.
    await page.getByRole("link", { name: /^feedback, / }).click();
    await page.getByRole("heading", { name: "board.feedback" }).waitFor();
    const compare = page.getByRole("region", { name: /What .* gets against the system/ });
    await expect.poll(() => compare.textContent()).toMatch(/system finds 1 document; .* gets 0/s);
    await runAs.selectOption({ label: "System (no rules)" });
    await page.getByRole("article", { name: /^Document / }).getByText('"More meetings, please"', { exact: true }).waitFor();

    console.log(
      `A scripted learner finished "${tutorial.manifest.title}" in ${learner.toFixed(1)} s; with the two users of realm-web and on the Data screen, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    expect(errors).toEqual([]);
    // The client tab logs only Bob's refused announcement.
    expect(client.errors).toEqual(["Failed to load resource: the server responded with a status of 400 ()"]);
    await context.close();
  }, 240_000);
});
