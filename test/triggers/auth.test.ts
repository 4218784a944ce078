import * as Realm from "realm-web";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AuthEvent } from "../../src/app/app-events.ts";
import { createSandbox } from "../../src/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { triggersOf } from "../../src/triggers/index.ts";
import { openBackend, testUser, type TestBackend } from "../functions/_setup.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const recorder = (tag: string) => ({
  source: `exports = async function (authEvent) {
  await context.services.get("mongodb-atlas").db("audit").collection("auth").insertOne({ tag: "${tag}", authEvent, runningAsSystem: context.runningAsSystem() });
};`,
});

const authTrigger = (name: string, config: Record<string, unknown>) => ({ name, type: "AUTHENTICATION", config, function_name: `on_${name}`, disabled: false });

let backend: TestBackend;
const audit = () => backend.app.mongo(SYSTEM_CONTEXT).db("audit").collection("auth");

const event = (operationType: AuthEvent["operationType"], providers = ["local-userpass"], user: AuthEvent["user"] = testUser() as AuthEvent["user"]): AuthEvent => ({
  operationType,
  providers,
  user,
  time: new Date(backend.clock.now()),
});

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      on_created: recorder("created"),
      on_logins: recorder("logins"),
      on_deleted: recorder("deleted"),
      on_anonOnly: recorder("anonOnly"),
      on_either: recorder("either"),
    },
    triggers: [
      authTrigger("created", { operation_type: "CREATE", providers: ["local-userpass"] }),
      authTrigger("logins", { operation_type: "LOGIN", providers: ["local-userpass", "anon-user"] }),
      authTrigger("deleted", { operation_type: "DELETE", providers: ["local-userpass"] }),
      authTrigger("anonOnly", { operation_type: "CREATE", providers: ["anon-user"] }),
      authTrigger("either", { operation_types: ["CREATE", "DELETE"], providers: ["local-userpass"] }),
    ],
  });
});

afterAll(() => backend.close());

beforeEach(async () => {
  await backend.triggers.settled();
  await audit().deleteMany({});
});

const tags = async () => (await audit().find({}, { _id: 0, tag: 1 })).map((doc) => doc.tag).sort();

describe("authentication triggers", () => {
  it("CREATE passes {operationType, providers, user, time} and runs as the system", async () => {
    const created = event("CREATE");
    backend.app.events.emit("auth", created);
    await backend.triggers.settled();
    const docs = await audit().find({ tag: "created" }, { _id: 0 });
    expect(docs).toEqual([{ tag: "created", authEvent: { operationType: "CREATE", providers: ["local-userpass"], user: created.user, time: created.time }, runningAsSystem: true }]);
    expect(await tags()).toEqual(["created", "either"]);
  });

  it("LOGIN and DELETE fire their own triggers", async () => {
    backend.app.events.emit("auth", event("LOGIN"));
    backend.app.events.emit("auth", event("DELETE"));
    await backend.triggers.settled();
    expect(await tags()).toEqual(["deleted", "either", "logins"]);
  });

  it("the provider list filters events", async () => {
    backend.app.events.emit("auth", event("CREATE", ["anon-user"]));
    backend.app.events.emit("auth", event("LOGIN", ["anon-user"]));
    backend.app.events.emit("auth", event("LOGIN", ["api-key"]));
    await backend.triggers.settled();
    expect(await tags()).toEqual(["anonOnly", "logins"]);
  });

  it("runs are logged with the user", async () => {
    const user = testUser("6000000000000000000000c3", "cy@example.com") as AuthEvent["user"];
    backend.app.events.emit("auth", event("LOGIN", ["local-userpass"], user));
    await backend.triggers.settled();
    const [entry] = await backend.app.log.query({ types: ["trigger"], userId: user.id });
    expect(entry.summary).toBe("trigger logins (LOGIN local-userpass) → on_logins");
    expect(entry.details).toMatchObject({ triggerType: "AUTHENTICATION", event: { operationType: "LOGIN", user: { id: user.id } } });
  });
});

/** realm-web's storage over a Map, like one browser's localStorage. */
class MapStorage {
  constructor(private readonly map = new Map<string, string>(), private readonly base = "") {}
  get(key: string) {
    return this.map.get(this.base + key) ?? null;
  }
  set(key: string, value: string) {
    this.map.set(this.base + key, value);
  }
  remove(key: string) {
    this.map.delete(this.base + key);
  }
  prefix(part: string) {
    return new MapStorage(this.map, `${this.base}${part}:`);
  }
  clear(prefix = "") {
    for (const key of [...this.map.keys()]) if (key.startsWith(this.base + prefix)) this.map.delete(key);
  }
  addListener() {}
  removeListener() {}
}

describe("the tutorial's onNewUser trigger", () => {
  it("createNewUserDocument writes tracker.users when a CREATE event arrives", async () => {
    const sandbox = await createSandbox({ template: "task-tracker", databaseName: "tutorial-trigger", ...freshIndexedDB(), bcryptCost: 4 });
    try {
      const user = testUser("5f00000000000000000000aa", "learner@example.com") as AuthEvent["user"];
      sandbox.app.events.emit("auth", { operationType: "CREATE", providers: ["local-userpass"], user, time: new Date() });
      await triggersOf(sandbox.app)!.settled();
      const users = await sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users").find({}, { _id: 0 });
      expect(users).toEqual([{ _partition: "My Project", user_id: user.id, name: "learner@example.com" }]);
    } finally {
      await sandbox.close();
    }
  });

  it("end to end through realm-web: register, log in, and the user document appears", async () => {
    const clock = fakeClock();
    const sandbox = await createSandbox({
      appId: "tasktracker-e2e",
      template: "task-tracker",
      databaseName: "tutorial-e2e",
      now: clock.now,
      bcryptCost: 4,
      ...freshIndexedDB(),
    });
    try {
      const app = new Realm.App({
        id: sandbox.appId,
        baseUrl: "http://sandbox.local",
        skipLocationRequest: true,
        fetch: sandbox.fetch as unknown as Realm.AppConfiguration["fetch"],
        storage: new MapStorage() as unknown as NonNullable<Realm.AppConfiguration["storage"]>,
      });
      await app.emailPasswordAuth.registerUser({ email: "learner@example.com", password: "secret123" });
      const user = await app.logIn(Realm.Credentials.emailPassword("learner@example.com", "secret123"));
      await triggersOf(sandbox.app)!.settled();
      const users = await sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("users").find({}, { _id: 0 });
      expect(users).toEqual([{ _partition: "My Project", user_id: user.id, name: "learner@example.com" }]);
      // The trigger ran after the first token was issued; a refresh brings the custom data.
      await user.refreshCustomData();
      expect(user.customData).toMatchObject({ user_id: user.id, name: "learner@example.com" });
      const [run] = await sandbox.app.log.query({ types: ["trigger"], userId: user.id });
      expect(run).toMatchObject({ status: "ok", summary: "trigger onNewUser (CREATE local-userpass) → createNewUserDocument" });
    } finally {
      await sandbox.close();
    }
  });
});
