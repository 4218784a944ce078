import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";

import { BackendHost, type HostOptions } from "../../src/worker/host.ts";
import { fakeClock } from "../helpers/idb.ts";

const NAME = "realm-sandbox:/realm-sandbox/:host-test";
const LOCATION = "https://realm.mongodb.com/api/client/v2.0/app/host-test/location";

function host(overrides: Partial<HostOptions> = {}, indexedDB = new IDBFactory()): BackendHost {
  return new BackendHost({
    appId: "host-test",
    databaseName: NAME,
    template: "task-tracker",
    storage: { indexedDB, IDBKeyRange },
    memoryStorage: async () => ({ indexedDB: new IDBFactory(), IDBKeyRange }),
    now: fakeClock().now,
    notifyDelay: 0,
    ...overrides,
  });
}

async function insertTask(backend: BackendHost, name: string): Promise<void> {
  const text = await backend.exportText();
  const snapshot = JSON.parse(text);
  snapshot.collections["tracker.tasks"] = [...(snapshot.collections["tracker.tasks"] ?? []), { _id: name, name }];
  await backend.importText(JSON.stringify(snapshot));
}

function openRaw(indexedDB: IDBFactory, name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe("BackendHost", () => {

  it("keeps no documents in memory where each tab runs a backend on the same database", async () => {
    const indexedDB = new IDBFactory();
    const noLocks = { problems: [{ kind: "no-web-locks" as const, message: "each tab runs its own backend" }] };
    const [mine, theirs] = [host(noLocks, indexedDB), host(noLocks, indexedDB)];
    const tasks = async (backend: BackendHost) => JSON.parse(await backend.exportText()).collections["tracker.tasks"]?.map((t: any) => t._id) ?? [];
    await insertTask(theirs, "one");
    expect(await tasks(mine)).toEqual(["one"]);
    await insertTask(theirs, "two");
    expect(await tasks(mine)).toEqual(["one", "two"]);
    await Promise.all([mine.close(), theirs.close()]);
  });
  it("opens the sandbox and reports it ready with its deployment and collections", async () => {
    const backend = host();
    const status = await backend.status();
    expect(status).toMatchObject({ state: "ready", appId: "host-test", databaseName: NAME, storage: "indexeddb", problems: [] });
    expect(status.deployment?.origin).toBe("template");
    expect(status.collections.map((c) => c.namespace)).toEqual(["tracker.projects", "tracker.tasks", "tracker.users"]);
    const response = await backend.fetch(new Request(LOCATION));
    expect(response.status).toBeLessThan(500);
    await backend.close();
  });

  it("imports a snapshot, reopens on it and notifies listeners", async () => {
    const backend = host();
    let changes = 0;
    backend.onChange(() => changes++);
    await insertTask(backend, "one");
    await insertTask(backend, "two");
    const status = await backend.status();
    expect(status.collections.find((c) => c.namespace === "tracker.tasks")?.count).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(changes).toBeGreaterThan(0);
    await backend.close();
  });

  it("keeps its data across a reopen of the same database", async () => {
    const indexedDB = new IDBFactory();
    const first = host({}, indexedDB);
    await insertTask(first, "kept");
    await first.close();
    const second = host({}, indexedDB);
    expect((await second.status()).collections.find((c) => c.namespace === "tracker.tasks")?.count).toBe(1);
    await second.close();
  });

  it("refuses a bad snapshot and keeps everything", async () => {
    const backend = host();
    await insertTask(backend, "kept");
    const before = await backend.exportText();
    await expect(backend.importText("{}")).rejects.toThrow(/not a Realm Sandbox export/);
    await expect(backend.importText(before.replace('"realm_config.json": "', '"realm_config.json": "{'))).rejects.toThrow();
    expect(JSON.parse(await backend.exportText()).collections).toEqual(JSON.parse(before).collections);
    expect((await backend.status()).state).toBe("ready");
    await backend.close();
  });

  it("resets to the template, deleting data", async () => {
    const backend = host();
    await insertTask(backend, "gone");
    await backend.reset();
    const status = await backend.status();
    expect(status.state).toBe("ready");
    expect(status.collections.every((c) => c.count === 0)).toBe(true);
    await backend.close();
  });

  it("refuses data stored by a newer version without touching it, and can reset", async () => {
    const indexedDB = new IDBFactory();
    const first = host({}, indexedDB);
    await insertTask(first, "future");
    await first.close();
    (await openRaw(indexedDB, NAME, 500, (db) => db.createObjectStore("future"))).close();

    const backend = host({}, indexedDB);
    const status = await backend.status();
    expect(status.state).toBe("failed");
    expect(status.problems.map((p) => p.kind)).toEqual(["newer-data"]);
    expect(status.problems[0].message).toMatch(/newer version of Realm Sandbox.*Nothing was changed/);
    const response = await backend.fetch(new Request(LOCATION));
    expect(response.status).toBe(500);
    expect((await response.json()).error).toMatch(/newer version/);
    await expect(backend.exportText()).rejects.toThrow(/newer version/);
    const raw = await openRaw(indexedDB, NAME);
    expect(raw.version).toBe(500);
    expect([...raw.objectStoreNames]).toContain("future");
    raw.close();

    await backend.reset();
    expect((await backend.status()).state).toBe("ready");
    expect((await backend.status()).problems).toEqual([]);
    await backend.close();
  });

  it("runs in memory, saying so, when IndexedDB is unavailable", async () => {
    const broken = { open: () => { throw new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError"); } } as unknown as IDBFactory;
    const backend = host({}, broken);
    const status = await backend.status();
    expect(status).toMatchObject({ state: "ready", storage: "memory" });
    expect(status.problems.map((p) => p.kind)).toEqual(["indexeddb-unavailable"]);
    await insertTask(backend, "in memory");
    expect((await backend.status()).collections.find((c) => c.namespace === "tracker.tasks")?.count).toBe(1);
    await backend.close();
  });

  it("runs in memory when there is no IndexedDB at all", async () => {
    const backend = host({ storage: undefined });
    expect(await backend.status()).toMatchObject({ state: "ready", storage: "memory" });
    await backend.close();
  });

  it("keeps environment problems through a reset", async () => {
    const backend = host({ problems: [{ kind: "no-web-locks", message: "one tab only" }] });
    await backend.reset();
    expect((await backend.status()).problems.map((p) => p.kind)).toEqual(["no-web-locks"]);
    await backend.close();
  });
});
