import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { NEW_TAB_QUERY, PlaygroundTabs, STARTER_QUERY, UNTITLED } from "../../../src/ui/state/playground-tabs.ts";
import { MemoryStorage, quotaError } from "./memory-storage.ts";

const KEY = "realm-sandbox:playground:tabs:app-1";

describe("PlaygroundTabs", () => {
  let storage: MemoryStorage;
  const open: PlaygroundTabs[] = [];
  const make = (appId = "app-1", pageEvents?: EventTarget) => {
    const tabs = new PlaygroundTabs(storage, appId, { pageEvents: pageEvents ?? new EventTarget() });
    open.push(tabs);
    return tabs;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
  });
  afterEach(() => {
    for (const tabs of open.splice(0)) tabs.dispose();
    vi.useRealTimers();
  });

  it("opens a new app on one tab with the commented example, titled after its operation", () => {
    const tabs = make();
    expect(tabs.tabs).toHaveLength(1);
    expect(tabs.active.query).toBe(STARTER_QUERY);
    expect(tabs.active.title).toBe("WhatCanIAsk");
    expect(tabs.activeId).toBe(tabs.tabs[0].id);
    expect(tabs.error).toBeUndefined();
  });

  it("restores tabs, texts and the active tab after a reload", () => {
    const tabs = make();
    const second = tabs.add({ query: "query AllTasks { tasks { _id } }", variables: '{"a": "é ✓"}', headers: '{"X-Trace": "1"}' });
    tabs.update(second.id, { operationName: "AllTasks" });
    tabs.flush();
    const again = make();
    expect(again.tabs.map((t) => ({ ...t }))).toEqual(tabs.tabs.map((t) => ({ ...t })));
    expect(again.activeId).toBe(second.id);
    expect(again.active.variables).toBe('{"a": "é ✓"}');
  });

  it("keeps each app's tabs apart", () => {
    make("app-1").add({ query: "query One { a }" });
    open[0].flush();
    expect(make("app-2").tabs.map((t) => t.title)).toEqual(["WhatCanIAsk"]);
  });

  it("waits for a pause in typing before writing, then writes once", () => {
    const tabs = make();
    const before = storage.writes;
    for (const letter of "query Typed { a }") tabs.update(tabs.activeId, { query: tabs.active.query + letter });
    expect(storage.writes).toBe(before);
    vi.advanceTimersByTime(299);
    expect(storage.writes).toBe(before);
    vi.advanceTimersByTime(1);
    expect(storage.writes).toBe(before + 1);
  });

  it("writes pending edits when the page is hidden", () => {
    const page = new EventTarget();
    const tabs = make("app-1", page);
    tabs.update(tabs.activeId, { query: "query Late { a }" });
    expect(storage.getItem(KEY)).toBeNull();
    page.dispatchEvent(new Event("pagehide"));
    expect(JSON.parse(storage.getItem(KEY)!).tabs[0].query).toBe("query Late { a }");
  });

  it("titles follow the operation name until the person renames the tab", () => {
    const tabs = make();
    const tab = tabs.add();
    expect(tabs.active.query).toBe(NEW_TAB_QUERY);
    expect(tabs.active.title).toBe(UNTITLED);
    tabs.update(tab.id, { query: "# query Commented\nmutation AddTask { insertOneTask(data: {name: \"query Fake\"}) { _id } }" });
    expect(tabs.active.title).toBe("AddTask");
    tabs.update(tab.id, { query: "query A { a } query B { b }", operationName: "B" });
    expect(tabs.active.title).toBe("B");
    tabs.rename(tab.id, "  My tasks ");
    tabs.update(tab.id, { query: "query Other { a }" });
    expect(tabs.active.title).toBe("My tasks");
    tabs.rename(tab.id, "");
    expect(tabs.active.title).toBe("B");
  });

  it("a title given when opening a tab sticks when it differs from the operation's", () => {
    const tabs = make();
    tabs.add({ title: "Shared with me", query: "query X { a }" });
    tabs.update(tabs.activeId, { query: "query Y { a }" });
    expect(tabs.active.title).toBe("Shared with me");
  });

  it("closing selects the neighbour, and closing the last tab leaves a fresh one", () => {
    const tabs = make();
    const first = tabs.activeId;
    const b = tabs.add({ query: "query B { a }" });
    const c = tabs.add({ query: "query C { a }" });
    tabs.select(b.id);
    tabs.close(b.id);
    expect(tabs.activeId).toBe(c.id);
    tabs.close(c.id);
    expect(tabs.activeId).toBe(first);
    tabs.close(first);
    expect(tabs.tabs).toHaveLength(1);
    expect(tabs.active.id).not.toBe(first);
    expect(tabs.active.query).toBe(NEW_TAB_QUERY);
  });

  it("closing a tab that is not active keeps the active one", () => {
    const tabs = make();
    const first = tabs.activeId;
    const b = tabs.add();
    tabs.close(first);
    expect(tabs.activeId).toBe(b.id);
    tabs.close("no-such-tab");
    expect(tabs.tabs).toHaveLength(1);
  });

  it("tells listeners of every change, and stops when they unsubscribe", () => {
    const tabs = make();
    const listener = vi.fn();
    const stop = tabs.subscribe(listener);
    const b = tabs.add();
    tabs.select(tabs.tabs[0].id);
    tabs.select(tabs.tabs[0].id); // already active: no change
    tabs.rename(b.id, "x");
    stop();
    tabs.close(b.id);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it("starts afresh from unreadable storage, keeps a copy of it and says so", () => {
    storage.setItem(KEY, "{not json");
    const tabs = make();
    expect(tabs.active.title).toBe("WhatCanIAsk");
    expect(tabs.error).toMatch(/could not be read/);
    expect(storage.getItem(`${KEY}:unreadable`)).toBe("{not json");
  });

  it.each([
    ["another format", JSON.stringify({ v: 99, tabs: [] })],
    ["tabs that are not tabs", JSON.stringify({ v: 1, tabs: [{ id: 3 }], activeId: "x" })],
    ["a bare array", "[]"],
  ])("treats %s as unreadable", (_name, raw) => {
    storage.setItem(KEY, raw);
    expect(make().error).toMatch(/could not be read/);
  });

  it("falls back to the first tab when the saved active one is gone", () => {
    storage.setItem(KEY, JSON.stringify({ v: 1, activeId: "gone", tabs: [{ id: "t1", title: "T", query: "", variables: "", headers: "" }] }));
    const tabs = make();
    expect(tabs.activeId).toBe("t1");
    expect(tabs.error).toBeUndefined();
  });

  it("keeps working in memory when the storage is full, says so once, and recovers", () => {
    const tabs = make();
    const listener = vi.fn();
    tabs.subscribe(listener);
    storage.refuseWrites = quotaError();
    tabs.add({ query: "query Kept { a }" });
    tabs.flush();
    expect(tabs.error).toMatch(/storage for this site is full/);
    const said = tabs.error;
    tabs.add();
    tabs.flush();
    expect(tabs.error).toBe(said);
    expect(tabs.tabs).toHaveLength(3);
    storage.refuseWrites = undefined;
    tabs.add();
    tabs.flush();
    expect(tabs.error).toBeUndefined();
    expect(JSON.parse(storage.getItem(KEY)!).tabs).toHaveLength(4);
  });

  it("works when the browser refuses to let it read the storage at all", () => {
    const blocked = new MemoryStorage();
    blocked.getItem = () => {
      throw new Error("The operation is insecure.");
    };
    const tabs = new PlaygroundTabs(blocked, "app-1", { pageEvents: new EventTarget() });
    open.push(tabs);
    expect(tabs.tabs).toHaveLength(1);
    expect(tabs.error).toMatch(/does not let the playground read/);
  });
});

describe("PlaygroundTabs in two windows of the site", () => {
  function storageEvent(key: string, newValue: string | null): Event {
    return Object.assign(new Event("storage"), { key, newValue });
  }

  it("takes the tabs another window saved, keeping its own active tab", () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const pageA = new EventTarget();
    const a = new PlaygroundTabs(storage, "app-1", { pageEvents: pageA });
    a.add({ query: "query FromA { a }" });
    a.flush();
    const b = new PlaygroundTabs(storage, "app-1", { pageEvents: new EventTarget() });
    const mine = a.activeId;
    b.select(b.tabs[0].id);
    b.add({ query: "query FromB { a }" });
    b.flush();
    const listener = vi.fn();
    a.subscribe(listener);
    pageA.dispatchEvent(storageEvent(KEY, storage.getItem(KEY)));
    expect(a.tabs.map((t) => t.title)).toEqual(["WhatCanIAsk", "FromA", "FromB"]);
    expect(a.activeId).toBe(mine);
    expect(listener).toHaveBeenCalledTimes(1);
    // A tab closed in the other window goes here too.
    b.close(mine);
    b.flush();
    pageA.dispatchEvent(storageEvent(KEY, storage.getItem(KEY)));
    expect(a.tabs.map((t) => t.title)).toEqual(["WhatCanIAsk", "FromB"]);
    a.dispose();
    b.dispose();
    vi.useRealTimers();
  });

  it("keeps a tab it opened but never wrote when another window saves", () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const pageA = new EventTarget();
    const a = new PlaygroundTabs(storage, "app-1", { pageEvents: pageA });
    const b = new PlaygroundTabs(storage, "app-1", { pageEvents: new EventTarget() });
    b.add({ query: "query FromB { a }" });
    b.flush();
    pageA.dispatchEvent(storageEvent(KEY, storage.getItem(KEY)));
    expect(a.tabs.map((t) => t.title)).toEqual(["WhatCanIAsk", "FromB", "WhatCanIAsk"]);
    a.flush();
    expect(JSON.parse(storage.getItem(KEY)!).tabs).toHaveLength(3);
    a.dispose();
    b.dispose();
    vi.useRealTimers();
  });

  it("keeps its own unsaved edits, and ignores other keys and unreadable values", () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const page = new EventTarget();
    const a = new PlaygroundTabs(storage, "app-1", { pageEvents: page });
    a.update(a.activeId, { query: "query Typing { a }" });
    page.dispatchEvent(storageEvent(KEY, JSON.stringify({ v: 1, activeId: "x", tabs: [{ id: "x", title: "X", query: "", variables: "", headers: "" }] })));
    expect(a.active.title).toBe("Typing");
    a.flush();
    page.dispatchEvent(storageEvent("realm-sandbox:playground:tabs:other-app", JSON.stringify({ v: 1, activeId: "x", tabs: [{ id: "x", title: "X", query: "", variables: "", headers: "" }] })));
    page.dispatchEvent(storageEvent(KEY, "{broken"));
    page.dispatchEvent(storageEvent(KEY, null));
    expect(a.tabs.map((t) => t.title)).toEqual(["Typing"]);
    a.dispose();
    vi.useRealTimers();
  });
});
