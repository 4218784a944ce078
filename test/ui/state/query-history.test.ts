import { describe, expect, it, vi } from "vitest";

import { HISTORY_LIMIT, QueryHistory } from "../../../src/ui/state/query-history.ts";
import type { RunAs } from "../../../src/ui/state/console-store.ts";
import { MemoryStorage, quotaError } from "./memory-storage.ts";

const KEY = "realm-sandbox:playground:history:app-1";
const ada: RunAs = { kind: "user", userId: "u1", email: "ada@example.com" };
const bob: RunAs = { kind: "user", userId: "u2", email: "bob@example.com" };
const run = (query: string, runAs: RunAs = ada, extra: Partial<{ variables: string; ok: boolean; ms: number; operationName: string }> = {}) => ({
  query,
  variables: "",
  runAs,
  ok: true,
  ms: 12,
  ...extra,
});

function clock(start = 1_000) {
  let t = start;
  return () => t++;
}

describe("QueryHistory", () => {
  it("keeps runs newest first and restores them after a reload", () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage, "app-1", clock());
    history.record(run("query A { a }"));
    history.record(run("query B { b }", { kind: "system" }, { ok: false, ms: 40, operationName: "B" }));
    expect(history.entries.map((e) => e.query)).toEqual(["query B { b }", "query A { a }"]);
    expect(history.entries[0]).toMatchObject({ at: 1_001, ok: false, ms: 40, operationName: "B", runAs: { kind: "system" } });
    const again = new QueryHistory(storage, "app-1");
    expect(again.entries).toEqual(history.entries);
    expect(new QueryHistory(storage, "app-2").entries).toEqual([]);
  });

  it("moves an identical re-run to the top instead of adding a copy", () => {
    const history = new QueryHistory(new MemoryStorage(), "app-1", clock());
    history.record(run("query A { a }"));
    history.record(run("query B { b }"));
    const firstId = history.entries[1].id;
    history.record(run("query A { a }", ada, { ms: 3, ok: false }));
    expect(history.entries).toHaveLength(2);
    expect(history.entries[0]).toMatchObject({ id: firstId, query: "query A { a }", ms: 3, ok: false, at: 1_002 });
  });

  it("counts the identity, variables and operation as part of what makes a run the same", () => {
    const history = new QueryHistory(new MemoryStorage(), "app-1");
    history.record(run("q"));
    history.record(run("q", bob));
    history.record(run("q", { kind: "system" }));
    history.record(run("q", ada, { variables: '{"x":1}' }));
    history.record(run("q", ada, { operationName: "Other" }));
    history.record(run("q", { ...ada, email: "renamed@example.com" }));
    expect(history.entries).toHaveLength(5);
  });

  it(`keeps the newest ${HISTORY_LIMIT}`, () => {
    const history = new QueryHistory(new MemoryStorage(), "app-1");
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history.record(run(`query Q${i} { a }`));
    expect(history.entries).toHaveLength(HISTORY_LIMIT);
    expect(history.entries[0].query).toBe(`query Q${HISTORY_LIMIT + 4} { a }`);
    expect(history.entries.at(-1)!.query).toBe("query Q5 { a }");
  });

  it("clears, tells listeners and saves the empty history", () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage, "app-1");
    const listener = vi.fn();
    history.subscribe(listener);
    history.record(run("q"));
    history.clear();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(new QueryHistory(storage, "app-1").entries).toEqual([]);
  });

  it("starts empty from unreadable storage and says so", () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, "]]");
    const history = new QueryHistory(storage, "app-1");
    expect(history.entries).toEqual([]);
    expect(history.error).toMatch(/could not be read/);
    history.record(run("q"));
    expect(new QueryHistory(storage, "app-1").entries).toHaveLength(1);
  });

  it("drops saved entries that are not entries and keeps the rest", () => {
    const storage = new MemoryStorage();
    const good = { id: "1", at: 5, query: "q", variables: "", runAs: { kind: "system" }, ok: true, ms: 1 };
    storage.setItem(KEY, JSON.stringify({ v: 1, entries: [good, { id: "2" }, { ...good, id: "3", runAs: { kind: "user" } }] }));
    expect(new QueryHistory(storage, "app-1").entries).toEqual([good]);
  });

  it("keeps recording in memory when the storage is full, saying so once", () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage, "app-1");
    storage.refuseWrites = quotaError();
    history.record(run("a"));
    expect(history.error).toMatch(/full/);
    history.record(run("b"));
    expect(history.entries).toHaveLength(2);
    storage.refuseWrites = undefined;
    history.record(run("c"));
    expect(history.error).toBeUndefined();
    expect(new QueryHistory(storage, "app-1").entries).toHaveLength(3);
  });
});

describe("QueryHistory when the storage is nearly full", () => {
  it("saves as many of the newest runs as fit, and says how many", () => {
    const storage = new MemoryStorage();
    const history = new QueryHistory(storage, "app-1");
    for (let i = 0; i < 60; i++) history.record(run(`query Q${i} { a }`));
    const setItem = storage.setItem.bind(storage);
    // Room for about 30 entries.
    storage.setItem = (key, value) => {
      if (value.length > 30 * 140) throw quotaError();
      setItem(key, value);
    };
    history.record(run("query Newest { a }"));
    expect(history.entries).toHaveLength(61);
    expect(history.error).toMatch(/only the newest 20 runs/);
    const saved = new QueryHistory(storage, "app-1").entries;
    expect(saved).toHaveLength(20);
    expect(saved[0].query).toBe("query Newest { a }");
  });
});

describe("QueryHistory in two windows of the site", () => {
  it("takes the runs another window saved, so its next run keeps them", () => {
    const storage = new MemoryStorage();
    const pageA = new EventTarget();
    const a = new QueryHistory(storage, "app-1", clock(), pageA);
    const b = new QueryHistory(storage, "app-1", clock(), new EventTarget());
    a.record(run("query FromA { a }"));
    b.record(run("query FromB { b }"));
    const listener = vi.fn();
    a.subscribe(listener);
    pageA.dispatchEvent(Object.assign(new Event("storage"), { key: KEY, newValue: storage.getItem(KEY) }));
    pageA.dispatchEvent(Object.assign(new Event("storage"), { key: "other", newValue: "[]" }));
    expect(listener).toHaveBeenCalledTimes(1);
    a.record(run("query AgainA { a }"));
    expect(new QueryHistory(storage, "app-1").entries.map((e) => e.query)).toEqual(["query AgainA { a }", "query FromB { b }"]);
    a.dispose();
    b.dispose();
  });
});
