import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";

import { BackendCoordinator, type Bus } from "../../src/worker/coordinator.ts";
import { FakeLocks } from "../helpers/fake-locks.ts";
import { BackendHost } from "../../src/worker/host.ts";
import { isTerminal, sandboxKey, type BackendConfig, type Call, type Reply, type WorkerMessage } from "../../src/worker/protocol.ts";

const CONFIG: BackendConfig = { basePath: "/coordinator-test/", appId: "coordinator-test", template: "task-tracker" };

interface Tab {
  id: string;
  coordinator: BackendCoordinator;
  messages: WorkerMessage[];
  bus: BroadcastChannel;
  hosts: BackendHost[];
  call(id: number, call: Call): Promise<Reply[]>;
}

const opened: Tab[] = [];

function tab(id: string, locks: FakeLocks, indexedDB: IDBFactory): Tab {
  const messages: WorkerMessage[] = [];
  const waiters = new Map<number, { replies: Reply[]; done: (replies: Reply[]) => void }>();
  const bus = new BroadcastChannel(sandboxKey(CONFIG.basePath));
  const hosts: BackendHost[] = [];
  const coordinator = new BackendCoordinator({
    id,
    config: CONFIG,
    bus: bus as unknown as Bus,
    locks: locks.manager(id),
    toPage: (message) => {
      messages.push(message);
      if (message.kind === "event" || message.kind === "service-worker-port") return;
      const waiter = waiters.get(message.id);
      if (!waiter) return;
      waiter.replies.push(message);
      if (isTerminal(message)) waiter.done(waiter.replies);
    },
    createHost: (problems) => {
      const host = new BackendHost({
        ...CONFIG,
        databaseName: "coordinator-test",
        storage: { indexedDB, IDBKeyRange },
        memoryStorage: async () => ({ indexedDB: new IDBFactory(), IDBKeyRange }),
        problems,
        notifyDelay: 0,
      });
      hosts.push(host);
      return host;
    },
  });
  const result: Tab = {
    id,
    coordinator,
    messages,
    bus,
    hosts,
    call: (callId, call) =>
      new Promise((done) => {
        waiters.set(callId, { replies: [], done });
        coordinator.fromPage({ kind: "call", id: callId, call });
      }),
  };
  opened.push(result);
  return result;
}

/** A tab closing: its Worker stops answering and its lock goes to the next tab. */
async function close(closing: Tab, locks: FakeLocks): Promise<void> {
  closing.bus.close();
  await Promise.all(closing.hosts.map((host) => host.close()));
  locks.release(closing.id);
}

const roles = (t: Tab) => t.messages.flatMap((m) => (m.kind === "event" && m.event.type === "role" ? [m.event.role] : []));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

afterEach(async () => {
  for (const t of opened.splice(0)) {
    t.bus.close();
    await Promise.all(t.hosts.map((host) => host.close()));
  }
});

describe("BackendCoordinator", () => {
  it("lets one tab lead and serves the other tabs' calls through it", async () => {
    const locks = new FakeLocks();
    const indexedDB = new IDBFactory();
    const a = tab("a", locks, indexedDB);
    const b = tab("b", locks, indexedDB);
    expect(roles(a).at(-1)).toBe("leader");
    expect(roles(b).at(-1)).toBe("follower");
    expect(a.hosts).toHaveLength(1);
    expect(b.hosts).toHaveLength(0);

    const [status] = await b.call(1, { op: "status" });
    expect(status).toMatchObject({ kind: "result", value: { state: "ready", appId: "coordinator-test" } });

    const replies = await b.call(2, {
      op: "fetch",
      request: { url: "https://realm.mongodb.com/api/client/v2.0/app/coordinator-test/location", method: "GET", headers: [] },
    });
    // A whole response is one message.
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: "response", head: { status: 200, hasBody: true } });
    const body = (replies[0] as { body: ArrayBuffer }).body;
    expect(JSON.parse(new TextDecoder().decode(body))).toHaveProperty("deployment_model");
  });

  it("broadcasts the leader's status changes to every tab", async () => {
    const locks = new FakeLocks();
    const indexedDB = new IDBFactory();
    const a = tab("a", locks, indexedDB);
    const b = tab("b", locks, indexedDB);
    const [exported] = await b.call(1, { op: "export" });
    const snapshot = JSON.parse((exported as { value: string }).value);
    snapshot.collections["tracker.tasks"] = [{ _id: 1, name: "from b" }];
    await b.call(2, { op: "import", text: JSON.stringify(snapshot) });
    const count = (t: Tab) =>
      t.messages.flatMap((m) => (m.kind === "event" && m.event.type === "status" ? [m.event.status] : [])).at(-1)?.collections.find((c) => c.namespace === "tracker.tasks")?.count;
    await until(() => count(a) === 1 && count(b) === 1);
  });

  it("hands the backend to the next tab when the leading tab closes, data intact", async () => {
    const locks = new FakeLocks();
    const indexedDB = new IDBFactory();
    const a = tab("a", locks, indexedDB);
    const b = tab("b", locks, indexedDB);
    const [exported] = await b.call(1, { op: "export" });
    const snapshot = JSON.parse((exported as { value: string }).value);
    snapshot.collections["tracker.tasks"] = [{ _id: 1, name: "kept" }];
    await b.call(2, { op: "import", text: JSON.stringify(snapshot) });

    await close(a, locks);
    await until(() => roles(b).at(-1) === "leader");
    const [status] = await b.call(3, { op: "status" });
    const value = (status as { value: { collections: { namespace: string; count: number }[] } }).value;
    expect(value.collections.find((c) => c.namespace === "tracker.tasks")?.count).toBe(1);
  });

  it("fails calls that were in flight to a leader that went away", async () => {
    const locks = new FakeLocks();
    const indexedDB = new IDBFactory();
    const a = tab("a", locks, indexedDB);
    const b = tab("b", locks, indexedDB);
    await b.call(1, { op: "status" });
    a.bus.close(); // a stops answering before b's next call arrives
    const pending = b.call(2, { op: "status" });
    await Promise.all(a.hosts.map((host) => host.close()));
    locks.release("a");
    const [reply] = await pending;
    expect(reply).toMatchObject({ kind: "failure", error: { name: "BackendMoved" } });
  });
});
