import { describe, expect, it } from "vitest";

import { Long, ObjectId } from "../../src/bson/types.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import type { ChangeEvent } from "../../src/storage/change-event.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

function openStore() {
  const db = new SandboxDatabase("store-test", freshIndexedDB());
  return { db, store: new DocumentStore(db, fakeClock().now) };
}

describe("DocumentStore", () => {
  it("stores documents per namespace and lists namespaces", async () => {
    const { store } = openStore();
    await store.commit("a.x", [{ type: "insert", doc: { _id: 1, v: "one" } }]);
    await store.commit("a.y", [{ type: "insert", doc: { _id: 1, v: "other" } }]);
    await store.commit("b.x", [{ type: "insert", doc: { _id: 2 } }]);
    expect(await store.get("a.x", 1)).toEqual({ _id: 1, v: "one" });
    expect(await store.get("a.y", 1)).toEqual({ _id: 1, v: "other" });
    expect(await store.namespaces()).toEqual(["a.x", "a.y", "b.x"]);
    expect(await store.count("a.x")).toBe(1);
  });

  it("treats _id values equal across numeric types as the same key", async () => {
    const { store } = openStore();
    await store.commit("a.x", [{ type: "insert", doc: { _id: 5 } }]);
    await expect(store.commit("a.x", [{ type: "insert", doc: { _id: Long.fromNumber(5) } }])).rejects.toThrow(/E11000 duplicate key/);
    expect(await store.get("a.x", Long.fromNumber(5))).toEqual({ _id: 5 });
  });

  it("rolls back the whole batch on a duplicate _id", async () => {
    const { store } = openStore();
    const id = new ObjectId();
    await expect(
      store.commit("a.x", [
        { type: "insert", doc: { _id: id } },
        { type: "insert", doc: { _id: 2 } },
        { type: "insert", doc: { _id: id } },
      ]),
    ).rejects.toThrow(/E11000 duplicate key error collection: a.x index: _id_ dup key: \{ _id: \{"\$oid":"[0-9a-f]{24}"\} \}/);
    expect(await store.count("a.x")).toBe(0);
  });

  it("emits change events only after commit, with both images", async () => {
    const { store } = openStore();
    const seen: ChangeEvent[] = [];
    store.subscribe((events) => seen.push(...events));
    await store.commit("a.x", [{ type: "insert", doc: { _id: 1, n: 1 } }]);
    await store.commit("a.x", [{ type: "update", before: { _id: 1, n: 1 }, after: { _id: 1, n: 2, m: { k: 1 } } }]);
    await store.commit("a.x", [{ type: "delete", before: { _id: 1, n: 2, m: { k: 1 } } }]);
    await expect(store.commit("a.x", [{ type: "insert", doc: { _id: 9 } }, { type: "insert", doc: { _id: 9 } }])).rejects.toThrow();
    expect(seen.map((e) => e.operationType)).toEqual(["insert", "update", "delete"]);
    expect(seen[1].updateDescription).toEqual({ updatedFields: { n: 2, m: { k: 1 } }, removedFields: [], truncatedArrays: [] });
    expect(seen[1].fullDocumentBeforeChange).toEqual({ _id: 1, n: 1 });
    expect(seen[2].documentKey).toEqual({ _id: 1 });
    expect(seen[2].fullDocument).toBeUndefined();
    expect(seen[0].ns).toEqual({ db: "a", coll: "x" });
  });

  describe("secondary indexes", () => {
    async function seeded() {
      const { db, store } = openStore();
      await store.configureIndexes({ "t.tasks": ["assignee", "tags"] });
      const docs = Array.from({ length: 50 }, (_, i) => ({
        _id: i,
        assignee: `user${i % 5}`,
        n: i,
        tags: i % 2 ? ["odd", `t${i}`] : ["even"],
      }));
      await store.commit("t.tasks", docs.map((doc) => ({ type: "insert" as const, doc })));
      return { db, store };
    }

    it("answers equality, $in and array elements from the index", async () => {
      const { store } = await seeded();
      const byValue = await store.candidates("t.tasks", { kind: "values", field: "assignee", values: ["user1"] });
      expect(byValue.map((d) => d._id)).toHaveLength(10);
      const byList = await store.candidates("t.tasks", { kind: "values", field: "assignee", values: ["user1", "user2", "user1"] });
      expect(byList).toHaveLength(20);
      const byElement = await store.candidates("t.tasks", { kind: "values", field: "tags", values: ["odd"] });
      expect(byElement).toHaveLength(25);
    });

    it("answers ranges within one type bracket", async () => {
      const { store } = await seeded();
      const range = await store.candidates("t.tasks", {
        kind: "range",
        field: "assignee",
        lower: { value: "user3", inclusive: true },
      });
      expect(new Set(range.map((d) => d.assignee))).toEqual(new Set(["user3", "user4"]));
      const exclusive = await store.candidates("t.tasks", {
        kind: "range",
        field: "assignee",
        lower: { value: "user1", inclusive: false },
        upper: { value: "user3", inclusive: false },
      });
      expect(new Set(exclusive.map((d) => d.assignee))).toEqual(new Set(["user2"]));
    });

    it("rebuilds entries when the declared fields change", async () => {
      const { store } = await seeded();
      expect(await store.candidates("t.tasks", { kind: "values", field: "n", values: [7] })).toHaveLength(50);
      await store.configureIndexes({ "t.tasks": ["n"] });
      const found = await store.candidates("t.tasks", { kind: "values", field: "n", values: [7] });
      expect(found).toEqual([{ _id: 7, assignee: "user2", n: 7, tags: ["odd", "t7"] }]);
    });

    it("keeps entries current on update and delete", async () => {
      const { store } = await seeded();
      const before = (await store.get("t.tasks", 3))!;
      await store.commit("t.tasks", [{ type: "replace", before, after: { ...before, assignee: "zed" } }]);
      expect(await store.candidates("t.tasks", { kind: "values", field: "assignee", values: ["zed"] })).toHaveLength(1);
      await store.commit("t.tasks", [{ type: "delete", before: { ...before, assignee: "zed" } }]);
      expect(await store.candidates("t.tasks", { kind: "values", field: "assignee", values: ["zed"] })).toHaveLength(0);
    });
  });

  it("persists across reopening the same database", async () => {
    const deps = freshIndexedDB();
    const first = new SandboxDatabase("persist", deps);
    await new DocumentStore(first, Date.now).commit("a.x", [{ type: "insert", doc: { _id: "k", v: [1, { w: null }] } }]);
    first.close();
    const second = new SandboxDatabase("persist", deps);
    expect(await new DocumentStore(second, Date.now).get("a.x", "k")).toEqual({ _id: "k", v: [1, { w: null }] });
  });
});

describe("DocumentStore reads kept in memory", () => {
  const byId = (ids: unknown[]) => ({ kind: "ids", ids }) as const;
  const byValue = (field: string, values: unknown[]) => ({ kind: "values", field, values }) as const;

  it("answers every kind of read as storage does, before and after writes", async () => {
    const { store } = openStore();
    await store.configureIndexes({ "a.x": ["owner"] });
    await store.commit("a.x", [1, 2, 3].map((i) => ({ type: "insert", doc: { _id: i, owner: i % 2 ? "ada" : "bob" } })));
    const read = async () => ({
      one: await store.get("a.x", 2),
      ids: await store.candidates("a.x", byId([3, 1, 9])),
      owners: await store.candidates("a.x", byValue("owner", ["ada"])),
      all: await store.scan("a.x"),
      pages: await (async () => {
        const docs = [];
        for await (const page of store.scanPages("a.x", 2)) docs.push(...page);
        return docs;
      })(),
    });
    const first = await read();
    expect(await read()).toEqual(first);
    expect(first.owners.map((d) => d._id)).toEqual([1, 3]);
    expect(first.pages).toEqual(first.all);

    await store.commit("a.x", [
      { type: "update", before: { _id: 3, owner: "ada" }, after: { _id: 3, owner: "bob" } },
      { type: "insert", doc: { _id: 9, owner: "ada" } },
      { type: "delete", before: { _id: 2, owner: "bob" } },
    ]);
    const after = await read();
    expect(after.one).toBeUndefined();
    expect(after.ids.map((d) => d._id)).toEqual([1, 3, 9]);
    expect(after.owners.map((d) => d._id)).toEqual([1, 9]);
    expect(after.all.map((d) => d._id)).toEqual([1, 3, 9]);
    expect(after.pages).toEqual(after.all);
  });

  it("hands out a fresh document each time, so a caller's changes stay its own", async () => {
    const { store } = openStore();
    await store.commit("a.x", [{ type: "insert", doc: { _id: 1, tags: ["a"] } }]);
    const doc = (await store.get("a.x", 1))!;
    (doc.tags as string[]).push("changed");
    expect(await store.get("a.x", 1)).toEqual({ _id: 1, tags: ["a"] });
  });

  it("keeps nothing from a read that a write overtook", async () => {
    const { store } = openStore();
    await store.commit("a.x", [{ type: "insert", doc: { _id: 1, v: "old" } }]);
    const reading = store.scan("a.x");
    const writing = store.commit("a.x", [{ type: "update", before: { _id: 1, v: "old" }, after: { _id: 1, v: "new" } }]);
    await Promise.all([reading, writing]);
    expect(await store.scan("a.x")).toEqual([{ _id: 1, v: "new" }]);
    expect(await store.get("a.x", 1)).toEqual({ _id: 1, v: "new" });
  });

  it("sees another writer of the same database when told not to keep reads", async () => {
    const db = new SandboxDatabase("store-test", freshIndexedDB());
    const [mine, theirs] = [new DocumentStore(db, fakeClock().now, { cacheReads: false }), new DocumentStore(db, fakeClock().now)];
    await theirs.commit("a.x", [{ type: "insert", doc: { _id: 1, v: "old" } }]);
    expect(await mine.get("a.x", 1)).toEqual({ _id: 1, v: "old" });
    await theirs.commit("a.x", [{ type: "update", before: { _id: 1, v: "old" }, after: { _id: 1, v: "new" } }]);
    expect(await mine.get("a.x", 1)).toEqual({ _id: 1, v: "new" });
    expect(await mine.scan("a.x")).toEqual([{ _id: 1, v: "new" }]);
  });
});

describe("DocumentStore.warmUp", () => {
  it("reads small namespaces into memory, and later writes still show", async () => {
    const { db, store } = openStore();
    await store.commit("a.x", [{ type: "insert", doc: { _id: 1 } }]);
    await store.commit("a.big", [1, 2, 3].map((i) => ({ type: "insert", doc: { _id: i } })));
    await store.warmUp(1024 * 1024, 2);
    // Read from memory: the records are gone from storage behind the store's back.
    await db.docs.clear();
    expect(await store.scan("a.x")).toEqual([{ _id: 1 }]);
    expect(await store.scan("a.big")).toEqual([]);
    await store.commit("a.x", [{ type: "insert", doc: { _id: 2 } }]);
    expect(await store.scan("a.x")).toEqual([{ _id: 2 }]);
  });
});
