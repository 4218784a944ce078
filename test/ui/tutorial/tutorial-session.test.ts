/**
 * The panel's work on the sandbox, against the real backend in Node: where the app is in
 * the Task Tracker tutorial, a step's check on the draft or the live app, applying a
 * solution, bringing the app to a step's start (with the draft kept first), and starting a
 * step in a new app.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createSandbox, type Sandbox } from "../../../src/index.ts";
import type { Tutorial } from "../../../src/tutorial/types.ts";
import { ConsoleApi } from "../../../src/ui/state/console-api.ts";
import { ConsoleStore } from "../../../src/ui/state/console-store.ts";
import { loadBackup } from "../../../src/ui/tutorial/tutorial-progress.ts";
import { TutorialSession } from "../../../src/ui/tutorial/tutorial-session.ts";
import { freshIndexedDB } from "../../helpers/idb.ts";
import { importCheck, readTutorial } from "../../tutorial/read-tutorials.ts";
import { MemoryStorage } from "../state/memory-storage.ts";

const tutorial = readTutorial("task-tracker-backend").tutorial as Tutorial;
const stepIndex = (id: string) => tutorial.steps.findIndex((s) => s.id === id);
let sandbox: Sandbox;
let session: TutorialSession;
let storage: MemoryStorage;

beforeEach(async () => {
  storage = new MemoryStorage();
  vi.stubGlobal("document", { baseURI: "http://sandbox.local/" });
  vi.stubGlobal("localStorage", storage);
  sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4 });
  const api = new ConsoleApi({
    admin: (input, init) => sandbox.admin(input, init),
    fetch: (input, init) => sandbox.fetch(input, init),
  } as ConstructorParameters<typeof ConsoleApi>[0]);
  const store = new ConsoleStore(api, "tasktracker-sandbox", storage);
  await store.refresh();
  session = new TutorialSession(store, tutorial, (folder, step) => importCheck(folder, step));
});

afterEach(async () => {
  await sandbox.close();
  vi.unstubAllGlobals();
});

describe("the tutorial panel's session", () => {
  it("finds the app at step 2 on the sandbox's blank app, names what is missing, and moves on once the solution is applied", async () => {
    expect(await session.appStep()).toBe(1);
    const before = await session.check(1);
    expect(before.ok).toBe(false);
    expect(before.problems.join(" ")).toMatch(/tracker\.users/);
    const files = await session.learnerFiles(1);
    expect(files.map((f) => [f.path, f.mine])).toEqual([
      ["data_sources/mongodb-atlas/tracker/users/relationships.json", undefined],
      ["data_sources/mongodb-atlas/tracker/users/rules.json", undefined],
      ["data_sources/mongodb-atlas/tracker/users/schema.json", undefined],
    ]);
    await session.applySolution(1);
    expect(await session.check(1)).toEqual({ ok: true, problems: [] });
    expect(await session.appStep()).toBe(2);
  });

  it("brings the app to a step's start keeping its own app id, after keeping the draft it replaces", async () => {
    const original = await session.api.draftFiles("tasktracker-sandbox");
    const roles = stepIndex("task-roles");
    await session.bringToStart(roles);
    expect(await session.appStep()).toBe(roles);
    const draft = await session.api.draftFiles("tasktracker-sandbox");
    expect(JSON.parse(draft["realm_config.json"]).app_id).toBe(JSON.parse(original["realm_config.json"]).app_id);
    expect(loadBackup("tasktracker-sandbox", storage)?.files).toEqual(original);
    await session.restoreDraft(original);
    expect(await session.appStep()).toBe(1);
  });

  it("checks the last step against the live app: done only once deployed", async () => {
    const last = tutorial.steps.length - 1;
    await session.bringToStart(last);
    expect((await session.check(last)).problems).toEqual(["The draft is complete but not live yet: click Deploy on the Deployment screen."]);
    await session.store.api.deploy(session.appId);
    expect(await session.check(last)).toEqual({ ok: true, problems: [] });
    expect(await session.appStep()).toBe(tutorial.steps.length);
  });

  it("starts a step in a new app, leaving the current one as it was", async () => {
    const before = await session.api.draftFiles("tasktracker-sandbox");
    const created = await session.startInNewApp(stepIndex("relationship"));
    expect(created).not.toBe("tasktracker-sandbox");
    expect(session.appId).toBe(created);
    expect(await session.appStep()).toBe(stepIndex("relationship"));
    expect(await session.api.draftFiles("tasktracker-sandbox")).toEqual(before);
  });

  it("sees that a tutorial bringing its own app is not on the current one, and starts its first step in a new app with that app", async () => {
    const rules = new TutorialSession(session.store, readTutorial("rules-in-depth").tutorial as Tutorial, (folder, step) => importCheck(folder, step));
    expect(await session.isOtherApp(0)).toBe(false);
    expect(await rules.isOtherApp(0)).toBe(true);
    const created = await rules.startInNewApp(0);
    expect(rules.appId).toBe(created);
    expect(await rules.isOtherApp(0)).toBe(false);
    expect(await rules.appStep()).toBe(0);
    expect(Object.keys(await rules.api.draftFiles(created))).toContain("data_sources/mongodb-atlas/board/notes/schema.json");
  });
});
