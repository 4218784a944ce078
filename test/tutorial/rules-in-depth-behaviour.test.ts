/**
 * What the Rules in depth tutorial says each pattern does, tried as two users through
 * realm-web against its final app: a staff member and someone from outside.
 */
import { fileURLToPath } from "node:url";

import * as Realm from "realm-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { filesAfter } from "../../src/tutorial/state-at.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { MemoryStore } from "../compat/realm-web-support.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";
import { readTutorial } from "./read-tutorials.ts";

const APP_ID = "board-abcde";
const PASSWORD = "secret123";
const steps = (readTutorial("rules-in-depth", fileURLToPath(new URL("../../tutorials", import.meta.url))).tutorial as Tutorial).steps;

let sandbox: Sandbox;
let staff: Realm.User;
let outsider: Realm.User;

function client(): Realm.App {
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(input instanceof Request && !init ? input : new Request(input, init))) as typeof globalThis.fetch;
  return new Realm.App({ id: APP_ID, baseUrl: "http://emu.local", skipLocationRequest: true, fetch: fetch as unknown as Realm.AppConfiguration["fetch"], storage: new MemoryStore() as never });
}

async function signUp(email: string): Promise<Realm.User> {
  const app = client();
  await app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
  return app.logIn(Realm.Credentials.emailPassword(email, PASSWORD));
}

const board = (user: Realm.User, collection: string) => user.mongoClient("mongodb-atlas").db("board").collection(collection);

async function refused(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as Error).message;
  }
  return "allowed";
}

beforeAll(async () => {
  sandbox = await createSandbox({ appId: APP_ID, template: "blank", databaseName: "rules-in-depth", now: fakeClock().now, bcryptCost: 4, ...freshIndexedDB() });
  await sandbox.importApp(filesAfter(steps, steps.length - 1));
  staff = await signUp("ada@staff.example.org");
  outsider = await signUp("bob@example.com");
});

afterAll(() => sandbox?.close());

describe("Rules in depth, as two users", () => {
  it("owner: each sees and changes only their own notes", async () => {
    await board(staff, "notes").insertOne({ owner_id: staff.id, text: "Ada's note" });
    expect(await refused(board(outsider, "notes").insertOne({ owner_id: staff.id, text: "forged" }))).toMatch(/insert not permitted/);
    expect(await board(outsider, "notes").find({})).toEqual([]);
    expect((await board(staff, "notes").find({})).map((n) => n.text)).toEqual(["Ada's note"]);
  });

  it("shared list: members read and change it, others do not see it", async () => {
    await board(staff, "lists").insertOne({ name: "Shopping", members: [staff.id, outsider.id], items: [] });
    await board(staff, "lists").insertOne({ name: "Secret", members: [staff.id], items: [] });
    expect((await board(outsider, "lists").find({})).map((l) => l.name)).toEqual(["Shopping"]);
    await board(outsider, "lists").updateOne({ name: "Shopping" }, { $push: { items: "milk" } });
    expect((await board(staff, "lists").findOne({ name: "Shopping" }))?.items).toEqual(["milk"]);
  });

  it("email domain: staff post announcements, everyone reads them", async () => {
    await board(staff, "announcements").insertOne({ title: "Welcome", body: "Hello, club." });
    expect(await refused(board(outsider, "announcements").insertOne({ title: "Spam", body: "…" }))).toMatch(/insert not permitted/);
    expect((await board(outsider, "announcements").find({})).map((a) => a.title)).toEqual(["Welcome"]);
  });

  it("field level and embedded fields: teammates see the name, team and city only", async () => {
    await board(outsider, "members").insertOne({ user_id: outsider.id, name: "Bob", team: "Rowing", phone: "555-0100", address: { city: "Leeds", street: "1 River Lane" } });
    const seen = await board(staff, "members").findOne({ user_id: outsider.id });
    expect(seen).toMatchObject({ name: "Bob", team: "Rowing", address: { city: "Leeds" } });
    expect(seen).not.toHaveProperty("phone");
    expect(seen?.address).not.toHaveProperty("street");
    expect(await board(outsider, "members").findOne({ user_id: outsider.id })).toMatchObject({ phone: "555-0100", address: { street: "1 River Lane" } });
  });

  it("insert only: feedback goes in and nobody reads it back", async () => {
    await board(outsider, "feedback").insertOne({ message: "More rowing, please." });
    expect(await board(outsider, "feedback").find({})).toEqual([]);
    expect(await board(staff, "feedback").find({})).toEqual([]);
  });
});
