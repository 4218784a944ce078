import { afterEach, describe, expect, it } from "vitest";

import { BACKEND_TAB_CLOSED, LeaderLink } from "../../src/sw/leader-link.ts";
import { BackendCoordinator, type Bus } from "../../src/worker/coordinator.ts";
import type { BackendHost } from "../../src/worker/host.ts";
import { sandboxKey, type BackendConfig, type BusMessage } from "../../src/worker/protocol.ts";
import { FakeLocks } from "../helpers/fake-locks.ts";

const CONFIG: BackendConfig = { basePath: "/leader-link-test/", appId: "leader-link-test", template: "blank" };
const READY = { state: "ready", appId: CONFIG.appId, databaseName: "x", storage: "memory", collections: [], problems: [] };

/** A tab's backend whose client API answers which tab served it, after `gate` when the path is /slow. */
function fakeHost(tab: string, gate: Promise<void>): BackendHost {
  return {
    ready: async () => undefined,
    onChange: () => () => undefined,
    status: async () => READY,
    fetch: async (request: Request) => {
      if (new URL(request.url).pathname === "/slow") await gate;
      return Response.json({ tab });
    },
  } as unknown as BackendHost;
}

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

/** A tab whose page passes the leader's direct channel on to `link`, as the real page does. */
function tab(id: string, locks: FakeLocks, link: LeaderLink, gate: Promise<void>) {
  const bus = new BroadcastChannel(sandboxKey(CONFIG.basePath));
  closing.push(() => bus.close());
  new BackendCoordinator({
    id,
    config: CONFIG,
    bus: bus as unknown as Bus,
    locks: locks.manager(id),
    toPage: (message) => {
      if (message.kind === "service-worker-port") link.adoptPort({ kind: "leader-port", leader: message.leader }, message.port);
    },
    createHost: () => fakeHost(id, gate),
  });
  return { close: () => (bus.close(), locks.release(id)) };
}

/** Client API calls that crossed the bus instead of the direct channel. */
function busCalls(): BusMessage[] {
  const seen: BusMessage[] = [];
  const spy = new BroadcastChannel(sandboxKey(CONFIG.basePath));
  spy.onmessage = (event: MessageEvent<BusMessage>) => void (event.data.kind === "call" && seen.push(event.data));
  closing.push(() => spy.close());
  return seen;
}

const get = (link: LeaderLink, path: string) => link.fetch(new Request(`https://realm.mongodb.com${path}`)).then((r) => r.json());
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("the service worker's link to the leading tab", () => {
  it("moves to the direct channel the leader hands out, leaving the bus", async () => {
    const locks = new FakeLocks();
    const link = new LeaderLink(CONFIG.basePath);
    tab("a", locks, link, Promise.resolve());
    tab("b", locks, link, Promise.resolve());
    const onBus = busCalls();
    expect(await get(link, "/first")).toEqual({ tab: "a" });
    await settle();
    const before = onBus.length;
    for (let i = 0; i < 5; i++) expect(await get(link, "/again")).toEqual({ tab: "a" });
    expect(onBus.length).toBe(before);
  });

  it("answers a call in flight with the 'tab closed' error when the leader changes, and the retry reaches the next leader", async () => {
    const locks = new FakeLocks();
    const link = new LeaderLink(CONFIG.basePath);
    const a = tab("a", locks, link, new Promise(() => undefined));
    tab("b", locks, link, Promise.resolve());
    await get(link, "/first");
    await settle();
    const inFlight = get(link, "/slow");
    await settle();
    a.close();
    await expect(inFlight).rejects.toThrow(BACKEND_TAB_CLOSED);
    expect(await get(link, "/slow")).toEqual({ tab: "b" });
    await settle();
    expect(await get(link, "/slow")).toEqual({ tab: "b" });
  });
});
